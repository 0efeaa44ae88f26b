//! Language packs: the per-language data of `data/lang/<code>/` — sentence
//! abbreviations, grammatical cues, date words, event triggers and agreement
//! names — parsed once. The coder asks for a pack by language code and
//! never branches on the language itself.

use entente_model::{AgreementStatus, AgreementType, EventType, fold};
use foldhash::{HashMap, HashMapExt, HashSet};

include!(concat!(env!("OUT_DIR"), "/langs.rs"));

/// A problem in a language data file.
#[derive(Debug, thiserror::Error)]
#[error("data/lang/{lang}/{file}:{line}: {reason}")]
pub struct LexiconError {
    pub lang: String,
    pub file: String,
    pub line: usize,
    pub reason: String,
}

/// Words after which a full stop does not end a sentence.
#[derive(Debug, Clone, Default)]
pub struct Abbreviations(HashSet<String>);

impl Abbreviations {
    pub fn from_words<'a>(words: impl IntoIterator<Item = &'a str>) -> Self {
        Abbreviations(words.into_iter().map(fold).collect())
    }
    pub fn contains(&self, folded: &str) -> bool {
        self.0.contains(folded)
    }
}

/// One token of a pattern: a word, a word stem (`concord*`), or a gap of up
/// to four words (`~`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatTok {
    Word(String),
    Prefix(String),
    Gap,
}

impl PatTok {
    fn parse(t: &str) -> PatTok {
        if t == "~" {
            PatTok::Gap
        } else if let Some(stem) = t.strip_suffix('*') {
            PatTok::Prefix(fold(stem))
        } else {
            PatTok::Word(fold(t))
        }
    }
    pub fn matches(&self, norm: &str) -> bool {
        match self {
            PatTok::Word(w) => w == norm,
            PatTok::Prefix(p) => norm.starts_with(p.as_str()),
            PatTok::Gap => true,
        }
    }
}

/// A phrase: a sequence of pattern tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase(pub Vec<PatTok>);

impl Phrase {
    pub fn parse(s: &str) -> Phrase {
        // words are cut the way the text is (`dall'accordo` is two words)
        let mut out = Vec::new();
        for piece in s.split_whitespace() {
            if piece == "~" || piece.ends_with('*') {
                out.push(PatTok::parse(piece));
                continue;
            }
            let chars: Vec<char> = piece.chars().collect();
            for t in crate::text::tokens(&chars, 0, chars.len()) {
                if t.norm != "'" {
                    out.push(PatTok::Word(t.norm));
                }
            }
        }
        Phrase(out)
    }
    /// Match at `i` over folded words; returns the index one past the match.
    pub fn match_at(&self, words: &[&str], i: usize) -> Option<usize> {
        fn go(p: &[PatTok], words: &[&str], i: usize) -> Option<usize> {
            let Some((first, rest)) = p.split_first() else {
                return Some(i);
            };
            match first {
                PatTok::Gap => {
                    for skip in 0..=4 {
                        let j = i + skip;
                        if j > words.len() {
                            break;
                        }
                        // a gap skips words and quotation marks, never other punctuation
                        if skip > 0
                            && !words[j - 1].chars().any(char::is_alphanumeric)
                            && !matches!(words[j - 1], "\"" | "'")
                        {
                            break;
                        }
                        if let Some(e) = go(rest, words, j) {
                            return Some(e);
                        }
                    }
                    None
                }
                t => {
                    let w = words.get(i)?;
                    if t.matches(w) {
                        go(rest, words, i + 1)
                    } else {
                        None
                    }
                }
            }
        }
        go(&self.0, words, i)
    }
    /// The key a phrase is indexed under: its first word's first 3 letters.
    fn key(&self) -> Option<String> {
        match self.0.first()? {
            PatTok::Word(w) | PatTok::Prefix(w) => Some(index_key(w)),
            PatTok::Gap => None,
        }
    }
}

fn index_key(w: &str) -> String {
    key_of(w).to_string()
}

/// A word's first three characters: the key phrases are indexed under.
fn key_of(w: &str) -> &str {
    let end = w.char_indices().nth(3).map_or(w.len(), |(b, _)| b);
    &w[..end]
}

