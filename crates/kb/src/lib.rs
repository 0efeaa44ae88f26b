//! The knowledge base and entity linking.
//!
//! Loads the data files of `data/kb/` (states, organisations, officials with
//! their terms, places) and `data/lang/<code>/roles.tsv` (role and body cues)
//! and finds actor mentions in a cleaned article: names in every supported
//! language, demonyms, capitals standing for their government, role cues for
//! people the knowledge base does not know, and references resolved within
//! the article. It never touches the database and codes no events.
//!
//! Mentions are sorted by start and do not overlap, with one documented
//! exception: a phrase standing for two states ("the two allies", "i due
//! paesi") yields one [`MentionForm::Reference`] mention per state, with the
//! same span.
#![forbid(unsafe_code)]

mod link;
mod tables;
mod text;
mod translit;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use entente_model::{ActorId, ActorRecord, ActorType, Article, Mention, PartialDate};
use foldhash::{HashMap, HashMapExt, HashSet};
use std::path::Path;
use tables::{CaseRule, CueRow, NameRow, TermRow};

/// Why the knowledge base could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum KbError {
    #[error("{file}:{line}: {reason}")]
    Parse {
        file: String,
        line: usize,
        reason: String,
    },
    #[error("{file}: {source}")]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}: {reason}")]
    Build { file: String, reason: String },
}

/// A place the knowledge base knows: a city or region, and its state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub name: String,
    pub country: ActorId,
}

/// A place named in a text, in character offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceMention {
    pub start: usize,
    pub end: usize,
    pub place: Place,
}

const STATES: (&str, &str) = (
    "data/kb/states.tsv",
    include_str!("../../../data/kb/states.tsv"),
);
const ORGS: (&str, &str) = (
    "data/kb/organisations.tsv",
    include_str!("../../../data/kb/organisations.tsv"),
);
const PLACES: (&str, &str) = (
    "data/kb/places.tsv",
    include_str!("../../../data/kb/places.tsv"),
);
const OFFICIALS: (&str, &str) = (
    "data/kb/officials.tsv",
    include_str!("../../../data/kb/officials.tsv"),
);
const CONTEXTS: (&str, &str) = (
    "data/kb/context.tsv",
    include_str!("../../../data/kb/context.tsv"),
);
const GIVEN_NAMES: &str = include_str!("../../../data/kb/given_names.txt");
const CUES: [(&str, &str, &str); 5] = [
    (
        "en",
        "data/lang/en/roles.tsv",
        include_str!("../../../data/lang/en/roles.tsv"),
    ),
    (
        "it",
        "data/lang/it/roles.tsv",
        include_str!("../../../data/lang/it/roles.tsv"),
    ),
    (
        "fr",
        "data/lang/fr/roles.tsv",
        include_str!("../../../data/lang/fr/roles.tsv"),
    ),
    (
        "es",
        "data/lang/es/roles.tsv",
        include_str!("../../../data/lang/es/roles.tsv"),
    ),
    (
        "de",
        "data/lang/de/roles.tsv",
        include_str!("../../../data/lang/de/roles.tsv"),
    ),
];

/// A state, IGO or organisation.
#[derive(Debug, Clone)]
pub(crate) struct Actor {
    pub id: ActorId,
    pub ty: ActorType,
    pub name: String,
    /// The state and sector an organisation is coded as (armed groups and
    /// movements: `org:hamas` → PSE, REB).
    pub coded: Option<(ActorId, String)>,
    /// The states a grouping of states stands for (`E3` → DEU, FRA, GBR):
    /// a mention of it is a mention of each.
    pub members: Vec<ActorId>,
}

/// A known official and their terms.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub id: ActorId,
    pub name: String,
    pub short: String,
    /// The short form was given by the table (not derived).
    pub explicit_short: bool,
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone)]
pub(crate) struct Term {
    pub role: String,
    pub affiliation: ActorId,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
}

