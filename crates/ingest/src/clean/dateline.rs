//! Datelines: `TOKYO / WASHINGTON, Jan 7 (Reuters) –` at the start of the
//! first paragraph. Reads places, agency and date text; never removes the
//! dateline from the body and never turns its month/day into a year.

use entente_model::Dateline;
use regex::Regex;
use std::sync::LazyLock;

/// A place in capitals (`TOKYO`, `NEW DELHI`, `SAINT-DENIS`).
const CAPS_PLACE: &str = r"\p{Lu}[\p{Lu}\p{M}'’.\-]*(?:[ ]\p{Lu}[\p{Lu}\p{M}'’.\-]*){0,3}";
/// A place in title case (`Roma`, `New Delhi`), accepted only with an agency.
const TITLE_PLACE: &str = r"\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}+){0,2}";
const DATE: &str = r"(?:\p{L}{3,9}\.?\s+\d{1,2}|\d{1,2}\.?\s+\p{L}{3,9}\.?)";

fn dateline_regex(place: &str, agency_required: bool) -> Regex {
    let agency = if agency_required { "" } else { "?" };
    Regex::new(&format!(
        r"^(?P<places>{place}(?:\s*/\s*{place})*)(?:\s*,\s*(?P<date>{DATE}))?\s*(?:\(\s*(?P<agency>[^()]{{2,40}}?)\s*\)){agency}\s*[-–—]\s"
    ))
    .expect("literal regex")
}

static CAPS: LazyLock<Regex> = LazyLock::new(|| dateline_regex(CAPS_PLACE, false));
static TITLED: LazyLock<Regex> = LazyLock::new(|| dateline_regex(TITLE_PLACE, true));

/// The dateline at the start of `paragraph`, if it has one.
pub(crate) fn dateline(paragraph: &str) -> Option<Dateline> {
    let c = CAPS
        .captures(paragraph)
        .or_else(|| TITLED.captures(paragraph))?;
    let places: Vec<String> = c["places"]
        .split('/')
        .map(|p| p.trim().to_string())
        .filter(|p| p.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .collect();
    if places.is_empty() {
        return None;
    }
    Some(Dateline {
        places,
        agency: c.name("agency").map(|a| a.as_str().trim().to_string()),
        date_text: c.name("date").map(|d| d.as_str().trim().to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_places_agency_and_date() {
        let d = dateline("BRUSSELS / KYIV, March 3 (AP) — NATO ministers met.").unwrap();
        assert_eq!(d.places, vec!["BRUSSELS", "KYIV"]);
        assert_eq!(d.agency.as_deref(), Some("AP"));
        assert_eq!(d.date_text.as_deref(), Some("March 3"));
        let d = dateline("Roma, 12 marzo (ANSA) - Il governo ha approvato.").unwrap();
        assert_eq!(d.places, vec!["Roma"]);
        assert_eq!(d.date_text.as_deref(), Some("12 marzo"));
        let d = dateline("NEW DELHI — India and France signed.").unwrap();
        assert_eq!(d.places, vec!["NEW DELHI"]);
        assert_eq!(d.agency, None);
    }

    #[test]
    fn ordinary_sentences_have_no_dateline() {
        for p in [
            "The United States and Japan – two allies – met on Friday.",
            "Roma - Il governo ha approvato.",
            "Il ministro ha detto che la NATO è pronta.",
        ] {
            assert_eq!(dateline(p), None, "{p}");
        }
    }
}
