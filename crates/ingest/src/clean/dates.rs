//! Publication dates written in the text: a date line at the head of an
//! article (`date 2023-02 Reading Time: 2 minutes read`, `Pubblicato il 12
//! marzo 2024`) and date strings from page metadata. Never invents a year.

use super::lexicon::LEXICON;
use entente_model::{PartialDate, fold};
use regex::Regex;
use std::sync::LazyLock;

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?")
        .expect("literal regex")
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})(?:\.|º|°|er)?\s+(?:de\s+)?(\p{L}+)\.?,?\s+(?:de\s+)?(\d{4})")
        .expect("literal regex")
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})").expect("literal regex")
});
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:ore |at |um |à |a las )?\d{1,2}[:.h]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.|utc|gmt|cet|cest|uhr))?")
        .expect("literal regex")
});

// A date in an address or a file name: `2024-07-08`, `2024_07_08`,
// `20240708` between non-digits, or path segments `/2024/7/8/`, `/2023/10/`.
static NAME_DASHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])((?:19|20)\d{2})[-_.](\d{1,2})[-_.](\d{1,2})(?:[^0-9]|$)")
        .expect("literal regex")
});
static NAME_COMPACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^0-9])((?:19|20)\d{2})(\d{2})(\d{2})(?:[^0-9]|$)").expect("literal regex")
});
static NAME_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})/(\d{1,2})/(?:(\d{1,2})(?:/|$))?").expect("literal regex")
});
fn number<T: std::str::FromStr>(c: &regex::Captures<'_>, i: usize) -> Option<T> {
    c.get(i)?.as_str().parse().ok()
}

/// A date written in an address or a file name (`…/2023/10/15/…`,
/// `…-20220809-…`, `2024-07-08_summit.txt`, `/2023/10/`): the first that
/// the calendar has. A year alone is not taken: too many numbers look
/// like one.
pub(crate) fn date_in_name(name: &str) -> Option<PartialDate> {
    let day = |c: regex::Captures<'_>| {
        PartialDate::checked_day(number(&c, 1)?, number(&c, 2)?, number(&c, 3)?)
    };
    if let Some(d) = NAME_DASHED.captures_iter(name).find_map(day) {
        return Some(d);
    }
    if let Some(d) = NAME_COMPACT.captures_iter(name).find_map(day) {
        return Some(d);
    }
    NAME_PATH.captures_iter(name).find_map(|c| {
        let year: i16 = number(&c, 1)?;
        let month: u8 = number(&c, 2).filter(|m| (1..=12).contains(m))?;
        match c.get(3) {
            Some(_) => PartialDate::checked_day(year, month, number(&c, 3)?),
            None => Some(PartialDate::month(year, month)),
        }
    })
}

/// A date at the start of `text`, and the byte length it took.
fn date_at_start(text: &str) -> Option<(PartialDate, usize)> {
    if let Some(c) = ISO.captures(text) {
        let year: i16 = c[1].parse().ok()?;
        let month: u8 = c[2].parse().ok().filter(|m| (1..=12).contains(m))?;
        let date = match c.get(3) {
            Some(d) => {
                let day: u8 = d.as_str().parse().ok().filter(|d| (1..=31).contains(d))?;
                PartialDate::day(year, month, day)
            }
            None => PartialDate::month(year, month),
        };
        return Some((date, c[0].len()));
    }
    if let Some(c) = DAY_MONTH_YEAR.captures(text) {
        let month = *LEXICON.months.get(&fold(&c[2]))?;
        let day: u8 = c[1].parse().ok().filter(|d| (1..=31).contains(d))?;
        let year: i16 = c[3].parse().ok()?;
        return Some((PartialDate::day(year, month, day), c[0].len()));
    }
    if let Some(c) = MONTH_DAY_YEAR.captures(text) {
        let month = *LEXICON.months.get(&fold(&c[1]))?;
        let day: u8 = c[2].parse().ok().filter(|d| (1..=31).contains(d))?;
        let year: i16 = c[3].parse().ok()?;
        return Some((PartialDate::day(year, month, day), c[0].len()));
    }
    None
}

fn trim_separators(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || ",;|·•-–—:".contains(c))
}

/// When a whole line is a publication-date line (an optional label, a date,
/// an optional time, and nothing else but debris), the date it gives.
pub(crate) fn head_date(line: &str) -> Option<PartialDate> {
    let line = trim_separators(line);
    if line.len() > 200 {
        return None;
    }
    let lower = line.to_lowercase();
    let mut rest = line;
    for label in &LEXICON.date_labels {
        if let Some(after) = lower.strip_prefix(label.as_str()) {
            let next = after.chars().next();
            if next.is_none_or(|c| !c.is_alphanumeric()) {
                // `to_lowercase` can change byte lengths; cut by characters.
                let cut = line
                    .char_indices()
                    .nth(label.chars().count())
                    .map_or(line.len(), |(i, _)| i);
                rest = trim_separators(&line[cut..]);
                break;
            }
        }
    }
    let (date, used) = date_at_start(rest)?;
    let mut tail = trim_separators(&rest[used..]);
    if let Some(m) = CLOCK.find(tail) {
        tail = trim_separators(&tail[m.end()..]);
    }
    (tail.is_empty() || LEXICON.is_debris(tail)).then_some(date)
}

