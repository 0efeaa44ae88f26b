//! Language packs: the per-language data of `data/lang/<code>/` — sentence
//! abbreviations, grammatical cues, date words, event triggers and agreement
//! names — parsed once. The coder asks for a pack by language code and
//! never branches on the language itself.

use crate::morph::Morphology;
use entente_model::{AgreementStatus, AgreementType, EventType, fold};
use foldhash::{HashMap, HashMapExt, HashSet};
use std::borrow::Cow;
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

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

/// The words of a sentence as the lexicons see them: the folded form of
/// each, and its lemma key (see `morph`), computed when first asked for.
/// Dereferences to the folded forms.
pub struct Words<'a> {
    forms: Vec<&'a str>,
    written: Vec<&'a str>,
    /// What this thread knows of each word (its lemma key, the phrase
    /// indexes' offers), found when first asked.
    memos: Vec<OnceCell<Rc<WordMemo>>>,
    /// Cue matches asked for so far, [`CUE_KINDS`] slots a word: the end
    /// plus one, 0 for none, [`UNASKED`] before the first question.
    cues: RefCell<Vec<u32>>,
    /// Words a phrase's gap skips without counting them: those of a date
    /// (`alcanzaron el miércoles en Doha un acuerdo`), marked by the coder.
    light: RefCell<Vec<bool>>,
    morph: &'a Morphology,
}

impl<'a> Words<'a> {
    /// Words from (folded form, form as written) pairs.
    pub fn new(pairs: impl IntoIterator<Item = (&'a str, &'a str)>, morph: &'a Morphology) -> Self {
        let (forms, written): (Vec<&str>, Vec<&str>) = pairs.into_iter().unzip();
        let memos = forms.iter().map(|_| OnceCell::new()).collect();
        Words {
            forms,
            written,
            memos,
            cues: RefCell::new(Vec::new()),
            light: RefCell::new(Vec::new()),
            morph,
        }
    }

    /// Mark words `start..end` (a date) as ones a gap skips for free.
    pub fn mark_light(&self, start: usize, end: usize) {
        let mut light = self.light.borrow_mut();
        if light.len() < self.forms.len() {
            light.resize(self.forms.len(), false);
        }
        for l in light.iter_mut().take(end).skip(start) {
            *l = true;
        }
    }

    /// True when word `i` belongs to a date the coder marked.
    pub fn in_date(&self, i: usize) -> bool {
        self.light.borrow().get(i).copied().unwrap_or(false)
    }

    /// True when a gap skips word `i` without counting it: a number
    /// (`3 billion dollars in military aid`) or a marked date.
    pub fn is_light(&self, i: usize) -> bool {
        self.forms
            .get(i)
            .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
            || self.in_date(i)
    }

    /// Words known only by their folded forms.
    pub fn folded(forms: &[&'a str], morph: &'a Morphology) -> Self {
        Words::new(forms.iter().map(|f| (*f, *f)), morph)
    }

    /// Word `i` as written (empty past the end).
    pub fn written(&self, i: usize) -> &str {
        self.written.get(i).copied().unwrap_or("")
    }

    /// True when word `i` is a manner adverb (`directly`, `fermamente`).
    pub fn is_adverb(&self, i: usize) -> bool {
        let Some(memo) = self.memo(i) else {
            return false;
        };
        *memo
            .adverb
            .get_or_init(|| self.morph.is_adverb(self.written[i]))
    }

    /// What this thread knows of word `i` (none past the end).
    fn memo(&self, i: usize) -> Option<&WordMemo> {
        let (cell, form, written) = (self.memos.get(i)?, self.forms[i], self.written[i]);
        Some(cell.get_or_init(|| WordMemo::of(self.morph.id(), written, form)))
    }

    /// The lemma key of word `i` (empty past the end).
    pub fn key(&self, i: usize) -> &str {
        let Some(memo) = self.memo(i) else {
            return "";
        };
        memo.key.get_or_init(|| {
            let w = self.written[i];
            if w.starts_with('@') {
                Rc::from(w)
            } else {
                self.morph.shared_key(w)
            }
        })
    }
}

impl<'a> std::ops::Deref for Words<'a> {
    type Target = [&'a str];
    fn deref(&self) -> &[&'a str] {
        &self.forms
    }
}

/// One token of a pattern: a lemma (any of its forms: `sign` matches
/// `signed`, `signs`, `signing`), an exact form (`=talks`), a stem
/// (`concord*`: any word starting so), the tail of a compound
/// (`*abkommen`: any word whose key ends with the key of `abkommen`), or
/// a gap of up to four words (`~`), or of up to N (`~9`: a German verb and
/// its separated particle, `griff … an`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatTok {
    /// The folded form and the lemma key.
    Lemma(String, String),
    Word(String),
    /// An exact form whose diacritics tell it from another word
    /// (`=pactó`, not `pacto`; `=müssten`, not `mussten`): the folded form
    /// and the form as written, lower case.
    Accented(String, String),
    Prefix(String),
    /// The key of the compound's last member, its folded form, and whether
    /// the compound must be capitalised (the tail is written so: `*Treffen`
    /// matches the noun `Arbeitstreffen`, not the verb `betreffen`).
    Tail(String, String, bool),
    Gap(usize),
}

impl PatTok {
    fn parse(t: &str, morph: &Morphology) -> PatTok {
        if let Some(n) = t.strip_prefix('~') {
            PatTok::Gap(n.parse().unwrap_or(4).min(12))
        } else if let Some(stem) = t.strip_suffix('*') {
            PatTok::Prefix(fold(stem))
        } else if let Some(tail) = t.strip_prefix('*') {
            PatTok::Tail(
                morph.key(tail),
                fold(tail),
                tail.chars().next().is_some_and(char::is_uppercase),
            )
        } else if let Some(exact) = t.strip_prefix('=') {
            exact_token(exact)
        } else {
            PatTok::Lemma(fold(t), morph.key(t))
        }
    }

    /// True when the token matches word `i`.
    pub fn matches(&self, words: &Words, i: usize) -> bool {
        let Some(form) = words.get(i) else {
            return false;
        };
        match self {
            PatTok::Lemma(f, k) => f == form || (!k.is_empty() && words.key(i) == k),
            PatTok::Word(w) => w == form,
            PatTok::Accented(w, a) => {
                w == form && words.written.get(i).is_some_and(|x| x.to_lowercase() == *a)
            }
            PatTok::Prefix(p) => form.starts_with(p.as_str()),
            PatTok::Tail(k, f, capital) => {
                if *capital
                    && !words
                        .written
                        .get(i)
                        .and_then(|w| w.chars().next())
                        .is_some_and(char::is_uppercase)
                {
                    return false;
                }
                form.len() > f.len()
                    && (form.ends_with(f.as_str()) || words.key(i).ends_with(k.as_str()))
            }
            PatTok::Gap(_) => true,
        }
    }

