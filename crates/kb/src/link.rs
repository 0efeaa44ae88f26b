//! Entity linking: from a text to actor mentions.
//!
//! Matches every known form at once (Aho-Corasick over the folded text),
//! keeps the longest non-overlapping matches, then recognises unknown people
//! and organisations by name shape and role cues, and resolves surnames,
//! titles and "the two countries" within the text. Language knowledge comes
//! from the tables; this module holds the rules only.

use crate::tables::CaseRule;
use crate::text::{Folded, Token, tokens};
use crate::{ActorForm, Kb, Target, TermAt};
use entente_model::{ActorId, ActorType, Mention, MentionForm, PartialDate};
use foldhash::{HashMap, HashMapExt, HashSet};
use std::rc::Rc;

/// Short words that may stand between a role, its qualifier and a name
/// ("segretario generale della NATO Mark Rutte", "Japan's Prime Minister").
const CONNECTORS: &[&str] = &[
    "of", "the", "s", "di", "del", "della", "dello", "dei", "degli", "delle", "dell", "d", "de",
    "du", "des", "la", "le", "l", "les", "von", "der", "die", "das", "den", "for", "al", "el",
    "los", "las", "il", "lo", "gli", "to",
];

/// What joins two states named together.
const COORDINATORS: &[&str] = &[
    "and", "e", "ed", "et", "y", "e il", "e la", "und", "-", "/", "&", "and the", "e gli",
];

/// `of` words and phrases (folded) that tie a title or a noun to the actor
/// after it (`the president of France`, `l'émir du Qatar`, `gli alleati di
/// Kiev`, `die Verbündeten der Ukraine`).
const OF_WORDS: &[&str] = &[
    "of", "of the", "de", "de la", "de l'", "del", "des", "du", "d'", "di", "della", "dello",
    "dell'", "degli", "dei", "delle", "von", "der", "vom",
];

/// Adjectives after `los aliados`, `gli alleati`, `les alliés` that name
/// some of the allies, not the alliance (`los aliados europeos`); a
/// demonym that names a state's allies is a mention and counts too.
const ALLIES_QUALIFIED: &[&str] = &[
    "europeos",
    "europeas",
    "europei",
    "europee",
    "europeens",
    "europeennes",
    "occidentales",
    "occidentali",
    "occidentaux",
    "orientales",
    "orientali",
    "orientaux",
    "asiaticos",
    "asiatici",
    "asiatiques",
    "arabes",
    "arabi",
    "africanos",
    "africani",
    "africains",
    "regionales",
    "regionali",
    "regionaux",
    "tradicionales",
    "tradizionali",
    "traditionnels",
    "historicos",
    "storici",
    "historiques",
    "principales",
    "principali",
    "principaux",
    "estadounidenses",
    "americanos",
    "americani",
    "americains",
];

/// How far back (in characters) the alliance named before `the allies`
/// may stand: a few paragraphs.
const ALLIANCE_REACH: usize = 2000;
/// How far back (in characters) the persons a group phrase (`the four
/// ministers`) counts may stand.
const GROUP_REACH: usize = 1500;

/// Honorifics that may open a person's name as written (folded).
const HONORIFICS: &[&str] = &[
    "sheikh", "sheikha", "sheik", "cheikh", "scheich", "jeque", "emir", "prince", "principe",
    "prinz", "king", "he", "hh",
];

/// Particles inside personal names ("Ursula von der Leyen", "Luigi Di Maio").
const PARTICLES: &[&str] = &[
    "de", "di", "da", "del", "della", "van", "von", "der", "den", "du", "la", "le", "bin", "ibn",
    "al", "el", "zu", "ter", "dos", "das", "y", "ben", "bint",
];

/// Regnal numbers that end a monarch's name (not `I`, `V`, `X`: a pronoun,
/// a letter, a network's name as often).
const ROMAN: &[&str] = &[
    "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "XIII", "XIV", "XV", "XVI",
];

#[derive(Debug, Clone)]
struct Group {
    start: usize,
    end: usize,
    entries: Vec<usize>,
}

/// Everything found in one pass of the automaton, after selection.
struct Scan {
    folded: Folded,
    /// Shared so that passes which also mutate the context can hold them.
    toks: Rc<Vec<Token>>,
    /// Character offset → index of the token starting / ending there.
    tok_start: HashMap<usize, usize>,
    tok_end: HashMap<usize, usize>,
    cue_start: HashMap<usize, usize>,
    cue_end: HashMap<usize, usize>,
    kb: Rc<Vec<Group>>,
    cues: Rc<Vec<Group>>,
    covered: Vec<bool>,
    /// Words written in lower case somewhere in the text: common words,
    /// even when a sentence opens with them.
    lower_words: Rc<HashSet<String>>,
}

/// True when some cue is written in `lang` (its rules then apply).
pub(crate) fn lang_known(kb: &Kb, lang: &str) -> bool {
    kb.cue_languages.contains(lang)
}

fn scan(kb: &Kb, text: &str, lang: &str) -> Option<Scan> {
    let matcher = kb.matcher.as_ref()?;
    let folded = Folded::new(text);
    let known_lang = lang_known(kb, lang);
    let mut groups: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for m in matcher.find_overlapping_iter(folded.s.as_str()) {
        let (a, b) = (m.start(), m.end());
        let Some(entries) = kb.patterns.get(m.pattern().as_usize()) else {
            continue;
        };
        let Some((start, end)) = folded.char_span(a, b) else {
            continue;
        };
        for &ei in entries {
            let e = &kb.entries[ei];
            let mut span_end = end;
            if !folded.at_word_bounds(a, b, e.open_right) {
                // a genitive on a full name (`der Besuch Wladimir Putins`):
                // the name with its -s
                if kb.grammar(lang, crate::GENITIVE_S)
                    && matches!(e.target, Target::Person(_))
                    && e.form.contains(' ')
                    && folded.s.as_bytes().get(b) == Some(&b's')
                    && folded.at_word_bounds(a, b + 1, false)
                {
                    span_end += 1;
                } else {
                    continue;
                }
            }
            if e.own_language_only && e.lang != lang {
                continue;
            }
            if let Target::Cue(ci) = e.target {
                let cue_lang = &kb.cues[ci].lang;
                if known_lang && cue_lang != lang && cue_lang != "*" {
                    continue;
                }
            }
            if !case_ok(&folded.chars[start..end], &e.form, e.case) {
                continue;
            }
            if !matches!(e.target, Target::Cue(_)) && rejected_by_context(kb, &folded, a, b) {
                continue;
            }
            groups.entry((start, span_end)).or_default().push(ei);
        }
    }
    let mut kb_groups = Vec::new();
    let mut cue_groups = Vec::new();
    for ((start, end), entries) in groups {
        let (cue, other): (Vec<usize>, Vec<usize>) = entries
            .into_iter()
            .partition(|&e| matches!(kb.entries[e].target, Target::Cue(_)));
        if !cue.is_empty() {
            cue_groups.push(Group {
                start,
                end,
                entries: cue,
            });
        }
        if !other.is_empty() {
            kb_groups.push(Group {
                start,
                end,
                entries: other,
            });
        }
    }
    // a body's name that holds an organisation's (`National Security
    // Council`, `Consejo de Seguridad Nacional`) is the body, not the
    // organisation
    let bodies: Vec<(usize, usize)> = cue_groups
        .iter()
        .filter(|g| {
            g.entries.iter().any(
                |&e| matches!(kb.entries[e].target, Target::Cue(c) if kb.cues[c].kind == "body"),
            )
        })
        .map(|g| (g.start, g.end))
        .collect();
    kb_groups.retain(|g| {
        !bodies
            .iter()
            .any(|&(a, b)| a <= g.start && g.end <= b && b - a > g.end - g.start)
    });
    let n = folded.chars.len();
    let mut covered = vec![false; n];
    let kb_sel = select(kb_groups, &mut covered);
    let mut cue_cover = covered.clone();
    let cue_sel = select(cue_groups, &mut cue_cover);
    let toks = tokens(&folded.chars);
    let tok_start = toks.iter().enumerate().map(|(i, t)| (t.start, i)).collect();
    let tok_end = toks.iter().enumerate().map(|(i, t)| (t.end, i)).collect();
    let cue_start = cue_sel
        .iter()
        .enumerate()
        .map(|(i, g)| (g.start, i))
        .collect();
    let cue_end = cue_sel
        .iter()
        .enumerate()
        .map(|(i, g)| (g.end, i))
        .collect();
    let lower_words = toks
        .iter()
        .filter(|t| !t.capitalised)
        .map(|t| t.folded.clone())
        .collect();
    Some(Scan {
        folded,
        lower_words: Rc::new(lower_words),
        toks: Rc::new(toks),
        tok_start,
        tok_end,
        cue_start,
        cue_end,
        kb: Rc::new(kb_sel),
        cues: Rc::new(cue_sel),
        covered,
    })
}

