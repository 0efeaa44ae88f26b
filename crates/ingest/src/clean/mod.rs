//! The cleaner: one `RawArticle` in, one `Article` out. Owns title and
//! debris removal, head dates, datelines, flags, language and the document
//! id. It reads no files and knows no single site: patterns are data.

mod dateline;
pub(crate) mod dates;
mod flags;
mod language;
mod layout;
mod lexicon;

use entente_model::{
    Article, DateSource, Dateline, Flag, FlagSpan, PartialDate, RawArticle, document_id,
};
use layout::{Body, Line};
use lexicon::LEXICON;
use unicode_normalization::UnicodeNormalization;

pub use layout::original_offset;

/// How many lines at the head of a body may be a title, a repeated title
/// or a date line.
const HEAD_LINES: usize = 4;

/// How many paragraphs from the top a dateline may open (title, byline and
/// a site's navigation may stand before the body).
const DATELINE_PARAGRAPHS: usize = 6;

/// A line at the head of a body that can be a title: short, or not a
/// sentence ending in a full stop.
fn looks_like_title(line: &str) -> bool {
    let t = line.trim().trim_end_matches(['"', '”', '»', '\'', '’']);
    let n = t.chars().count();
    n <= 100 || (n <= 250 && !t.ends_with('.'))
}

/// A comparable form of a title or a paragraph (case, spaces and final
/// punctuation ignored).
fn title_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(|c: char| c.is_ascii_punctuation())
        .to_lowercase()
}

