//! JSON Lines files → one raw article per line, streamed line by line with
//! a cap on line length. A bad line is a named skip; the file goes on.

use super::decode::decode;
use super::html::read_page;
use super::{MAX_ARTICLE_BYTES, ReadItem, Skipped};
use crate::clean::dates::parse_date_text;
use entente_model::RawArticle;
use serde_json::Value;
use std::io::{BufRead, Read};

/// The records of one JSONL file, read lazily.
pub(crate) struct JsonlRecords {
    reader: Box<dyn BufRead>,
    name: String,
    display: String,
    line: usize,
    done: bool,
}

impl JsonlRecords {
    pub fn new(reader: Box<dyn BufRead>, name: String, display: String) -> Self {
        JsonlRecords {
            reader,
            name,
            display,
            line: 0,
            done: false,
        }
    }

    fn skipped_line(&self, reason: String) -> ReadItem {
        ReadItem::Skipped(Skipped {
            source: format!("{}:{}", self.display, self.line),
            reason,
        })
    }

    /// Discard the rest of an over-long line.
    fn drain_line(&mut self) -> std::io::Result<()> {
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(());
            }
            match buf.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    self.reader.consume(i + 1);
                    return Ok(());
                }
                None => {
                    let n = buf.len();
                    self.reader.consume(n);
                }
            }
        }
    }

    fn record(&self, line: &str) -> ReadItem {
        let value: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => return self.skipped_line(format!("not a JSON record: {e}")),
        };
        let Value::Object(obj) = value else {
            return self.skipped_line("not a JSON object".into());
        };
        let field = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_string);
        let source = field("source").unwrap_or_else(|| format!("{}#{}", self.name, self.line));
        let title = field("title").filter(|t| !t.trim().is_empty());
        let published = field("published").and_then(|p| parse_date_text(&p));
        let lang = field("lang");
        let url = field("url");
        if let Some(text) = field("text") {
            return ReadItem::Article(RawArticle {
                source,
                url,
                title_in_text: title.is_none(),
                title,
                published,
                lang,
                text,
            });
        }
        if let Some(html) = field("html") {
            return match read_page(&html, source, url) {
                Ok(mut page) => {
                    page.title = title.or(page.title);
                    page.published = published.or(page.published);
                    page.lang = lang.or(page.lang);
                    ReadItem::Article(page)
                }
                Err(reason) => self.skipped_line(reason),
            };
        }
        self.skipped_line("record has neither \"text\" nor \"html\" (a string)".into())
    }
}

impl Iterator for JsonlRecords {
    type Item = ReadItem;

    fn next(&mut self) -> Option<ReadItem> {
        while !self.done {
            self.line += 1;
            let mut buf = Vec::new();
            let limit = MAX_ARTICLE_BYTES + 1;
            let read = (&mut self.reader).take(limit).read_until(b'\n', &mut buf);
            match read {
                Err(e) => {
                    self.done = true;
                    return Some(self.skipped_line(format!("read error: {e}")));
                }
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(n) if n as u64 >= limit && buf.last() != Some(&b'\n') => {
                    if let Err(e) = self.drain_line() {
                        self.done = true;
                        return Some(self.skipped_line(format!("read error: {e}")));
                    }
                    return Some(self.skipped_line(format!(
                        "line longer than the {} MiB limit for one article",
                        MAX_ARTICLE_BYTES / (1024 * 1024)
                    )));
                }
                Ok(_) => {}
            }
            let (line, _) = decode(&buf, None);
            if line.trim().is_empty() {
                continue;
            }
            return Some(self.record(line.trim()));
        }
        None
    }
}