    /// How a word must look for this token to match it, for the index: its
    /// exact form or lemma key, or (a stem) its first three letters; none
    /// for tokens tried everywhere.
    fn index_keys(&self) -> Vec<IndexKey> {
        match self {
            PatTok::Lemma(f, k) => {
                let mut v = vec![IndexKey::Exact(f.clone())];
                if !k.is_empty() && k != f {
                    v.push(IndexKey::Exact(k.clone()));
                }
                v
            }
            PatTok::Word(w) | PatTok::Accented(w, _) => vec![IndexKey::Exact(w.clone())],
            PatTok::Prefix(p) if p.chars().count() >= 3 => vec![IndexKey::Prefix(index_key(p))],
            // a compound's last member: the word's last three letters, of its
            // form or of its lemma key
            PatTok::Tail(k, f, _) if f.chars().count() >= 3 && k.chars().count() >= 3 => {
                let mut v = vec![IndexKey::Suffix(suffix_of(f).to_string())];
                if suffix_of(k) != suffix_of(f) {
                    v.push(IndexKey::Suffix(suffix_of(k).to_string()));
                }
                v
            }
            _ => vec![],
        }
    }
}

/// A phrase: a sequence of pattern tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase(pub Vec<PatTok>);

impl Phrase {
    pub fn parse(s: &str, morph: &Morphology) -> Phrase {
        // words are cut the way the text is (`dall'accordo` is two words)
        let mut out = Vec::new();
        for piece in s.split_whitespace() {
            let gap = piece
                .strip_prefix('~')
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
            if gap || piece.ends_with('*') || piece.starts_with('*') {
                out.push(PatTok::parse(piece, morph));
                continue;
            }
            let (exact, body) = match piece.strip_prefix('=') {
                Some(b) => (true, b),
                None => (false, piece),
            };
            let chars: Vec<char> = body.chars().collect();
            for t in crate::text::tokens(&chars, 0, chars.len()) {
                if t.norm != "'" {
                    out.push(if exact && t.kind == crate::text::TokenKind::Word {
                        exact_token(&t.surface)
                    } else if exact || t.kind != crate::text::TokenKind::Word {
                        PatTok::Word(t.norm)
                    } else {
                        PatTok::Lemma(t.norm, morph.key(&t.surface))
                    });
                }
            }
        }
        Phrase(out)
    }
    /// Match at `i`; returns the index one past the match.
    pub fn match_at(&self, words: &Words, i: usize) -> Option<usize> {
        fn go(p: &[PatTok], words: &Words, i: usize) -> Option<usize> {
            let Some((first, rest)) = p.split_first() else {
                return Some(i);
            };
            match first {
                PatTok::Gap(max) => {
                    // up to `max` words, not counting numbers and dates
                    let mut j = i;
                    let mut counted = 0;
                    loop {
                        if let Some(e) = go(rest, words, j) {
                            return Some(e);
                        }
                        if j >= words.len() {
                            return None;
                        }
                        // a gap skips words and quotation marks (guillemets
                        // and curly quotes too: `attribuisce alla Russia «la
                        // piena responsabilità»`), and the points inside a
                        // date (`zog am 5. Dezember … ab`), never other
                        // punctuation
                        if !words[j].chars().any(char::is_alphanumeric)
                            && !words.in_date(j)
                            && !matches!(
                                words[j],
                                "\"" | "'" | "<<" | ">>" | "«" | "»" | "“" | "”" | "„" | "‘" | "’"
                            )
                        {
                            return None;
                        }
                        if !words.is_light(j) && words[j].chars().any(char::is_alphanumeric) {
                            counted += 1;
                            if counted > *max {
                                return None;
                            }
                        }
                        j += 1;
                    }
                }
                t => {
                    if t.matches(words, i) {
                        // a manner adverb may stand between two words of the
                        // phrase (`appealed directly to`)
                        go(rest, words, i + 1).or_else(|| {
                            (!rest.is_empty()
                                && !matches!(rest[0], PatTok::Gap(_))
                                && words.is_adverb(i + 1))
                            .then(|| go(rest, words, i + 2))
                            .flatten()
                        })
                    } else {
                        None
                    }
                }
            }
        }
        go(&self.0, words, i)
    }
    /// The keys a phrase is indexed under: its first token's.
    fn keys(&self) -> Vec<IndexKey> {
        self.0.first().map(PatTok::index_keys).unwrap_or_default()
    }
}

/// True when the word (as written, lower case) ends with one of the
/// endings and keeps at least three letters before it.
fn ends_with_ending(surface_lower: &str, endings: &[String]) -> bool {
    endings.iter().any(|s| {
        surface_lower.chars().count() > s.chars().count() + 2 && surface_lower.ends_with(s.as_str())
    })
}

/// An exact form (`=form`): folded as every word is, but a form whose
/// diacritics fold away (`pactó`, `müssten`) keeps them, since they tell
/// it from another word (`pacto`, `mussten`).
fn exact_token(exact: &str) -> PatTok {
    let norm = crate::text::norm_word(exact);
    let lower = exact.to_lowercase();
    if norm != lower && lower.chars().all(char::is_alphabetic) {
        PatTok::Accented(norm, lower)
    } else {
        PatTok::Word(norm)
    }
}

/// A phrase written back as text (for `why` lines).
fn phrase_text(p: &Phrase) -> String {
    p.0.iter()
        .map(|t| match t {
            PatTok::Lemma(f, _) | PatTok::Word(f) => f.clone(),
            PatTok::Accented(_, a) => a.clone(),
            PatTok::Prefix(f) => format!("{f}*"),
            PatTok::Tail(_, f, _) => format!("*{f}"),
            PatTok::Gap(_) => "~".into(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn index_key(w: &str) -> String {
    key_of(w).to_string()
}

/// A word's first three characters: the key phrases are indexed under.
fn key_of(w: &str) -> &str {
    let end = w.char_indices().nth(3).map_or(w.len(), |(b, _)| b);
    &w[..end]
}

/// A word's last three characters: compound tails are indexed under them.
fn suffix_of(w: &str) -> &str {
    let start = w.char_indices().rev().nth(2).map_or(0, |(b, _)| b);
    &w[start..]
}

/// What a phrase's first word is indexed under.
enum IndexKey {
    /// A form or a lemma key, whole.
    Exact(String),
    /// A stem's first three letters.
    Prefix(String),
    /// A compound tail's last three letters.
    Suffix(String),
}

/// A list of phrases indexed by their first word — its exact form and
/// lemma key, for a stem its first three letters, for a compound tail its
/// last three — so that matching at a position tries only the phrases that
/// can start with that word. Phrases that open with a gap, or a stem or a
/// tail shorter than three letters, are tried everywhere.
///
/// What the index offers a word is remembered, per thread, by the word as
/// written: news repeats its words, and most of them start no phrase.
#[derive(Debug, Clone, Default)]
pub struct PhraseIndex {
    /// Unique in the process (0 for an empty index), for the memo.
    id: usize,
    exact: HashMap<String, Vec<usize>>,
    by_prefix: HashMap<String, Vec<usize>>,
    by_suffix: HashMap<String, Vec<usize>>,
    always: Vec<usize>,
    /// Each phrase's first token, unless it is a gap.
    firsts: Vec<Option<PatTok>>,
}

/// What a thread knows of one word, as written, with its folded form: its
/// lemma key, whether it is a manner adverb, and (index id, phrases) for
/// each phrase index asked about it so far. A sentence's words find theirs
/// once, and each index then looks among a word's few offers rather than in
/// a table of all the words it was asked about.
struct WordMemo {
    form: Box<str>,
    key: OnceCell<Rc<str>>,
    adverb: OnceCell<bool>,
    offers: RefCell<Vec<(usize, Rc<[usize]>)>>,
}

/// Memos by the word as written.
type Memos = HashMap<Box<str>, Rc<WordMemo>>;

thread_local! {
    /// Memos of this thread, per morphology, by the word as written.
    static OFFERS: RefCell<HashMap<usize, Memos>> = RefCell::new(HashMap::new());
    /// How many memos and offers this thread made since the table was last
    /// emptied.
    static OFFERS_HELD: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// The offer of no phrase.
    static NO_OFFER: Rc<[usize]> = Rc::from([]);
}
/// Memos and offers a thread keeps, for all indexes together (some tens
/// of MB), so that memory stays bounded whatever the corpus.
const OFFER_LIMIT: usize = 300_000;

impl WordMemo {
    /// The memo of a word of morphology `morph`.
    fn of(morph: usize, written: &str, form: &str) -> Rc<WordMemo> {
        OFFERS.with(|o| {
            let mut o = o.borrow_mut();
            if OFFERS_HELD.get() >= OFFER_LIMIT {
                o.clear();
                OFFERS_HELD.set(0);
            }
            let m = o.entry(morph).or_default();
            if let Some(w) = m.get(written).filter(|w| *w.form == *form) {
                return w.clone();
            }
            let w = Rc::new(WordMemo {
                form: form.into(),
                key: OnceCell::new(),
                adverb: OnceCell::new(),
                offers: RefCell::new(Vec::new()),
            });
            m.insert(written.into(), w.clone());
            OFFERS_HELD.set(OFFERS_HELD.get() + 1);
            w
        })
    }
}

impl PhraseIndex {
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a Phrase>) -> PhraseIndex {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);
        let mut index = PhraseIndex {
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            ..PhraseIndex::default()
        };
        for (i, p) in phrases.into_iter().enumerate() {
            index.firsts.push(
                p.0.first()
                    .filter(|t| !matches!(t, PatTok::Gap(_)))
                    .cloned(),
            );
            let keys = p.keys();
            if keys.is_empty() {
                index.always.push(i);
            }
            for k in keys {
                let (map, k) = match k {
                    IndexKey::Exact(k) => (&mut index.exact, k),
                    IndexKey::Prefix(k) => (&mut index.by_prefix, k),
                    IndexKey::Suffix(k) => (&mut index.by_suffix, k),
                };
                let list = map.entry(k).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        index
    }

    /// The positions (in the indexed list) of the phrases that may match
    /// at word `i`, in list order: those whose first token matches the
    /// word, and those that open with a gap — a superset of those that
    /// match.
    pub fn candidates(&self, words: &Words, i: usize) -> Rc<[usize]> {
        if self.firsts.is_empty() {
            return Rc::from([]);
        }
        let Some(memo) = words.memo(i) else {
            return Rc::from([]);
        };
        if let Some((_, c)) = memo.offers.borrow().iter().find(|(id, _)| *id == self.id) {
            return c.clone();
        }
        let listed = self.by_first_word(words, i);
        let mut offered = listed
            .iter()
            .copied()
            .filter(|&k| self.firsts[k].as_ref().is_none_or(|t| t.matches(words, i)))
            .peekable();
        // most words start no phrase: they share one empty list
        let offered: Rc<[usize]> = if offered.peek().is_none() {
            NO_OFFER.with(Rc::clone)
        } else {
            offered.collect()
        };
        memo.offers.borrow_mut().push((self.id, offered.clone()));
        OFFERS_HELD.set(OFFERS_HELD.get() + 1);
        offered
    }

    /// The phrases indexed under word `i`'s form, lemma key, first or last
    /// letters, with those tried everywhere.
    fn by_first_word(&self, words: &Words, i: usize) -> Cow<'_, [usize]> {
        let Some(form) = words.get(i) else {
            return Cow::Borrowed(&[]);
        };
        let key = words.key(i);
        fn get<'m>(map: &'m HashMap<String, Vec<usize>>, k: &str) -> &'m [usize] {
            if map.is_empty() {
                &[]
            } else {
                map.get(k).map_or(&[], Vec::as_slice)
            }
        }
        let (form_end, key_end) = if self.by_suffix.is_empty() {
            ("", "")
        } else {
            (suffix_of(form), suffix_of(key))
        };
        let lists: [&[usize]; 6] = [
            get(&self.exact, form),
            if key == *form {
                &[]
            } else {
                get(&self.exact, key)
            },
            get(&self.by_prefix, key_of(form)),
            get(&self.by_suffix, form_end),
            if key_end == form_end {
                &[]
            } else {
                get(&self.by_suffix, key_end)
            },
            &self.always,
        ];
        // each list is in list order: one alone needs no sorting
        let mut non_empty = lists.iter().filter(|l| !l.is_empty());
        match (non_empty.next(), non_empty.next()) {
            (None, _) => Cow::Borrowed(&[]),
            (Some(l), None) => Cow::Borrowed(l),
            _ => {
                let mut out: Vec<usize> = Vec::with_capacity(lists.iter().map(|l| l.len()).sum());
                for l in lists {
                    out.extend_from_slice(l);
                }
                out.sort_unstable();
                out.dedup();
                Cow::Owned(out)
            }
        }
    }
}

/// Yes or no, by the word as written.
type WordAnswers = HashMap<Box<str>, bool>;

/// Room for every kind of [`Cue`] in a word's answers (a debug assertion
/// in [`LanguagePack::cue_at`] says when a new kind outgrows it).
const CUE_KINDS: usize = 81;
/// A cue slot not yet asked.
const UNASKED: u32 = u32::MAX;

/// Kinds of grammatical cue the coder reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cue {
    /// `not`, `non`, `never`: the event did not happen.
    Negation,
    /// `will`, `plans to`, `previsto`: the event is announced.
    Future,
    /// Verb-final future morphology (`-erà`): matched as word suffixes.
    FutureSuffix,
    /// Endings only a conjugated verb carries (`condenaron`, `condannò`,
    /// `condamnèrent`): after a word that is both an article and an object
    /// pronoun (`la`, `lo`, `les`), the word is the verb, not its noun.
    FiniteSuffix,
    /// Plural noun endings (`-s`, `-i`): an agreement name written in the
    /// plural names several agreements.
    PluralSuffix,
    /// `said`, `ha affermato`: reported speech.
    Speech,
    /// `according to`, `secondo`: a source.
    Attribution,
    /// `with`, `con`: a co-participant.
    With,
    /// `between`, `tra`: the participants follow.
    Between,
    /// `binding`, `liant`, `che lega`: after an agreement's name, its
    /// parties follow (`the accords binding Mali to France`).
    Binding,
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
    /// `had`, `aveva`, `recent`: an act before the time the article
    /// reports on (a pluperfect, a `recent` visit).
    Anterior,
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
    /// Nouns of a state's mission abroad (`embassy`, `consulat`): the state
    /// named beside one is whom a protest or an attack there is aimed at,
    /// not where it happens (`outside the French embassy in Niamey`).
    Mission,
    /// Possessive determiners (`its`, `their`, `suo`, `leur`): a noun follows.
    Possessive,
    /// `if`, `in case of`, `capable of`: what follows in the clause is a
    /// condition, hypothesis or capability, not an act that happened.
    Hypothetical,
    /// Words that open a prepositional phrase (`nach`, `mit`, `unter`): in
    /// a verb-second language a clause opened by one has its subject after
    /// the finite verb.
    Preposition,
    /// `sovereignty`, `airspace`: the state that owns one suffers the act.
    VictimNoun,
    /// `mediator`, `brokered`, `mediazione`: who mediates is no party.
    Mediator,
    /// `if`, `unless`, `falls`: a condition; an announced conflict act
    /// under a condition is a threat.
    Condition,
    /// Marks of a photo caption or credit line (`photo:`, `file photo`,
    /// `second from left`): the sentence reports no event.
    Caption,
    /// Present (with any phrase, `verb_second yes`) when the language puts
    /// the finite verb second: after a fronted phrase the subject follows
    /// the verb (`Am Montag traf Scholz Macron`).
    VerbSecond,
    /// Present (`attributive_participle yes`) when a verb's form between a
    /// determiner and a noun is an adjective (`their destroyed homes`):
    /// languages whose determiners are never object pronouns.
    AttributiveParticiple,
    /// Sentence adverbs (`also`, `inoltre`, `zudem`): words that do not make
    /// a subject of their own.
    Adverb,
    /// `from`, `da`, `von`: the seller of a purchase (`tanks from South Korea`).
    From,
    /// `over`, `in retaliation for`, `wegen`: the reason for an act (`sanctions
    /// over the arms sale to Taiwan`): an agreement named there is others'.
    Cause,
    /// Indefinite articles (`a`, `un`, `ein`): an agreement so introduced
    /// is not presupposed to exist (`called for a ceasefire`).
    Indefinite,
    /// `separate`, `respectifs`, `jeweilige`: agreements a state has with
    /// each of several partners, one with each.
    Separate,
    /// `each other`, `mutuellement`, `gegenseitig`: a directed act of
    /// several actors, each towards the others.
    Reciprocal,
    /// `allies`, `partners`, `Verbündete`: a noun for the unnamed supporters
    /// of the state it names (`Ukraine's allies`, `gli alleati di Kiev`).
    AllyNoun,
    /// Nouns that refer back to another's act (`the decision`, `the move`,
    /// `la mesure`, `den Schritt`): the object of a reaction to it.
    ActNoun,
    /// Auxiliaries that build a compound tense or a passive with a past
    /// participle (`ha`, `sono`, `a`, `ont`, `hat`, `wurde`).
    Auxiliary,
    /// Endings of a past participle, as written (`ato`, `ado`, `é`): matched
    /// as word suffixes.
    ParticipleSuffix,
    /// Present (`nouns_capitalised yes`) when every noun is written with a
    /// capital (German): a capital then does not mark a name.
    NounsCapitalised,
    /// Verbs that carry out what their object noun names (`announce`,
    /// `order`, `carry out`, `annoncer`, `verkünden`): the subject of the
    /// verb is the actor of the event noun (`France announced the expulsion
    /// of two diplomats`).
    Governing,
    /// Words of membership (`member`, `membre`, `Mitglied`): a member of an
    /// alliance organisation is allied with it.
    Member,
    /// Relatives that open a clause naming a member of their antecedent
    /// (`of which`, `dont`, `de la que`, `di cui`, `dessen`): `the CSTO, of
    /// which Armenia is a member`.
    MemberRelative,
    /// Prepositions that name a report's source (`according to`, `selon`,
    /// `según`, `secondo`, `laut`): the actor they govern is who says so,
    /// never who acts in the report.
    According,
    /// Free-choice determiners (`any`, `toute`, `cualquier`, `qualsiasi`,
    /// `jede`): an event noun so determined names no act that happened
    /// (`against any threat`).
    AnyDeterminer,
    /// Nouns of a ban (`embargo`, `ban`, `Verbot`, `divieto`): an
    /// agreement's name they govern (`an embargo on arms sales`) is what is
    /// banned, no agreement.
    Ban,
    /// Plural nouns of states in general (`countries`, `pays`, `Länder`):
    /// the subject they name (`the countries that joined NATO after 2000`)
    /// is no actor of its own.
    GenericStates,
    /// `that`, `que`, `dass`, `che`: opens a clause that is a verb's
    /// complement (`demanded that China lift the ban`).
    Complementizer,
    /// `accession`, `Beitritt`, `adhésion`: the way into an alliance
    /// organisation (its member comes after or before it).
    Accession,
    /// `join`, `adhérer`, `aderire`: a verb of entering an alliance
    /// organisation (its member is the subject).
    Join,
    /// `belong to`, `faire partie de`, `angehören`: a verb of being a member
    /// of an alliance organisation (its member is the subject).
    Belong,
    /// `ban`, `interdire`, `verbieten`: a verb or noun of prohibition (a
    /// ban on another state is a sanction).
    BanVerb,
    /// `ceasefire`, `tregua`, `Waffenruhe`: an agreement to stop fighting
    /// (between the sides that fought, when its sentence names none).
    Ceasefire,
    /// German `der`, `dem`, `des`: before a name whose adjective ends in
    /// `-en` (`der Europäischen Union`, `dem Internationalen
    /// Strafgerichtshof`) the name is a genitive or a dative, never the
    /// subject.
    ObliqueArticle,
    /// German `den`, `dem`, `einem`, `einen`: articles of neither the
    /// nominative nor the genitive; the name right after one is never the
    /// subject (`warf den Amerikanern … vor`, `drohte dem Iran`).
    ObliqueOnly,
    /// `membership`, `entrée`, `ingreso`: a noun of entering anything, an
    /// accession only beside an alliance organisation or an `alliance` word.
    Entry,
    /// `alliance`, `Bündnis`: a word that stands for the alliance
    /// organisation the article names.
    AllianceWord,
    /// Nouns of a stretch of time (`night`, `notte`, `Nacht`): a date in
    /// their `of` phrase still dates the act (`la notte del 7 ottobre`).
    TimeNoun,
    /// Nouns of armed forces (`troops`, `soldats`, `Kontingent`): a
    /// withdrawal of them is an act between states even where the text
    /// names no place it leaves (`withdrew its last troops in December`).
    Troops,
    /// Verbs that link their subject to a participle or adjective describing
    /// it (`se mostró alarmado`, `si è detto preoccupato`, `zeigte sich
    /// besorgt`): the participle after one is the subject's own predicate,
    /// and a verb of speech inside one opens no reported clause.
    Predicative,
    /// Articles that open a subject (`der`, `ein`; not `den`, `dem`, nor
    /// `die`/`das`, which open objects as well): in a verb-second language a
    /// noun phrase so opened before the verb is the subject, not a fronted
    /// phrase.
    SubjectArticle,
    /// Nouns of a government (`government`, `Regierung`, `régime`): a
    /// capital after them and a location preposition is the government's
    /// seat, not a place (`die Regierung in Teheran`).
    SeatNoun,
    /// Words that open a purpose clause right before its verb (`to`, `pour`,
    /// `para`, `per`): an act so introduced after an announced one is
    /// announced too (`will travel to Moscow to hold talks`).
    Purpose,
    /// Prepositions of direction (`to`, `into`, `nach`, `vers`, `hacia`):
    /// the actor they govern is where an act goes, never who acts.
    Goal,
    /// `informed`, `notified`, `assured`: verbs whose bare object is the
    /// one addressed, never the actor of the act their complement names.
    Addressee,
    /// Words a name is glued to by a hyphen to describe a noun
    /// (`Iran-backed`, `Russian-made`, `US-supplied`): such a name is not a
    /// participant (`US-led` is not one of them: the leader acts).
    HyphenModifier,
    /// Copulas (`is`, `remains`, `ist`, `est`, `è`, `es`): a name after one
    /// is a predicate describing the subject (`Japan is America's closest
    /// ally`).
    Copula,
    /// Prepositions of aim before an agreement named with an indefinite
    /// article (`a push for a ceasefire`, `Anlauf für eine Waffenruhe`,
    /// `verso un accordo`): the agreement is a goal, not a fact.
    Aim,
    /// Prepositions of occasion (`during`, `on the sidelines of`, `lors
    /// de`, `en marge de`, `durante`, `bei`, `am Rande`, `a margine di`): a
    /// meeting or a visit they open is an act beside the clause's, whose
    /// subject makes it.
    Occasion,
    /// A group of three or more named by its number (`the four countries`,
    /// `les trois dirigeants`, `die drei Staaten`): the states that last
    /// acted together.
    Group,
    /// A preposition of view (`For Moscow, …`, `Pour Paris, …`, `Per il
    /// ministro …`, `Für Berlin ist …`): opening a sentence where no verb
    /// of speech names a speaker, or opening a later clause (`…, mentre per
    /// la Casa Bianca …`, for that clause's evaluations), the actor it
    /// governs is the one who judges.
    Opinion,
    /// A determiner that also opens a relative clause (German `der`,
    /// `die`, `das`, `dem`, `den`, `denen`): right after a comma and
    /// before a word in lower case (`der bis heute gilt`, not `die USA`)
    /// it is a relative pronoun, and answers for [`Cue::Relative`].
    RelativeArticle,
}

impl Cue {
    fn parse(s: &str) -> Option<Cue> {
        Some(match s {
            "negation" => Cue::Negation,
            "future" => Cue::Future,
            "future_suffix" => Cue::FutureSuffix,
            "finite_suffix" => Cue::FiniteSuffix,
            "speech" => Cue::Speech,
            "attribution" => Cue::Attribution,
            "with" => Cue::With,
            "between" => Cue::Between,
            "binding" => Cue::Binding,
            "and" => Cue::And,
            "location" => Cue::LocationPrep,
            "to" => Cue::ToPrep,
            "by" => Cue::By,
            "since" => Cue::Since,
            "anterior" => Cue::Anterior,
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
            "mission" => Cue::Mission,
            "possessive" => Cue::Possessive,
            "hypothetical" => Cue::Hypothetical,
            "condition" => Cue::Condition,
            "mediator" => Cue::Mediator,
            "victim_noun" => Cue::VictimNoun,
            "preposition" => Cue::Preposition,
            "caption" => Cue::Caption,
            "verb_second" => Cue::VerbSecond,
            "attributive_participle" => Cue::AttributiveParticiple,
            "adverb" => Cue::Adverb,
            "from" => Cue::From,
            "cause" => Cue::Cause,
            "indefinite" => Cue::Indefinite,
            "separate" => Cue::Separate,
            "reciprocal" => Cue::Reciprocal,
            "ally_noun" => Cue::AllyNoun,
            "act_noun" => Cue::ActNoun,
            "auxiliary" => Cue::Auxiliary,
            "participle_suffix" => Cue::ParticipleSuffix,
            "plural_suffix" => Cue::PluralSuffix,
            "nouns_capitalised" => Cue::NounsCapitalised,
            "governing" => Cue::Governing,
            "member" => Cue::Member,
            "member_relative" => Cue::MemberRelative,
            "according" => Cue::According,
            "any" => Cue::AnyDeterminer,
            "ban" => Cue::Ban,
            "generic_states" => Cue::GenericStates,
            "accession" => Cue::Accession,
            "complementizer" => Cue::Complementizer,
            "join" => Cue::Join,
            "belong" => Cue::Belong,
            "oblique_article" => Cue::ObliqueArticle,
            "oblique_only" => Cue::ObliqueOnly,
            "ban_verb" => Cue::BanVerb,
            "ceasefire" => Cue::Ceasefire,
            "entry" => Cue::Entry,
            "alliance_word" => Cue::AllianceWord,
            "time_noun" => Cue::TimeNoun,
            "troops" => Cue::Troops,
            "predicative" => Cue::Predicative,
            "subject_article" => Cue::SubjectArticle,
            "seat_noun" => Cue::SeatNoun,
            "purpose" => Cue::Purpose,
            "hyphen_modifier" => Cue::HyphenModifier,
            "copula" => Cue::Copula,
            "aim" => Cue::Aim,
            "goal" => Cue::Goal,
            "addressee" => Cue::Addressee,
            "occasion" => Cue::Occasion,
            "group" => Cue::Group,
            "opinion" => Cue::Opinion,
            "relative_article" => Cue::RelativeArticle,
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
    /// A host's verb (`hosted X`, `received X`): for a meeting the guest
    /// acts and the host receives, even though the type is symmetric.
    pub recipient_object: bool,
    /// A joint act (`signed with`): the partners of a `with` or `between`
    /// phrase act beside the subject instead of receiving.
    pub together: bool,
    /// The trigger announces: the event is planned (`will visit`).
    pub planned: bool,
    /// An intent or readiness (`is prepared to`): with a conflict act as its
    /// complement it is a threat.
    pub intent: bool,
    /// A feeling (`alarmed`, `concerned`): a passive auxiliary before it is
    /// a copula, and its `by` phrase names the cause, not an agent (`was
    /// alarmed by the strikes`).
    pub feeling: bool,
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
    /// Phrases that, standing within three words before or four after the
    /// trigger, mean the word is used in another sense (`release` … `statement`).
    pub unless: Vec<Phrase>,
}

impl Trigger {
    /// True when one of the phrases of another sense stands from `from` to
    /// four words past the trigger's end `e` (a word of a date vetoes
    /// nothing: `il mese scorso` is no sentence of months).
    fn vetoed(&self, words: &Words, from: usize, e: usize) -> bool {
        self.unless.iter().any(|u| {
            (from..(e + 4).min(words.len()))
                .any(|k| !words.in_date(k) && u.match_at(words, k).is_some())
        })
    }
}

/// A relative date expression (`il mese scorso`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relative {
    /// Days from the anchor (`ieri` = -1, `oggi` = 0).
    Day(i32),
    /// Days from the date told before (`the next day` = +1): an event's,
    /// or the one day of a sentence that codes none.
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
    /// Words beside a weekday that put it ahead of publication (`next`,
    /// `kommenden`, `prochain`, `próximo`, `prossimo`).
    pub next_weekday: HashSet<String>,
    /// Words right before a year that date an event within it (`l'été
    /// 2020`, `im Sommer 2020`): seasons.
    pub year_intro: HashSet<String>,
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
    /// How the language inflects: the lemma key of a word.
    pub morphology: Morphology,
    pub cues: HashMap<Cue, Vec<Phrase>>,
    pub triggers: Vec<Trigger>,
    trigger_index: PhraseIndex,
    cue_index: HashMap<Cue, PhraseIndex>,
    /// `agreements` indexed by first word.
    pub agreement_index: PhraseIndex,
    /// `status_cues` indexed by first word.
    pub status_cue_index: PhraseIndex,
    pub dates: DateWords,
    pub agreements: Vec<AgreementName>,
    /// Head nouns of agreements (`agreement`, `accord`, `*abkommen`): with a
    /// topic word near them they name an agreement of the topic's type.
    pub agreement_heads: Vec<Phrase>,
    /// Heads of treaties (`treaty`, `accord`, `Vertrag`): with a year
    /// written beside them (`a 2003 treaty`, `l'accord de 2003`) they name
    /// an agreement even with no topic near (agreements.tsv `treaty` rows).
    pub treaty_heads: Vec<Phrase>,
    /// Heads that name a purchase as made (`purchase`, `Kauf`): an arms
    /// transfer so named in passing was contracted (agreements.tsv
    /// `purchase` rows).
    pub purchase_heads: Vec<Phrase>,
    /// Verbs of buying, ordering and selling (`buy`, `commander`,
    /// `bestellen`): with a weapon in their object and the other side in a
    /// `from` or `to` phrase, an arms transfer.
    pub buy_verbs: Vec<Phrase>,
    pub buy_verb_index: PhraseIndex,
    pub agreement_head_index: PhraseIndex,
    /// Topic words (`defence`, `tank`, `Stationierung`) and the agreement
    /// type they give a head noun, most specific first.
    /// (no type: a topic that is no security matter, `air services`, so
    /// that the head names no agreement whatever else is near)
    pub agreement_topics: Vec<(Phrase, Option<AgreementType>)>,
    pub agreement_topic_index: PhraseIndex,
    /// One generic name per head and agreement type (`head * 8 + type`),
    /// for the agreements a head and a topic name.
    pub agreement_head_names: Vec<AgreementName>,
    pub status_cues: Vec<StatusCue>,
    /// Verb endings that mark the future, as written (`erà`).
    pub future_suffixes: Vec<String>,
    /// Endings only a conjugated verb carries, as written (`aron`, `ò`).
    pub finite_suffixes: Vec<String>,
    /// Endings of a past participle, as written (`ato`, `ado`).
    pub participle_suffixes: Vec<String>,
    /// Endings of a plural noun, as written (`s`, `i`).
    pub plural_suffixes: Vec<String>,
}

impl LanguagePack {
    /// Words of this language from (folded form, form as written) pairs.
    pub fn words<'a>(&'a self, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Words<'a> {
        Words::new(pairs, &self.morphology)
    }

    /// Triggers that may start at word `i`, longest first (then the
    /// phrase with more tokens, then list order).
    pub fn triggers_at(&self, words: &Words, i: usize) -> Vec<(usize, &Trigger)> {
        let mut found: Vec<(usize, &Trigger)> = self
            .trigger_index
            .candidates(words, i)
            .iter()
            .copied()
            .filter_map(|t| {
                let tr = &self.triggers[t];
                let e = tr.phrase.match_at(words, i)?;
                (!tr.vetoed(words, i.saturating_sub(3), e)).then_some((e, tr))
            })
            .collect();
        found.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.phrase.0.len().cmp(&a.1.phrase.0.len()))
        });
        found
    }

    /// The longest noun trigger at word `i` whose sense the words from
    /// `from` on leave standing — what a verb before its phrase says of it is
    /// no veto (`hat die Angriffe verurteilt` names the attacks it condemns),
    /// what stands in the phrase is (`le champ de tir`).
    pub fn noun_trigger_at(
        &self,
        words: &Words,
        i: usize,
        from: usize,
    ) -> Option<(usize, &Trigger)> {
        self.trigger_index
            .candidates(words, i)
            .iter()
            .map(|&t| &self.triggers[t])
            .filter(|tr| tr.flags.noun)
            .filter_map(|tr| {
                let e = tr.phrase.match_at(words, i)?;
                (!tr.vetoed(words, from.min(i), e)).then_some((e, tr))
            })
            .max_by_key(|&(e, tr)| (e, tr.phrase.0.len()))
    }

    /// The end of the longest cue of `kind` starting at word `i`.
    pub fn cue_at(&self, kind: Cue, words: &Words, i: usize) -> Option<usize> {
        // the words remember the answers of their own language's pack
        let own = std::ptr::eq(words.morph, &self.morphology) && i < words.len();
        let slot = i * CUE_KINDS + kind as usize;
        debug_assert!((kind as usize) < CUE_KINDS, "CUE_KINDS is too small");
        if own
            && let Some(&known) = words.cues.borrow().get(slot)
            && known != UNASKED
        {
            return known.checked_sub(1).map(|e| e as usize);
        }
        let end = self.cue_at_uncached(kind, words, i);
        if own {
            let mut cues = words.cues.borrow_mut();
            if cues.is_empty() {
                // a sentence's words are asked for many kinds of cue: one
                // table for all of them
                cues.resize(words.len() * CUE_KINDS, UNASKED);
            }
            cues[slot] = end.map_or(0, |e| e as u32 + 1);
        }
        end
    }

    fn cue_at_uncached(&self, kind: Cue, words: &Words, i: usize) -> Option<usize> {
        // `, der bis heute in Kraft ist`: a determiner after a comma, before
        // a word in lower case, is a relative pronoun
        if kind == Cue::Relative
            && i > 0
            && words.written(i - 1) == ","
            && words
                .written(i + 1)
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase())
            && self.cue_at_uncached(Cue::RelativeArticle, words, i) == Some(i + 1)
        {
            return Some(i + 1);
        }
        let phrases = self.cues.get(&kind)?;
        self.cue_index
            .get(&kind)?
            .candidates(words, i)
            .iter()
            .copied()
            .filter_map(|k| phrases[k].match_at(words, i))
            .max()
    }

    /// True when the folded word alone is a cue of `kind`.
    pub fn is_cue(&self, kind: Cue, word: &str) -> bool {
        thread_local! {
            /// Answers given on this thread, per (morphology id, kind).
            static SEEN: RefCell<HashMap<(usize, Cue), WordAnswers>> =
                RefCell::new(HashMap::new());
            static SEEN_HELD: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
        }
        let at = (self.morphology.id(), kind);
        if let Some(known) = SEEN.with(|s| s.borrow().get(&at).and_then(|m| m.get(word).copied())) {
            return known;
        }
        let words = Words::folded(&[word], &self.morphology);
        let yes = self.cue_at_uncached(kind, &words, 0) == Some(1);
        SEEN.with(|s| {
            let mut s = s.borrow_mut();
            // bounded for all kinds together (a few MB a thread)
            if SEEN_HELD.get() >= 200_000 {
                s.clear();
                SEEN_HELD.set(0);
            }
            if s.entry(at).or_default().insert(word.into(), yes).is_none() {
                SEEN_HELD.set(SEEN_HELD.get() + 1);
            }
        });
        yes
    }

    /// True when the word (as written, lower case) ends with a past
    /// participle ending of this language (`firmato`, `signée`).
    pub fn has_participle_suffix(&self, surface_lower: &str) -> bool {
        ends_with_ending(surface_lower, &self.participle_suffixes)
    }

    /// True when the word (as written, lower case) looks like a past
    /// participle: one of the language's endings, or `-ed` where the pack
    /// lists none (English).
    pub fn looks_past_participle(&self, surface_lower: &str) -> bool {
        if self.participle_suffixes.is_empty() {
            surface_lower.ends_with("ed")
        } else {
            self.has_participle_suffix(surface_lower)
        }
    }

    /// True when every noun of the language is capitalised (German).
    pub fn nouns_capitalised(&self) -> bool {
        self.cues.contains_key(&Cue::NounsCapitalised)
    }

    /// True when a verb form between a determiner and a noun is an
    /// adjective (English, German).
    pub fn attributive_participle(&self) -> bool {
        self.cues.contains_key(&Cue::AttributiveParticiple)
    }

    /// True when the language puts the finite verb second (German).
    pub fn verb_second(&self) -> bool {
        self.cues.contains_key(&Cue::VerbSecond)
    }

    /// The end of a status cue (agreements.tsv `status`) starting at `j`
    /// whose status `keep` accepts.
    pub fn status_cue_at(
        &self,
        words: &Words,
        j: usize,
        keep: impl Fn(AgreementStatus) -> bool,
    ) -> Option<usize> {
        self.status_cue_index
            .candidates(words, j)
            .iter()
            .map(|&c| &self.status_cues[c])
            .filter(|c| keep(c.status))
            .find_map(|c| c.phrase.match_at(words, j))
    }

    /// True when the word is an article of this language (`the`, `la`, `der`).
    pub fn is_article(&self, word: &str) -> bool {
        self.is_cue(Cue::Article, word)
    }

    /// True when the word (as written, lower case) ends with a future
    /// suffix of this language (`visiterà`).
    pub fn has_future_suffix(&self, surface_lower: &str) -> bool {
        ends_with_ending(surface_lower, &self.future_suffixes)
    }

    /// True when the word (as written, lower case) ends with an ending only
    /// a conjugated verb of this language carries (`condenaron`).
    pub fn has_finite_suffix(&self, surface_lower: &str) -> bool {
        ends_with_ending(surface_lower, &self.finite_suffixes)
    }

    /// A noun written in the plural of the singular `lemma` (as written in a
    /// lexicon): it ends in a plural ending the lemma does not end in, and
    /// differs from it (`treaties` of `treaty`, `accordi` of `accordo`,
    /// `Vereinbarungen` of `Vereinbarung`; `Abkommens`, a genitive, is none).
    pub fn is_plural_of(&self, surface_lower: &str, lemma_lower: &str) -> bool {
        surface_lower != lemma_lower
            && self
                .plural_suffixes
                .iter()
                .any(|s| surface_lower.ends_with(s.as_str()) && !lemma_lower.ends_with(s.as_str()))
    }

    fn index(&mut self) {
        self.trigger_index = PhraseIndex::new(self.triggers.iter().map(|t| &t.phrase));
        self.cue_index = self
            .cues
            .iter()
            .map(|(kind, phrases)| (*kind, PhraseIndex::new(phrases)))
            .collect();
        self.agreement_index = PhraseIndex::new(self.agreements.iter().map(|a| &a.phrase));
        self.agreement_head_index = PhraseIndex::new(&self.agreement_heads);
        self.buy_verb_index = PhraseIndex::new(&self.buy_verbs);
        self.agreement_head_names = self
            .agreement_heads
            .iter()
            .flat_map(|h| {
                AgreementType::ALL.into_iter().map(move |t| AgreementName {
                    kind: NameKind::Generic,
                    phrase: h.clone(),
                    text: format!("{} (head) + {} topic", phrase_text(h), t.as_str()),
                    agreement_type: t,
                    proper: None,
                    parties: vec![],
                })
            })
            .collect();
        self.agreement_topic_index = PhraseIndex::new(self.agreement_topics.iter().map(|(p, _)| p));
        self.status_cue_index = PhraseIndex::new(self.status_cues.iter().map(|c| &c.phrase));
        self.dates.relative_index = PhraseIndex::new(self.dates.relative.iter().map(|r| &r.0));
    }

    /// How many of the words are this language's function words (articles,
    /// prepositions, conjunctions): the evidence for the language of a
    /// text whose language the cleaner could not tell.
    fn function_word_count(&self, folded: &[&str]) -> usize {
        folded
            .iter()
            .filter(|w| {
                [Cue::Article, Cue::Function, Cue::And, Cue::Of]
                    .into_iter()
                    .any(|c| {
                        self.cues.get(&c).is_some_and(|ps| {
                            ps.iter()
                                .any(|p| matches!(p.0.as_slice(), [PatTok::Word(x) | PatTok::Lemma(x, _)] if x == *w))
                        })
                    })
            })
            .count()
    }
}

