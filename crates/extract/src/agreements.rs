//! Agreements: security agreements named in a sentence, their parties and
//! the status the sentence gives them.

use crate::events::{Discourse, Unit};
use crate::lang::LanguagePack;
use crate::text::Sentence;
use entente_model::{Agreement, Article, Event, Mention};

pub(crate) fn find(
    _article: &Article,
    _sentence: &Sentence,
    _units: &[Unit],
    _mentions: &[Mention],
    _pack: &LanguagePack,
    _events: &[Event],
    _discourse: &Discourse,
) -> Vec<Agreement> {
    vec![]
}
