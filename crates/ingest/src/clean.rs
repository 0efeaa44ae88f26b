//! The cleaner: raw article → cleaned article.

use entente_model::{Article, RawArticle, document_id};

/// Clean one raw article.
pub fn clean(raw: RawArticle) -> Article {
    let mut title = raw.title.clone().unwrap_or_default();
    let mut body = raw.text.as_str();
    let mut offset = 0;
    if raw.title_in_text {
        let trimmed = body.trim_start();
        offset = body.len() - trimmed.len();
        let end = trimmed.find('\n').unwrap_or(trimmed.len());
        title = trimmed[..end].trim().to_string();
        offset += end;
        body = &raw.text[offset..];
    }
    let text = body.trim().to_string();
    let lead = body.len() - body.trim_start().len();
    let orig_start = raw.text[..offset + lead].chars().count();
    Article {
        id: document_id(&text),
        source: raw.source,
        url: raw.url,
        title,
        lang: raw.lang.unwrap_or_else(|| "und".into()),
        published: raw.published,
        dateline: None,
        offset_map: vec![(0, orig_start)],
        text,
        flags: vec![],
        flag_spans: vec![],
    }
}
