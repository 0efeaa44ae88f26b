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

pub use clean::{clean, data_problems, id_text, identify_language, original_offset};
pub use read::{MAX_ARTICLE_BYTES, ReadItem, Skipped, read_path};

pub use entente_model::{Article, RawArticle};
