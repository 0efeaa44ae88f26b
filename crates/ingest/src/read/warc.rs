//! WARC files (`.warc`, `.warc.gz`) → one raw article per HTML `response`
//! record, streamed record by record. Damage ends the file with a named
//! skip after the records read before it.

use super::decode::{declared_charset, decode};
use super::html::read_page;
use super::{MAX_ARTICLE_BYTES, ReadItem, Skipped};
use crate::clean::dates::parse_date_text;
use std::io::{BufRead, Read};

/// Longest header line we accept, and the longest header block.
const MAX_HEADER_LINE: u64 = 16 * 1024;
const MAX_HEADER_BYTES: usize = 256 * 1024;

/// The header fields of one WARC record that matter here.
#[derive(Debug, Default)]
struct RecordHeader {
    warc_type: String,
    target_uri: Option<String>,
    date: Option<String>,
    content_type: String,
    content_length: u64,
}

/// The records of one WARC file, read lazily.
pub(crate) struct WarcRecords {
    reader: Box<dyn BufRead>,
    name: String,
    display: String,
    record: usize,
    done: bool,
}

impl WarcRecords {
    pub fn new(reader: Box<dyn BufRead>, name: String, display: String) -> Self {
        WarcRecords {
            reader,
            name,
            display,
            record: 0,
            done: false,
        }
    }

    fn damaged(&mut self, what: String) -> ReadItem {
        self.done = true;
        ReadItem::Skipped(Skipped {
            source: self.display.clone(),
            reason: format!(
                "{what} (at record {}); the {} record(s) before it were read",
                self.record + 1,
                self.record
            ),
        })
    }

    fn read_line(&mut self, buf: &mut Vec<u8>) -> std::io::Result<usize> {
        buf.clear();
        (&mut self.reader)
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', buf)
    }

    /// The next record's header; `Ok(None)` at a clean end of file.
    fn read_header(&mut self) -> Result<Option<RecordHeader>, String> {
        let mut line = Vec::new();
        // Blank lines end the previous record.
        loop {
            let n = self
                .read_line(&mut line)
                .map_err(|e| format!("damaged or truncated: {e}"))?;
            if n == 0 {
                return Ok(None);
            }
            if !line.trim_ascii().is_empty() {
                break;
            }
        }
        if !line.starts_with(b"WARC/") {
            return Err("not a WARC record (no `WARC/` version line)".into());
        }
        let mut header = RecordHeader::default();
        let mut total = line.len();
        let mut length = None;
        loop {
            let n = self
                .read_line(&mut line)
                .map_err(|e| format!("damaged or truncated: {e}"))?;
            total += n;
            if n == 0 {
                return Err("truncated inside a record header".into());
            }
            if total > MAX_HEADER_BYTES {
                return Err("record header too long".into());
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim();
            if text.is_empty() {
                break;
            }
            let Some((key, value)) = text.split_once(':') else {
                continue;
            };
            let value = value.trim().to_string();
            match key.trim().to_ascii_lowercase().as_str() {
                "warc-type" => header.warc_type = value.to_ascii_lowercase(),
                "warc-target-uri" => {
                    header.target_uri = Some(value.trim_matches(['<', '>']).to_string())
                }
                "warc-date" => header.date = Some(value),
                "content-type" => header.content_type = value.to_ascii_lowercase(),
                "content-length" => length = value.parse::<u64>().ok(),
                _ => {}
            }
        }
        header.content_length = length.ok_or("record without a valid Content-Length")?;
        Ok(Some(header))
    }

    /// The article in one HTML response record, if it is one.
    fn article(&self, header: &RecordHeader, block: &[u8]) -> Option<ReadItem> {
        let source = format!("{}#{}", self.name, self.record);
        let response = HttpResponse::parse(block)?;
        if !(200..300).contains(&response.status) || !response.is_html() {
            return None;
        }
        let payload = response.payload();
        let declared = response.charset();
        let (html, _) = decode(&payload, declared);
        Some(
            match read_page(&html, source.clone(), header.target_uri.clone()) {
                Ok(mut page) => {
                    // WARC-Date is the crawl date: only a fallback.
                    if page.published.is_none() {
                        page.published = header.date.as_deref().and_then(parse_date_text);
                    }
                    ReadItem::Article(page)
                }
                Err(reason) => ReadItem::Skipped(Skipped {
                    source: format!("{}#{}", self.display, self.record),
                    reason,
                }),
            },
        )
    }
}

impl Iterator for WarcRecords {
    type Item = ReadItem;

