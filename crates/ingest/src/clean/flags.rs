//! Damage the cleaner can see but not repair: names the scraper cut out
//! (`in Corea del Sud e in è avvenuta`), machine-translation artefacts
//! (`XNUMX`), replacement characters. Finds spans; never edits the text.

use super::lexicon::{FunctionWords, LEXICON, WordClass};

/// A token of a paragraph, with its character range in the body.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token<'a> {
    Word(&'a str),
    /// `, . ; : ! ?`
    Punct(char),
    /// Anything else that is not a space: quotes, dashes, brackets.
    Other,
}

/// Tokens of `text` with character ranges, offset by `base`, and for each
/// token whether a letter follows it directly (`a.m.`). Lazy: a paragraph
/// of many megabytes is read without a copy of its characters.
struct Tokens<'a> {
    text: &'a str,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    /// Characters read so far.
    at: usize,
    base: usize,
}

fn tokens(text: &str, base: usize) -> Tokens<'_> {
    Tokens {
        text,
        chars: text.char_indices().peekable(),
        at: 0,
        base,
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = (Token<'a>, usize, usize, bool);

    fn next(&mut self) -> Option<Self::Item> {
        let (b, c) = loop {
            let (b, c) = self.chars.next()?;
            self.at += 1;
            if !c.is_whitespace() {
                break (b, c);
            }
        };
        let start = self.at - 1;
        let token = if c.is_alphanumeric() {
            while self.chars.next_if(|&(_, n)| n.is_alphanumeric()).is_some() {
                self.at += 1;
            }
            let end_byte = self.chars.peek().map_or(self.text.len(), |&(e, _)| e);
            Token::Word(&self.text[b..end_byte])
        } else if ",.;:!?".contains(c) {
            Token::Punct(c)
        } else {
            Token::Other
        };
        let glued_letter = self.chars.peek().is_some_and(|&(_, n)| n.is_alphabetic());
        Some((token, self.base + start, self.base + self.at, glued_letter))
    }
}

fn class_of(fw: &FunctionWords, token: Token<'_>) -> Option<WordClass> {
    match token {
        Token::Word(w) => fw.words.get(w).copied(),
        Token::Punct(_) => Some(WordClass::Punctuation),
        Token::Other => None,
    }
}

/// Character spans (into the whole body) where a name seems to have been
/// cut out, for a body in language `lang`, given its paragraphs (text and
/// character range).
pub(crate) fn elided_names<'a>(
    paragraphs: impl Iterator<Item = (&'a str, (usize, usize))>,
    lang: &str,
) -> Vec<(usize, usize)> {
    let Some(fw) = LEXICON.function_words.get(lang) else {
        return Vec::new();
    };
    let mut spans = Vec::new();
    for (para, (start, _)) in paragraphs {
        let mut toks = tokens(para, start);
        let mut next = toks.next();
        let mut after = toks.next();
        while let Some(current) = next {
            let Some(following) = after else { break };
            next = after;
            after = toks.next();
            let (first, s, _, _) = current;
            let (second, _, e, glued) = following;
            // Function words count only in lower case: "Plan A." is no article.
            let Token::Word(w1) = first else { continue };
            let Some(c1) = class_of(fw, first) else {
                continue;
            };
            let Some(c2) = class_of(fw, second) else {
                continue;
            };
            if !fw.suspicious.contains(&(c1, c2)) {
                continue;
            }
            if let Token::Word(w2) = second
                && fw.allowed.contains(&(w1.to_string(), w2.to_string()))
            {
                continue;
            }
            // "a.m.", "U.S.": a full stop glued to a letter is an abbreviation.
            if second == Token::Punct('.') && glued {
                continue;
            }
            // "in and out": a coordination of two words of one exempt class.
            if c2 == WordClass::Conjunction
                && fw.except_before.contains(&c1)
                && let Some((third, _, _, _)) = after
                && class_of(fw, third) == Some(c1)
            {
                continue;
            }
            spans.push((s, e));
        }
    }
    spans
}

/// Machine-translation artefacts: the token `XNUMX` standing for a number
/// (`XNUMX`, `XNUMX%`, `XNUMXth`).
pub(crate) fn mt_artefacts(text: &str) -> Vec<(usize, usize)> {
    const MARK: &str = "XNUMX";
    let mut spans = Vec::new();
    let mut chars_before = 0;
    let mut last_byte = 0;
    for (b, _) in text.match_indices(MARK) {
        chars_before += text[last_byte..b].chars().count();
        last_byte = b;
        spans.push((chars_before, chars_before + MARK.len()));
    }
    spans
}

/// Where the reader's decoder put U+FFFD for bytes it could not read.
pub(crate) fn replacement_chars(text: &str) -> Vec<(usize, usize)> {
    text.chars()
        .enumerate()
        .filter(|&(_, c)| c == '\u{FFFD}')
        .map(|(i, _)| (i, i + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn elided(text: &str, lang: &str) -> Vec<String> {
        let n = text.chars().count();
        elided_names(std::iter::once((text, (0, n))), lang)
            .into_iter()
            .map(|(s, e)| text.chars().skip(s).take(e - s).collect())
            .collect()
    }

    #[test]
    fn cut_out_names_are_found() {
        assert_eq!(
            elided("La visita in Giappone e in è avvenuta ieri.", "it"),
            ["in è"]
        );
        assert_eq!(
            elided("Ha firmato un contratto con la , uno stato membro.", "it"),
            ["la ,"]
        );
        assert_eq!(elided("Il ministro ha ringraziato il .", "it"), ["il ."]);
        assert_eq!(
            elided("Un contratto di vendita di tra cui carri armati.", "it"),
            ["di tra"]
        );
        assert_eq!(elided("Guardando la e con il via libera.", "it"), ["la e"]);
        assert_eq!(
            elided("He held talks with the , a member of NATO.", "en"),
            ["the ,"]
        );
        assert_eq!(
            elided("Troops were deployed in and near the capital.", "en"),
            ["in and"]
        );
        assert_eq!(
            elided("Il a signé avec la , un État membre.", "fr"),
            ["la ,"]
        );
        assert_eq!(
            elided("Firmó un acuerdo con la , un Estado miembro.", "es"),
            ["la ,"]
        );
        assert_eq!(
            elided("Er sprach mit einer , einem Mitglied.", "de"),
            ["einer ,"]
        );
    }

    #[test]
    fn ordinary_text_raises_no_alarm() {
        let clean = [
            (
                "Il ministro degli Esteri ha incontrato il segretario di Stato a Lima. Tra di loro c'è intesa, per di più su molti temi. Gli ha detto che la NATO è pronta.",
                "it",
            ),
            (
                "The talks began at 10 a.m. in Tokyo. Troops moved in and out of the zone. This is the country they spoke about. Plan A, the first option, failed.",
                "en",
            ),
            (
                "Le ministre en a parlé. Il en est de même pour la France et l'Allemagne.",
                "fr",
            ),
            (
                "Lo de ayer fue grave. La de Madrid es la reunión más importante del año.",
                "es",
            ),
            (
                "Er sagt das. Die Regierung, die gewählt wurde, kommt morgen an.",
                "de",
            ),
        ];
        for (text, lang) in clean {
            assert!(
                elided(text, lang).is_empty(),
                "{lang}: {:?}",
                elided(text, lang)
            );
        }
    }

    #[test]
    fn xnumx_is_an_artefact() {
        let t = "Possiede già XNUMX testate, il XNUMX% del totale.";
        let spans = mt_artefacts(t);
        assert_eq!(spans.len(), 2);
        let (s, e) = spans[0];
        assert_eq!(t.chars().skip(s).take(e - s).collect::<String>(), "XNUMX");
        assert!(mt_artefacts("Possiede 600 testate.").is_empty());
    }
}