/// A labelled date marker that opens a line of text (`date 2024-04 Deutschland
/// wird …`): the date, and how many characters the marker takes (with the
/// spaces after it). Only a labelled marker counts: a bare date opening a
/// line is a dateline, part of the text.
pub(crate) fn marker_prefix(line: &str) -> Option<(PartialDate, usize)> {
    let lead = line.len() - line.trim_start().len();
    let body = &line[lead..];
    let lower = body.to_lowercase();
    let label = LEXICON.date_labels.iter().find(|label| {
        lower
            .strip_prefix(label.as_str())
            .is_some_and(|after| after.starts_with(' '))
    })?;
    let cut = body
        .char_indices()
        .nth(label.chars().count())
        .map_or(body.len(), |(i, _)| i);
    let after = &body[cut..];
    let rest = after.trim_start();
    let (date, used) = date_at_start(rest)?;
    let tail = &rest[used..];
    // the date must end at a space, and text must follow it
    if !tail.starts_with(' ') || tail.trim().is_empty() {
        return None;
    }
    let bytes =
        lead + cut + (after.len() - rest.len()) + used + (tail.len() - tail.trim_start().len());
    Some((date, line[..bytes].chars().count()))
}

/// A publication date from metadata (`2024-03-12T08:00:00Z`,
/// `Tue, 12 Mar 2024 08:00:00 GMT`, `12 marzo 2024`).
pub(crate) fn parse_date_text(text: &str) -> Option<PartialDate> {
    let t = text.trim();
    if let Some((d, _)) = date_at_start(t) {
        return Some(d);
    }
    // Skip a leading weekday (`Tue, `, `martedì `).
    let after_word = t
        .split_once(|c: char| c == ',' || c.is_whitespace())
        .map(|(_, r)| r.trim_start_matches(|c: char| c == ',' || c.is_whitespace()))?;
    date_at_start(after_word).map(|(d, _)| d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_opening_a_line_of_text() {
        let line = " date 2024-04 Deutschland wird der Ukraine liefern.";
        let (date, n) = marker_prefix(line).expect("a marker");
        assert_eq!(date.to_string(), "2024-04");
        assert_eq!(
            line.chars().skip(n).collect::<String>(),
            "Deutschland wird der Ukraine liefern."
        );
        // a marker alone on its line is a head line, not a prefix
        assert!(marker_prefix(" date 2023-02").is_none());
        // a bare date opening the text is a dateline
        assert!(marker_prefix("12 March 2024 Russia said").is_none());
    }

    #[test]
    fn head_date_lines_in_several_languages() {
        let cases = [
            (" date 2023-02 Reading Time: 2 minutes read", "2023-02"),
            ("Published: 12 March 2024", "2024-03-12"),
            ("Pubblicato il 12 marzo 2024 ore 10:30", "2024-03-12"),
            ("Publié le 3 avril 2023", "2023-04-03"),
            ("Publicado el 5 de mayo de 2022", "2022-05-05"),
            ("Veröffentlicht am 9. Juni 2021", "2021-06-09"),
            ("2024-11-15", "2024-11-15"),
            ("March 4, 2024 | Tempo di lettura: 3 minuti", "2024-03-04"),
        ];
        for (line, want) in cases {
            assert_eq!(
                head_date(line).map(|d| d.to_string()).as_deref(),
                Some(want),
                "{line}"
            );
        }
    }

    #[test]
    fn sentences_with_dates_are_not_date_lines() {
        for line in [
            "On 12 March 2024 the ministers met in Rome.",
            "2024-03-12 was the day the talks began",
            "Il 12 marzo 2024 i ministri si sono incontrati.",
            "Updated",
        ] {
            assert_eq!(head_date(line), None, "{line}");
        }
    }

    #[test]
    fn dates_in_addresses_and_file_names() {
        let cases = [
            (
                "https://example.org/world/2023/10/15/talks-resume",
                Some("2023-10-15"),
            ),
            (
                "https://example.org/news/2026/3/10/drills",
                Some("2026-03-10"),
            ),
            (
                "https://example.org/politica/2023/10/intesa-rinnovata",
                Some("2023-10"),
            ),
            (
                "https://example.org/middle-east/final-text-20220809-p5b8jh",
                Some("2022-08-09"),
            ),
            (
                "https://example.org/article/2024-05-28/article/673382",
                Some("2024-05-28"),
            ),
            ("2024-07-08_summit.txt", Some("2024-07-08")),
            ("20240708-summit.txt", Some("2024-07-08")),
            // not a calendar day, a year alone, and numbers that are ids
            ("https://example.org/2024-02-30/x", None),
            (
                "https://example.org/info/2024/article/talks-28540577.html",
                None,
            ),
            ("https://example.org/noticia.php?id=15701621", None),
            ("https://example.org/a/AN-202504150670", None),
            ("seed_01.txt", None),
        ];
        for (name, want) in cases {
            assert_eq!(
                date_in_name(name).map(|d| d.to_string()).as_deref(),
                want,
                "{name}"
            );
        }
    }

    #[test]
    fn metadata_dates() {
        assert_eq!(
            parse_date_text("2024-03-12T08:00:00+01:00"),
            Some(PartialDate::day(2024, 3, 12))
        );
        assert_eq!(
            parse_date_text("Tue, 12 Mar 2024 08:00:00 GMT"),
            Some(PartialDate::day(2024, 3, 12))
        );
        assert_eq!(parse_date_text("soon"), None);
    }
}