/// All language packs.
#[derive(Debug, Clone)]
pub struct Lexicons {
    packs: HashMap<String, LanguagePack>,
    /// Every pack's abbreviations (an English "U.S." in Italian text).
    abbreviations: Abbreviations,
    /// The pack of last resort, for text with no function words of any pack.
    fallback: LanguagePack,
}

/// The files of a pack, in the order they are read (`morphology.tsv`
/// first: every phrase of the others is keyed by it).
pub const PACK_FILES: [&str; 6] = [
    "morphology.tsv",
    "abbreviations.txt",
    "cues.tsv",
    "dates.tsv",
    "triggers.tsv",
    "agreements.tsv",
];

impl Lexicons {
    /// The packs embedded in the binary.
    pub fn embedded() -> Result<Lexicons, LexiconError> {
        Lexicons::from_packs(
            EMBEDDED
                .iter()
                .map(|(code, files)| parse_pack(code, files))
                .collect::<Result<Vec<_>, _>>()?,
        )
    }

    /// The packs of a folder laid out as `data/lang` (`<code>/<file>`):
    /// for working on the lexicons without rebuilding (`ENTENTE_LANG_DIR`).
    pub fn from_dir(dir: &std::path::Path) -> Result<Lexicons, LexiconError> {
        let io_err = |file: String, e: std::io::Error| LexiconError {
            lang: "*".into(),
            file,
            line: 0,
            reason: e.to_string(),
        };
        let mut codes: Vec<String> = std::fs::read_dir(dir)
            .map_err(|e| io_err(dir.display().to_string(), e))?
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        codes.sort();
        let mut packs = Vec::new();
        for code in codes {
            let mut files: Vec<(&str, String)> = Vec::new();
            for f in PACK_FILES {
                let path = dir.join(&code).join(f);
                if path.exists() {
                    let text = std::fs::read_to_string(&path)
                        .map_err(|e| io_err(path.display().to_string(), e))?;
                    files.push((f, text));
                }
            }
            let borrowed: Vec<(&str, &str)> = files.iter().map(|(f, t)| (*f, t.as_str())).collect();
            packs.push(parse_pack(&code, &borrowed)?);
        }
        Lexicons::from_packs(packs)
    }