/// A list of phrases indexed by the first three letters of their first
/// word, so that matching at a position tries only the phrases that can
/// start with that word. Phrases that open with a gap or a stem shorter
/// than three letters are tried everywhere.
#[derive(Debug, Clone, Default)]
pub struct PhraseIndex {
    by_key: HashMap<String, Vec<usize>>,
    always: Vec<usize>,
}

impl PhraseIndex {
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a Phrase>) -> PhraseIndex {
        let mut index = PhraseIndex::default();
        for (i, p) in phrases.into_iter().enumerate() {
            match p.0.first() {
                Some(PatTok::Word(w)) => index.by_key.entry(index_key(w)).or_default().push(i),
                Some(PatTok::Prefix(w)) if w.chars().count() >= 3 => {
                    index.by_key.entry(index_key(w)).or_default().push(i)
                }
                _ => index.always.push(i),
            }
        }
        index
    }

    /// The positions (in the indexed list) of the phrases that may match
    /// where `word` stands, in list order: a superset of those that match.
    pub fn candidates(&self, word: &str) -> impl Iterator<Item = usize> + '_ {
        let keyed: &[usize] = self.by_key.get(key_of(word)).map_or(&[], Vec::as_slice);
        Merged {
            a: keyed,
            b: &self.always,
        }
    }
}

/// Two ascending lists merged in ascending order.
struct Merged<'a> {
    a: &'a [usize],
    b: &'a [usize],
}

impl Iterator for Merged<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        let take_a = match (self.a.first(), self.b.first()) {
            (Some(x), Some(y)) => x < y,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return None,
        };
        let list = if take_a { &mut self.a } else { &mut self.b };
        let (&first, rest) = list.split_first()?;
        *list = rest;
        Some(first)
    }
}

/// Kinds of grammatical cue the coder reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// `not`, `non`, `never`: the event did not happen.
    Negation,
    /// `will`, `plans to`, `previsto`: the event is announced.
    Future,
    /// Verb-final future morphology (`-erà`): matched as word suffixes.
    FutureSuffix,
    /// `said`, `ha affermato`: reported speech.
    Speech,
    /// `according to`, `secondo`: a source.
    Attribution,
    /// `with`, `con`: a co-participant.
    With,
    /// `between`, `tra`: the participants follow.
    Between,
    /// `and`, `e`: coordination.
    And,
    /// `in`, `a`, `at`: a place follows.
    LocationPrep,
    /// `to`, `against`, `contro`: a recipient follows.
    ToPrep,
    /// `by`, `da`: the agent of a passive.
    By,
    /// `since`, `da quando`: background.
    Since,
    /// `that`, `che`, `while`: a new clause starts.
    Boundary,
    /// `he`, `they`, `lui`: the subject is someone named before.
    Pronoun,
    /// Words of a passive auxiliary (`was`, `were`, `è stato`).
    PassiveAux,
    /// `of`, `di`: a genitive.
    Of,
    /// `counterpart(s)`, `controparte`: the other side of a meeting.
    Counterpart,
    /// `both`, `their`, `i due paesi`: the pair that last acted together.
    Pair,
    /// Prepositions, auxiliaries, relative pronouns: words that continue a
    /// phrase rather than open a clause.
    Function,
    /// Articles (and article-like contractions such as `della`).
    Article,
    /// Negation that follows the verb (`traf Pakistan nicht`).
    NegationAfter,
    /// Relative pronouns (`that`, `che`, `qui`): after a noun they open a
    /// clause whose subject is that noun.
    Relative,
    /// Nouns of place (`border`, `confine`): a demonym beside one names a
    /// place (`the Finnish border`), not an actor.
    PlaceNoun,
}

impl Cue {
    fn parse(s: &str) -> Option<Cue> {
        Some(match s {
            "negation" => Cue::Negation,
            "future" => Cue::Future,
            "future_suffix" => Cue::FutureSuffix,
            "speech" => Cue::Speech,
            "attribution" => Cue::Attribution,
            "with" => Cue::With,
            "between" => Cue::Between,
            "and" => Cue::And,
            "location" => Cue::LocationPrep,
            "to" => Cue::ToPrep,
            "by" => Cue::By,
            "since" => Cue::Since,
            "boundary" => Cue::Boundary,
            "pronoun" => Cue::Pronoun,
            "passive_aux" => Cue::PassiveAux,
            "of" => Cue::Of,
            "counterpart" => Cue::Counterpart,
            "pair" => Cue::Pair,
            "function" => Cue::Function,
            "article" => Cue::Article,
            "negation_after" => Cue::NegationAfter,
            "relative" => Cue::Relative,
            "place_noun" => Cue::PlaceNoun,
            _ => return None,
        })
    }
}