/// What a matched pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A state / IGO / organisation (index into `actors`), by name, adjective
    /// or capital.
    Actor(usize, ActorForm),
    /// A place in a state (index into `places`).
    Place(usize),
    /// A region or sea: matched only to block shorter matches inside it.
    Region,
    /// A known official's full name (index into `persons`).
    Person(usize),
    /// A language cue (index into `cues`).
    Cue(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ActorForm {
    Name,
    Adjective,
    Capital,
}

#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub target: Target,
    pub case: CaseRule,
    pub ambiguous: bool,
    /// The form as written in the table (for exact-case checks and `how`).
    pub form: String,
    /// Language of the form (`*` for any).
    pub lang: String,
    /// Forms ending in `-` (`US-amerikanisch`) need no right word boundary.
    pub open_right: bool,
    /// A form the language's grammar makes (a genitive `Islands`): matched
    /// only in that language's articles, where a name of another language
    /// may stand (`the Paracel Islands` is no Iceland).
    pub own_language_only: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Cue {
    pub kind: String,
    pub phrase: String,
    pub role: Option<String>,
    pub sector: Option<String>,
    pub lang: String,
}

/// The loaded knowledge base.
#[derive(Debug, Default)]
pub struct Kb {
    pub(crate) actors: Vec<Actor>,
    pub(crate) actor_index: HashMap<String, usize>,
    pub(crate) places: Vec<Place>,
    /// Folded place name → the first place of that name in `places`.
    place_index: HashMap<String, usize>,
    pub(crate) persons: Vec<Person>,
    pub(crate) person_index: HashMap<String, usize>,
    pub(crate) cues: Vec<Cue>,
    /// The languages of `cues`, for `link::lang_known`.
    pub(crate) cue_languages: HashSet<String>,
    pub(crate) given_names: HashSet<String>,
    pub(crate) contexts: HashMap<String, (usize, Vec<String>)>,
    /// Word cues (`orgpre`, `orgsuf`, `notname`, `eponym`, `namednoun`, `pactnoun`) by (kind,
    /// language), folded: looked up by token, built once.
    pub(crate) word_cues: HashMap<String, HashMap<String, HashSet<String>>>,
    /// Folded short name → persons.
    pub(crate) shorts: HashMap<String, Vec<usize>>,
    pub(crate) entries: Vec<Entry>,
    /// Pattern number → entries.
    pub(crate) patterns: Vec<Vec<usize>>,
    pub(crate) matcher: Option<AhoCorasick>,
    /// Raw rows, kept so that `load_extra` can rebuild the index.
    name_rows: Vec<(String, NameRow)>,
    term_rows: Vec<TermRow>,
    cue_rows: Vec<(String, CueRow)>,
}

impl Kb {
    /// The knowledge base shipped inside the binary.
    pub fn embedded() -> Result<Kb, KbError> {
        let mut kb = Kb::default();
        kb.add_names(STATES.0, STATES.1, "states")?;
        kb.add_names(ORGS.0, ORGS.1, "organisations")?;
        kb.add_names(PLACES.0, PLACES.1, "places")?;
        kb.term_rows
            .extend(tables::parse_officials(OFFICIALS.0, OFFICIALS.1)?);
        for (lang, file, text) in CUES {
            for row in tables::parse_cues(file, text)? {
                kb.cue_rows.push((lang.to_string(), row));
            }
        }
        for row in tables::parse_contexts(CONTEXTS.0, CONTEXTS.1)? {
            kb.contexts.insert(row.form, (row.window, row.words));
        }
        kb.given_names = tables::parse_words(GIVEN_NAMES)
            .into_iter()
            .map(|w| text::fold_str(&w))
            .collect();
        kb.build("data/kb")?;
        Ok(kb)
    }

    /// Add a user's own data file (same formats as `data/kb/`, told apart by
    /// the file name: `states*`, `organisations*`, `places*`, `officials*`,
    /// `roles*` (named `roles.<lang>.tsv` or under a folder named after the
    /// language), `given_names*`).
    pub fn load_extra(&mut self, path: &Path) -> Result<(), KbError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| KbError::Io {
            file: file.clone(),
            source,
        })?;
        let stem = path
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_lowercase();
        if stem.starts_with("states") {
            self.add_names(&file, &text, "states")?;
        } else if stem.starts_with("organisations") || stem.starts_with("organizations") {
            self.add_names(&file, &text, "organisations")?;
        } else if stem.starts_with("places") {
            self.add_names(&file, &text, "places")?;
        } else if stem.starts_with("officials") {
            self.term_rows
                .extend(tables::parse_officials(&file, &text)?);
        } else if stem.starts_with("roles") {
            let lang = stem
                .split('.')
                .nth(1)
                .filter(|l| l.len() == 2)
                .map(String::from)
                .or_else(|| {
                    path.parent()
                        .and_then(|p| p.file_name())
                        .and_then(|s| s.to_str())
                        .filter(|l| l.len() == 2)
                        .map(String::from)
                })
                .unwrap_or_else(|| "*".to_string());
            for row in tables::parse_cues(&file, &text)? {
                self.cue_rows.push((lang.clone(), row));
            }
        } else if stem.starts_with("given_names") {
            self.given_names
                .extend(tables::parse_words(&text).iter().map(|w| text::fold_str(w)));
        } else {
            return Err(KbError::Build {
                file,
                reason: "unknown table: the file name must start with states, organisations, places, officials, roles or given_names".into(),
            });
        }
        self.build(&file)
    }

    fn add_names(&mut self, file: &str, text: &str, table: &str) -> Result<(), KbError> {
        let kinds: &[&str] = match table {
            "places" => &["place", "region"],
            "organisations" => &["name", "adj", "capital", "coded", "members"],
            _ => &["name", "adj", "capital"],
        };
        for row in tables::parse_names(file, text, kinds)? {
            self.name_rows.push((table.to_string(), row));
        }
        Ok(())
    }

    /// Rebuild actors, persons, cues and the automaton from the raw rows.
    fn build(&mut self, file: &str) -> Result<(), KbError> {
        self.actors.clear();
        self.actor_index.clear();
        self.places.clear();
        self.persons.clear();
        self.person_index.clear();
        self.cues.clear();
        self.shorts.clear();
        self.entries.clear();
        self.word_cues.clear();
        let mut by_pattern: HashMap<String, Vec<usize>> = HashMap::new();
        let mut push = |entries: &mut Vec<Entry>,
                        form: &tables::Form,
                        target: Target,
                        lang: &str,
                        own_language_only: bool| {
            let folded = text::fold_str(&form.text);
            let folded = folded.trim_end_matches('-').to_string();
            if folded.trim().is_empty() {
                return;
            }
            entries.push(Entry {
                target,
                case: form.case,
                ambiguous: form.ambiguous,
                form: form.text.trim_end_matches('-').to_string(),
                lang: lang.to_string(),
                open_right: form.text.ends_with('-'),
                own_language_only,
            });
            by_pattern
                .entry(folded)
                .or_default()
                .push(entries.len() - 1);
        };
        // the languages whose names take a genitive `-s` (`grammar` rows)
        let genitive_langs: Vec<String> = self
            .cue_rows
            .iter()
            .filter(|(_, r)| r.kind == "grammar" && r.phrase == GENITIVE_S)
            .map(|(lang, _)| lang.clone())
            .collect();
        // Actors first (so that canonical names exist), then forms.
        let rows = std::mem::take(&mut self.name_rows);
        for (table, row) in &rows {
            if table == "places" {
                continue;
            }
            let idx = match self.actor_index.get(&row.code) {
                Some(&i) => i,
                None => {
                    let id = ActorId::new(row.code.clone());
                    let ty = if row.code.starts_with("org:") {
                        ActorType::Org
                    } else if table == "states" {
                        ActorType::State
                    } else {
                        ActorType::Igo
                    };
                    self.actors.push(Actor {
                        id,
                        ty,
                        name: row.code.clone(),
                        coded: None,
                        members: Vec::new(),
                    });
                    self.actor_index
                        .insert(row.code.clone(), self.actors.len() - 1);
                    self.actors.len() - 1
                }
            };
            if let Some(c) = &row.canonical {
                self.actors[idx].name = c.clone();
                continue;
            }
            if let Some((state, sector)) = &row.coded {
                self.actors[idx].coded = Some((ActorId::new(state.clone()), sector.clone()));
                continue;
            }
            if !row.members.is_empty() {
                self.actors[idx].members = row.members.iter().map(ActorId::new).collect();
                continue;
            }
            let form_kind = match row.kind.as_str() {
                "adj" => ActorForm::Adjective,
                "capital" => ActorForm::Capital,
                _ => ActorForm::Name,
            };
            for f in &row.forms {
                push(
                    &mut self.entries,
                    f,
                    Target::Actor(idx, form_kind),
                    &row.lang,
                    false,
                );
                // names take a genitive `-s` in some languages (`die
                // Angriffe Russlands`, `Moskaus Antwort`)
                if form_kind != ActorForm::Adjective
                    && table == "states"
                    && let Some(g) = genitive_s(f)
                {
                    for lang in genitive_langs
                        .iter()
                        .filter(|l| row.lang == "*" || row.lang == **l)
                    {
                        push(
                            &mut self.entries,
                            &g,
                            Target::Actor(idx, form_kind),
                            lang,
                            true,
                        );
                    }
                }
            }
            if form_kind == ActorForm::Capital && table == "states" {
                for f in &row.forms {
                    self.places.push(Place {
                        name: f.text.clone(),
                        country: ActorId::new(row.code.clone()),
                    });
                }
            }
        }
        for (table, row) in &rows {
            if table != "places" || row.canonical.is_some() {
                continue;
            }
            for f in &row.forms {
                if row.kind == "region" || row.code == "-" {
                    push(&mut self.entries, f, Target::Region, &row.lang, false);
                } else {
                    self.places.push(Place {
                        name: f.text.clone(),
                        country: ActorId::new(row.code.clone()),
                    });
                    let p = self.places.len() - 1;
                    push(&mut self.entries, f, Target::Place(p), &row.lang, false);
                }
            }
        }
        self.name_rows = rows;
        // Officials.
        for t in &self.term_rows {
            let idx = match self.person_index.get(&t.name) {
                Some(&i) => i,
                None => {
                    self.persons.push(Person {
                        id: ActorId::person(&t.name),
                        name: t.name.clone(),
                        short: String::new(),
                        explicit_short: false,
                        terms: Vec::new(),
                    });
                    self.person_index
                        .insert(t.name.clone(), self.persons.len() - 1);
                    self.persons.len() - 1
                }
            };
            let p = &mut self.persons[idx];
            if !t.short.is_empty() {
                p.short = t.short.clone();
                p.explicit_short = true;
            }
            p.terms.push(Term {
                role: t.role.clone(),
                affiliation: ActorId::new(t.affiliation.clone()),
                start: t.start,
                end: t.end,
            });
            let mut forms: Vec<String> = vec![t.name.clone()];
            forms.extend(t.variants.iter().cloned());
            // (and as the German, French and Spanish press spell a name
            // romanised from another script: `Lawrow`, `Baïramov`)
            if translit::ROMANISED.contains(&t.affiliation.as_str()) {
                for s in translit::spellings(&t.name) {
                    if !forms.contains(&s) {
                        forms.push(s);
                    }
                }
            }
            for f in forms {
                let mut spellings = vec![f.clone()];
                if f.contains('-') {
                    spellings.push(f.replace('-', " "));
                    spellings.push(f.replace('-', ""));
                }
                for s in spellings {
                    // Single-word variants ("Poutine") keep their case rule.
                    if let Some(form) = tables::parse_form(&s) {
                        push(&mut self.entries, &form, Target::Person(idx), "*", false);
                    }
                }
            }
        }
        for p in &mut self.persons {
            p.terms.sort_by_key(|t| t.start);
            if p.short.is_empty() {
                let family_first = p
                    .terms
                    .first()
                    .is_some_and(|t| FAMILY_NAME_FIRST.contains(&t.affiliation.as_str()));
                p.short = default_short(&p.name, family_first);
            }
        }
        for (i, p) in self.persons.iter().enumerate() {
            // Very short derived forms ("Un", "Yi") are not usable alone.
            if p.explicit_short || p.short.chars().count() >= 3 {
                let mut shorts = vec![p.short.clone()];
                if p.terms
                    .iter()
                    .any(|t| translit::ROMANISED.contains(&t.affiliation.as_str()))
                {
                    shorts.extend(translit::spellings(&p.short));
                }
                for short in shorts {
                    let list = self.shorts.entry(text::fold_str(&short)).or_default();
                    if !list.contains(&i) {
                        list.push(i);
                    }
                }
            }
        }
        // Cues.
        for (lang, row) in &self.cue_rows {
            self.cues.push(Cue {
                kind: row.kind.clone(),
                phrase: row.phrase.clone(),
                role: row.role.clone(),
                sector: row.sector.clone(),
                lang: lang.clone(),
            });
            // Word cues are looked up by token, not matched as phrases.
            if WORD_CUES.contains(&row.kind.as_str()) {
                self.word_cues
                    .entry(row.kind.clone())
                    .or_default()
                    .entry(lang.clone())
                    .or_default()
                    .insert(text::fold_str(&row.phrase));
                continue;
            }
            let form = tables::Form {
                text: row.phrase.clone(),
                case: CaseRule::Any,
                ambiguous: false,
            };
            push(
                &mut self.entries,
                &form,
                Target::Cue(self.cues.len() - 1),
                lang,
                false,
            );
        }
        let mut pats: Vec<(String, Vec<usize>)> = by_pattern.into_iter().collect();
        pats.sort();
        self.patterns = pats.iter().map(|(_, e)| e.clone()).collect();
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(pats.iter().map(|(p, _)| p.as_str()))
            .map_err(|e| KbError::Build {
                file: file.to_string(),
                reason: e.to_string(),
            })?;
        self.matcher = Some(matcher);
        self.cue_languages = self.cues.iter().map(|c| c.lang.clone()).collect();
        self.place_index.clear();
        for (i, p) in self.places.iter().enumerate() {
            self.place_index.entry(text::fold_str(&p.name)).or_insert(i);
        }
        Ok(())
    }

    /// Every actor mention in the article's body, sorted by start offset,
    /// non-overlapping (except the two mentions of a pair reference).
    pub fn link(&self, article: &Article) -> Vec<Mention> {
        // officials hold their offices on the article's date; without one,
        // on the latest year the text names (a text about 2023 is read in 2023)
        let date = article.published.or_else(|| latest_year(&article.text));
        self.link_text(&article.text, &article.lang, date)
    }

    /// Mentions in any text (a body or a title), for a language and date.
    pub fn link_text(&self, text: &str, lang: &str, date: Option<PartialDate>) -> Vec<Mention> {
        link::link(self, text, lang, date)
    }

    /// Places (cities, bases, capitals) named in a text.
    pub fn link_places(&self, text: &str) -> Vec<PlaceMention> {
        link::places(self, text)
    }

    /// A word cue of `kind` for `lang` (for a language without cues, in any
    /// language); `folded` is the folded word.
    pub(crate) fn word_cue(&self, kind: &str, lang: &str, folded: &str) -> bool {
        let Some(by_lang) = self.word_cues.get(kind) else {
            return false;
        };
        match by_lang.get(lang) {
            Some(set) => set.contains(folded),
            None if link::lang_known(self, lang) => false,
            None => by_lang.values().any(|set| set.contains(folded)),
        }
    }

    /// The language has this `grammar` row (`genitive s`, `nouns
    /// capitalised`, `demonyms lower case`): a fact of its grammar the
    /// linker reads.
    pub(crate) fn grammar(&self, lang: &str, fact: &str) -> bool {
        self.word_cues
            .get("grammar")
            .and_then(|by_lang| by_lang.get(lang))
            .is_some_and(|facts| facts.contains(fact))
    }

    /// The language has word cues of this kind (so its rules apply).
    pub(crate) fn has_word_cues(&self, kind: &str, lang: &str) -> bool {
        self.word_cues.get(kind).is_some_and(|by_lang| {
            by_lang.contains_key(lang) || (!link::lang_known(self, lang) && !by_lang.is_empty())
        })
    }

    /// The record of a known actor, with the role at the most recent term.
    pub fn record(&self, id: &ActorId) -> Option<ActorRecord> {
        self.record_at(id, None)
    }

    /// The record of a known actor with the role held at `date` (for a
    /// person out of office at that date: `former <role>` and no
    /// affiliation; with no date: the most recent term).
    pub fn record_at(&self, id: &ActorId, date: Option<PartialDate>) -> Option<ActorRecord> {
        if let Some(&i) = self.actor_index.get(id.as_str()) {
            let a = &self.actors[i];
            return Some(ActorRecord {
                id: a.id.clone(),
                actor_type: a.ty,
                name: a.name.clone(),
                affiliation: None,
                role: None,
            });
        }
        let p = self.persons.iter().find(|p| &p.id == id)?;
        let (affiliation, role) = match p.term_at(date) {
            TermAt::Active(t) => (Some(t.affiliation.clone()), Some(t.role.clone())),
            TermAt::Former(t) => (None, Some(format!("former {}", t.role))),
            TermAt::None => (None, None),
        };
        Some(ActorRecord {
            id: p.id.clone(),
            actor_type: ActorType::Person,
            name: p.name.clone(),
            affiliation,
            role,
        })
    }

    /// The display name of a known actor.
    pub fn name(&self, id: &ActorId) -> Option<&str> {
        if let Some(&i) = self.actor_index.get(id.as_str()) {
            return Some(&self.actors[i].name);
        }
        self.persons
            .iter()
            .find(|p| &p.id == id)
            .map(|p| p.name.as_str())
    }

    /// The type of an identifier: states and IGOs by the knowledge base,
    /// persons and organisations by their prefix.
    pub fn actor_type(&self, id: &ActorId) -> ActorType {
        if let Some(&i) = self.actor_index.get(id.as_str()) {
            return self.actors[i].ty;
        }
        if id.is_person() {
            ActorType::Person
        } else if id.as_str().starts_with("org:") {
            ActorType::Org
        } else if id.as_str().len() == 3 && id.as_str().chars().all(|c| c.is_ascii_uppercase()) {
            ActorType::State
        } else {
            ActorType::Igo
        }
    }

    /// A place named in text (`Lima`, `Wiesbaden`, `Pechino`), in any language.
    pub fn place(&self, surface: &str) -> Option<Place> {
        let i = *self.place_index.get(&text::fold_str(surface.trim()))?;
        self.places.get(i).cloned()
    }

    /// Number of known officials (for reports).
    pub fn official_count(&self) -> usize {
        self.persons.len()
    }
}

