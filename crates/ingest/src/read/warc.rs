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

    /// Put `bytes` back in front of what is still to be read.
    fn push_back(&mut self, bytes: Vec<u8>) {
        if bytes.is_empty() {
            return;
        }
        let rest = std::mem::replace(&mut self.reader, Box::new(std::io::empty()));
        self.reader = Box::new(std::io::Cursor::new(bytes).chain(rest));
    }

    /// Check that the record whose `block` (its declared Content-Length of
    /// bytes, or nothing when it was not kept) was just read ends there, as
    /// WARC records do with a blank line. When it does not, the length lied:
    /// find where the next record starts, leave the reader there, and say
    /// how the length was wrong.
    fn record_end(&mut self, block: &[u8]) -> Result<(), &'static str> {
        let newline = |b: &u8| matches!(b, b'\r' | b'\n');
        let mut end = Vec::with_capacity(8);
        if (&mut self.reader).take(4).read_to_end(&mut end).is_err() {
            return Ok(()); // the next header read reports the damage
        }
        // Four line ends may be a blank line inside the page where a length
        // that is too short cut it: what follows the line ends decides.
        if end.len() == 4 && end.iter().all(newline) {
            loop {
                let before = end.len();
                let read = (&mut self.reader).take(1).read_to_end(&mut end);
                if read.is_err() || end.len() == before || !newline(&end[before]) {
                    break;
                }
                if end.len() as u64 > MAX_HEADER_LINE {
                    break;
                }
            }
            if !end.last().is_some_and(newline) {
                let _ = (&mut self.reader).take(4).read_to_end(&mut end);
            }
        }
        // A blank line, or line ends then the start of the next record (some
        // writers end records with one line end only).
        let newlines = end.iter().take_while(|b| newline(b)).count();
        let after = &end[newlines..];
        let next_record = b"WARC/".starts_with(after) || after.starts_with(b"WARC/");
        if end.is_empty() || (newlines > 0 && next_record) {
            self.push_back(after.to_vec());
            return Ok(());
        }
        // Longer than the record: the next record starts inside the block.
        if let Some(p) = find(block, b"\r\n\r\nWARC/") {
            let mut rest = block[p + 4..].to_vec();
            rest.extend_from_slice(&end);
            self.push_back(rest);
            return Err("longer than the record");
        }
        // Shorter: the rest of the record follows; skip to the next one.
        self.push_back(end);
        let mut line = Vec::new();
        loop {
            match self.read_line(&mut line) {
                Ok(0) | Err(_) => return Err("shorter than the record"),
                Ok(_) if line.starts_with(b"WARC/") => {
                    self.push_back(std::mem::take(&mut line));
                    return Err("shorter than the record");
                }
                Ok(_) => {}
            }
        }
    }

    /// The skip of a record whose Content-Length did not match it.
    fn lying_length(&self, how: &str) -> ReadItem {
        ReadItem::Skipped(Skipped {
            source: format!("{}#{}", self.display, self.record),
            reason: format!(
                "its Content-Length is {how}: part of a record is not an article, skipped \
                 (the records after it are read)"
            ),
        })
    }

    /// The article in one HTML response record, if it is one.
    fn article(&self, header: &RecordHeader, block: &[u8]) -> Option<ReadItem> {
        let source = format!("{}#{}", self.name, self.record);
        let response = HttpResponse::parse(block)?;
        if !(200..300).contains(&response.status) || !response.is_html() {
            return None;
        }
        let payload = match response.payload() {
            Ok(p) => p,
            Err(reason) => {
                return Some(ReadItem::Skipped(Skipped {
                    source: format!("{}#{}", self.display, self.record),
                    reason,
                }));
            }
        };
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
            if len <= MAX_ARTICLE_BYTES {
                let mut block = Vec::with_capacity(len as usize);
                if let Err(e) = (&mut self.reader).take(len).read_to_end(&mut block) {
                    self.record -= 1;
                    return Some(self.damaged(format!("damaged or truncated: {e}")));
                }
                if (block.len() as u64) < len {
                    // The length runs past the end of the file. If another
                    // record starts inside what was read, the length lied:
                    // skip this record and read on from there.
                    if let Some(p) = find(&block, b"\r\n\r\nWARC/") {
                        self.push_back(block[p + 4..].to_vec());
                        return Some(self.lying_length("longer than the record"));
                    }
                    self.record -= 1;
                    return Some(self.damaged("truncated inside a record".into()));
                }
                if let Err(reason) = self.record_end(&block) {
                    return Some(self.lying_length(reason));
                }
                if wanted && let Some(item) = self.article(&header, &block) {
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
            if let Err(reason) = self.record_end(&[]) {
                return Some(self.lying_length(reason));
            }
            if wanted {
                return Some(ReadItem::Skipped(Skipped {
                    source: format!("{}#{}", self.display, self.record),
                    reason: format!(
                        "response record larger than the {} MiB limit for one article",
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

    /// The body with chunked transfer coding and gzip content coding undone,
    /// or why it cannot be: a damaged chunk or a gzip stream that does not
    /// inflate whole would give part of a page, or its compressed bytes.
    fn payload(&self) -> Result<Vec<u8>, String> {
        let chunked = self
            .header("transfer-encoding")
            .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
        let body = if chunked {
            dechunk(self.body).ok_or(
                "the HTTP payload's chunked transfer coding is damaged or cut short: not read",
            )?
        } else {
            self.body.to_vec()
        };
        let coding = self
            .header("content-encoding")
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let decoder: Box<dyn Read + '_> = match coding.as_str() {
            "" | "identity" => return Ok(body),
            "gzip" | "x-gzip" => Box::new(flate2::read::GzDecoder::new(&body[..])),
            // "deflate" means a zlib stream, though some servers send it raw
            "deflate" if is_zlib_header(&body) => {
                Box::new(flate2::read::ZlibDecoder::new(&body[..]))
            }
            "deflate" => Box::new(flate2::read::DeflateDecoder::new(&body[..])),
            other => {
                let other: String = other.chars().take(40).collect();
                return Err(format!(
                    "the HTTP payload is compressed as `{other}`, which is not read: \
                     its bytes are not the page"
                ));
            }
        };
        let mut out = Vec::new();
        match decoder.take(MAX_ARTICLE_BYTES + 1).read_to_end(&mut out) {
            Ok(_) if out.len() as u64 > MAX_ARTICLE_BYTES => Err(format!(
                "the HTTP payload inflates past the {} MiB limit for one article",
                MAX_ARTICLE_BYTES / (1024 * 1024)
            )),
            Ok(_) => Ok(out),
            Err(e) => Err(format!(
                "the HTTP payload does not decompress ({e}): a truncated or damaged gzip stream, not read"
            )),
        }
    }
}

/// Whether `body` opens with a zlib header (deflate, and the check bits).
fn is_zlib_header(body: &[u8]) -> bool {
    match body {
        [cmf, flg, ..] => cmf & 0x0f == 8 && (u16::from(*cmf) << 8 | u16::from(*flg)) % 31 == 0,
        _ => false,
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Undo chunked transfer coding; `None` when a chunk is damaged or the body
/// ends before the last (empty) chunk.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let eol = find(body, b"\r\n")?;
        let size_text = String::from_utf8_lossy(&body[..eol]);
        let size_hex = size_text.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        let start = eol + 2;
        if size == 0 {
            return Some(out);
        }
        let chunk = body.get(start..start.checked_add(size)?)?;
        out.extend_from_slice(chunk);
        body = body.get(start + size + 2..)?;
    }
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
                     ({} MiB from {} KiB): a decompression bomb, not read further",
                    self.inflated / (1024 * 1024),
                    compressed / 1024
                ),
            ));
        }
        Ok(n)
    }
}
