//! Readers: a path (file or folder) → a lazy stream of raw articles or named
//! skips. Owns file walking, format sniffing, decoding and size limits; it
//! never cleans text and never panics on what a file holds.

mod decode;
mod depth;
mod feed;
mod html;
mod jsonl;
mod warc;

use decode::decode;
use entente_model::RawArticle;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The largest article we read: a whole text, HTML or feed file, one JSONL
/// line or one WARC record. Larger inputs are skipped with this reason
/// rather than truncated, since half an article would be stored as whole.
pub const MAX_ARTICLE_BYTES: u64 = 20 * 1024 * 1024;

/// How many bytes are looked at to guess a file's form.
const SNIFF_BYTES: usize = 64 * 1024;

/// An input that could not be read, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file (and record, `file:line` / `file#item`) that was skipped.
    pub source: String,
    pub reason: String,
}

/// What a reader yields: an article or a skipped input.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadItem {
    Article(RawArticle),
    Skipped(Skipped),
}

/// `source: reason`, safe to print on a terminal or in a log: control
/// characters (newlines, ANSI escapes), bidirectional overrides and line
/// separators in a file name or a JSONL `source` are written as escapes, so
/// a crafted name cannot forge report lines or restyle the terminal.
impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}",
            printable(&self.source),
            printable(&self.reason)
        )
    }
}

/// `text` with every character that could move the cursor, start an escape
/// sequence or reorder the line written as a `\u{…}` escape (and `\` as
/// `\\`, so that an escape in the output always means one in the input).
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c == '\\' || unsafe_on_a_terminal(c);
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether printing `c` could move the cursor, start an escape sequence or
/// reorder the line: a control character (newlines, ESC, BEL), a
/// bidirectional control, a line or paragraph separator.
pub fn unsafe_on_a_terminal(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{2028}' | '\u{2029}')
}

fn skipped(source: &Path, reason: impl Into<String>) -> ReadItem {
    ReadItem::Skipped(Skipped {
        source: source.display().to_string(),
        reason: reason.into(),
    })
}

/// Every article under `path` (a file or a folder, recursively, in sorted
/// order), streamed: folders are listed as the walk reaches them, and JSONL
/// and WARC files are read record by record.
pub fn read_path(path: &Path) -> Box<dyn Iterator<Item = ReadItem>> {
    read_path_counting(path, std::sync::Arc::default())
}

/// [`read_path`], adding to `read` the size of each file once all its
/// articles have been yielded: with [`input_bytes`] as the total, the share
/// of the input read so far.
pub fn read_path_counting(
    path: &Path,
    read: std::sync::Arc<std::sync::atomic::AtomicU64>,
) -> Box<dyn Iterator<Item = ReadItem>> {
    Box::new(
        FileWalk::new(path).flat_map(move |step| -> Box<dyn Iterator<Item = ReadItem>> {
            match step {
                Ok((file, size)) => {
                    let mut size = Some(size);
                    let read = std::sync::Arc::clone(&read);
                    Box::new(read_file(&file).chain(std::iter::from_fn(move || {
                        if let Some(n) = size.take() {
                            read.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
                        }
                        None
                    })))
                }
                Err(item) => Box::new(std::iter::once(item)),
            }
        }),
    )
}

/// The bytes of the files [`read_path`] would read under `path` (for a
/// progress total; files that cannot be listed count nothing).
pub fn input_bytes(path: &Path) -> u64 {
    FileWalk::new(path)
        .filter_map(Result::ok)
        .map(|(_, size)| size)
        .sum()
}

/// A depth-first walk over files, listing each folder only when reached:
/// each regular file with its size in bytes.
struct FileWalk {
    /// Per open folder, its remaining entries (sorted, reversed for `pop`).
    stack: Vec<Vec<PathBuf>>,
}

