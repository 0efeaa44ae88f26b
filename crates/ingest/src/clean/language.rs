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

/// The language of a document, or "und": plainly one of the packs' by
/// its function words, else whatever the detector is sure of.
pub(crate) fn document_language(text: &str) -> String {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if let Some(lang) = plain_document_language(&text[..end]) {
        return lang.to_string();
    }
    match whatlang::detect(&text[..end]) {
        Some(info) if info.is_reliable() || info.confidence() >= 0.5 => {
            iso639_1(info.lang()).to_string()
        }
        _ => "und".to_string(),
    }
}

/// True when a paragraph is long enough to judge its language.
fn judgeable(text: &str) -> bool {
    text.chars().count() >= 120 && text.split_whitespace().count() >= 15
}

/// The language of a paragraph when the detector is sure of it.
fn paragraph_language(text: &str) -> Option<&'static str> {
    let info = whatlang::detect(text)?;
    (info.is_reliable() && info.confidence() >= 0.9).then(|| iso639_1(info.lang()))
}

/// True when a paragraph of a document in `doc_lang` is surely in another
/// language: long enough, not plainly `doc_lang` by its function words
/// (checked first, being cheap), and the detector sure of another.
pub(crate) fn in_another_language(text: &str, doc_lang: &str) -> bool {
    judgeable(text)
        && !plainly_in(text, doc_lang)
        && paragraph_language(text).is_some_and(|l| l != doc_lang)
}

/// Function words of `text` that only one language pack lists.
struct Exclusive {
    /// Words of the text.
    words: usize,
    /// By pack (bit position): its exclusive function words.
    counts: [usize; 8],
    /// By pack: its exclusive articles.
    articles: [usize; 8],
}

fn exclusive_function_words(text: &str) -> Exclusive {
    let lexicon = &super::lexicon::LEXICON;
    let mut words = 0;
    let mut counts = [0usize; 8];
    let mut articles = [0usize; 8];
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
        // most words are in lower case already: look them up as they are
        let key = if word.bytes().all(|b| b.is_ascii_lowercase()) {
            word
        } else {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            lower.as_str()
        };
        if let Some(&(bits, article)) = lexicon.function_word_languages.get(key)
            && bits.count_ones() == 1
        {
            let k = bits.trailing_zeros() as usize;
            counts[k] += 1;
            if article == bits {
                articles[k] += 1;
            }
        }
    }
    Exclusive {
        words,
        counts,
        articles,
    }
}

/// True when a paragraph is plainly written in `lang`, judged from function
/// words alone: at least two words (and one word in sixteen) that only
/// `lang`'s pack lists, and at most a quarter as many that only one other
/// pack lists, one of them an article. On our evaluation texts a paragraph
/// in another language never comes near (its share of such words stays
/// under one in twenty, and it has the other language's words). The
/// article keeps out a close language without a pack: a Portuguese
/// paragraph has Spanish-only prepositions (`para`, `por`) but never `el`,
/// `los`, `las`.
///
/// Cheap (one pass, no allocation per word) where [`paragraph_language`]
/// scores dozens of trigram profiles; the cleaner asks the detector only
/// about paragraphs this does not settle. A language without a pack is
/// never plain.
pub(crate) fn plainly_in(text: &str, lang: &str) -> bool {
    let Some(&bit) = super::lexicon::LEXICON.language_bits.get(lang) else {
        return false;
    };
    let x = exclusive_function_words(text);
    let k = bit.trailing_zeros() as usize;
    let own = x.counts[k];
    let other = x.counts.iter().sum::<usize>() - own;
    own >= 2 && own * 16 >= x.words && other * 4 <= own && x.articles[k] >= 1
}