    fn next(&mut self) -> Option<ReadItem> {
        while !self.done {
            let header = match self.read_header() {
                Ok(Some(h)) => h,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(reason) => return Some(self.damaged(reason)),
            };
            self.record += 1;
            let len = header.content_length;
            let wanted =
                header.warc_type == "response" && header.content_type.contains("application/http");
            if wanted && len <= MAX_ARTICLE_BYTES {
                let mut block = Vec::with_capacity(len as usize);
                match (&mut self.reader).take(len).read_to_end(&mut block) {
                    Ok(n) if n as u64 == len => {}
                    Ok(_) => {
                        self.record -= 1;
                        return Some(self.damaged("truncated inside a record".into()));
                    }
                    Err(e) => {
                        self.record -= 1;
                        return Some(self.damaged(format!("damaged or truncated: {e}")));
                    }
                }
                if let Some(item) = self.article(&header, &block) {
                    return Some(item);
                }
                continue;
            }
            match std::io::copy(&mut (&mut self.reader).take(len), &mut std::io::sink()) {
                Ok(n) if n == len => {}
                Ok(_) => {
                    self.record -= 1;
                    return Some(self.damaged("truncated inside a record".into()));
                }
                Err(e) => {
                    self.record -= 1;
                    return Some(self.damaged(format!("damaged or truncated: {e}")));
                }
            }
            if wanted {
                return Some(ReadItem::Skipped(Skipped {
                    source: format!("{}#{}", self.display, self.record),
                    reason: format!(
                        "response record larger than the {} MB limit for one article",
                        MAX_ARTICLE_BYTES / (1024 * 1024)
                    ),
                }));
            }
        }
        None
    }
}

/// An HTTP response as a WARC stores it.
struct HttpResponse<'a> {
    status: u16,
    headers: Vec<(String, String)>,
    body: &'a [u8],
}

impl<'a> HttpResponse<'a> {
    fn parse(block: &'a [u8]) -> Option<HttpResponse<'a>> {
        let (head_end, sep) = find(block, b"\r\n\r\n")
            .map(|i| (i, 4))
            .or_else(|| find(block, b"\n\n").map(|i| (i, 2)))?;
        let head = String::from_utf8_lossy(&block[..head_end]);
        let mut lines = head.lines();
        let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Some(HttpResponse {
            status,
            headers,
            body: &block[head_end + sep..],
        })
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn is_html(&self) -> bool {
        match self.header("content-type") {
            Some(ct) => {
                let ct = ct.to_ascii_lowercase();
                ct.contains("text/html") || ct.contains("application/xhtml")
            }
            None => {
                let head = String::from_utf8_lossy(&self.body[..self.body.len().min(2048)])
                    .to_ascii_lowercase();
                head.contains("<html") || head.contains("<!doctype html")
            }
        }
    }

    fn charset(&self) -> Option<&'static encoding_rs::Encoding> {
        declared_charset(self.header("content-type")?.as_bytes())
    }

    /// The body with chunked transfer coding and gzip content coding undone.
    fn payload(&self) -> Vec<u8> {
        let chunked = self
            .header("transfer-encoding")
            .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
        let body = if chunked {
            dechunk(self.body)
        } else {
            self.body.to_vec()
        };
        let gzipped = self
            .header("content-encoding")
            .is_some_and(|e| e.to_ascii_lowercase().contains("gzip"));
        if gzipped {
            let mut out = Vec::new();
            let decoder = flate2::read::GzDecoder::new(&body[..]);
            if decoder
                .take(MAX_ARTICLE_BYTES)
                .read_to_end(&mut out)
                .is_ok()
            {
                return out;
            }
        }
        body
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Undo chunked transfer coding; stops quietly at the first bad chunk.
fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = find(body, b"\r\n") {
        let size_text = String::from_utf8_lossy(&body[..eol]);
        let size_hex = size_text.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_hex, 16) else {
            break;
        };
        let start = eol + 2;
        let Some(chunk) = body.get(start..start.saturating_add(size)) else {
            out.extend_from_slice(&body[start.min(body.len())..]);
            break;
        };
        if size == 0 {
            break;
        }
        out.extend_from_slice(chunk);
        body = body.get(start + size + 2..).unwrap_or(&[]);
    }
    out
}

/// How many times its compressed size a `.warc.gz` may inflate to (beyond
/// [`INFLATION_SLACK`]). Real WARCs of HTML inflate 3 to 20 times; a gzip
/// bomb of zeros about a thousand times.
pub(crate) const MAX_INFLATION: u64 = 100;
/// Inflated bytes always allowed, whatever the ratio.
pub(crate) const INFLATION_SLACK: u64 = 16 * 1024 * 1024;

/// A `BufRead` that counts the bytes taken from it.
struct Counted {
    inner: Box<dyn BufRead>,
    taken: u64,
}

impl Read for Counted {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.taken += n as u64;
        Ok(n)
    }
}

impl BufRead for Counted {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.taken += amt as u64;
        self.inner.consume(amt);
    }
}

/// A gzip stream (all members) that fails with a named error, instead of
/// filling the disk or the hours, when it inflates more than
/// [`MAX_INFLATION`] times its compressed size.
pub(crate) struct BoundedGz {
    decoder: flate2::bufread::MultiGzDecoder<Counted>,
    inflated: u64,
}

impl BoundedGz {
    pub(crate) fn new(compressed: Box<dyn BufRead>) -> Self {
        BoundedGz {
            decoder: flate2::bufread::MultiGzDecoder::new(Counted {
                inner: compressed,
                taken: 0,
            }),
            inflated: 0,
        }
    }
}

impl Read for BoundedGz {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.decoder.read(buf)?;
        self.inflated += n as u64;
        let compressed = self.decoder.get_ref().taken;
        if self.inflated > compressed.saturating_mul(MAX_INFLATION) + INFLATION_SLACK {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "gzip stream inflates more than {MAX_INFLATION} times its compressed size \
                     ({} MB from {} KB): a decompression bomb, not read further",
                    self.inflated / (1024 * 1024),
                    compressed / 1024
                ),
            ));
        }
        Ok(n)
    }
}