impl FileWalk {
    fn new(root: &Path) -> Self {
        FileWalk {
            stack: vec![vec![root.to_path_buf()]],
        }
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

impl Iterator for FileWalk {
    type Item = Result<(PathBuf, u64), ReadItem>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let top = self.stack.last_mut()?;
            let Some(path) = top.pop() else {
                self.stack.pop();
                continue;
            };
            let is_root = self.stack.len() == 1;
            let meta = match std::fs::symlink_metadata(&path) {
                Ok(m) => m,
                Err(e) => return Some(Err(skipped(&path, format!("cannot read: {e}")))),
            };
            let meta = if meta.file_type().is_symlink() {
                match std::fs::metadata(&path) {
                    Ok(m) if m.is_dir() && !is_root => {
                        return Some(Err(skipped(
                            &path,
                            "symbolic link to a folder: not followed",
                        )));
                    }
                    Ok(m) => m,
                    Err(e) => return Some(Err(skipped(&path, format!("broken link: {e}")))),
                }
            } else {
                meta
            };
            if meta.is_file() {
                return Some(Ok((path, meta.len())));
            }
            if !meta.is_dir() {
                // Reading a FIFO or a device would wait forever or never end.
                let kind = special_file_kind(&meta.file_type());
                return Some(Err(skipped(
                    &path,
                    format!("{kind}, not a regular file: not read"),
                )));
            }
            if !is_root && is_hidden(&path) {
                return Some(Err(skipped(&path, "hidden folder: not searched")));
            }
            match std::fs::read_dir(&path) {
                Ok(entries) => {
                    let mut children: Vec<PathBuf> =
                        entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                    children.sort();
                    children.reverse();
                    self.stack.push(children);
                }
                Err(e) => return Some(Err(skipped(&path, format!("cannot list folder: {e}")))),
            }
        }
    }
}

/// What a file that is neither regular nor a folder is, for the skip line.
fn special_file_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    let _ = kind;
    "a special file"
}

/// The input forms of SPEC section 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Text,
    Html,
    Feed,
    Jsonl,
    Warc,
    WarcGz,
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The form a file name promises, if its extension is one we know.
fn form_by_name(name: &str) -> Option<Form> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".warc.gz") {
        return Some(Form::WarcGz);
    }
    let ext = lower.rsplit_once('.').map(|(_, e)| e)?;
    match ext {
        "txt" | "text" => Some(Form::Text),
        "html" | "htm" | "xhtml" => Some(Form::Html),
        "xml" | "rss" | "atom" => Some(Form::Feed),
        "jsonl" | "ndjson" => Some(Form::Jsonl),
        "warc" => Some(Form::Warc),
        _ => None,
    }
}

/// The form of a file from its first bytes, or why it is not an input.
fn sniff(head: &[u8]) -> Result<Form, String> {
    if head.starts_with(&[0x1f, 0x8b]) {
        let mut inner = Vec::new();
        let _ = flate2::read::MultiGzDecoder::new(head)
            .take(16)
            .read_to_end(&mut inner);
        return if inner.starts_with(b"WARC/") {
            Ok(Form::WarcGz)
        } else {
            Err("gzip-compressed file that is not a WARC".into())
        };
    }
    if head.starts_with(b"WARC/") {
        return Ok(Form::Warc);
    }
    let text = match encoding_rs::Encoding::for_bom(head) {
        // UTF-16 text is half NUL bytes: judge it by its characters.
        Some((enc, bom)) => {
            let end = (bom + 4096).min(head.len());
            let (text, _) = enc.decode_without_bom_handling(&head[bom..end]);
            if text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c'))
            {
                return Err("binary file (control characters)".into());
            }
            text.to_ascii_lowercase()
        }
        None => {
            if head.contains(&0) {
                return Err("binary file (NUL bytes)".into());
            }
            let controls = head
                .iter()
                .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
                .count();
            if controls * 20 > head.len() {
                return Err("binary file (control bytes)".into());
            }
            String::from_utf8_lossy(&head[..head.len().min(4096)]).to_ascii_lowercase()
        }
    };
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if start.starts_with('<') {
        if text.contains("<rss") || text.contains("<feed") || text.contains("<rdf:rdf") {
            return Ok(Form::Feed);
        }
        if start.starts_with("<?xml") && !text.contains("<html") {
            return Ok(Form::Feed);
        }
        return Ok(Form::Html);
    }
    if start.starts_with('{') {
        return Ok(Form::Jsonl);
    }
    Ok(Form::Text)
}