pub(crate) enum TermAt<'a> {
    Active(&'a Term),
    Former(&'a Term),
    None,
}

impl Person {
    pub(crate) fn term_at(&self, date: Option<PartialDate>) -> TermAt<'_> {
        let Some(d) = date else {
            return self.terms.last().map_or(TermAt::None, TermAt::Active);
        };
        let active = self.terms.iter().rev().find(|t| {
            t.start.is_none_or(|s| starts_before(s, d)) && t.end.is_none_or(|e| ends_after(e, d))
        });
        if let Some(t) = active {
            return TermAt::Active(t);
        }
        self.terms
            .iter()
            .rev()
            .find(|t| t.end.is_some_and(|e| !ends_after(e, d)))
            .map_or(TermAt::None, TermAt::Former)
    }
}

/// `start` is on or before `d` at the coarser precision of the two.
fn starts_before(start: PartialDate, d: PartialDate) -> bool {
    start.compatible(&d) || start < d
}

/// `end` is after `d` (a term ending on `d` counts as ended: the successor
/// takes office that day), at the coarser precision.
fn ends_after(end: PartialDate, d: PartialDate) -> bool {
    if d.precision() != end.precision() && end.compatible(&d) {
        return true;
    }
    end > d
}

/// Cue kinds looked up by token rather than matched as phrases.
const WORD_CUES: &[&str] = &[
    "orgpre",
    "orgsuf",
    "notname",
    "eponym",
    "namednoun",
    "pactnoun",
    "grammar",
];