/// What a trigger says about the roles around it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TriggerFlags {
    /// A visit: the visitor acts, the host (object or place) receives.
    pub visit: bool,
    /// A noun (`talks`, `colloqui`): participants come from `between`,
    /// `with` or a genitive, not from a subject.
    pub noun: bool,
    /// A passive form: the subject receives, the `by` phrase acts.
    pub passive: bool,
    /// An evaluation the speaker makes of the subject (`destabilising`):
    /// the speaker accuses the subject.
    pub eval: bool,
    /// Each object is a separate event (`met A, B and C`).
    pub each: bool,
    /// The object receives even for symmetric types (`hosted X`).
    pub recipient_object: bool,
    /// The trigger announces: the event is planned (`will visit`).
    pub planned: bool,
    /// An intent or readiness (`is prepared to`): with a conflict act as its
    /// complement it is a threat.
    pub intent: bool,
}

/// One entry of `triggers.tsv`.
#[derive(Debug, Clone)]
pub struct Trigger {
    pub phrase: Phrase,
    pub text: String,
    pub event_type: EventType,
    pub mode: Vec<String>,
    pub context: Vec<String>,
    pub flags: TriggerFlags,
}

/// A relative date expression (`il mese scorso`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    /// Days from the anchor (`ieri` = -1, `oggi` = 0).
    Day(i32),
    /// Days from the previous event's date (`the next day` = +1).
    DayAfterPrevious(i32),
    /// Weeks from the anchor's week; resolved at month precision.
    Week(i32),
    Month(i32),
    Year(i32),
}

/// Date words of one language.
#[derive(Debug, Clone, Default)]
pub struct DateWords {
    pub months: HashMap<String, u8>,
    /// Full month names (the first of each `month` line): only these stand
    /// alone (`a dicembre`); abbreviations need a day or a year beside them.
    pub full_months: HashSet<String>,
    pub weekdays: HashMap<String, u8>,
    pub relative: Vec<(Phrase, Relative, String)>,
    /// `relative` indexed by first word.
    pub relative_index: PhraseIndex,
    /// Words before a year that make it a deadline, not an event date (`by`, `entro`).
    pub deadline: Vec<Phrase>,
}

/// What an agreement name of `agreements.tsv` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A generic name (`reciprocal access agreement`).
    Generic,
    /// A proper name (`AUKUS`) with the parties it implies.
    Proper,
    /// Cooperation that is an agreement only when agreed or signed
    /// (`agreed to intensify defence cooperation`).
    Cooperation,
    /// `such an agreement`: the type last named in the article.
    Reference,
}

/// An agreement name of `agreements.tsv`.
#[derive(Debug, Clone)]
pub struct AgreementName {
    pub kind: NameKind,
    pub phrase: Phrase,
    pub text: String,
    pub agreement_type: AgreementType,
    /// A proper name (`AUKUS`) rather than a generic one.
    pub proper: Option<String>,
    /// Parties implied by a proper name.
    pub parties: Vec<String>,
}

/// A cue of agreement status (`avviare i negoziati` → negotiating).
#[derive(Debug, Clone)]
pub struct StatusCue {
    pub phrase: Phrase,
    pub text: String,
    pub status: AgreementStatus,
}

/// Everything the extractor knows about one language.
#[derive(Debug, Clone, Default)]
pub struct LanguagePack {
    pub code: String,
    pub abbreviations: Abbreviations,
    pub cues: HashMap<Cue, Vec<Phrase>>,
    pub triggers: Vec<Trigger>,
    trigger_index: HashMap<String, Vec<usize>>,
    cue_index: HashMap<Cue, PhraseIndex>,
    /// `agreements` indexed by first word.
    pub agreement_index: PhraseIndex,
    /// `status_cues` indexed by first word.
    pub status_cue_index: PhraseIndex,
    pub dates: DateWords,
    pub agreements: Vec<AgreementName>,
    pub status_cues: Vec<StatusCue>,
    /// Verb endings that mark the future, as written (`erà`).
    pub future_suffixes: Vec<String>,
}

