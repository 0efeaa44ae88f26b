//! Language identification with whatlang, reported as ISO 639-1 codes
//! ("it", "en", …) or "und" when unreliable. Owns the code table; it does
//! not pick resources for a language.

use whatlang::Lang;

/// ISO 639-1 code of a whatlang language (ISO 639-3 when 639-1 has none).
fn iso639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
        Lang::Cym => "cy",
    }
}

/// How much text is enough to judge a whole document.
const SAMPLE_BYTES: usize = 20_000;

/// The language of a document, or "und".
pub(crate) fn document_language(text: &str) -> String {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match whatlang::detect(&text[..end]) {
        Some(info) if info.is_reliable() || info.confidence() >= 0.5 => {
            iso639_1(info.lang()).to_string()
        }
        _ => "und".to_string(),
    }
}

/// The language of one paragraph, only when it is long enough and the
/// detector is sure.
pub(crate) fn paragraph_language(text: &str) -> Option<&'static str> {
    if text.chars().count() < 120 || text.split_whitespace().count() < 15 {
        return None;
    }
    let info = whatlang::detect(text)?;
    (info.is_reliable() && info.confidence() >= 0.9).then(|| iso639_1(info.lang()))
}

/// True when a paragraph is plainly written in `lang`, judged from function
/// words alone: at least two words (and one word in sixteen) that only
/// `lang`'s pack lists, and at most a quarter as many that only one other
/// pack lists. On our evaluation texts a paragraph in another language
/// never comes near (its share of such words stays under one in twenty,
/// and it has the other language's words). Cheap (one pass, no allocation per word) where
/// [`paragraph_language`] scores dozens of trigram profiles; the cleaner
/// asks the detector only about paragraphs this does not settle. A
/// language without a pack is never plain.
pub(crate) fn plainly_in(text: &str, lang: &str) -> bool {
    let lexicon = &super::lexicon::LEXICON;
    let Some(&own_bit) = lexicon.language_bits.get(lang) else {
        return false;
    };
    let (mut words, mut own, mut other) = (0usize, 0usize, 0usize);
    let mut lower = String::new();
    for word in text.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        words += 1;
        // function words are short; longer words cannot be one
        if word.len() > 12 {
            continue;
        }
        lower.clear();
        lower.extend(word.chars().flat_map(char::to_lowercase));
        match lexicon.function_word_languages.get(lower.as_str()) {
            Some(&bits) if bits == own_bit => own += 1,
            Some(&bits) if bits.count_ones() == 1 => other += 1,
            _ => {}
        }
    }
    own >= 2 && own * 16 >= words && other * 4 <= own
}

/// A language tag from the input (`it-IT`, `EN`, `fr_FR`) as an ISO 639 code.
pub(crate) fn normalise_tag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    ((2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_alphabetic()))
        .then_some(primary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifies_languages() {
        assert_eq!(
            document_language(
                "Il ministro degli Esteri giapponese ha incontrato il segretario di Stato americano a Lima per discutere dell'alleanza."
            ),
            "it"
        );
        assert_eq!(
            document_language(
                "The foreign ministers met in Lima and agreed to keep their alliance strong under the new governments."
            ),
            "en"
        );
        assert_eq!(document_language(""), "und");
        assert!(plainly_in(
            "The ministers of the two countries met in the capital and spoke about the alliance with the press.",
            "en"
        ));
        // Another language's paragraph is never plainly the document's.
        let italian = "Il ministro degli Esteri ha incontrato il collega nella capitale e ha parlato dell'alleanza con la stampa.";
        assert!(plainly_in(italian, "it"));
        assert!(!plainly_in(italian, "en"));
        assert!(!plainly_in(italian, "es"));
        assert!(!plainly_in(italian, "pt"));
        assert_eq!(normalise_tag("it-IT").as_deref(), Some("it"));
        assert_eq!(normalise_tag("x"), None);
    }
}