/// States whose officials' names are written family name first.
const FAMILY_NAME_FIRST: &[&str] = &["CHN", "KOR", "PRK", "TWN", "HKG", "MAC"];

/// The family name of a full name: the last word without generational
/// suffixes, or the first word where names are written family name first.
fn default_short(name: &str, family_first: bool) -> String {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !matches!(*w, "Jr." | "Jr" | "Sr." | "II" | "III" | "IV"))
        .collect();
    let w = if family_first {
        words.first()
    } else {
        words.last()
    };
    w.map(|w| w.to_string()).unwrap_or_default()
}

/// The latest year from 1950 to 2049 written in a text, as a year date.
fn latest_year(text: &str) -> Option<PartialDate> {
    let bytes = text.as_bytes();
    let mut best: Option<u16> = None;
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let w = &bytes[i..i + 4];
        let bounded = (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_alphanumeric());
        if bounded
            && w.iter().all(u8::is_ascii_digit)
            && (w[0..2] == *b"19" && w[2] >= b'5' || w[0..2] == *b"20" && w[2] <= b'4')
        {
            let y = (w[0] - b'0') as u16 * 1000
                + (w[1] - b'0') as u16 * 100
                + (w[2] - b'0') as u16 * 10
                + (w[3] - b'0') as u16;
            best = Some(best.map_or(y, |b| b.max(y)));
            i += 4;
        } else {
            i += 1;
        }
    }
    best.map(|y| PartialDate::year(y as _))
}