impl LanguagePack {
    /// Triggers that may start at word `i`, longest first.
    pub fn triggers_at(&self, words: &[&str], i: usize) -> Vec<(usize, &Trigger)> {
        let Some(w) = words.get(i) else {
            return vec![];
        };
        let mut found: Vec<(usize, &Trigger)> = self
            .trigger_index
            .get(&index_key(w))
            .into_iter()
            .flatten()
            .filter_map(|&t| {
                let tr = &self.triggers[t];
                tr.phrase.match_at(words, i).map(|e| (e, tr))
            })
            .collect();
        found.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.phrase.0.len().cmp(&a.1.phrase.0.len()))
        });
        found
    }

    /// The end of the longest cue of `kind` starting at word `i`.
    pub fn cue_at(&self, kind: Cue, words: &[&str], i: usize) -> Option<usize> {
        let phrases = self.cues.get(&kind)?;
        let word = words.get(i)?;
        self.cue_index
            .get(&kind)?
            .candidates(word)
            .filter_map(|k| phrases[k].match_at(words, i))
            .max()
    }

    pub fn is_cue(&self, kind: Cue, word: &str) -> bool {
        self.cue_at(kind, &[word], 0) == Some(1)
    }

    /// True when the word ends with a future suffix of this language.
    /// True when the word is an article of this language (`the`, `la`, `der`).
    pub fn is_article(&self, word: &str) -> bool {
        self.cue_at(Cue::Article, &[word], 0) == Some(1)
    }

    /// True when the word (as written, lower case) ends with a future
    /// suffix of this language (`visiterà`).
    pub fn has_future_suffix(&self, surface_lower: &str) -> bool {
        self.future_suffixes.iter().any(|s| {
            surface_lower.chars().count() > s.chars().count() + 2
                && surface_lower.ends_with(s.as_str())
        })
    }

    fn index(&mut self) {
        self.trigger_index.clear();
        for (i, t) in self.triggers.iter().enumerate() {
            if let Some(k) = t.phrase.key() {
                self.trigger_index.entry(k).or_default().push(i);
            }
        }
        self.cue_index = self
            .cues
            .iter()
            .map(|(kind, phrases)| (*kind, PhraseIndex::new(phrases)))
            .collect();
        self.agreement_index = PhraseIndex::new(self.agreements.iter().map(|a| &a.phrase));
        self.status_cue_index = PhraseIndex::new(self.status_cues.iter().map(|c| &c.phrase));
        self.dates.relative_index = PhraseIndex::new(self.dates.relative.iter().map(|r| &r.0));
    }

    fn merge(&mut self, other: &LanguagePack) {
        self.abbreviations
            .0
            .extend(other.abbreviations.0.iter().cloned());
        for (k, v) in &other.cues {
            self.cues.entry(*k).or_default().extend(v.iter().cloned());
        }
        self.triggers.extend(other.triggers.iter().cloned());
        self.dates.months.extend(other.dates.months.clone());
        self.dates
            .full_months
            .extend(other.dates.full_months.iter().cloned());
        self.dates.weekdays.extend(other.dates.weekdays.clone());
        self.dates
            .relative
            .extend(other.dates.relative.iter().cloned());
        self.dates
            .deadline
            .extend(other.dates.deadline.iter().cloned());
        self.agreements.extend(other.agreements.iter().cloned());
        self.status_cues.extend(other.status_cues.iter().cloned());
        self.future_suffixes
            .extend(other.future_suffixes.iter().cloned());
        self.index();
    }
}

/// All language packs, and their union for text of unknown language.
#[derive(Debug, Clone)]
pub struct Lexicons {
    packs: HashMap<String, LanguagePack>,
    all: LanguagePack,
}

impl Lexicons {
    /// The packs embedded in the binary.
    pub fn embedded() -> Result<Lexicons, LexiconError> {
        let mut packs = HashMap::new();
        let mut all = LanguagePack {
            code: "und".into(),
            ..Default::default()
        };
        for (code, files) in EMBEDDED {
            let pack = parse_pack(code, files)?;
            all.merge(&pack);
            packs.insert(code.to_string(), pack);
        }
        // abbreviations hold across languages (an English "U.S." in Italian text)
        let every_abbreviation = all.abbreviations.clone();
        for p in packs.values_mut() {
            p.abbreviations = every_abbreviation.clone();
        }
        Ok(Lexicons { packs, all })
    }

    /// The pack for a language code, or the union of all packs.
    pub fn pack(&self, lang: &str) -> &LanguagePack {
        self.packs.get(lang).unwrap_or(&self.all)
    }