fn read_head(file: &mut File) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    file.by_ref()
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)?;
    Ok(head)
}

/// The form of an input named `name` whose first bytes are `head`, or why
/// it is not an input.
fn choose_form(name: &str, head: &[u8]) -> Result<Form, String> {
    let by_name = form_by_name(name);
    if matches!(by_name, None | Some(Form::Jsonl)) && json_document(head) {
        return Err(
            "a JSON document, not JSON Lines: write one article per line ({\"text\": …})".into(),
        );
    }
    match by_name {
        // A known extension still must not hide a binary file.
        Some(f @ (Form::Warc | Form::WarcGz)) => Ok(f),
        Some(f) => sniff(head).map(|sniffed| match sniffed {
            Form::Warc | Form::WarcGz => sniffed,
            _ => f,
        }),
        None => sniff(head),
    }
}

/// True when `head` opens a JSON document spread over lines (`{` alone on
/// the first line) or a JSON array: one value, which read as JSON Lines
/// would have every line skipped on its own.
fn json_document(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let first_line = start.lines().next().unwrap_or("").trim();
    let array = start
        .strip_prefix('[')
        .is_some_and(|rest| rest.trim_start().starts_with(['{', '[', '"', ']']));
    first_line == "{" || array
}

/// Why an input is not read before its form is known, if it is empty.
fn emptiness(head: &[u8], size: u64) -> Option<&'static str> {
    if head.is_empty() {
        return Some("empty file");
    }
    if head.iter().all(|b| b.is_ascii_whitespace()) && size <= head.len() as u64 {
        return Some("empty file (only whitespace)");
    }
    None
}

/// The reason a file over [`MAX_ARTICLE_BYTES`] is skipped, with its size
/// in bytes: in whole MiB, a file just over the limit read as the limit.
fn too_large(size: u64) -> String {
    format!(
        "file too large: {size} bytes, above the {} MiB ({MAX_ARTICLE_BYTES} bytes) limit for one article",
        MAX_ARTICLE_BYTES / (1024 * 1024)
    )
}

/// The records of a JSONL or WARC stream.
fn records(
    form: Form,
    reader: Box<dyn BufRead>,
    name: String,
    display: String,
) -> Box<dyn Iterator<Item = ReadItem>> {
    match form {
        Form::Jsonl => Box::new(jsonl::JsonlRecords::new(
            decode::utf8_stream(reader),
            name,
            display,
        )),
        Form::WarcGz => Box::new(warc::WarcRecords::new(
            Box::new(BufReader::new(warc::BoundedGz::new(reader))),
            name,
            display,
        )),
        _ => Box::new(warc::WarcRecords::new(reader, name, display)),
    }
}

/// The items of a whole text, HTML or feed input held in memory.
fn whole(form: Form, bytes: &[u8], name: String, display: &str) -> Vec<ReadItem> {
    match form {
        Form::Feed => feed::read_feed(bytes, &name, display),
        Form::Html => {
            let (html, _) = decode(bytes, None);
            vec![match html::read_page(&html, name, None) {
                Ok(a) => ReadItem::Article(a),
                Err(reason) => ReadItem::Skipped(Skipped {
                    source: display.to_string(),
                    reason,
                }),
            }]
        }
        _ => {
            let (text, _) = decode(bytes, None);
            vec![ReadItem::Article(RawArticle {
                source: name,
                text,
                title_in_text: true,
                ..Default::default()
            })]
        }
    }
}