    fn from_packs(list: Vec<LanguagePack>) -> Result<Lexicons, LexiconError> {
        let mut abbreviations = Abbreviations::default();
        for p in &list {
            abbreviations.0.extend(p.abbreviations.0.iter().cloned());
        }
        let mut packs = HashMap::new();
        for mut p in list {
            p.abbreviations = abbreviations.clone();
            packs.insert(p.code.clone(), p);
        }
        let fallback = packs
            .get("en")
            .or_else(|| packs.values().next())
            .cloned()
            .unwrap_or_default();
        Ok(Lexicons {
            packs,
            abbreviations,
            fallback,
        })
    }

    /// The pack for a language code, if there is one.
    pub fn get(&self, lang: &str) -> Option<&LanguagePack> {
        self.packs.get(lang)
    }

    /// The pack for a text in language `lang`: that language's, or, when
    /// there is none (`und`, a language without a pack), the one pack
    /// whose function words the text uses most — never a mix of packs,
    /// whose words collide across languages (French *tue*, English *Tue*).
    pub fn pack_for(&self, lang: &str, text: &str) -> &LanguagePack {
        if let Some(p) = self.packs.get(lang) {
            return p;
        }
        let folded: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(2000)
            .map(fold)
            .collect();
        let folded: Vec<&str> = folded.iter().map(String::as_str).collect();
        let mut codes: Vec<&String> = self.packs.keys().collect();
        codes.sort();
        codes
            .into_iter()
            .map(|c| (self.packs[c].function_word_count(&folded), c))
            .filter(|(n, _)| *n > 0)
            .max_by_key(|(n, c)| (*n, std::cmp::Reverse(*c)))
            .and_then(|(_, c)| self.packs.get(c))
            .unwrap_or(&self.fallback)
    }

