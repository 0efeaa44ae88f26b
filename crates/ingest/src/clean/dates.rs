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