/// Every item of one input held in memory, as if it were a file called
/// `name` (whose extension, like a file's, suggests the form). The same
/// sniffing, limits and skips as [`read_path`]; for tests and fuzzing.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Vec<ReadItem> {
    let path = Path::new(name);
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if let Some(reason) = emptiness(head, bytes.len() as u64) {
        return vec![skipped(path, reason)];
    }
    let form = match choose_form(name, head) {
        Ok(f) => f,
        Err(reason) => return vec![skipped(path, reason)],
    };
    match form {
        Form::Jsonl | Form::Warc | Form::WarcGz => {
            let reader = Box::new(std::io::Cursor::new(bytes.to_vec()));
            records(form, reader, name.to_string(), name.to_string()).collect()
        }
        Form::Text | Form::Html | Form::Feed => {
            if bytes.len() as u64 > MAX_ARTICLE_BYTES {
                return vec![skipped(path, too_large(bytes.len() as u64))];
            }
            whole(form, bytes, name.to_string(), name)
        }
    }
}

/// Every item of one file.
fn read_file(path: &Path) -> Box<dyn Iterator<Item = ReadItem>> {
    let once = |item| -> Box<dyn Iterator<Item = ReadItem>> { Box::new(std::iter::once(item)) };
    let name = file_name(path);
    let display = path.display().to_string();
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return once(skipped(path, format!("cannot open: {e}"))),
    };
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let head = match read_head(&mut file) {
        Ok(h) => h,
        Err(e) => return once(skipped(path, format!("cannot read: {e}"))),
    };
    if let Some(reason) = emptiness(&head, size) {
        return once(skipped(path, reason));
    }
    let form = match choose_form(&name, &head) {
        Ok(f) => f,
        Err(reason) => return once(skipped(path, reason)),
    };
    match form {
        Form::Jsonl | Form::Warc | Form::WarcGz => match File::open(path) {
            Ok(f) => records(form, Box::new(BufReader::new(f)), name, display),
            Err(e) => once(skipped(path, format!("cannot reopen: {e}"))),
        },
        Form::Text | Form::Html | Form::Feed => {
            if size > MAX_ARTICLE_BYTES {
                return once(skipped(path, too_large(size)));
            }
            // Read at most one byte past the limit, in case the file grew.
            let mut bytes = Vec::new();
            let read = File::open(path)
                .and_then(|f| f.take(MAX_ARTICLE_BYTES + 1).read_to_end(&mut bytes));
            if let Err(e) = read {
                return once(skipped(path, format!("cannot read: {e}")));
            }
            if bytes.len() as u64 > MAX_ARTICLE_BYTES {
                return once(skipped(path, too_large(bytes.len() as u64)));
            }
            Box::new(whole(form, &bytes, name, &display).into_iter())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_tells_forms_apart() {
        assert_eq!(sniff(b"WARC/1.1\r\n"), Ok(Form::Warc));
        assert_eq!(sniff(b"<?xml version=\"1.0\"?><rss>"), Ok(Form::Feed));
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), Ok(Form::Html));
        assert_eq!(sniff(b"{\"text\":\"x\"}\n"), Ok(Form::Jsonl));
        // a JSON document over several lines, or an array, is not JSON Lines
        for doc in [
            &b"{\n  \"source\": \"a.txt\"\n}\n"[..],
            b"[{\"text\": \"x\"}]",
            b"[\n  {\"text\": 1}\n]",
        ] {
            assert!(choose_form("gold.json", doc).is_err());
            assert!(choose_form("records.jsonl", doc).is_err());
        }
        // a text that opens with brackets is still a text
        assert_eq!(
            choose_form("note.txt", b"[Reuters] Japan said"),
            Ok(Form::Text)
        );
        assert_eq!(choose_form("note", b"[Reuters] Japan said"), Ok(Form::Text));
        assert_eq!(choose_form("a.txt", b"{\n"), Ok(Form::Text));
        assert_eq!(sniff(b"Just a title\n\nAnd a body."), Ok(Form::Text));
        assert!(sniff(b"\x7fELF\x02\x01\x01\x00\x00").is_err());
    }
}