/// Longest first, then leftmost; a group is kept when none of its characters
/// is taken.
fn select(mut groups: Vec<Group>, covered: &mut [bool]) -> Vec<Group> {
    groups.sort_by_key(|g| (std::cmp::Reverse(g.end - g.start), g.start));
    let mut out = Vec::new();
    for g in groups {
        if covered[g.start..g.end].iter().any(|&c| c) {
            continue;
        }
        covered[g.start..g.end].iter_mut().for_each(|c| *c = true);
        out.push(g);
    }
    out.sort_by_key(|g| g.start);
    out
}

fn case_ok(orig: &[char], form: &str, rule: CaseRule) -> bool {
    match rule {
        CaseRule::Any => true,
        CaseRule::Initial => orig
            .first()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric()),
        CaseRule::Exact => {
            let norm = |c: char| if c == '\u{2019}' { '\'' } else { c };
            orig.iter().copied().map(norm).eq(form.chars().map(norm))
        }
    }
}

fn rejected_by_context(kb: &Kb, f: &Folded, a: usize, b: usize) -> bool {
    let Some(form) = f.s.get(a..b) else {
        return false;
    };
    if let Some((window, words)) = kb.contexts.get(form) {
        let lo = floor_boundary(&f.s, a.saturating_sub(*window));
        let hi = floor_boundary(&f.s, (b + window).min(f.s.len()));
        if let Some(ctx) = f.s.get(lo..hi) {
            return words
                .iter()
                .any(|w| !w.is_empty() && ctx.contains(w.as_str()));
        }
    }
    false
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A person found in this text, for surname and title resolution.
#[derive(Debug, Clone)]
struct Known {
    id: ActorId,
    name: String,
    role: Option<String>,
    affiliation: Option<ActorId>,
    at: usize,
}

struct Ctx<'a> {
    kb: &'a Kb,
    lang: &'a str,
    date: Option<PartialDate>,
    scan: Scan,
    out: Vec<Mention>,
    people: Vec<Known>,
    /// Characters of known-name matches set aside because they are part of
    /// a personal name ("Cristoforo Colombo", "Santiago Calatrava"): free
    /// for the name-shape rule.
    released: Vec<bool>,
    /// Offsets of the actor mentions found by `known_names` (for qualifiers).
    actor_start: HashMap<usize, usize>,
    actor_end: HashMap<usize, usize>,
}

pub(crate) fn link(kb: &Kb, text: &str, lang: &str, date: Option<PartialDate>) -> Vec<Mention> {
    let Some(scan) = scan(kb, text, lang) else {
        return Vec::new();
    };
    let mut cx = Ctx {
        kb,
        lang,
        date,
        scan,
        out: Vec::new(),
        people: Vec::new(),
        released: Vec::new(),
        actor_start: HashMap::new(),
        actor_end: HashMap::new(),
    };
    cx.known_names();
    cx.index_mentions();
    cx.name_shapes();
    cx.surnames();
    cx.titles_and_pairs();
    cx.sectors();
    cx.drop_bylines();
    let mut out = cx.out;
    one_name_for_one_person(&mut out);
    out.sort_by_key(|m| (m.start, m.end));
    // Enforce non-overlap; only pair references and the members of a
    // grouping may share a span.
    let mut kept: Vec<Mention> = Vec::with_capacity(out.len());
    for m in out {
        if let Some(last) = kept.last() {
            let same_span = last.start == m.start && last.end == m.end;
            let same_pair = same_span
                && m.form == MentionForm::Reference
                && last.form == MentionForm::Reference;
            // the members of a grouping of states (`the E3`) share its span
            let same_group =
                same_span && m.how.ends_with(MEMBER_NOTE) && last.how.ends_with(MEMBER_NOTE);
            let same_pair = same_pair || same_group;
            if m.start < last.end && !same_pair {
                continue;
            }
        }
        kept.push(m);
    }
    kept
}

/// A mention of a person named by their office (`il premier`).
fn role_mention(
    g: &Group,
    surface: &str,
    actor: ActorId,
    affiliation: Option<ActorId>,
    role: Option<String>,
    sector: Option<String>,
    how: String,
) -> Mention {
    Mention {
        start: g.start,
        end: g.end,
        surface: surface.to_string(),
        actor,
        actor_type: ActorType::Person,
        affiliation,
        role,
        sector,
        form: MentionForm::Role,
        how,
    }
}

/// The end of the `how` of a mention that stands for one member of a
/// grouping of states.
const MEMBER_NOTE: &str = ": one of its member states)";

/// A person the text names by one word (`Petro`, `Kishida`) that the tables
/// do not know is the person the text names in full with that word as the
/// last (or first) part of the name, when only one such person is named —
/// wherever the full name stands, before or after.
fn one_name_for_one_person(out: &mut [Mention]) {
    let full: Vec<(String, Mention)> = out
        .iter()
        .filter(|m| m.actor_type == ActorType::Person && m.surface.split_whitespace().count() >= 2)
        .map(|m| (crate::text::fold_str(&m.surface), m.clone()))
        .collect();
    for m in out.iter_mut() {
        if m.actor_type != ActorType::Person || m.surface.split_whitespace().count() != 1 {
            continue;
        }
        let word = crate::text::fold_str(&m.surface);
        if m.actor.as_str() != format!("person:{}", word.replace(' ', "-")) {
            continue; // resolved already
        }
        let mut bearers: Vec<&Mention> = full
            .iter()
            .filter(|(name, _)| {
                // (an honorific opening the full name is no part of it:
                // `Sheikh Mohammed bin Abdulrahman` … `Sheikh Mohammed`)
                let parts: Vec<&str> = name
                    .split_whitespace()
                    .skip_while(|w| HONORIFICS.contains(w))
                    .collect();
                parts.last() == Some(&word.as_str()) || parts.first() == Some(&word.as_str())
            })
            .map(|(_, f)| f)
            .collect();
        bearers.dedup_by(|a, b| a.actor == b.actor);
        if let [f] = bearers.as_slice() {
            m.how = format!(
                "'{}' → {} (one word of a person named in full in the text)",
                m.surface, f.actor
            );
            m.actor = f.actor.clone();
            if m.affiliation.is_none() {
                m.affiliation = f.affiliation.clone();
            }
            if m.role.is_none() {
                m.role = f.role.clone();
            }
        }
    }
}

pub(crate) fn places(kb: &Kb, text: &str) -> Vec<crate::PlaceMention> {
    let Some(scan) = scan(kb, text, "") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for g in scan.kb.iter() {
        let surface = scan.folded.text(g.start, g.end);
        for &e in &g.entries {
            let place = match kb.entries[e].target {
                Target::Place(p) => kb.places.get(p).cloned(),
                Target::Actor(a, ActorForm::Capital) if kb.actors[a].ty == ActorType::State => {
                    Some(crate::Place {
                        name: surface.clone(),
                        country: kb.actors[a].id.clone(),
                    })
                }
                _ => None,
            };
            if let Some(place) = place {
                out.push(crate::PlaceMention {
                    start: g.start,
                    end: g.end,
                    place,
                });
                break;
            }
        }
    }
    out
}

fn short_lang(lang: &str) -> &str {
    if lang.is_empty() || lang == "*" {
        "any"
    } else {
        lang
    }
}