/// The `grammar` row of a language whose names take a genitive `-s`.
pub(crate) const GENITIVE_S: &str = "genitive s";
/// The `grammar` row of a language that capitalises every noun.
pub(crate) const NOUNS_CAPITALISED: &str = "nouns capitalised";
/// The `grammar` row of a language that writes demonyms in lower case
/// (`italiano`, `français`), so that a capitalised one inside a sentence is
/// a name.
pub(crate) const DEMONYMS_LOWER_CASE: &str = "demonyms lower case";

/// The genitive `-s` of a one-word name (`Russland` → `Russlands`), when
/// the name takes one: not after a sibilant (`Paris`, `Belarus`), and not
/// for exact-case forms (acronyms).
fn genitive_s(f: &tables::Form) -> Option<tables::Form> {
    let t = f.text.trim();
    let last = t.chars().last()?;
    (t.chars().count() >= 3
        && !t.contains([' ', '-', '\'', '.'])
        && t.chars().next().is_some_and(char::is_uppercase)
        && last.is_alphabetic()
        && !matches!(last, 's' | 'ß' | 'x' | 'z' | 'S' | 'X' | 'Z')
        && f.case != tables::CaseRule::Exact)
        .then(|| tables::Form {
            text: format!("{t}s"),
            case: f.case,
            ambiguous: f.ambiguous,
        })
}