    /// Every pack's abbreviations.
    pub fn abbreviations(&self) -> &Abbreviations {
        &self.abbreviations
    }

    pub fn languages(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.packs.keys().map(String::as_str).collect();
        v.sort();
        v
    }
}

/// A trigger phrase with each `@class` word replaced by every word of its
/// class (`qualify ~ @negative` → `qualify ~ illegal`, `qualify ~ reckless`…).
fn expand_classes(phrase: &str, classes: &HashMap<&str, Vec<&str>>) -> Result<Vec<String>, String> {
    let mut out = vec![String::new()];
    for word in phrase.split(' ').filter(|w| !w.is_empty()) {
        let options: Vec<&str> = if word.starts_with('@') {
            classes.get(word).cloned().ok_or_else(|| {
                format!(
                    "unknown word class {word:?} (define it on a line `{word}<TAB>word|word|…`)"
                )
            })?
        } else {
            vec![word]
        };
        out = out
            .iter()
            .flat_map(|head| {
                options.iter().map(move |o| {
                    if head.is_empty() {
                        (*o).to_string()
                    } else {
                        format!("{head} {o}")
                    }
                })
            })
            .collect();
    }
    Ok(out)
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
    // the morphology first: every phrase of the other files is keyed by it
    let mut morph = Morphology::default();
    if let Some((_, text)) = files.iter().find(|(f, _)| *f == "morphology.tsv") {
        morph = Morphology::parse(text).map_err(|(line, reason)| LexiconError {
            lang: code.to_string(),
            file: "morphology.tsv".into(),
            line,
            reason,
        })?;
    }
    let morph = &morph;
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
                    if matches!(
                        kind,
                        Cue::FutureSuffix
                            | Cue::FiniteSuffix
                            | Cue::ParticipleSuffix
                            | Cue::PluralSuffix
                    ) {
                        let list = match kind {
                            Cue::FutureSuffix => &mut pack.future_suffixes,
                            Cue::FiniteSuffix => &mut pack.finite_suffixes,
                            Cue::ParticipleSuffix => &mut pack.participle_suffixes,
                            _ => &mut pack.plural_suffixes,
                        };
                        for s in cols.iter().skip(1).flat_map(|c| c.split('|')) {
                            let s = s.trim().to_lowercase();
                            if !s.is_empty() {
                                list.push(s);
                            }
                        }
                        continue;
                    }
                    for phrase in cols.iter().skip(1).flat_map(|c| c.split('|')) {
                        let phrase = phrase.trim();
                        if !phrase.is_empty() {
                            pack.cues
                                .entry(kind)
                                .or_default()
                                .push(Phrase::parse(phrase, morph));
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
                                pack.dates
                                    .months
                                    .insert(crate::text::norm_word(w.trim()), m);
                            }
                        }
                        "weekday" => {
                            let d = val(2)? as u8;
                            for w in cols[1].split('|') {
                                pack.dates
                                    .weekdays
                                    .insert(crate::text::norm_word(w.trim()), d);
                            }
                        }
                        "deadline" => {
                            for w in cols[1].split('|') {
                                pack.dates.deadline.push(Phrase::parse(w, morph));
                            }
                        }
                        kind @ ("next_weekday" | "year_intro") => {
                            let set = if kind == "next_weekday" {
                                &mut pack.dates.next_weekday
                            } else {
                                &mut pack.dates.year_intro
                            };
                            set.extend(
                                cols[1].split('|').map(|w| crate::text::norm_word(w.trim())),
                            );
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
                                    Phrase::parse(w, morph),
                                    rel,
                                    w.trim().to_string(),
                                ));
                            }
                        }
                    }
                }
            }
            "triggers.tsv" => {
                // word classes (`@negative<TAB>word|word…`), named in phrases
                // by `@negative`: one phrase per word of the class
                let mut classes: HashMap<&str, Vec<&str>> = HashMap::new();
                for (n, cols) in data_lines(text).filter(|(_, c)| c[0].starts_with('@')) {
                    let words: Vec<&str> = cols
                        .get(1)
                        .map(|c| {
                            c.split('|')
                                .map(str::trim)
                                .filter(|w| !w.is_empty())
                                .collect()
                        })
                        .unwrap_or_default();
                    if words.is_empty() || cols.len() != 2 {
                        return Err(err(n, "a word class is `@name<TAB>word|word|…`".into()));
                    }
                    classes.insert(cols[0], words);
                }
                for (n, cols) in data_lines(text).filter(|(_, c)| !c[0].starts_with('@')) {
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
                            "feeling" => flags.feeling = true,
                            "together" => flags.together = true,
                            other => return Err(err(n, format!("unknown flag {other:?}"))),
                        }
                    }
                    let unless: Vec<Phrase> = cols
                        .get(5)
                        .map(|c| {
                            c.split('|')
                                .map(str::trim)
                                .filter(|p| !p.is_empty())
                                .map(|p| Phrase::parse(p, morph))
                                .collect()
                        })
                        .unwrap_or_default();
                    for phrase in cols[0].split('|') {
                        let phrase = phrase.trim();
                        if phrase.is_empty() {
                            continue;
                        }
                        for phrase in expand_classes(phrase, &classes).map_err(|e| err(n, e))? {
                            pack.triggers.push(Trigger {
                                unless: unless.clone(),
                                phrase: Phrase::parse(&phrase, morph),
                                text: phrase,
                                event_type,
                                mode: list(cols.get(2)),
                                context: list(cols.get(3)),
                                flags,
                            });
                        }
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
                                    phrase: Phrase::parse(phrase, morph),
                                    text: phrase.trim().to_string(),
                                    agreement_type,
                                    proper: proper.clone(),
                                    parties: list(cols.get(3)),
                                });
                            }
                        }
                        kind @ ("head" | "purchase" | "buy" | "treaty") => {
                            let list = match kind {
                                "head" => &mut pack.agreement_heads,
                                "purchase" => &mut pack.purchase_heads,
                                "treaty" => &mut pack.treaty_heads,
                                _ => &mut pack.buy_verbs,
                            };
                            for phrase in cols.get(1).unwrap_or(&"").split('|') {
                                let phrase = phrase.trim();
                                if !phrase.is_empty() {
                                    list.push(Phrase::parse(phrase, morph));
                                }
                            }
                        }
                        "topic" => {
                            let t = match cols.get(2).copied() {
                                Some("none") => None,
                                t => Some(t.and_then(AgreementType::parse).ok_or_else(|| {
                                    err(n, "column 3 must be an agreement type or none".into())
                                })?),
                            };
                            for phrase in cols.get(1).unwrap_or(&"").split('|') {
                                let phrase = phrase.trim();
                                if !phrase.is_empty() {
                                    pack.agreement_topics
                                        .push((Phrase::parse(phrase, morph), t));
                                }
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
                                    phrase: Phrase::parse(phrase, morph),
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
    pack.morphology = morph.clone();
    pack.index();
    Ok(pack)
}

impl Lexicons {
    /// No language data at all (used only if the embedded data is broken).
    pub fn empty() -> Lexicons {
        Lexicons {
            packs: HashMap::new(),
            abbreviations: Abbreviations::default(),
            fallback: LanguagePack::default(),
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
            assert!(!lex.get(code).unwrap().triggers.is_empty());
        }
    }

    #[test]
    fn text_of_unknown_language_is_coded_with_one_pack() {
        let lex = Lexicons::embedded().unwrap();
        let it = "Il ministro della Difesa ha firmato con il collega della Francia un accordo per le esercitazioni.";
        assert_eq!(lex.pack_for("und", it).code, "it");
        let de = "Die Ministerin hat mit dem Kollegen aus Polen und der Ukraine ein Abkommen unterzeichnet.";
        assert_eq!(lex.pack_for("pt", de).code, "de");
        // a known code is taken as it is
        assert_eq!(lex.pack_for("fr", it).code, "fr");
        // no evidence: the fallback pack
        assert_eq!(lex.pack_for("und", "12 34").code, "en");
    }

    /// How many triggers match at the second word of a space-separated text.
    fn triggers_at_second_word(pack: &LanguagePack, text: &str) -> usize {
        let forms: Vec<&str> = text.split(' ').collect();
        let words = Words::folded(&forms, &pack.morphology);
        pack.triggers_at(&words, 1).len()
    }

    #[test]
    fn an_exact_form_keeps_the_diacritics_that_tell_it_apart() {
        let files = [
            ("morphology.tsv", "stemmer\tspanish\n"),
            ("cues.tsv", "article\tel|la\n"),
            ("triggers.tsv", "=pactó|=firmaron\tAGREE\t\t\t\t\n"),
        ];
        let pack = parse_pack("xx", &files).unwrap();
        let at_second = |text: &str| {
            let written: Vec<&str> = text.split(' ').collect();
            let folded: Vec<String> = written.iter().map(|w| crate::text::norm_word(w)).collect();
            let words = pack.words(
                folded
                    .iter()
                    .map(String::as_str)
                    .zip(written.iter().copied()),
            );
            pack.triggers_at(&words, 1).len()
        };
        assert_eq!(at_second("Chile pactó una tregua"), 1);
        assert_eq!(at_second("Chile PACTÓ una tregua"), 1);
        // the noun the folded form would reach
        assert_eq!(at_second("el pacto de 2016"), 0);
        // a form without diacritics matches as before
        assert_eq!(at_second("ellos firmaron la paz"), 1);
    }

    #[test]
    fn a_trigger_is_vetoed_by_its_unless_phrase() {
        let files = [
            ("morphology.tsv", "stemmer\tenglish\n"),
            ("cues.tsv", "article\tthe|a\n"),
            (
                "triggers.tsv",
                "release\tRETREAT\trelease\t\t\tstatement|report\n",
            ),
        ];
        let pack = parse_pack("xx", &files).unwrap();
        assert_eq!(
            triggers_at_second_word(&pack, "they released the hostages"),
            1
        );
        assert_eq!(
            triggers_at_second_word(&pack, "they released a joint statement"),
            0
        );
    }

    #[test]
    fn a_word_class_stands_for_each_of_its_words() {
        let files = [
            ("morphology.tsv", "stemmer\tenglish\n"),
            ("cues.tsv", "article\tthe|a\n"),
            (
                "triggers.tsv",
                "@verdict\treckless|illegal\ncall ~ @verdict|brand ~ as ~ @verdict\tACCUSE\tdisapprove\t\t\t\n",
            ),
        ];
        let pack = parse_pack("xx", &files).unwrap();
        let texts: Vec<&str> = pack.triggers.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "call ~ reckless",
                "call ~ illegal",
                "brand ~ as ~ reckless",
                "brand ~ as ~ illegal"
            ]
        );
        assert_eq!(
            triggers_at_second_word(&pack, "they called the move illegal"),
            1
        );
        assert_eq!(
            triggers_at_second_word(&pack, "they called the move brave"),
            0
        );
        // a class used but never defined is an error that names it
        let files = [
            ("morphology.tsv", "stemmer\tenglish\n"),
            ("triggers.tsv", "call ~ @nothing\tACCUSE\t\t\t\t\n"),
        ];
        let e = parse_pack("xx", &files).unwrap_err().to_string();
        assert!(e.contains("@nothing"), "{e}");
    }

    #[test]
    fn the_phrase_index_offers_every_phrase_that_can_match_in_list_order() {
        let morph = Morphology::parse("stemmer\tenglish\n").unwrap();
        let phrases: Vec<Phrase> = [
            "~ accord",
            "defence pact",
            "de*",
            "defen* agreement",
            "ab* x",
            "pact",
        ]
        .iter()
        .map(|p| Phrase::parse(p, &morph))
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
            let forms: Vec<&str> = text.split(' ').collect();
            let words = Words::folded(&forms, &morph);
            let offered: Vec<usize> = index.candidates(&words, 0).to_vec();
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
        assert!(
            !index
                .candidates(&Words::folded(&["pact"], &morph), 0)
                .contains(&1)
        );
    }

    #[test]
    fn phrases_match_stems_and_gaps() {
        let morph = Morphology::default();
        let p = Phrase::parse("express* ~ concern*", &morph);
        let forms = [
            "they",
            "expressed",
            "serious",
            "and",
            "persistent",
            "concerns",
        ];
        assert_eq!(p.match_at(&Words::folded(&forms, &morph), 1), Some(6));
        let forms = ["they", "expressed", ",", "concern"];
        assert_eq!(p.match_at(&Words::folded(&forms, &morph), 1), None);
    }

    #[test]
    fn a_gap_does_not_count_numbers_and_marked_dates() {
        let morph = Morphology::default();
        let p = Phrase::parse("reach* ~ deal", &morph);
        // five words in the gap: too many, until the date is marked
        let forms = ["reached", "on", "wednesday", "in", "doha", "a", "deal"];
        let words = Words::folded(&forms, &morph);
        assert_eq!(p.match_at(&words, 0), None);
        words.mark_light(1, 3);
        assert_eq!(p.match_at(&words, 0), Some(7));
        // numbers are free: `announced 3 billion dollars in military aid`
        let p = Phrase::parse("announc* ~ aid", &morph);
        let forms = [
            "announced",
            "3",
            "billion",
            "dollars",
            "in",
            "military",
            "aid",
        ];
        assert_eq!(p.match_at(&Words::folded(&forms, &morph), 0), Some(7));
        let forms = [
            "announced",
            "huge",
            "billion",
            "dollars",
            "in",
            "military",
            "aid",
        ];
        assert_eq!(p.match_at(&Words::folded(&forms, &morph), 0), None);
    }
}
