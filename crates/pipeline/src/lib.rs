//! The per-article pipeline: clean → link actors → extract. Wires the
//! stages; owns no logic of its own and never touches the database.
#![forbid(unsafe_code)]

use entente_kb::Kb;
use entente_model::{Extraction, RawArticle};

/// Everything the per-article stages need, loaded once.
pub struct Pipeline {
    pub kb: Kb,
}

impl Pipeline {
    pub fn new(kb: Kb) -> Self {
        Pipeline { kb }
    }

    /// Run every per-article stage on one raw article.
    pub fn process(&self, raw: RawArticle) -> Extraction {
        let article = entente_ingest::clean(raw);
        let mentions = self.kb.link(&article);
        entente_extract::extract(&article, &mentions, &self.kb)
    }
}