impl Ctx<'_> {
    fn surface(&self, start: usize, end: usize) -> String {
        self.scan.folded.text(start, end)
    }

    fn person_mention(
        &mut self,
        start: usize,
        end: usize,
        pi: usize,
        form: MentionForm,
        how: String,
    ) {
        let p = &self.kb.persons[pi];
        let (affiliation, role) = match p.term_at(self.date) {
            TermAt::Active(t) => (Some(t.affiliation.clone()), Some(t.role.clone())),
            TermAt::Former(t) => (None, Some(format!("former {}", t.role))),
            TermAt::None => (None, None),
        };
        self.people.push(Known {
            id: p.id.clone(),
            name: p.name.clone(),
            role: role.clone(),
            affiliation: affiliation.clone(),
            at: start,
        });
        self.out.push(Mention {
            start,
            end,
            surface: self.surface(start, end),
            actor: p.id.clone(),
            actor_type: ActorType::Person,
            affiliation,
            role,
            sector: None,
            form,
            how,
        });
    }

    /// Names, demonyms, capitals and officials the tables know.
    fn known_names(&mut self) {
        self.released = vec![false; self.scan.folded.chars.len()];
        let groups = self.scan.kb.clone();
        for mut g in groups.iter().cloned() {
            let surface = self.surface(g.start, g.end);
            let mut done = false;
            let lang = self.lang;
            g.entries.sort_by_key(|&e| self.kb.entries[e].lang != lang);
            for &ei in &g.entries {
                let e = &self.kb.entries[ei];
                match e.target {
                    Target::Actor(ai, form) => {
                        if self.glued_to_name(
                            g.start,
                            g.end,
                            e.ambiguous || form == ActorForm::Capital,
                        ) {
                            continue;
                        }
                        // a capitalised demonym inside a sentence that is the
                        // surname of the one official of that name in office,
                        // where the article's language writes demonyms
                        // otherwise (another language's word, or a language
                        // that writes them in lower case): the official
                        // (`Modi met Albanese`, `il premier Albanese`)
                        if form == ActorForm::Adjective
                            && self.surname_not_demonym(g.start, g.end, &e.lang)
                        {
                            continue;
                        }
                        let a = &self.kb.actors[ai];
                        let (mform, what) = match form {
                            ActorForm::Name => (MentionForm::Name, "name"),
                            ActorForm::Adjective => (MentionForm::Adjective, "demonym"),
                            ActorForm::Capital => (MentionForm::Capital, "capital"),
                        };
                        let mut how = if form == ActorForm::Capital {
                            format!(
                                "'{surface}' → {} (capital or seat, for its government)",
                                a.id
                            )
                        } else {
                            format!("'{surface}' → {} ({what}, {})", a.id, short_lang(&e.lang))
                        };
                        if let Some((state, sector)) = &a.coded {
                            how.push_str(&format!(", coded {state} {sector} as PLOVER does"));
                        }
                        if !a.members.is_empty() {
                            // a grouping of states: a mention of each member
                            for member in &a.members {
                                self.out.push(Mention {
                                    start: g.start,
                                    end: g.end,
                                    surface: surface.clone(),
                                    actor: member.clone(),
                                    actor_type: ActorType::State,
                                    affiliation: None,
                                    role: None,
                                    sector: None,
                                    form: mform,
                                    how: format!("'{surface}' → {member} ({}{MEMBER_NOTE}", a.name),
                                });
                            }
                            done = true;
                            break;
                        }
                        self.out.push(Mention {
                            start: g.start,
                            end: g.end,
                            surface: surface.clone(),
                            actor: a.id.clone(),
                            actor_type: a.ty,
                            affiliation: a.coded.as_ref().map(|(s, _)| s.clone()),
                            role: None,
                            sector: a.coded.as_ref().map(|(_, s)| s.clone()),
                            form: mform,
                            how,
                        });
                        done = true;
                    }
                    Target::Person(pi) => {
                        let how = format!(
                            "'{surface}' → {} (known official{})",
                            self.kb.persons[pi].id,
                            self.term_note(pi)
                        );
                        self.person_mention(g.start, g.end, pi, MentionForm::Name, how);
                        done = true;
                    }
                    _ => {}
                }
                if done {
                    break;
                }
            }
            if !done && self.part_of_name(g.start, g.end) {
                self.released[g.start..g.end]
                    .iter_mut()
                    .for_each(|c| *c = true);
            }
        }
    }

    /// The mention of the person the text named before (`people[k]`) by
    /// the words `start..end`, with `note` saying how it was found.
    fn surname_mention(&self, k: usize, start: usize, end: usize, note: &str) -> Mention {
        let known = &self.people[k];
        let surface = self.surface(start, end);
        Mention {
            start,
            end,
            how: format!("'{surface}' → {} ({note})", known.id),
            surface,
            actor: known.id.clone(),
            actor_type: ActorType::Person,
            affiliation: known.affiliation.clone(),
            role: known.role.clone(),
            sector: None,
            form: MentionForm::Name,
        }
    }

    /// A one-word place or capital that is part of a personal name: glued
    /// to another capitalised word, with a given name on one side
    /// ("Cristoforo Colombo", "Santiago Calatrava").
    fn part_of_name(&self, start: usize, end: usize) -> bool {
        let toks = &self.scan.toks;
        let Some(&i) = self.scan.tok_start.get(&start) else {
            return false;
        };
        if toks[i].end != end || !self.glued_to_name(start, end, true) {
            return false;
        }
        let given = |t: &Token| self.kb.given_names.contains(&t.folded);
        given(&toks[i]) || (i > 0 && toks[i].joined_to_prev && given(&toks[i - 1]))
    }

    fn term_note(&self, pi: usize) -> String {
        match self.kb.persons[pi].term_at(self.date) {
            TermAt::Active(t) => format!(
                ": {} of {}{}",
                t.role,
                t.affiliation,
                self.date.map(|d| format!(" at {d}")).unwrap_or_default()
            ),
            TermAt::Former(t) => format!(": former {} of {}", t.role, t.affiliation),
            TermAt::None => String::new(),
        }
    }

    /// An ambiguous name glued to another capitalised word ("Michael
    /// Jordan", "George Washington", "Jordan Peterson").
    fn glued_to_name(&self, start: usize, end: usize, ambiguous: bool) -> bool {
        if !ambiguous {
            return false;
        }
        let toks = &self.scan.toks;
        let Some(&i) = self.scan.tok_start.get(&start) else {
            return false;
        };
        // (where every noun is capitalised, a noun beside a name is its
        // head, `der Schritt Moskaus`, `Moskaus Antwort`; only a first name
        // before it makes one name of them)
        let nouns_capitalised = self.kb.grammar(self.lang, crate::NOUNS_CAPITALISED);
        if i > 0 {
            let p = &toks[i - 1];
            if toks[i].joined_to_prev
                && p.capitalised
                && !p.all_caps
                && (self.kb.given_names.contains(&p.folded)
                    || (!nouns_capitalised && !p.sentence_start))
                // a role or body before it is its head (`die Regierung Moskaus`)
                && self.cue_at_end(p.end).is_none()
            {
                return true;
            }
        }
        if let Some(nx) = self.scan.tok_end.get(&end).and_then(|&k| toks.get(k + 1))
            && !nouns_capitalised
            && nx.joined_to_prev
            && nx.capitalised
            && !nx.all_caps
            && !self.scan.covered[nx.start]
            // a role or body after it is its head (`Moskaus Regierung`)
            && self.cue_at_start(nx.start).is_none()
        {
            return true;
        }
        false
    }

    fn cue_at_end(&self, pos: usize) -> Option<&Group> {
        self.scan.cues.get(*self.scan.cue_end.get(&pos)?)
    }
    fn cue_at_start(&self, pos: usize) -> Option<&Group> {
        self.scan.cues.get(*self.scan.cue_start.get(&pos)?)
    }
    fn cue_kind(&self, g: &Group) -> Option<&crate::Cue> {
        g.entries
            .iter()
            .find_map(|&e| match self.kb.entries[e].target {
                Target::Cue(c) => self.kb.cues.get(c),
                _ => None,
            })
    }
    fn actor_mention_ending(&self, pos: usize) -> Option<&Mention> {
        self.out
            .get(*self.actor_end.get(&pos)?)
            .filter(|m| !m.actor.is_person() && m.form != MentionForm::Reference)
    }
    fn actor_mention_starting(&self, pos: usize) -> Option<&Mention> {
        self.out
            .get(*self.actor_start.get(&pos)?)
            .filter(|m| !m.actor.is_person() && m.form != MentionForm::Reference)
    }
    fn index_mentions(&mut self) {
        self.actor_start = self
            .out
            .iter()
            .enumerate()
            .map(|(i, m)| (m.start, i))
            .collect();
        self.actor_end = self
            .out
            .iter()
            .enumerate()
            .map(|(i, m)| (m.end, i))
            .collect();
    }

    fn skip_space_back(&self, mut p: usize) -> usize {
        let c = &self.scan.folded.chars;
        while p > 0 && matches!(c[p - 1], ' ' | '\u{a0}') {
            p -= 1;
        }
        p
    }
    fn skip_space_fwd(&self, mut p: usize) -> usize {
        let c = &self.scan.folded.chars;
        while p < c.len() && matches!(c[p], ' ' | '\u{a0}') {
            p += 1;
        }
        p
    }
    fn token_ending(&self, pos: usize) -> Option<&Token> {
        self.scan.toks.get(*self.scan.tok_end.get(&pos)?)
    }
    fn token_starting(&self, pos: usize) -> Option<&Token> {
        self.scan.toks.get(*self.scan.tok_start.get(&pos)?)
    }

    /// A title cue just before `pos` (through qualifiers and connectors):
    /// (cue index, cue span start, qualifier).
    fn title_before(&self, pos: usize) -> Option<(usize, usize, Option<ActorId>)> {
        let mut p = pos;
        let mut qualifier: Option<ActorId> = None;
        let mut loose = 0;
        let mut after_qualifier = false;
        for _ in 0..7 {
            p = self.skip_space_back(p);
            if let Some(g) = self.cue_at_end(p) {
                let cue = self.cue_kind(g)?;
                if cue.kind == "title" {
                    let ci = self.kb.cues.iter().position(|c| std::ptr::eq(c, cue))?;
                    // A qualifier before an English-style title.
                    if qualifier.is_none() {
                        let mut q = self.skip_space_back(g.start);
                        if let Some(t) = self.token_ending(q)
                            && t.folded == "s"
                        {
                            q = t.start.saturating_sub(1);
                        }
                        qualifier = self.actor_mention_ending(q).map(|m| m.actor.clone());
                    }
                    return Some((ci, g.start, qualifier));
                }
                return None;
            }
            if let Some(m) = self.actor_mention_ending(p) {
                if qualifier.is_none() {
                    qualifier = Some(m.actor.clone());
                }
                p = m.start;
                after_qualifier = true;
                continue;
            }
            let t = self.token_ending(p)?;
            // "della" only between a title and its qualifier ("della NATO").
            if after_qualifier && CONNECTORS.contains(&t.folded.as_str()) {
                after_qualifier = false;
                p = t.start;
                if p > 0 && matches!(self.scan.folded.chars[p - 1], '\'' | '\u{2019}') {
                    p -= 1;
                }
                continue;
            }
            if !t.capitalised
                && loose == 0
                && t.text.chars().count() > 3
                && !CONNECTORS.contains(&t.folded.as_str())
            {
                loose += 1;
                after_qualifier = false;
                p = t.start;
                continue;
            }
            return None;
        }
        None
    }

    /// "Name, the U.S. ambassador", "Name, ministre des Armées".
    fn title_after(&self, pos: usize) -> Option<(usize, Option<ActorId>)> {
        let c = &self.scan.folded.chars;
        let mut p = self.skip_space_fwd(pos);
        if c.get(p) != Some(&',') {
            return None;
        }
        p += 1;
        let mut qualifier: Option<ActorId> = None;
        let mut loose = 0;
        for _ in 0..7 {
            p = self.skip_space_fwd(p);
            if let Some(g) = self.cue_at_start(p) {
                let cue = self.cue_kind(g)?;
                match cue.kind.as_str() {
                    "title" => {
                        let ci = self.kb.cues.iter().position(|x| std::ptr::eq(x, cue))?;
                        // (`Later, Prime Minister Narendra Modi`: a title
                        // with a name of its own after it is that name's)
                        let next = self.skip_space_fwd(g.end);
                        if self.actor_mention_starting(next).is_none()
                            && self.token_starting(next).is_some_and(|t| {
                                t.capitalised && !CONNECTORS.contains(&t.folded.as_str())
                            })
                        {
                            return None;
                        }
                        if qualifier.is_none() {
                            let mut q = next;
                            if let Some(t) = self.token_starting(q)
                                && CONNECTORS.contains(&t.folded.as_str())
                            {
                                q = self.skip_space_fwd(t.end);
                            }
                            qualifier = self.actor_mention_starting(q).map(|m| m.actor.clone());
                        }
                        return Some((ci, qualifier));
                    }
                    "apposition" => {
                        p = g.end;
                        continue;
                    }
                    _ => return None,
                }
            }
            if let Some(m) = self.actor_mention_starting(p) {
                if qualifier.is_none() {
                    qualifier = Some(m.actor.clone());
                }
                p = m.end;
                continue;
            }
            let t = self.token_starting(p)?;
            if CONNECTORS.contains(&t.folded.as_str())
                || matches!(
                    t.folded.as_str(),
                    "a" | "an" | "un" | "une" | "una" | "ein" | "eine"
                )
            {
                p = t.end;
                continue;
            }
            if !t.capitalised && loose == 0 {
                loose += 1;
                p = t.end;
                continue;
            }
            return None;
        }
        None
    }

    /// Capitalised word sequences the tables do not know: people (after a
    /// role cue, opening with a given name, a given name alone, a surname
    /// after an eponym word) and organisations (with an organisation word).
    fn name_shapes(&mut self) {
        let kb = self.kb;
        let lang = self.lang;
        let word = |kind: &str, w: &str| kb.word_cue(kind, lang, w);
        // Languages whose common nouns are lower case (they list notname
        // words) take any capitalised sequence inside a sentence as a name.
        let shape_rule = kb.has_word_cues("notname", lang);
        let toks = self.scan.toks.clone();
        let lower_words = self.scan.lower_words.clone();
        let mut cue_chars = vec![false; self.scan.folded.chars.len()];
        for g in self.scan.cues.iter() {
            cue_chars[g.start..g.end].iter_mut().for_each(|c| *c = true);
        }
        let covered = &self.scan.covered;
        let released = &self.released;
        let free =
            |t: &Token| (t.start..t.end).all(|c| (!covered[c] || released[c]) && !cue_chars[c]);
        let given_name = |t: &Token| kb.given_names.contains(&t.folded);
        let tok_free: Vec<bool> = toks.iter().map(free).collect();
        // A capital letter standing for a given name ("V. Kramnik").
        let initial = |i: usize| {
            toks[i].text.chars().count() == 1
                && toks
                    .get(i + 1)
                    .is_some_and(|u| u.joined_to_prev && u.capitalised)
        };
        let mut runs: Vec<(usize, usize)> = Vec::new(); // token index ranges
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            if !(t.capitalised
                && !t.all_caps
                && free(t)
                && (t.text.chars().count() > 1 || initial(i)))
            {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < toks.len() {
                let u = &toks[j];
                if !u.joined_to_prev || !free(u) {
                    break;
                }
                if u.capitalised && !u.all_caps {
                    j += 1;
                    continue;
                }
                // A regnal number ends the name ("Mohammed VI", "Carlo III").
                if u.all_caps && ROMAN.contains(&u.text.as_str()) {
                    j += 1;
                    break;
                }
                // One or two particles followed by a capitalised word ("Juan
                // Ramón de la Fuente", "Mohammed ben Zayed").
                let particles = (j..toks.len().min(j + 2))
                    .take_while(|&k| {
                        (k == j || toks[k].joined_to_prev)
                            && PARTICLES.contains(&toks[k].folded.as_str())
                    })
                    .count();
                if particles > 0
                    && j + particles < toks.len()
                    && toks[j + particles].joined_to_prev
                    && toks[j + particles].capitalised
                    && !toks[j + particles].all_caps
                    && free(&toks[j + particles])
                {
                    j += particles + 1;
                    continue;
                }
                break;
            }
            runs.push((i, j));
            i = j;
        }
        let named_things: HashSet<String> = runs
            .iter()
            .filter(|&&(a, _)| {
                (a > 0 && word("namednoun", &toks[a - 1].folded))
                    // an agreement's name after its noun and a short
                    // linking word (`the Treaty of Wadi Araba`, `il trattato
                    // di Le Touquet`, `le mémorandum de Wye River`)
                    || (a > 1
                        && word("pactnoun", &toks[a - 2].folded)
                        && !toks[a - 1].capitalised
                        && toks[a - 1].joined_to_prev
                        && toks[a].joined_to_prev
                        && toks[a - 1].text.chars().count() <= 4)
            })
            .map(|&(a, b)| key_of(&toks[a..b]))
            .collect();
        for (mut a, mut b) in runs {
            // a weekday or a month beside a name is no part of it (`On
            // Thursday Putin met`, `am Montag Scholz`)
            while a < b && word("dateword", &toks[a].folded) {
                a += 1;
            }
            while b > a && word("dateword", &toks[b - 1].folded) {
                b -= 1;
            }
            if a == b {
                continue;
            }
            let first = &toks[a];
            let last = &toks[b - 1];
            // Organisation?
            if b - a >= 2 && (word("orgpre", &first.folded) || word("orgsuf", &last.folded)) {
                let name = self.surface(first.start, last.end);
                let id = ActorId::org(&name);
                self.out.push(Mention {
                    start: first.start,
                    end: last.end,
                    surface: name.clone(),
                    actor: id.clone(),
                    actor_type: ActorType::Org,
                    affiliation: None,
                    role: None,
                    sector: None,
                    form: MentionForm::Name,
                    how: format!("'{name}' → {id} (organisation word in the name)"),
                });
                continue;
            }
            let opens_sentence = first.sentence_start;
            // An article or preposition opening a sentence is not part of the
            // name ("Dal Quirinale", "Della Repubblica").
            while a + 1 < b
                && toks[a].sentence_start
                && CONNECTORS.contains(&toks[a].folded.as_str())
            {
                a += 1;
            }
            let mut cue_before = self.title_before(toks[a].start);
            let mut cue_after = if cue_before.is_none() {
                self.title_after(last.end)
            } else {
                None
            };
            let given = given_name(&toks[a]);
            // A sentence-initial word that is not a given name is probably
            // not part of the name ("Secondo Mario Rossi").
            // (nor before a known official's surname alone: "Domenica
            // Zelensky ha visitato", "Ieri Macron ha detto")
            if cue_before.is_none()
                && !given
                && opens_sentence
                && b - a >= 2
                && ((given_name(&toks[a + 1])
                    && (b - a >= 3
                        || lower_words.contains(toks[a].folded.as_str())
                        || word("notname", &toks[a].folded)))
                    || (b - a == 2 && self.kb.shorts.contains_key(&toks[a + 1].folded)))
            {
                a += 1;
            }
            // After a role cue, org and place words are the cue's complement
            // ("Presidente Della Repubblica Giorgio Napolitano").
            if cue_before.is_some() || cue_after.is_some() {
                if let Some(k) = (a..b).rev().find(|&k| word("notname", &toks[k].folded)) {
                    a = k + 1;
                }
                if a == b {
                    continue;
                }
                // The cue belongs to the name's first word, not to an
                // organisation or place after it.
                if a > 0 && toks[a].start != first.start && cue_before.is_some() {
                    cue_before = self.title_before(toks[a].start);
                    if cue_before.is_none() {
                        cue_after = None;
                    }
                }
            }
            // A ship's, a class's or an exercise's name after its noun ("il
            // cacciatorpediniere Caio Duilio", "exercise Proud Manta") is no
            // person, here or anywhere else in the text ("la Caio Duilio").
            if named_things.contains(&key_of(&toks[a..b])) {
                continue;
            }
            let given = given_name(&toks[a]);
            let n_words = b - a;
            let at_start = toks[a].sentence_start || (a == 0 && opens_sentence);
            // A word that opens a sentence and is written in lower case
            // elsewhere is a common word.
            let common_opening = at_start && lower_words.contains(toks[a].folded.as_str());
            // "di", "del" inside a name are rare; inside place and body names
            // ("Vigili del Fuoco", "Barberino del Mugello") they are the rule.
            let lower_particle = toks[a..b].iter().any(|t| !t.capitalised);
            let shaped = shape_rule
                && (2..=4).contains(&n_words)
                && !common_opening
                && !lower_particle
                && !toks[a..b].iter().any(|t| word("notname", &t.folded));
            // A given name alone ("Bruno", "Irma"); not before a number
            // ("Jan 7": a month).
            let before_number = toks
                .get(b)
                .is_some_and(|u| u.text.starts_with(|c: char| c.is_ascii_digit()));
            let lone_word_ok = n_words == 1 && !word("notname", &toks[a].folded);
            let given_alone = lone_word_ok && given && !common_opening && !before_number;
            // A surname after a word that names laws and cabinets after
            // people ("governo Prodi", "legge ex Cirielli").
            let eponym = lone_word_ok
                && !at_start
                && a > 0
                && (word("eponym", &toks[a - 1].folded)
                    || (toks[a - 1].folded == "ex"
                        && a > 1
                        && word("eponym", &toks[a - 2].folded)));
            // A lone word beside a title that the text also writes in lower
            // case is a common noun (`General Security of Military
            // Information Agreement`), not a surname.
            let common_after_title = n_words == 1
                && !given
                && lower_words.contains(toks[a].folded.as_str())
                && !self
                    .kb
                    .person_index
                    .contains_key(&self.surface(toks[a].start, last.end));
            // A family name in capitals beside a given name (`HAYASHI
            // Yoshimasa`, `Emmanuel MACRON`, the usage of official
            // releases): one name, written given name first
            let family_caps = |k: usize| {
                toks.get(k).is_some_and(|f| {
                    f.all_caps
                        && f.text.chars().count() >= 3
                        && f.text.chars().all(char::is_alphabetic)
                        && tok_free[k]
                        && !ROMAN.contains(&f.text.as_str())
                })
            };
            let caps_family = if n_words == 1 && given {
                if a > 0 && toks[a].joined_to_prev && family_caps(a - 1) {
                    Some(a - 1)
                } else if toks.get(b).is_some_and(|u| u.joined_to_prev) && family_caps(b) {
                    Some(b)
                } else {
                    None
                }
            } else {
                None
            };
            let is_person = ((cue_before.is_some() || cue_after.is_some()) && !common_after_title)
                || (given && n_words >= 2)
                || shaped
                || given_alone
                || eponym
                || caps_family.is_some();
            if !is_person {
                continue;
            }
            let (start, end, name) = match caps_family {
                Some(f) => {
                    let family = &toks[f].text;
                    let mut cs = family.chars();
                    let family: String = cs
                        .next()
                        .into_iter()
                        .chain(cs.flat_map(char::to_lowercase))
                        .collect();
                    (
                        toks[a.min(f)].start,
                        toks[a.max(f)].end,
                        format!("{} {family}", toks[a].text),
                    )
                }
                None => (
                    toks[a].start,
                    last.end,
                    self.surface(toks[a].start, last.end),
                ),
            };
            // The tables may know the person under this spelling's folded form.
            let (cue, qualifier) = match (&cue_before, &cue_after) {
                (Some((ci, _, q)), _) => (Some(*ci), q.clone()),
                (None, Some((ci, q))) => (Some(*ci), q.clone()),
                _ => (None, None),
            };
            let cue_ref = cue.and_then(|c| self.kb.cues.get(c));
            let role = cue_ref.and_then(|c| c.role.clone()).filter(|r| r != "-");
            let sector = cue_ref.and_then(|c| c.sector.clone());
            let id = ActorId::person(&name);
            let how = match (cue_ref, &qualifier) {
                (Some(c), Some(q)) => format!(
                    "'{name}' → {id} (name beside role cue '{}', for {q})",
                    c.phrase
                ),
                (Some(c), None) => format!("'{name}' → {id} (name beside role cue '{}')", c.phrase),
                _ if eponym => format!("'{name}' → {id} (surname after '{}')", toks[a - 1].text),
                _ if given => format!(
                    "'{name}' → {id} (name shape: given name '{}')",
                    toks[a].text
                ),
                _ => format!("'{name}' → {id} (name shape: capitalised words inside a sentence)"),
            };
            if let Some(pi) = self.kb.person_index.get(&name).copied() {
                self.person_mention(start, end, pi, MentionForm::Name, how);
                continue;
            }
            // A given name alone: the person of the text who bears it, if one.
            if given_alone && cue_ref.is_none() {
                let key = toks[a].folded.as_str();
                let bearers: Vec<&Known> = self
                    .people
                    .iter()
                    .filter(|k| {
                        k.name.split_whitespace().count() >= 2
                            && k.name
                                .split_whitespace()
                                .next()
                                .is_some_and(|w| crate::text::fold_str(w) == key)
                    })
                    .collect();
                if let Some(k) = bearers.first()
                    && bearers.iter().all(|x| x.id == k.id)
                {
                    let k = (*k).clone();
                    self.out.push(Mention {
                        start,
                        end,
                        surface: name.clone(),
                        actor: k.id.clone(),
                        actor_type: ActorType::Person,
                        affiliation: k.affiliation.clone(),
                        role: k.role.clone(),
                        sector: None,
                        form: MentionForm::Name,
                        how: format!(
                            "'{name}' → {} (given name of a person named in the text)",
                            k.id
                        ),
                    });
                    continue;
                }
            }
            // A one-word name after a cue is a surname: maybe a known person.
            if n_words == 1
                && let Some(pi) = self.unique_known_short(&toks[a].folded)
            {
                let how = format!(
                    "'{name}' → {} (surname beside role cue, known official)",
                    self.kb.persons[pi].id
                );
                self.person_mention(start, end, pi, MentionForm::Name, how);
                continue;
            }
            self.people.push(Known {
                id: id.clone(),
                name: name.clone(),
                role: role.clone(),
                affiliation: qualifier.clone(),
                at: start,
            });
            self.out.push(Mention {
                start,
                end,
                surface: name.clone(),
                actor: id,
                actor_type: ActorType::Person,
                affiliation: qualifier,
                role,
                sector,
                form: MentionForm::Name,
                how,
            });
        }
    }

    /// True when the capitalised word at `start..end`, inside a sentence, is
    /// a demonym of `entry_lang` that the article's language would not
    /// write so (another language's form, or a language whose demonyms are
    /// lower case) and the surname of exactly one official in office.
    fn surname_not_demonym(&self, start: usize, end: usize, entry_lang: &str) -> bool {
        let Some(&i) = self.scan.tok_start.get(&start) else {
            return false;
        };
        let t = &self.scan.toks[i];
        if t.end != end || !t.capitalised || t.all_caps || t.sentence_start {
            return false;
        }
        let foreign = entry_lang != self.lang && entry_lang != "*";
        let lower_case_demonyms = self.kb.grammar(self.lang, crate::DEMONYMS_LOWER_CASE);
        (foreign || lower_case_demonyms) && self.unique_known_short(&t.folded).is_some()
    }

    /// A known official named by this short form, unique among those in
    /// office at the date (or, with no date, among incumbents).
    fn unique_known_short(&self, folded: &str) -> Option<usize> {
        let cands = self.kb.shorts.get(folded)?;
        let active: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|&pi| {
                let p = &self.kb.persons[pi];
                match self.date {
                    Some(_) => matches!(p.term_at(self.date), TermAt::Active(_)),
                    None => p.terms.last().is_some_and(|t| t.end.is_none()),
                }
            })
            .collect();
        (active.len() == 1).then(|| active[0])
    }

    /// Surnames alone: of a person named in the text, or of a known official
    /// in office at the date.
    fn surnames(&mut self) {
        let mut taken = vec![false; self.scan.folded.chars.len()];
        for m in &self.out {
            taken[m.start..m.end].iter_mut().for_each(|c| *c = true);
        }
        for g in self.scan.cues.iter() {
            taken[g.start..g.end].iter_mut().for_each(|c| *c = true);
        }
        // Short forms of the people in this text.
        let mut local: HashMap<String, usize> = HashMap::new();
        for (i, k) in self.people.iter().enumerate() {
            let words: Vec<&str> = k.name.split_whitespace().collect();
            if let Some(last) = words.last() {
                local.entry(crate::text::fold_str(last)).or_insert(i);
            }
            if let Some(pi) = self.kb.persons.iter().position(|p| p.id == k.id) {
                local
                    .entry(crate::text::fold_str(&self.kb.persons[pi].short))
                    .or_insert(i);
            }
            // Family name first: "Cho Tae-yul" → "Cho".
            if words.len() == 2 && words[1].contains('-') {
                local.entry(crate::text::fold_str(words[0])).or_insert(i);
            }
        }
        let toks = self.scan.toks.clone();
        // (a word written in lower case elsewhere that opens a sentence is
        // common: `Son homologue` is `his`, not the surname of an official
        // nobody named)
        let lower_words = self.scan.lower_words.clone();
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            // (a capitalised word inside a sentence, taken as a demonym, that
            // is the surname of a person named in the text is that person:
            // `aveva attaccato duramente Albanese`, after `Anthony Albanese`)
            if taken[t.start]
                && t.capitalised
                && !t.all_caps
                && !t.sentence_start
                && let Some(&k) = local.get(t.folded.as_str())
                && let Some(at) = self.out.iter().position(|m| {
                    m.start == t.start && m.end == t.end && m.form == MentionForm::Adjective
                })
            {
                // (in place: the mentions are indexed by position)
                self.out[at] = self.surname_mention(
                    k,
                    t.start,
                    t.end,
                    "surname of a person named in the text, not the demonym",
                );
                i += 1;
                continue;
            }
            if !t.capitalised || t.all_caps || taken[t.start] {
                i += 1;
                continue;
            }
            // Try up to three words ("von der Leyen", "Le Drian").
            let mut hit = None;
            for n in (1..=3).rev() {
                if i + n > toks.len() {
                    continue;
                }
                if (1..n).any(|k| !toks[i + k].joined_to_prev || taken[toks[i + k].start]) {
                    continue;
                }
                let key = toks[i..i + n]
                    .iter()
                    .map(|t| t.folded.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                // Not when glued to another capitalised word (a different name).
                let next_cap = toks.get(i + n).is_some_and(|u| {
                    u.joined_to_prev && u.capitalised && !u.all_caps && !taken[u.start]
                });
                let prev_cap = i > 0
                    && t.joined_to_prev
                    && toks[i - 1].capitalised
                    && !toks[i - 1].sentence_start
                    && !taken[toks[i - 1].start];
                if next_cap || prev_cap {
                    continue;
                }
                if let Some(&k) = local.get(&key) {
                    hit = Some((n, Err(k)));
                    break;
                }
                if let Some(pi) = self.unique_known_short(&key)
                    && !(n == 1 && t.sentence_start && lower_words.contains(&key))
                {
                    hit = Some((n, Ok(pi)));
                    break;
                }
            }
            // a genitive on a surname (`Baerbocks Besuch`, `Putins Krieg`):
            // the surname without its -s (a capitalised word after it is the
            // noun it qualifies, as every German noun is)
            if hit.is_none()
                && self.kb.grammar(self.lang, crate::GENITIVE_S)
                && t.folded.len() > 4
                && let Some(stem) = t.folded.strip_suffix('s')
            {
                if let Some(&k) = local.get(stem) {
                    hit = Some((1, Err(k)));
                } else if let Some(pi) = self.unique_known_short(stem) {
                    hit = Some((1, Ok(pi)));
                }
            }
            match hit {
                Some((n, Err(k))) => {
                    let mention = self.surname_mention(
                        k,
                        t.start,
                        toks[i + n - 1].end,
                        "surname of a person named in the text",
                    );
                    self.out.push(mention);
                    i += n;
                }
                Some((n, Ok(pi))) => {
                    let start = t.start;
                    let end = toks[i + n - 1].end;
                    let surface = self.surface(start, end);
                    let how = format!(
                        "'{surface}' → {} (surname of a known official{})",
                        self.kb.persons[pi].id,
                        self.term_note(pi)
                    );
                    self.person_mention(start, end, pi, MentionForm::Name, how);
                    let k = self.people.len() - 1;
                    local.insert(key_of(&toks[i..i + n]), k);
                    i += n;
                }
                None => i += 1,
            }
        }
    }

    /// Titles alone ("il premier", "the secretary of state") and pairs
    /// ("i due paesi").
    fn titles_and_pairs(&mut self) {
        let mut taken = vec![false; self.scan.folded.chars.len()];
        for m in &self.out {
            taken[m.start..m.end].iter_mut().for_each(|c| *c = true);
        }
        let cues = self.scan.cues.clone();
        let mut new = Vec::new();
        for g in cues.iter() {
            let Some(cue) = self.cue_kind(g).cloned() else {
                continue;
            };
            let surface = self.surface(g.start, g.end);
            // the states named before the phrase, in text order
            let states_before = |at: usize| {
                let mut ms: Vec<&Mention> = self
                    .out
                    .iter()
                    .filter(|m| m.end <= at && m.actor_type == ActorType::State)
                    .collect();
                ms.sort_by_key(|m| m.start);
                ms
            };
            // a reference phrase standing for one of those states
            let state_reference = |s: &ActorId, what: &str| Mention {
                start: g.start,
                end: g.end,
                surface: surface.clone(),
                actor: s.clone(),
                actor_type: ActorType::State,
                affiliation: None,
                role: None,
                sector: None,
                form: MentionForm::Reference,
                how: format!("'{surface}' → {s} ({what})"),
            };
            match cue.kind.as_str() {
                "pair" => {
                    let mut states: Vec<ActorId> = Vec::new();
                    let ms = states_before(g.start);
                    // Two states named together ("X and Y", "X-Y"), latest first.
                    let chars = &self.scan.folded.chars;
                    for w in ms.windows(2).rev() {
                        if w[0].actor == w[1].actor || w[1].start < w[0].end {
                            continue;
                        }
                        let gap: String = chars[w[0].end..w[1].start].iter().collect();
                        let gap = crate::text::fold_str(gap.trim());
                        if COORDINATORS.contains(&gap.as_str()) {
                            states = vec![w[1].actor.clone(), w[0].actor.clone()];
                            break;
                        }
                    }
                    if states.is_empty() {
                        for m in ms.iter().rev() {
                            if !states.contains(&m.actor) {
                                states.push(m.actor.clone());
                            }
                            if states.len() == 2 {
                                break;
                            }
                        }
                    }
                    if states.len() == 2 {
                        states.reverse();
                        for s in states {
                            new.push(state_reference(&s, "one of the two states last mentioned"));
                        }
                    }
                }
                "trio" => {
                    // `the three countries`: three states named together
                    // (`X, Y and Z`), the latest such list before the phrase
                    let ms = states_before(g.start);
                    let chars = &self.scan.folded.chars;
                    let gap = |a: &Mention, b: &Mention| {
                        let gap: String = chars[a.end..b.start].iter().collect();
                        crate::text::fold_str(gap.trim())
                    };
                    let states: Option<Vec<ActorId>> = ms.windows(3).rev().find_map(|w| {
                        let distinct = w[0].actor != w[1].actor
                            && w[1].actor != w[2].actor
                            && w[0].actor != w[2].actor;
                        let ordered = w[0].end <= w[1].start && w[1].end <= w[2].start;
                        (distinct
                            && ordered
                            && gap(w[0], w[1]) == ","
                            && COORDINATORS.contains(&gap(w[1], w[2]).as_str()))
                        .then(|| w.iter().map(|m| m.actor.clone()).collect())
                    });
                    for s in states.unwrap_or_default() {
                        new.push(state_reference(
                            &s,
                            "one of the three states last named together",
                        ));
                    }
                }
                "group" => {
                    // `the four ministers`: the states of the persons last
                    // named, as many persons as the row says, each acting
                    // for a state (`Blinken and Austin received their
                    // counterparts Cho and Kim. The four ministers …`)
                    let Some(n) = cue.role.as_deref().and_then(|r| r.parse::<usize>().ok()) else {
                        continue;
                    };
                    let mut persons: Vec<&Mention> = self
                        .out
                        .iter()
                        .filter(|m| {
                            m.end <= g.start
                                && g.start - m.end <= GROUP_REACH
                                && m.actor.is_person()
                        })
                        .collect();
                    // the last `n` persons, latest first, each once
                    persons.sort_by_key(|m| std::cmp::Reverse(m.start));
                    let mut last: Vec<&Mention> = Vec::new();
                    for m in persons {
                        if last.len() < n && !last.iter().any(|x| x.actor == m.actor) {
                            last.push(m);
                        }
                    }
                    // (all of them acting for a state, or the phrase stays unread)
                    let states: Option<Vec<ActorId>> = last
                        .iter()
                        .rev()
                        .map(|m| {
                            m.affiliation
                                .clone()
                                .filter(|s| self.kb.actor_type(s) == ActorType::State)
                        })
                        .collect();
                    if let Some(states) = states.filter(|_| last.len() == n) {
                        let mut distinct: Vec<ActorId> = Vec::new();
                        for s in states {
                            if !distinct.contains(&s) {
                                distinct.push(s);
                            }
                        }
                        for s in distinct {
                            new.push(state_reference(
                                &s,
                                &format!("a state of the {n} persons last named"),
                            ));
                        }
                    }
                }
                "allies" => {
                    // `the allies agreed`, `die Verbündeten verpflichteten
                    // sich`: the members of the alliance the article has
                    // just named, acting together (not `the allies of
                    // Ukraine`, whose allies they are says the phrase)
                    let Some(org) = cue.role.as_deref().map(ActorId::new) else {
                        continue;
                    };
                    let next = self.skip_space_fwd(g.end);
                    if self.kb.actor_type(&org) != ActorType::Igo
                        || self.token_starting(next).is_some_and(|t| {
                            OF_WORDS.contains(&t.folded.as_str())
                                || ALLIES_QUALIFIED.contains(&t.folded.as_str())
                        })
                        || self.out.iter().any(|m| m.start == next)
                    {
                        continue;
                    }
                    let named = self.out.iter().any(|m| {
                        m.actor == org && m.end <= g.start && g.start - m.end <= ALLIANCE_REACH
                    });
                    if named {
                        // the mention is the noun, after its article (`die
                        // Verbündeten`: the word the agreement names read)
                        let chars: Vec<char> = surface.chars().collect();
                        let noun_at = chars.iter().rposition(|&c| c == ' ').map_or(0, |p| p + 1);
                        let surface: String = chars[noun_at..].iter().collect();
                        new.push(Mention {
                            start: g.start + noun_at,
                            end: g.end,
                            surface: surface.clone(),
                            actor: org.clone(),
                            actor_type: ActorType::Igo,
                            affiliation: None,
                            role: None,
                            sector: None,
                            form: MentionForm::Reference,
                            how: format!(
                                "'{surface}' → {org} (the members of the organisation named before)"
                            ),
                        });
                    }
                }
                "title" => {
                    let Some(role) = cue.role.clone() else {
                        continue;
                    };
                    // Followed by a name: handled by name_shapes; followed
                    // by a name in apposition (`the defence minister, Rajnath
                    // Singh,`): the name says who, not an earlier holder.
                    let next = self.skip_space_fwd(g.end);
                    let person_at = |at: usize| {
                        self.out
                            .iter()
                            .any(|m| m.start == at && m.actor.is_person())
                    };
                    if taken.get(next).copied().unwrap_or(false) && person_at(next) {
                        continue;
                    }
                    if self.scan.folded.chars.get(next) == Some(&',')
                        && person_at(self.skip_space_fwd(next + 1))
                    {
                        continue;
                    }
                    // Only offices the officials table knows.
                    if !self
                        .kb
                        .persons
                        .iter()
                        .any(|p| p.terms.iter().any(|t| t.role == role))
                    {
                        continue;
                    }
                    let qualifier = self
                        .actor_mention_starting(next)
                        .or_else(|| {
                            let p = self.skip_space_back(g.start);
                            self.actor_mention_ending(p)
                        })
                        .or_else(|| self.of_phrase_actor(next))
                        .map(|m| m.actor.clone());
                    if let Some(q) = qualifier.as_ref() {
                        // Followed by qualifier then name: also handled.
                        if let Some(m) = self.actor_mention_starting(next) {
                            let after = self.skip_space_fwd(m.end);
                            if self
                                .out
                                .iter()
                                .any(|x| x.start == after && x.actor.is_person())
                            {
                                continue;
                            }
                        }
                        if let Some(pi) = self.sole_holder(&role, q) {
                            new.push(self.holder_mention(
                                g,
                                &surface,
                                (pi, q.clone()),
                                &role,
                                cue.sector.clone(),
                                format!("holder of the role for {q} at the date"),
                            ));
                        }
                        continue;
                    }
                    let prior = self
                        .people
                        .iter()
                        .filter(|k| k.at < g.start && k.role.as_deref() == Some(role.as_str()))
                        .max_by_key(|k| k.at)
                        .cloned();
                    if let Some(k) = prior {
                        let how =
                            format!("'{surface}' → {} (title of a person named earlier)", k.id);
                        new.push(role_mention(
                            g,
                            &surface,
                            k.id,
                            k.affiliation,
                            k.role,
                            cue.sector.clone(),
                            how,
                        ));
                    } else if let Some((pi, home)) = self
                        .home_title_holder(&role)
                        .filter(|_| !self.qualified_after(g.end))
                    {
                        let why = format!(
                            "the holder of the office at the date for {home}, named in the article, whose press writes in its language"
                        );
                        new.push(self.holder_mention(
                            g,
                            &surface,
                            (pi, home),
                            &role,
                            cue.sector.clone(),
                            why,
                        ));
                    }
                }
                _ => {}
            }
        }
        self.out.extend(new);
    }

    /// The state or organisation of an `of` phrase starting at `at` (`l'émir
    /// du Qatar`, `the president of France`, `il presidente degli Stati
    /// Uniti`): only an `of` word or phrase between.
    fn of_phrase_actor(&self, at: usize) -> Option<&Mention> {
        let chars = &self.scan.folded.chars;
        self.out
            .iter()
            .filter(|m| m.start > at && m.start <= at + 12 && !m.actor.is_person())
            .min_by_key(|m| m.start)
            .filter(|m| {
                let gap: String = chars[at..m.start].iter().collect();
                OF_WORDS.contains(&crate::text::fold_str(gap.trim()).as_str())
            })
    }

    /// True when an `of` phrase naming an actor or a name follows the title
    /// (`il presidente degli Stati Uniti`, `el ministro de Defensa de
    /// Argentina`, `the president of France`): the title is qualified.
    fn qualified_after(&self, end: usize) -> bool {
        let chars = &self.scan.folded.chars;
        self.out.iter().any(|m| {
            m.start >= end && m.start <= end + 40 && {
                let gap: String = chars[end..m.start].iter().collect();
                let gap = crate::text::fold_str(gap.trim());
                // the office's own complement may stand between (`ministro de
                // Defensa de`): the gap ends with an `of` word
                OF_WORDS.iter().any(|o| {
                    gap.strip_suffix(o)
                        .is_some_and(|rest| rest.is_empty() || rest.ends_with(' '))
                })
            }
        })
    }

    /// A title standing for the person `pi` who holds it for `state`.
    fn holder_mention(
        &self,
        g: &Group,
        surface: &str,
        (pi, state): (usize, ActorId),
        role: &str,
        sector: Option<String>,
        why: String,
    ) -> Mention {
        let id = self.kb.persons[pi].id.clone();
        let how = format!("'{surface}' → {id} ({why})");
        role_mention(
            g,
            surface,
            id,
            Some(state),
            Some(role.to_string()),
            sector,
            how,
        )
    }

    /// The one person holding `role` for `state` at the article's date.
    fn sole_holder(&self, role: &str, state: &ActorId) -> Option<usize> {
        self.date?;
        let mut holders = (0..self.kb.persons.len()).filter(|&pi| {
            matches!(self.kb.persons[pi].term_at(self.date),
                TermAt::Active(t) if t.role == role && &t.affiliation == state)
        });
        match (holders.next(), holders.next()) {
            (Some(pi), None) => Some(pi),
            _ => None,
        }
    }

    /// A title with no nationality and no person named with it before
    /// (`der Kanzler`, `il premier`): the holder of that office at the
    /// article's date for the state whose press writes in the article's
    /// language, when the article names that state (`il premier` in Italian
    /// news is Italy's; a title may as well be the object's, so no other
    /// state's office is guessed).
    fn home_title_holder(&self, role: &str) -> Option<(usize, ActorId)> {
        let home = ActorId::new(match self.lang {
            "de" => "DEU",
            "it" => "ITA",
            "fr" => "FRA",
            "es" => "ESP",
            _ => return None,
        });
        self.out
            .iter()
            .any(|m| m.actor == home && m.form != MentionForm::Reference)
            .then(|| self.sole_holder(role, &home))
            .flatten()
            .map(|pi| (pi, home))
    }

    /// Bodies below the state: "esercito russo", "Serbian police",
    /// "ministero degli Esteri giapponese", "Japan's Defense Ministry".
    fn sectors(&mut self) {
        let cues = self.scan.cues.clone();
        let chars = self.scan.folded.chars.clone();
        let gap_ok = |a: usize, b: usize| -> bool {
            if a > b {
                return false;
            }
            let gap: String = chars[a..b].iter().collect();
            let g = crate::text::fold_str(gap.trim());
            g.is_empty()
                || g.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .all(|w| CONNECTORS.contains(&w))
                    && g.len() <= 12
        };
        for m in self.out.iter_mut() {
            if m.actor_type != ActorType::State || m.form == MentionForm::Reference {
                continue;
            }
            for g in cues.iter() {
                let Some(cue) = g
                    .entries
                    .iter()
                    .find_map(|&e| match self.kb.entries[e].target {
                        Target::Cue(c) => self.kb.cues.get(c).filter(|c| c.kind == "body"),
                        _ => None,
                    })
                else {
                    continue;
                };
                let before = g.end <= m.start && m.start - g.end <= 14 && gap_ok(g.end, m.start);
                let after = g.start >= m.end && g.start - m.end <= 6 && gap_ok(m.end, g.start);
                if before || after {
                    m.sector = cue.sector.clone();
                    m.how.push_str(&format!(
                        "; body '{}' → sector {}",
                        cue.phrase,
                        cue.sector.as_deref().unwrap_or("-")
                    ));
                    break;
                }
            }
        }
    }
}

