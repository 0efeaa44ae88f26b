//! RSS and Atom feed files → one raw article per item (date, link, title,
//! content as text). A feed is read whole, within the article size limit.

use super::decode::{Decoding, decode};
use super::html::fragment_text;
use super::{ReadItem, Skipped};
use crate::clean::dates::parse_date_text;
use entente_model::RawArticle;

/// The items of one feed file.
pub(crate) fn read_feed(bytes: &[u8], name: &str, display: &str) -> Vec<ReadItem> {
    // Decode ourselves (feeds in Windows-1252 and UTF-16 exist), then hand
    // UTF-8 on, with the declaration rewritten so the parser does not decode
    // twice: only bytes that were UTF-8 already keep theirs.
    let (text, how) = decode(bytes, None);
    let text = match how {
        Decoding::Unicode if std::str::from_utf8(bytes).is_ok() => text,
        _ => rewrite_declared_encoding(&text),
    };
    let feed = match feed_rs::parser::parse(text.as_bytes()) {
        Ok(f) => f,
        Err(e) => {
            return vec![ReadItem::Skipped(Skipped {
                source: display.to_string(),
                reason: format!("not a readable RSS/Atom feed: {e}"),
            })];
        }
    };
    if feed.entries.is_empty() {
        return vec![ReadItem::Skipped(Skipped {
            source: display.to_string(),
            reason: "feed has no items".into(),
        })];
    }
    let feed_lang = feed.language.clone();
    feed.entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let n = i + 1;
            let content = entry
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
                .unwrap_or_default();
            let text = fragment_text(&content);
            if text.is_empty() {
                return ReadItem::Skipped(Skipped {
                    source: format!("{display}#{n}"),
                    reason: "feed item has no content".into(),
                });
            }
            let published = entry
                .published
                .or(entry.updated)
                .and_then(|d| parse_date_text(&d.to_rfc3339()));
            ReadItem::Article(RawArticle {
                source: format!("{name}#{n}"),
                url: entry.links.first().map(|l| l.href.clone()),
                title: entry.title.map(|t| fragment_text(&t.content)),
                published,
                lang: entry.language.or_else(|| feed_lang.clone()),
                text,
                title_in_text: false,
            })
        })
        .collect()
}

/// `<?xml version="1.0" encoding="windows-1252"?>` → `encoding="utf-8"`.
fn rewrite_declared_encoding(text: &str) -> String {
    let head_end = text.find("?>").filter(|&i| i < 200);
    match head_end {
        Some(end) if text.trim_start().starts_with("<?xml") => {
            format!("<?xml version=\"1.0\" encoding=\"utf-8\"{}", &text[end..])
        }
        _ => text.to_string(),
    }
}