    pub fn languages(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.packs.keys().map(String::as_str).collect();
        v.sort();
        v
    }
}

fn data_lines(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(n, l)| {
        let l = l.trim_end();
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            None
        } else {
            Some((n + 1, l.split('\t').map(str::trim).collect()))
        }
    })
}

fn list(s: Option<&&str>) -> Vec<String> {
    s.map(|s| {
        s.split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(str::to_string)
            .collect()
    })
    .unwrap_or_default()
}

fn parse_pack(code: &str, files: &[(&str, &str)]) -> Result<LanguagePack, LexiconError> {
    let mut pack = LanguagePack {
        code: code.to_string(),
        ..Default::default()
    };
    for (file, text) in files {
        let err = |line: usize, reason: String| LexiconError {
            lang: code.to_string(),
            file: file.to_string(),
            line,
            reason,
        };
        match *file {
            "abbreviations.txt" => {
                for (_, cols) in data_lines(text) {
                    for w in cols[0].split_whitespace() {
                        pack.abbreviations.0.insert(fold(w.trim_end_matches('.')));
                    }
                }
            }
            "cues.tsv" => {
                for (n, cols) in data_lines(text) {
                    let kind = Cue::parse(cols[0])
                        .ok_or_else(|| err(n, format!("unknown cue kind {:?}", cols[0])))?;
                    if kind == Cue::FutureSuffix {
                        for s in cols.iter().skip(1).flat_map(|c| c.split('|')) {
                            pack.future_suffixes.push(s.trim().to_lowercase());
                        }
                        continue;
                    }
                    for phrase in cols.iter().skip(1).flat_map(|c| c.split('|')) {
                        let phrase = phrase.trim();
                        if !phrase.is_empty() {
                            pack.cues
                                .entry(kind)
                                .or_default()
                                .push(Phrase::parse(phrase));
                        }
                    }
                }
            }
            "dates.tsv" => {
                for (n, cols) in data_lines(text) {
                    let val = |i: usize| -> Result<i32, LexiconError> {
                        cols.get(i)
                            .and_then(|v| v.parse().ok())
                            .ok_or_else(|| err(n, format!("column {} must be a number", i + 1)))
                    };
                    match cols[0] {
                        "month" => {
                            let m = val(2)? as u8;
                            if let Some(full) = cols[1].split('|').next() {
                                pack.dates.full_months.insert(fold(full.trim()));
                            }
                            for w in cols[1].split('|') {
                                pack.dates.months.insert(fold(w.trim()), m);
                            }
                        }
                        "weekday" => {
                            let d = val(2)? as u8;
                            for w in cols[1].split('|') {
                                pack.dates.weekdays.insert(fold(w.trim()), d);
                            }
                        }
                        "deadline" => {
                            for w in cols[1].split('|') {
                                pack.dates.deadline.push(Phrase::parse(w));
                            }
                        }
                        unit => {
                            let v = val(2)?;
                            let rel = match unit {
                                "day" => Relative::Day(v),
                                "next_day" => Relative::DayAfterPrevious(v),
                                "week" => Relative::Week(v),
                                "month_rel" => Relative::Month(v),
                                "year_rel" => Relative::Year(v),
                                _ => return Err(err(n, format!("unknown date entry {unit:?}"))),
                            };
                            for w in cols[1].split('|') {
                                pack.dates.relative.push((
                                    Phrase::parse(w),
                                    rel,
                                    w.trim().to_string(),
                                ));
                            }
                        }
                    }
                }
            }
            "triggers.tsv" => {
                for (n, cols) in data_lines(text) {
                    let event_type = cols
                        .get(1)
                        .and_then(|t| EventType::parse(t))
                        .ok_or_else(|| err(n, "column 2 must be a PLOVER type".into()))?;
                    let mut flags = TriggerFlags::default();
                    for f in list(cols.get(4)) {
                        match f.as_str() {
                            "visit" => flags.visit = true,
                            "noun" => flags.noun = true,
                            "passive" => flags.passive = true,
                            "eval" => flags.eval = true,
                            "each" => flags.each = true,
                            "recipient" => flags.recipient_object = true,
                            "planned" => flags.planned = true,
                            "intent" => flags.intent = true,
                            other => return Err(err(n, format!("unknown flag {other:?}"))),
                        }
                    }
                    for phrase in cols[0].split('|') {
                        let phrase = phrase.trim();
                        if phrase.is_empty() {
                            continue;
                        }
                        pack.triggers.push(Trigger {
                            phrase: Phrase::parse(phrase),
                            text: phrase.to_string(),
                            event_type,
                            mode: list(cols.get(2)),
                            context: list(cols.get(3)),
                            flags,
                        });
                    }
                }
            }
            "agreements.tsv" => {
                for (n, cols) in data_lines(text) {
                    match cols[0] {
                        "name" | "proper" | "cooperation" | "reference" => {
                            let kind = match cols[0] {
                                "name" => NameKind::Generic,
                                "proper" => NameKind::Proper,
                                "cooperation" => NameKind::Cooperation,
                                _ => NameKind::Reference,
                            };
                            let agreement_type = if kind == NameKind::Reference {
                                AgreementType::Other
                            } else {
                                cols.get(2)
                                    .and_then(|t| AgreementType::parse(t))
                                    .ok_or_else(|| {
                                        err(n, "column 3 must be an agreement type".into())
                                    })?
                            };
                            let proper = (kind == NameKind::Proper).then(|| {
                                cols[1]
                                    .split('|')
                                    .next()
                                    .unwrap_or_default()
                                    .trim()
                                    .to_string()
                            });
                            for phrase in cols[1].split('|') {
                                pack.agreements.push(AgreementName {
                                    kind,
                                    phrase: Phrase::parse(phrase),
                                    text: phrase.trim().to_string(),
                                    agreement_type,
                                    proper: proper.clone(),
                                    parties: list(cols.get(3)),
                                });
                            }
                        }
                        "status" => {
                            let status = cols
                                .get(2)
                                .and_then(|t| AgreementStatus::parse(t))
                                .ok_or_else(|| {
                                    err(n, "column 3 must be an agreement status".into())
                                })?;
                            for phrase in cols[1].split('|') {
                                pack.status_cues.push(StatusCue {
                                    phrase: Phrase::parse(phrase),
                                    text: phrase.trim().to_string(),
                                    status,
                                });
                            }
                        }
                        other => return Err(err(n, format!("unknown entry {other:?}"))),
                    }
                }
            }
            _ => {}
        }
    }
    pack.index();
    Ok(pack)
}

