//! A raw article from fuzz bytes: two flag bytes, then the text.

use entente_model::{PartialDate, RawArticle};

const LANGS: &[Option<&str>] = &[None, Some("it"), Some("en"), Some("fr"), Some("xx"), Some("")];

/// Byte 0: language and whether the title is in the text; bytes 1..5: a
/// publication date (any year, month and day, valid or not); the rest: text.
pub fn raw_article(data: &[u8]) -> RawArticle {
    let flags = data.first().copied().unwrap_or(0);
    let published = match data.get(1..5) {
        Some(d) if flags & 0x80 != 0 => Some(PartialDate {
            year: i16::from_le_bytes([d[0], d[1]]),
            month: (d[2] != 0).then_some(d[2]),
            day: (d[3] != 0).then_some(d[3]),
        }),
        Some(d) if flags & 0x40 != 0 => Some(PartialDate::day(
            1990 + i16::from(d[0] % 60),
            1 + d[1] % 12,
            1 + d[2] % 31,
        )),
        _ => None,
    };
    let text = String::from_utf8_lossy(data.get(5..).unwrap_or_default()).into_owned();
    RawArticle {
        source: "fuzz".into(),
        url: None,
        title: (flags & 0x10 != 0).then(|| "Fuzzed title".to_string()),
        published,
        lang: LANGS[usize::from(flags & 0x0f) % LANGS.len()].map(str::to_string),
        text,
        title_in_text: flags & 0x20 != 0,
    }
}