impl Ctx<'_> {
    /// Short lines that credit authors or photographers: a line of names
    /// only opening with a capitalised `By`/`Di`/`Von`/`Par`/`Por`/`Da`
    /// ("Di Gabriele Carrer ed Emanuele Rossi"), a line holding a photo
    /// agency after `/` or `(` or in capitals ("Sven Eckelkamp / IMAGO"),
    /// and the words after a `Foto:`/`Photo:` at the end of a caption. News
    /// agencies (`(Reuters)`, `AFP`) open datelines of real reports and do
    /// not count.
    fn credit_lines(&self) -> Vec<(usize, usize)> {
        const OPENERS: &[&str] = &["By", "Di", "Von", "Par", "Por", "Da"];
        const CONNECTORS: &[&str] = &["and", "ed", "e", "y", "und", "et"];
        const PHOTO: &[&str] = &[
            "foto", "fotos", "photo", "photos", "bild", "bilder", "credit", "credits", "credito",
            "imago", "keystone", "getty",
        ];
        let chars = &self.scan.folded.chars;
        let toks = &self.scan.toks;
        let mut out = Vec::new();
        let mut line_start = 0;
        // tokens are in text order: each line takes the next run of them
        let mut next_tok = 0;
        for end in (0..=chars.len()).filter(|&i| i == chars.len() || chars[i] == '\n') {
            let first = next_tok;
            while next_tok < toks.len() && toks[next_tok].end <= end {
                next_tok += 1;
            }
            let line: Vec<&Token> = toks[first..next_tok]
                .iter()
                .filter(|t| t.start >= line_start)
                .collect();
            let words = line
                .iter()
                .filter(|t| t.text.chars().any(char::is_alphabetic))
                .count();
            // the first character after / before a token, past spaces
            let next_char = |t: &Token| chars[t.end..end].iter().find(|c| !c.is_whitespace());
            let prev_char = |t: &Token| {
                chars[line_start..t.start]
                    .iter()
                    .rev()
                    .find(|c| !c.is_whitespace())
            };
            // a line of names only after the opener: capitalised words and
            // `and`, no verb or other word in lower case
            let opener = line
                .first()
                .is_some_and(|t| OPENERS.contains(&t.text.as_str()) && prev_char(t).is_none())
                && line.len() >= 3
                && line[1..]
                    .iter()
                    .all(|t| t.capitalised || CONNECTORS.contains(&t.text.as_str()));
            let photo = line.iter().any(|t| {
                PHOTO.contains(&t.folded.as_str())
                    && (t.all_caps || (t.capitalised && matches!(prev_char(t), Some('/' | '('))))
            });
            if (1..=15).contains(&words) && (opener || photo) {
                out.push((line_start, end));
            }
            // `Foto: Name (Agency)` at the end of a longer caption
            if let Some(t) = line.iter().find(|t| {
                PHOTO.contains(&t.folded.as_str()) && t.capitalised && next_char(t) == Some(&':')
            }) && line.iter().filter(|u| u.start > t.start).count() <= 8
            {
                out.push((t.start, end));
            }
            line_start = end + 1;
        }
        out
    }

    /// Reporters' and editors' names after "Reporting by" are not actors.
    fn drop_bylines(&mut self) {
        let chars = &self.scan.folded.chars;
        let mut spans = Vec::new();
        for g in self.scan.cues.iter() {
            if self.cue_kind(g).is_some_and(|c| c.kind == "byline") {
                let end = chars[g.end..]
                    .iter()
                    .position(|&c| c == '\n')
                    .map_or(chars.len(), |p| g.end + p);
                spans.push((g.start, end));
            }
        }
        spans.extend(self.credit_lines());
        if spans.is_empty() {
            return;
        }
        self.out.retain(|m| {
            !(m.actor.is_person() && spans.iter().any(|&(a, b)| m.start >= a && m.end <= b))
        });
    }
}

fn key_of(toks: &[Token]) -> String {
    toks.iter()
        .map(|t| t.folded.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}
