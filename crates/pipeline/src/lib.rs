//! The per-article pipeline: clean → link actors → extract. Wires the
//! stages; owns no logic of its own and never touches the database.
//!
//! It bounds the work one article can cost: events are coded in at most
//! the first [`MAX_EXTRACT_CHARS`] characters of a body (the coder's cost
//! grows faster than the text), and a longer document is stored whole but
//! flagged [`EXTRACTION_TRUNCATED`].
#![forbid(unsafe_code)]

use entente_kb::Kb;
use entente_model::{Article, Extraction, Flag, PartialDate, RawArticle};

/// The longest body whose events are all coded, in characters (a long
/// news article is under 50,000).
pub const MAX_EXTRACT_CHARS: usize = 100_000;

/// The flag of a document longer than [`MAX_EXTRACT_CHARS`]: only its
/// beginning was searched for actors, events and agreements.
pub const EXTRACTION_TRUNCATED: &str = "extraction-truncated";

/// Everything the per-article stages need, loaded once.
pub struct Pipeline {
    pub kb: Kb,
    /// The publication date of an article whose input, address, file name
    /// and head give none (`ingest --published`).
    pub published: Option<PartialDate>,
}

impl Pipeline {
    pub fn new(kb: Kb) -> Self {
        Pipeline {
            kb,
            published: None,
        }
    }

    /// This pipeline, dating the articles that carry no date of their own
    /// `published`.
    pub fn with_published(self, published: Option<PartialDate>) -> Self {
        Pipeline { published, ..self }
    }

    /// Run every per-article stage on one raw article.
    pub fn process(&self, raw: RawArticle) -> Extraction {
        let article = entente_ingest::clean_dated(raw, self.published);
        let Some(head) = extraction_head(&article) else {
            let mentions = self.kb.link(&article);
            return entente_extract::extract(&article, &mentions, &self.kb);
        };
        let mentions = self.kb.link(&head);
        let mut extraction = entente_extract::extract(&head, &mentions, &self.kb);
        // Offsets into the head are offsets into the whole text.
        extraction.document.text = article.text;
        extraction.document.flags = article.flags;
        extraction
            .document
            .flags
            .push(Flag(EXTRACTION_TRUNCATED.to_string()));
        extraction.document.flags.sort();
        extraction.document.flags.dedup();
        extraction
    }
}

/// The beginning of an over-long article, cut at the last paragraph (else
/// sentence, else word) break within [`MAX_EXTRACT_CHARS`]; `None` when
/// the article is short enough to code whole.
fn extraction_head(article: &Article) -> Option<Article> {
    let (cut, _) = article.text.char_indices().nth(MAX_EXTRACT_CHARS)?;
    let within = &article.text[..cut];
    let end = within
        .rfind("\n\n")
        .or_else(|| within.rfind(". ").map(|i| i + 1))
        .or_else(|| within.rfind(char::is_whitespace))
        .filter(|&i| i > 0)
        .unwrap_or(cut);
    let chars = within[..end].chars().count();
    // Field by field: cloning the article would copy its whole text.
    Some(Article {
        id: article.id.clone(),
        source: article.source.clone(),
        url: article.url.clone(),
        title: article.title.clone(),
        lang: article.lang.clone(),
        published: article.published,
        published_from: article.published_from,
        dateline: article.dateline.clone(),
        text: within[..end].to_string(),
        offset_map: article.offset_map.clone(),
        flags: article.flags.clone(),
        flag_spans: article
            .flag_spans
            .iter()
            .filter(|s| s.end <= chars)
            .cloned()
            .collect(),
    })
}
