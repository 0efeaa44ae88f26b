//! Bytes → text: UTF-8 when it is, else the declared charset, else a
//! chardetng guess, decoded with encoding_rs. Never fails on bad bytes.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};
use regex::bytes::Regex;
use std::io::{BufRead, BufReader, Read};
use std::sync::LazyLock;

/// How the text was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decoding {
    /// Valid UTF-8 (or a byte-order mark said which Unicode form).
    Unicode,
    /// UTF-8 but for a few bytes, each read as U+FFFD (which the cleaner
    /// flags): one bad byte must not turn every accented letter of an
    /// article into two Windows-1252 ones.
    Utf8WithErrors,
    /// The charset the document declared.
    Declared(&'static Encoding),
    /// Nothing declared, or the declaration was wrong: guessed.
    Guessed(&'static Encoding),
}

static CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_\-:.]{2,40})"#)
        .expect("literal regex")
});

/// The charset a document declares in its first bytes (`<meta charset>`,
/// `<?xml encoding=…?>`, an HTTP `Content-Type`).
pub(crate) fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let head = &head[..head.len().min(4096)];
    CHARSET
        .captures(head)
        .and_then(|c| Encoding::for_label(c.get(1)?.as_bytes()))
}

/// Decode `bytes`, trusting `declared` (or a charset declared inside the
/// bytes) only when the bytes are not valid UTF-8.
pub(crate) fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> (String, Decoding) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), Decoding::Unicode);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), Decoding::Unicode);
    }
    if mostly_utf8(bytes) {
        return (
            String::from_utf8_lossy(bytes).into_owned(),
            Decoding::Utf8WithErrors,
        );
    }
    let declared = declared
        .or_else(|| declared_charset(bytes))
        .filter(|e| *e != UTF_8);
    if let Some(enc) = declared {
        let (text, _, had_errors) = enc.decode(bytes);
        if !had_errors {
            return (text.into_owned(), Decoding::Declared(enc));
        }
    }
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, Utf8Detection::Deny);
    let (text, _, _) = enc.decode(bytes);
    (text.into_owned(), Decoding::Guessed(enc))
}

/// `reader` as UTF-8: a stream that opens with a UTF-16 byte-order mark is
/// decoded as it is read (bad units as U+FFFD); any other is returned as it
/// is. For the readers that stream line by line (JSON Lines), whose lines
/// end in a byte that UTF-16 splits.
pub(crate) fn utf8_stream(mut reader: Box<dyn BufRead>) -> Box<dyn BufRead> {
    let utf16 = match reader.fill_buf() {
        Ok(head) => Encoding::for_bom(head).filter(|(enc, _)| *enc != UTF_8),
        Err(_) => None, // the first read reports it
    };
    match utf16 {
        Some((enc, _)) => Box::new(BufReader::new(Utf16Stream {
            inner: reader,
            decoder: enc.new_decoder_with_bom_removal(),
            out: Vec::new(),
            at: 0,
            ended: false,
        })),
        None => reader,
    }
}

/// A UTF-16 stream read as UTF-8, a buffer at a time.
struct Utf16Stream {
    inner: Box<dyn BufRead>,
    decoder: encoding_rs::Decoder,
    /// Decoded bytes not yet given out, from `at`.
    out: Vec<u8>,
    at: usize,
    ended: bool,
}

impl Read for Utf16Stream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.out.len() && !self.ended {
            let input = self.inner.fill_buf()?;
            let last = input.is_empty();
            let room = self
                .decoder
                .max_utf8_buffer_length(input.len())
                .unwrap_or(input.len().saturating_mul(3).saturating_add(16));
            self.out.clear();
            self.out.resize(room, 0);
            self.at = 0;
            let (_, read, written, _) = self.decoder.decode_to_utf8(input, &mut self.out, last);
            self.out.truncate(written);
            self.inner.consume(read);
            self.ended = last;
        }
        let n = (self.out.len() - self.at).min(buf.len());
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Whether invalid `bytes` are UTF-8 with a few bad bytes rather than a
/// legacy encoding: at least twice as many valid multi-byte UTF-8 sequences
/// as invalid ones. Text in a single-byte encoding has accented letters
/// followed by ASCII (invalid) and almost never forms valid sequences.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                valid += text.chars().filter(|c| c.len_utf8() > 1).count();
                break;
            }
            Err(e) => {
                let good = &rest[..e.valid_up_to()];
                valid += std::str::from_utf8(good)
                    .map_or(0, |t| t.chars().filter(|c| c.len_utf8() > 1).count());
                invalid += 1;
                match e.error_len() {
                    Some(n) => rest = &rest[e.valid_up_to() + n..],
                    None => break,
                }
            }
        }
    }
    valid > 0 && valid >= 2 * invalid
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_italian_is_decoded() {
        let bytes = b"La libert\xe0 di stampa \xe8 garantita, perch\xe9 la legge lo prevede.";
        let (text, how) = decode(bytes, None);
        assert!(
            text.contains("libertà") && text.contains("è garantita"),
            "{text}"
        );
        assert!(matches!(how, Decoding::Guessed(_)));
        let page = b"<meta charset=\"windows-1252\"><p>citt\xe0</p>";
        let (text, how) = decode(page, None);
        assert!(text.contains("città"));
        assert_eq!(how, Decoding::Declared(encoding_rs::WINDOWS_1252));
        assert_eq!(decode("già".as_bytes(), None).1, Decoding::Unicode);
    }

    /// Finding 4 of the second hardening pass: one invalid byte made a whole
    /// UTF-8 file decode as Windows-1252 (`giovedÃ¬`, `TÃ¼rkiye`).
    #[test]
    fn utf8_with_a_bad_byte_stays_utf8() {
        let mut bytes = "Giovedì la Türkiye ha firmato; così è stato."
            .as_bytes()
            .to_vec();
        bytes.insert(10, 0xff);
        let (text, how) = decode(&bytes, None);
        assert_eq!(how, Decoding::Utf8WithErrors);
        assert!(
            text.contains("Giovedì") && text.contains("Türkiye"),
            "{text}"
        );
        assert!(text.contains('\u{fffd}'));
        // Even when the page declares a legacy charset.
        let mut page = b"<meta charset=\"windows-1252\">".to_vec();
        page.extend_from_slice(&bytes);
        assert_eq!(decode(&page, None).1, Decoding::Utf8WithErrors);
        // A UTF-16 file with its byte-order mark.
        let mut utf16 = vec![0xff, 0xfe];
        for unit in "Türkiye".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(
            decode(&utf16, None),
            ("Türkiye".to_string(), Decoding::Unicode)
        );
    }
}