impl Lexicons {
    /// No language data at all (used only if the embedded data is broken).
    pub fn empty() -> Lexicons {
        Lexicons {
            packs: HashMap::new(),
            all: LanguagePack::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_pack_parses() {
        let lex = Lexicons::embedded().unwrap();
        for code in ["en", "it"] {
            assert!(lex.languages().contains(&code), "missing pack {code}");
            assert!(!lex.pack(code).triggers.is_empty());
        }
    }

    #[test]
    fn the_phrase_index_offers_every_phrase_that_can_match_in_list_order() {
        let phrases: Vec<Phrase> = [
            "~ accord",
            "defence pact",
            "de*",
            "defen* agreement",
            "ab* x",
            "pact",
        ]
        .iter()
        .map(|p| Phrase::parse(p))
        .collect();
        let index = PhraseIndex::new(&phrases);
        for text in [
            "defence pact",
            "defensive agreement",
            "pact",
            "de facto",
            "abc x",
            "the accord",
        ] {
            let words: Vec<&str> = text.split(' ').collect();
            let offered: Vec<usize> = index.candidates(words[0]).collect();
            let mut sorted = offered.clone();
            sorted.sort_unstable();
            assert_eq!(offered, sorted, "{text}: not in list order");
            for (k, p) in phrases.iter().enumerate() {
                if p.match_at(&words, 0).is_some() {
                    assert!(
                        offered.contains(&k),
                        "{text}: phrase {k} matches but is not offered"
                    );
                }
            }
        }
        // the index does narrow: a phrase keyed on another word is not offered
        assert!(!index.candidates("pact").any(|k| k == 1));
    }

    #[test]
    fn phrases_match_stems_and_gaps() {
        let p = Phrase::parse("express* ~ concern*");
        let words = [
            "they",
            "expressed",
            "serious",
            "and",
            "persistent",
            "concerns",
        ];
        assert_eq!(p.match_at(&words, 1), Some(6));
        let words = ["they", "expressed", ",", "concern"];
        assert_eq!(p.match_at(&words, 1), None);
    }
}