/// The text a document id is computed from: Unicode NFC, whitespace runs
/// (paragraph breaks included) collapsed to one space. Case is kept.
pub fn id_text(body: &str) -> String {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    // The cleaner's bodies are NFC already: normalise only what is not.
    let nfc: std::borrow::Cow<'_, str> = if is_nfc_quick(body.chars()) == IsNormalized::Yes {
        body.into()
    } else {
        body.nfc().collect::<String>().into()
    };
    let mut out = String::with_capacity(nfc.len());
    for word in nfc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The file name of a source (`dir/2024-07-08_a.txt`, or `feed.xml#3`
/// for the third item of a feed).
fn file_name(source: &str) -> &str {
    let name = source.rsplit(['/', '\\']).next().unwrap_or(source);
    name.split_once('#').map_or(name, |(file, _)| file)
}

/// Problems in the language data files (`data/lang/*`), for a health
/// check; empty when every pattern and list parsed.
pub fn data_problems() -> Vec<String> {
    LEXICON.problems().to_vec()
}

/// Clean one raw article.
///
/// - When `title_in_text`, the first line that looks like a title (at most
///   100 characters, or at most 250 and not ending in a full stop) is the
///   title and leaves the body; a first line that reads like a sentence
///   stays in the body and the title stays empty.
///   A text of one line is all body.
/// - Lines equal to the title at the head of the body are dropped, and so
///   are debris lines anywhere (every language's `debris.txt`).
/// - `published` is the reader's date; else a date line at the head; else
///   a date in the address, then in the file name; else `fallback` (the
///   user's date for the batch). `published_from` says which. A date the
///   text tells of is never taken for the publication date: the lead's
///   dates are as often those of a treaty signed decades before.
/// - The body keeps its paragraphs, joined by a blank line, whitespace
///   collapsed; `offset_map` maps every kept character back.
/// - Text and title are in Unicode NFC, so a name decomposed (NFD) reads
///   as the same name composed; `offset_map` then points into the NFC
///   form of the reader's text (the same text for nearly every input).
pub fn clean(raw: RawArticle) -> Article {
    clean_dated(raw, None)
}

/// [`clean`], with the date an article without one of its own is given.
pub fn clean_dated(mut raw: RawArticle, fallback: Option<PartialDate>) -> Article {
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    let to_nfc = |s: &mut String| {
        if is_nfc_quick(s.chars()) != IsNormalized::Yes {
            *s = s.nfc().collect();
        }
    };
    to_nfc(&mut raw.text);
    if let Some(t) = raw.title.as_mut() {
        to_nfc(t);
    }
    let all_lines = layout::lines(&raw.text);
    let mut title = raw
        .title
        .as_deref()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    // a text of a single line is all body: taking it as the title would
    // leave nothing to read
    let content_lines = all_lines
        .iter()
        .filter(|l| !l.is_blank() && !LEXICON.is_debris(l.text.trim()))
        .count();
    let mut want_title = raw.title_in_text && title.is_empty() && content_lines > 1;
    let mut published = raw.published.map(|d| (d, DateSource::Metadata));
    let mut dropped = false;

    // Blocks of kept lines, separated by blank lines.
    let mut blocks: Vec<Vec<Line<'_>>> = vec![Vec::new()];
    let mut head_seen = 0;
    let mut content_started = false;
    for line in all_lines {
        if line.is_blank() {
            if blocks.last().is_some_and(|b| !b.is_empty()) {
                blocks.push(Vec::new());
            }
            continue;
        }
        let text = line.text.trim();
        if LEXICON.is_debris(text) {
            dropped = true;
            continue;
        }
        if head_seen < HEAD_LINES && !content_started {
            head_seen += 1;
            if let Some(date) = dates::head_date(text) {
                published = published.or(Some((date, DateSource::DateLine)));
                dropped = true;
                continue;
            }
            // `date 2024-04 Deutschland wird …`: a marker glued to the
            // first line of text dates the article and is cut from it
            if let Some((date, n)) = dates::marker_prefix(line.text) {
                published = published.or(Some((date, DateSource::DateLine)));
                dropped = true;
                let cut = line
                    .text
                    .char_indices()
                    .nth(n)
                    .map_or(line.text.len(), |(i, _)| i);
                let rest = Line {
                    start: line.start + n,
                    text: &line.text[cut..],
                };
                content_started = true;
                if let Some(block) = blocks.last_mut() {
                    block.push(rest);
                }
                continue;
            }
            if want_title {
                want_title = false;
                if looks_like_title(text) {
                    title = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    continue;
                }
            }
            if !title.is_empty() && title_key(text) == title_key(&title) {
                dropped = true;
                continue;
            }
        }
        content_started = true;
        if let Some(block) = blocks.last_mut() {
            block.push(line);
        }
    }

    let mut body = Body::default();
    for block in &blocks {
        let mut start = 0;
        for i in 1..=block.len() {
            let split_here = i == block.len() || layout::ends_sentence(block[i - 1].text);
            if split_here {
                body.push_paragraph(&block[start..i]);
                start = i;
            }
        }
    }

    let published = published
        .or_else(|| {
            let url = raw.url.as_deref()?;
            Some((dates::date_in_name(url)?, DateSource::Url))
        })
        .or_else(|| {
            Some((
                dates::date_in_name(file_name(&raw.source))?,
                DateSource::FileName,
            ))
        })
        .or_else(|| Some((fallback?, DateSource::Flag)));

    let lang = raw
        .lang
        .as_deref()
        .and_then(language::normalise_tag)
        .unwrap_or_else(|| language::document_language(&body.text));

    // the first paragraph's dateline, or one that opens the body after a
    // title, a byline or a site's navigation lines
    let dateline = body
        .paragraph_texts()
        .enumerate()
        .take(DATELINE_PARAGRAPHS)
        .find_map(|(i, (text, (start, _)))| {
            let d = if i == 0 {
                dateline::dateline(text)
            } else {
                dateline::later_dateline(text)
            };
            d.map(|d| Dateline { start, ..d })
        });

    let mut flag_spans = Vec::new();
    let mut add = |flag: &str, spans: Vec<(usize, usize)>| {
        for (start, end) in spans {
            flag_spans.push(FlagSpan {
                flag: Flag(flag.to_string()),
                start,
                end,
            });
        }
    };
    add(
        Flag::ELIDED_NAME,
        flags::elided_names(body.paragraph_texts(), &lang),
    );
    add(Flag::MT_ARTEFACT, flags::mt_artefacts(&body.text));
    add(
        Flag::ENCODING_REPAIRED,
        flags::replacement_chars(&body.text),
    );
    if lang != "und" {
        let mixed: Vec<(usize, usize)> = body
            .paragraph_texts()
            .filter(|(para, _)| language::in_another_language(para, &lang))
            .map(|(_, range)| range)
            .collect();
        add(Flag::MIXED_LANGUAGE, mixed);
    }
    let mut flags: Vec<Flag> = flag_spans.iter().map(|s| s.flag.clone()).collect();
    if dropped {
        flags.push(Flag(Flag::DEBRIS_REMOVED.to_string()));
    }
    flags.sort();
    flags.dedup();

    Article {
        id: document_id(&id_text(&body.text)),
        source: raw.source,
        url: raw.url,
        title,
        lang,
        published: published.map(|(d, _)| d),
        published_from: published.map(|(_, from)| from),
        dateline,
        offset_map: body.map,
        text: body.text,
        flags,
        flag_spans,
    }
}

/// Why a cleaned body is not an article, if it is not: no letters at all
/// (only invisible or symbol characters); when no language could be
/// identified (`lang` is `und`), fewer letters than other visible
/// characters; or, whatever the language identifier said, too few breaks
/// between words to be written language. Text in a script that separates
/// words by spaces has a space every few words; Chinese, Japanese, Thai and
/// the like break their clauses with punctuation or spaces. Random bytes
/// read in a legacy encoding are letters in a row: a megabyte of them read
/// as Windows-1252 was taken for Welsh, and as GBK for Chinese. `None` for
/// anything that may be text (under 200 visible characters always is).
pub fn not_language(body: &str, lang: &str) -> Option<&'static str> {
    const TOO_FEW: &str = "too few letters and words to be written language: not an article";
    let (mut chars, mut spaces, mut letters, mut unspaced) = (0usize, 0usize, 0usize, 0usize);
    for c in body.chars() {
        chars += 1;
        if c.is_whitespace() {
            spaces += 1;
        } else if c.is_alphanumeric() {
            letters += 1;
            unspaced += usize::from(written_without_spaces(c));
        }
    }
    if letters == 0 {
        return Some("no letters in it: not an article");
    }
    let visible = chars - spaces;
    if visible < 200 {
        return None;
    }
    if lang == "und" && letters * 2 < visible {
        return Some(TOO_FEW);
    }
    if unspaced * 2 > letters {
        // a clause break at least every 80 letters (prose has one every 10
        // to 50; random GBK has punctuation once in some 170 characters)
        static PUNCTUATION: std::sync::LazyLock<regex::Regex> =
            std::sync::LazyLock::new(|| regex::Regex::new(r"\p{P}").expect("literal regex"));
        let breaks = spaces + PUNCTUATION.find_iter(body).count();
        if breaks * 80 < letters {
            return Some(TOO_FEW);
        }
    } else if spaces * 20 < chars {
        return Some(TOO_FEW);
    }
    None
}

/// Whether `c` is a letter of a script that does not put spaces between
/// words: Han, kana, Thai, Lao, Tibetan, Myanmar, Khmer.
fn written_without_spaces(c: char) -> bool {
    matches!(c,
        '\u{0e00}'..='\u{0fff}'
        | '\u{1000}'..='\u{109f}'
        | '\u{1780}'..='\u{17ff}'
        | '\u{3040}'..='\u{30ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{ff66}'..='\u{ff9f}'
        | '\u{20000}'..='\u{3ffff}')
}

/// The language of a text as an ISO 639-1 code, or `und` when the detector
/// is unsure: the document-level identification [`clean`] performs when the
/// input names no language (exposed for the benchmarks).
pub fn identify_language(text: &str) -> String {
    language::document_language(text)
}
