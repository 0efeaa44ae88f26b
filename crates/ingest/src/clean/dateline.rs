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

/// `places` repeats the place pattern (`*`: one or more places, `+`: two
/// or more); the line ends with a dash or a bar (`London/Brussels |`), or
/// a dash glued to the first word (`Lissabon/Warschau -Die`).
fn dateline_regex(place: &str, places: &str, agency_required: bool) -> Regex {
    let agency = if agency_required { "" } else { "?" };
    Regex::new(&format!(
        r"^(?P<places>{place}(?:\s*/\s*{place}){places})(?:\s*,\s*(?P<date>{DATE}))?\s*(?:\(\s*(?P<agency>[^()]{{2,40}}?)\s*\)){agency}\s*(?:[-–—|]\s|\s[-–—]\p{{Lu}})"
    ))
    .expect("literal regex")
}

static CAPS: LazyLock<Regex> = LazyLock::new(|| dateline_regex(CAPS_PLACE, "*", false));
static TITLED: LazyLock<Regex> = LazyLock::new(|| dateline_regex(TITLE_PLACE, "*", true));
/// Several places in title case need no agency (`London/Brussels/Tehran |`).
static TITLED_SEVERAL: LazyLock<Regex> = LazyLock::new(|| dateline_regex(TITLE_PLACE, "+", false));

/// The dateline at the start of `paragraph`, if it has one.
pub(crate) fn dateline(paragraph: &str) -> Option<Dateline> {
    let c = CAPS
        .captures(paragraph)
        .or_else(|| TITLED.captures(paragraph))
        .or_else(|| TITLED_SEVERAL.captures(paragraph))?;
    read(&c)
}

/// The dateline at the start of a paragraph after the first (the title,
/// a byline or a site's navigation may come before the body): only the
/// unmistakable forms, with an agency or several places (`NATO – …` at
/// the start of a later paragraph is a sentence).
pub(crate) fn later_dateline(paragraph: &str) -> Option<Dateline> {
    let c = CAPS
        .captures(paragraph)
        .filter(|c| c.name("agency").is_some() || c["places"].contains('/'))
        .or_else(|| TITLED.captures(paragraph))
        .or_else(|| TITLED_SEVERAL.captures(paragraph))?;
    read(&c)
}

fn read(c: &regex::Captures<'_>) -> Option<Dateline> {
    let places: Vec<String> = c["places"]
        .split('/')
        .map(|p| p.trim().to_string())
        .filter(|p| p.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .collect();
    if places.is_empty() {
        return None;
    }
    Some(Dateline {
        start: 0,
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
        let d = dateline("London/Brussels/Tehran | EU officials met.").unwrap();
        assert_eq!(d.places, vec!["London", "Brussels", "Tehran"]);
        let d = dateline("Lissabon/Warschau -Die Bundesregierung bleibt dabei.").unwrap();
        assert_eq!(d.places, vec!["Lissabon", "Warschau"]);
    }

    #[test]
    fn a_later_paragraph_opens_with_a_dateline_only_in_an_unmistakable_form() {
        assert!(later_dateline("London/Brussels/Tehran | EU officials met.").is_some());
        assert!(later_dateline("Roma, 12 marzo (ANSA) - Il governo ha approvato.").is_some());
        assert!(later_dateline("BRUSSELS (Reuters) - NATO ministers met.").is_some());
        assert_eq!(later_dateline("NATO – the alliance – met again."), None);
        assert_eq!(later_dateline("KYIV — Ukraine said."), None);
    }

    #[test]
    fn ordinary_sentences_have_no_dateline() {
        for p in [
            "The United States and Japan – two allies – met on Friday.",
            "Roma - Il governo ha approvato.",
            "Roma | Il governo ha approvato.",
            "Berlin -Die Regierung hat entschieden.",
            "Il ministro ha detto che la NATO è pronta.",
        ] {
            assert_eq!(dateline(p), None, "{p}");
        }
    }
}