/// The pack language a whole document is plainly written in, from function
/// words alone, under a stricter rule than for a paragraph: at least eight
/// words (and one word in ten) that only that pack lists, and at most one
/// eighth as many that only another pack lists. Text in a language without
/// a pack (Portuguese, Catalan, Dutch…) shares words with several packs and
/// does not pass; the detector judges it.
fn plain_document_language(text: &str) -> Option<&'static str> {
    let x = exclusive_function_words(text);
    let (best, &own) = x.counts.iter().enumerate().max_by_key(|&(_, c)| *c)?;
    let other = x.counts.iter().sum::<usize>() - own;
    if own >= 8 && own * 10 >= x.words && other * 8 <= own {
        super::lexicon::LEXICON
            .language_bits
            .iter()
            .find(|&(_, &bit)| bit.trailing_zeros() as usize == best)
            .map(|(&code, _)| code)
    } else {
        None
    }
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

    /// Articles in languages without a pack, written for this test. None
    /// may pass for a pack's language on function words alone.
    const NO_PACK: [(&str, &str); 5] = [
        (
            "pt",
            "O ministro da Defesa do Brasil reuniu-se ontem em Brasília com o seu homólogo argentino para discutir a cooperação militar entre os dois países. \
             Segundo o comunicado, as delegações concordaram em aumentar os exercícios conjuntos na fronteira e em partilhar informações sobre o tráfico de armas. \
             O governo português, que acompanha as negociações desde o ano passado, disse que a iniciativa é importante para a segurança da região. \
             Os dois ministros devem voltar a encontrar-se em março, depois da cimeira do Mercosul, para assinar um acordo de defesa.",
        ),
        (
            "ca",
            "El president del govern es va reunir dijous amb el ministre d'Afers Exteriors per parlar de la cooperació amb els països veïns. \
             Segons el comunicat, les dues delegacions van acordar reforçar els intercanvis i treballar junts en la seguretat de la Mediterrània. \
             L'oposició va demanar un debat al parlament sobre l'acord, que encara no s'ha fet públic. \
             Els analistes creuen que les converses continuaran durant els propers mesos i que hi haurà una nova trobada a la tardor.",
        ),
        (
            "nl",
            "De minister van Defensie heeft donderdag in Den Haag gesproken met zijn Duitse collega over de samenwerking tussen de twee landen. \
             Volgens een verklaring van het ministerie willen beide regeringen de gezamenlijke oefeningen uitbreiden en meer informatie delen over de dreiging in het oosten. \
             De oppositie vroeg om een debat in het parlement over de plannen, die nog niet openbaar zijn gemaakt. \
             Waarnemers verwachten dat de gesprekken de komende maanden worden voortgezet.",
        ),
        (
            "ro",
            "Ministrul Apărării a discutat joi la București cu omologul său polonez despre cooperarea militară dintre cele două țări. \
             Potrivit unui comunicat, delegațiile au convenit să extindă exercițiile comune și să facă schimb de informații despre securitatea regiunii Mării Negre. \
             Opoziția a cerut o dezbatere în parlament asupra acordului, care nu a fost încă publicat. \
             Analiștii se așteaptă ca discuțiile să continue în lunile următoare.",
        ),
        (
            "sv",
            "Försvarsministern träffade på torsdagen sin finska kollega i Stockholm för att diskutera samarbetet mellan de två länderna inom Nato. \
             Enligt ett uttalande vill båda regeringarna utöka de gemensamma övningarna och dela mer information om hotet i Östersjöområdet. \
             Oppositionen krävde en debatt i riksdagen om planerna, som ännu inte har offentliggjorts. \
             Bedömare räknar med att samtalen fortsätter under de kommande månaderna.",
        ),
    ];

    #[test]
    fn a_close_language_without_a_pack_is_not_plainly_the_documents() {
        // Portuguese, with Spanish-only prepositions and no Spanish article
        let portuguese = "O presidente viajou para Lisboa por dois dias para discutir a cooperação com os parceiros europeus e a situação na Ucrânia.";
        assert!(!plainly_in(portuguese, "es"));
        // the detector is asked, and does not call it Spanish
        assert!(judgeable(portuguese));
        assert_ne!(paragraph_language(portuguese), Some("es"));
        let spanish = "El presidente viajó a Lisboa por dos días para hablar de la cooperación con los socios europeos y de la situación en Ucrania.";
        assert!(plainly_in(spanish, "es"));
    }

    #[test]
    fn no_language_without_a_pack_passes_for_a_pack_language() {
        for (code, text) in NO_PACK {
            assert_eq!(
                plain_document_language(text),
                None,
                "{code} passed as a pack language"
            );
            let found = document_language(text);
            assert!(
                !["en", "it", "fr", "es", "de"].contains(&found.as_str()),
                "{code} identified as {found}"
            );
        }
    }

    #[test]
    fn pack_languages_are_plain_from_function_words() {
        let texts = [
            (
                "en",
                "The defence ministers of the two countries met on Thursday in the capital to discuss the alliance. According to a statement, they agreed to expand their joint exercises and to share more information about the threats in the region. The opposition asked for a debate in parliament about the plans, which have not been made public. Analysts expect the talks to continue over the coming months, and a new meeting is planned for the autumn.",
            ),
            (
                "it",
                "I ministri della Difesa dei due paesi si sono incontrati giovedì nella capitale per discutere dell'alleanza. Secondo un comunicato, hanno concordato di ampliare le esercitazioni congiunte e di condividere più informazioni sulle minacce nella regione. L'opposizione ha chiesto un dibattito in parlamento sui piani, che non sono stati resi pubblici. Gli analisti si aspettano che i colloqui proseguano nei prossimi mesi.",
            ),
            (
                "fr",
                "Les ministres de la Défense des deux pays se sont rencontrés jeudi dans la capitale pour discuter de l'alliance. Selon un communiqué, ils ont convenu d'élargir les exercices communs et de partager davantage d'informations sur les menaces dans la région. L'opposition a demandé un débat au parlement sur ces projets, qui n'ont pas été rendus publics. Les analystes s'attendent à ce que les discussions se poursuivent dans les prochains mois.",
            ),
            (
                "es",
                "Los ministros de Defensa de los dos países se reunieron el jueves en la capital para hablar de la alianza. Según un comunicado, acordaron ampliar los ejercicios conjuntos y compartir más información sobre las amenazas en la región. La oposición pidió un debate en el parlamento sobre los planes, que no se han hecho públicos. Los analistas esperan que las conversaciones continúen en los próximos meses y que haya una nueva reunión en otoño.",
            ),
            (
                "de",
                "Die Verteidigungsminister der beiden Länder trafen sich am Donnerstag in der Hauptstadt, um über das Bündnis zu sprechen. Nach einer Erklärung vereinbarten sie, die gemeinsamen Übungen auszuweiten und mehr Informationen über die Bedrohungen in der Region auszutauschen. Die Opposition forderte eine Debatte im Parlament über die Pläne, die noch nicht veröffentlicht wurden. Beobachter erwarten, dass die Gespräche in den kommenden Monaten weitergehen und dass es im Herbst ein neues Treffen gibt.",
            ),
        ];
        for (code, text) in texts {
            assert_eq!(plain_document_language(text), Some(code), "{text}");
            assert_eq!(document_language(text), code);
        }
    }

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
