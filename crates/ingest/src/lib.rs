//! Ingest: readers for every input form of SPEC section 1, and the cleaner.
//!
//! Readers turn files into a stream of [`RawArticle`]s (or named
//! [`Skipped`] inputs); [`clean`] turns one `RawArticle` into an
//! [`Article`]: debris dropped, title and dateline taken off, flags set,
//! language identified, offsets mapped. This crate never touches the
//! database and never looks for actors or events.
#![forbid(unsafe_code)]

mod clean;
mod read;

pub use clean::{
    clean, clean_dated, data_problems, id_text, identify_language, not_language, original_offset,
};
pub use read::{
    MAX_ARTICLE_BYTES, ReadItem, Skipped, input_bytes, printable, read_bytes, read_path,
    read_path_counting, unsafe_on_a_terminal,
};

/// A publication date from metadata text (`2024-03-12T08:00:00Z`,
/// `Tue, 12 Mar 2024 08:00:00 GMT`, `12 marzo 2024`), as the readers parse
/// it; `None` when the text holds no date.
pub fn parse_date(text: &str) -> Option<entente_model::PartialDate> {
    clean::dates::parse_date_text(text)
}

pub use entente_model::{Article, RawArticle};
