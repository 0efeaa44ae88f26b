//! Event coding: PLOVER events from the sentences of one article.
//!
//! For each sentence: find triggers (data/lang/<code>/triggers.tsv), then
//! assign roles with a small clause grammar — the subject to the left
//! (coordination, fronted phrases cut at the last comma), objects to the
//! right (the first coordinated group; `with`/`between` phrases; places
//! after location prepositions), passive agents, reported speech (the
//! speaker acts for evaluative triggers and stands in for a pronoun or
//! dropped subject), negation, modality and tense, dates and places. Every
//! decision leaves a `why` line. Fusion of repeated reports comes later.

use crate::dates::{DateExpr, find_dates};
use crate::lang::{Cue, LanguagePack, PatTok, Phrase, Trigger, TriggerFlags, Words};
use crate::text::{Sentence, TokenKind, tokens};
use entente_kb::Kb;
use entente_model::{
    ActorId, ActorType, Article, DatePrecision, Event, EventStatus, EventType, Evidence, Location,
    Mention, MentionForm, PartialDate, stable_hash_hex,
};

/// A word, number, punctuation mark or actor mention of a sentence.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub start: usize,
    pub end: usize,
    /// Folded word, or `@actor` for a mention.
    pub word: String,
    pub surface: String,
    /// Indexes into the article's mentions (several for a reference such
    /// as "the two allies").
    pub mentions: Vec<usize>,
    pub capitalised: bool,
    pub punct: bool,
}

impl Unit {
    pub fn is_mention(&self) -> bool {
        !self.mentions.is_empty()
    }
}

/// Build the units of a sentence: tokens, with each actor mention as one unit.
pub(crate) fn units(chars: &[char], s: &Sentence, mentions: &[Mention]) -> Vec<Unit> {
    // mention groups inside the sentence (overlapping mentions form one group)
    let mut groups: Vec<(usize, usize, Vec<usize>)> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.start < s.start || m.end > s.end || m.end <= m.start {
            continue;
        }
        match groups.last_mut() {
            Some(g) if m.start < g.1 => {
                g.1 = g.1.max(m.end);
                g.2.push(i);
            }
            _ => groups.push((m.start, m.end, vec![i])),
        }
    }
    let mut out: Vec<Unit> = Vec::new();
    let push_tokens = |out: &mut Vec<Unit>, from: usize, to: usize| {
        for t in tokens(chars, from, to) {
            // the apostrophe of an elision cut off by a mention (`l'` + `Australia`)
            if t.kind == TokenKind::Punct
                && t.norm == "'"
                && out
                    .last()
                    .is_some_and(|u: &Unit| u.end == t.start && !u.punct)
            {
                continue;
            }
            out.push(Unit {
                start: t.start,
                end: t.end,
                capitalised: t.is_capitalised(),
                punct: t.kind == TokenKind::Punct,
                word: t.norm,
                surface: t.surface,
                mentions: vec![],
            });
        }
    };
    // the words between mentions are tokenised apart, so a compound such as
    // `US-Japan` gives two actors and a hyphen
    let mut pos = s.start;
    for (gs, ge, members) in groups {
        if gs < pos {
            continue;
        }
        push_tokens(&mut out, pos, gs);
        out.push(Unit {
            start: gs,
            end: ge,
            word: "@actor".into(),
            surface: chars[gs..ge].iter().collect(),
            mentions: members,
            capitalised: true,
            punct: false,
        });
        pos = ge;
    }
    push_tokens(&mut out, pos, s.end);
    drop_asides(out, mentions)
}

/// Without a person's short parenthetical aside that names no actor
/// (`Boris Pistorius (SPD) und …`): a party between a name and the rest of
/// its clause is no boundary. (Other asides may name an agreement: `(INF)`.)
fn drop_asides(units: Vec<Unit>, mentions: &[Mention]) -> Vec<Unit> {
    let mut keep = vec![true; units.len()];
    for (i, u) in units.iter().enumerate() {
        let after_person = i > 0
            && units[i - 1]
                .mentions
                .iter()
                .any(|&m| mentions[m].actor.is_person());
        if u.word != "(" || !after_person {
            continue;
        }
        if let Some(close) = (i + 1..units.len().min(i + 5)).find(|&j| units[j].word == ")")
            && close > i + 1
            && units[i + 1..close]
                .iter()
                .all(|u| !u.is_mention() && !u.punct)
        {
            keep[i..=close].iter_mut().for_each(|k| *k = false);
        }
    }
    units
        .into_iter()
        .zip(keep)
        .filter_map(|(u, k)| k.then_some(u))
        .collect()
}

/// The words of a sentence's units as the lexicons see them.
pub(crate) fn unit_words<'a>(units: &'a [Unit], pack: &'a LanguagePack) -> Words<'a> {
    pack.words(units.iter().map(|u| (u.word.as_str(), u.surface.as_str())))
}

/// One participant: a state or IGO, possibly through a person or a body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Participant {
    pub actor: ActorId,
    pub person: Option<ActorId>,
    pub sector: Option<String>,
    pub why: String,
}

/// The participants a mention stands for.
pub(crate) fn participants_of(m: &Mention) -> Vec<Participant> {
    let why = if m.how.is_empty() {
        format!("'{}' → {}", m.surface, m.actor)
    } else {
        m.how.clone()
    };
    match m.actor_type {
        ActorType::State | ActorType::Igo => vec![Participant {
            actor: m.actor.clone(),
            person: None,
            sector: m.sector.clone(),
            why,
        }],
        ActorType::Person => m
            .affiliation
            .iter()
            .filter(|a| a.is_state_or_igo())
            .map(|a| Participant {
                actor: a.clone(),
                person: Some(m.actor.clone()),
                sector: m
                    .sector
                    .clone()
                    .or_else(|| Some("GOV".into()).filter(|_| m.role.is_some())),
                why: why.clone(),
            })
            .collect(),
        ActorType::Org => m
            .affiliation
            .iter()
            .filter(|a| a.is_state_or_igo())
            .map(|a| Participant {
                actor: a.clone(),
                person: None,
                sector: m.sector.clone(),
                why: why.clone(),
            })
            .collect(),
    }
}

fn push_unique(list: &mut Vec<Participant>, p: Participant) {
    if let Some(q) = list.iter_mut().find(|q| q.actor == p.actor) {
        if q.person.is_none() && p.person.is_some() {
            q.person = p.person;
        }
        if q.sector.is_none() {
            q.sector = p.sector;
        }
    } else {
        list.push(p);
    }
}

/// The article-level context the coder carries from sentence to sentence.
#[derive(Debug, Default)]
pub(crate) struct Discourse {
    /// The subject of the last coded event (for dropped subjects), and the
    /// paragraph and sentence it stands in: a subject is carried within its
    /// paragraph or to the next sentence only.
    pub last_subject: Vec<Participant>,
    pub last_subject_paragraph: usize,
    pub last_subject_sentence: usize,
    /// The last date an event was resolved to from the text, or the one
    /// day a sentence that codes no act told, and the sentence and
    /// paragraph it came from (what `the next day` counts from).
    pub last_date: Option<(PartialDate, usize)>,
    pub last_date_paragraph: usize,
    /// The type and actors of the events coded so far, latest last (for a
    /// reaction to "the decision": the latest that is not the reacting
    /// side; to "the strikes": the latest of that type).
    /// (Of a symmetric act, all its sides: `welcomed the agreement`.)
    pub last_actor: Vec<(EventType, Vec<Participant>)>,
    /// The accusations, demands and threats coded so far, latest last: who
    /// made them and at whom (for `rejected the accusations`: those made at
    /// the rejecting side, see [`addressed_to`]).
    pub addressed: Vec<(EventType, Vec<Participant>, Vec<ActorId>)>,
    /// The last pair of states that acted together (for "both countries"),
    /// and the sentence it acted in.
    pub last_pair: Vec<Participant>,
    pub last_pair_sentence: usize,
    /// Every pair told together so far (acting together, or one side on
    /// the other): `both countries` far from the last pair means the
    /// article's main pair, not two observers named once.
    pub pairs: Vec<PairTally>,
    /// Of those pairs, the ones that fought (ASSAULT): the sides a
    /// ceasefire named without them is between.
    pub fights: Vec<PairTally>,
    /// The actors, three or more, of the last act several states did
    /// together (`Saudi Arabia, the UAE, Bahrain and Egypt cut ties`): what
    /// `the four countries` stands for.
    pub last_group: Vec<Participant>,
    /// Events coded so far in the article.
    pub coded: usize,
    /// The date the current sentence gives in words (not a deadline, not
    /// background), for the agreements it mentions.
    pub sentence_date: Option<PartialDate>,
    /// Indexes (in the article's event list) of events dated only by the
    /// publication date, each with whether it stands in the lead (its first
    /// two paragraphs).
    pub defaulted: Vec<(usize, bool)>,
    /// The type of the last agreement named (for "such an agreement").
    pub last_agreement: Option<entente_model::AgreementType>,
    /// The two sides (or more) of the last act coded between states, and
    /// the paragraph it stands in (for `the contract` with no side named).
    pub last_sides: Vec<ActorId>,
    pub last_sides_paragraph: usize,
}

/// The actors a sentence opens with (`Il Giappone ha accordi…`): the
/// topic later sentences may continue without naming it.
pub(crate) fn initial_subject(
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
) -> Vec<Participant> {
    let mut out = Vec::new();
    // past a short fronted phrase (`Tout sourire, Macron et Zelensky …`,
    // `On Monday, …`), which may name where (`Mardi à Singapour, M. Austin
    // avait estimé …`)
    let start = units
        .iter()
        .enumerate()
        .take(7)
        .find(|&(k, u)| {
            u.word == "," || (u.is_mention() && !after_location_prep(units, words, pack, k))
        })
        .filter(|&(_, u)| u.word == ",")
        .map_or(0, |(c, _)| c + 1);
    // (a title in lower case before a person's name: `le président Recep
    // Tayyip Erdogan`, `il ministro degli Esteri Antonio Tajani`)
    let person_ahead = |k: usize| {
        (k + 1..units.len().min(k + 5))
            .take_while(|&j| !units[j].punct)
            .find(|&j| units[j].is_mention())
            .is_some_and(|j| {
                units[j]
                    .mentions
                    .iter()
                    .all(|&m| mentions[m].actor_type == ActorType::Person)
                    // (or a noun with its demonym: `Le dirigeant turc
                    // multiplie les contacts`)
                    || (j == k + 1
                        && units[j]
                            .mentions
                            .iter()
                            .all(|&m| mentions[m].form == MentionForm::Adjective))
            })
    };
    for (k, u) in units.iter().enumerate().skip(start) {
        if u.is_mention() {
            for p in mention_participants(u, mentions) {
                push_unique(&mut out, p);
            }
        } else if !(pack.is_article(&u.word)
            || (out.is_empty() && k < start + 5 && !u.punct && person_ahead(k))
            || pack.cue_at(Cue::And, words, k).is_some()
            || (u.word == "," && !out.is_empty())
            // a title before the first name (`Secretary of State Mike
            // Pompeo`, `Außenminister Heiko Maas`)
            // (or an abbreviated one: `M. Austin`, `Dr. Sánchez`)
            || (out.is_empty()
                && k < start + 4
                && !u.punct
                && (u.capitalised || pack.is_cue(Cue::Of, &u.word)))
            || (out.is_empty()
                && k > start
                && u.word == "."
                && units[k - 1].capitalised
                && units[k - 1].word.chars().count() <= 3))
        {
            break;
        }
    }
    out
}

/// "Both countries", "the two allies": the pair of states that last acted
/// together in the article, when the knowledge base's guess differs.
pub(crate) fn resolve_pairs(
    mentions: &mut Vec<Mention>,
    sentence: &Sentence,
    sentence_index: usize,
    discourse: &Discourse,
) {
    let (pair, pair_how) = discourse.pair(sentence_index);
    if pair.len() != 2 {
        return;
    }
    let mut i = 0;
    while i < mentions.len() {
        let m = &mentions[i];
        if m.form != MentionForm::Reference || m.start < sentence.start || m.end > sentence.end {
            i += 1;
            continue;
        }
        let (s, e) = (m.start, m.end);
        let group: Vec<usize> = (i..mentions.len())
            .take_while(|&j| mentions[j].start == s && mentions[j].end == e)
            .collect();
        // (the knowledge base's pair stands when both its states are named
        // in this sentence before the reference and the pair that acted
        // together did so in an earlier one: `empfing sie in Niamey den
        // russischen Minister; beide Seiten unterzeichneten`)
        let named_here = |a: &ActorId| {
            mentions
                .iter()
                .any(|o| o.start >= sentence.start && o.end <= s && o.actor == *a)
        };
        if group.len() != 2
            || (discourse.last_pair_sentence < sentence_index
                && group.iter().all(|&j| named_here(&mentions[j].actor)))
        {
            i += group.len().max(1);
            continue;
        }
        let template = mentions[i].clone();
        let replacement: Vec<Mention> = pair
            .iter()
            .map(|p| Mention {
                actor: p.actor.clone(),
                actor_type: ActorType::State,
                affiliation: None,
                role: None,
                sector: None,
                how: format!("'{}' → {} ({pair_how})", template.surface, p.actor),
                ..template.clone()
            })
            .collect();
        mentions.splice(i..i + group.len(), replacement);
        i += 2;
    }
}

/// A pair of sides as the article has told it so far.
#[derive(Debug)]
pub(crate) struct PairTally {
    /// The pair's actors, sorted: what identifies it.
    key: Vec<ActorId>,
    sides: Vec<Participant>,
    /// How many acts told it, and the sentence of the last.
    told: usize,
    last: usize,
}

/// The sorted actors of a pair (or of any side).
fn pair_key(pair: &[Participant]) -> Vec<ActorId> {
    let mut key: Vec<ActorId> = pair.iter().map(|p| p.actor.clone()).collect();
    key.sort();
    key
}

/// Count one more act of `pair` in `sentence`.
fn tally_pair(tally: &mut Vec<PairTally>, pair: &[Participant], sentence: usize) {
    let key = pair_key(pair);
    match tally.iter_mut().find(|t| t.key == key) {
        Some(t) => {
            t.told += 1;
            t.last = sentence;
        }
        None => tally.push(PairTally {
            key,
            sides: pair.to_vec(),
            told: 1,
            last: sentence,
        }),
    }
}

impl Discourse {
    /// Note a pair of sides told in `sentence`: acting `together` (the last
    /// pair that did), or in a `fight`.
    fn note_pair(&mut self, pair: Vec<Participant>, sentence: usize, together: bool, fight: bool) {
        tally_pair(&mut self.pairs, &pair, sentence);
        if fight {
            tally_pair(&mut self.fights, &pair, sentence);
        }
        if together {
            self.last_pair = pair;
            self.last_pair_sentence = sentence;
        }
    }

    /// The pair that fought most often, twice at least (the later of
    /// equals): the sides of a ceasefire whose sentence names none.
    pub(crate) fn fighting_pair(&self) -> Option<&Vec<Participant>> {
        self.fights
            .iter()
            .filter(|t| t.sides.len() == 2 && t.told >= 2)
            .max_by_key(|t| (t.told, t.last))
            .map(|t| &t.sides)
    }

    /// The pair `both countries` stands for in `sentence`: the last pair
    /// when it acted in this sentence or the one before, else the pair
    /// told together most often (the later of equals), when it was told
    /// more often than the last one.
    pub(crate) fn pair(&self, sentence: usize) -> (Vec<Participant>, &'static str) {
        const LAST: &str = "the pair that last acted together";
        if self.last_pair.len() != 2 || self.last_pair_sentence + 1 >= sentence {
            return (self.last_pair.clone(), LAST);
        }
        let key = pair_key(&self.last_pair);
        let last = self
            .pairs
            .iter()
            .find(|t| t.key == key)
            .map_or(0, |t| t.told);
        self.pairs
            .iter()
            .filter(|t| t.sides.len() == 2 && t.told > last)
            .max_by_key(|t| (t.told, t.last))
            .map_or_else(
                || (self.last_pair.clone(), LAST),
                |t| {
                    (
                        t.sides.clone(),
                        "the pair the article has told together most often",
                    )
                },
            )
    }
}

/// A trigger found in a sentence, before roles are assigned.
#[derive(Clone)]
struct Found<'a> {
    start: usize,
    end: usize,
    trigger: &'a Trigger,
    absorbed: bool,
    /// A governing verb that is a trigger itself (`approved`) yields to the
    /// event noun it carries out (`approved new sanctions`).
    yielded: bool,
    /// An intent whose complement is a conflict act: THREATEN; the start of
    /// that act's words, among or after which its target stands (`is ready
    /// to impose sanctions on Russia`, `bereit, Sanktionen gegen Russland zu
    /// verhängen`).
    threat: Option<usize>,
    /// Only describes a noun (`Iran-backed`, `…, backed by Iran, …`): see
    /// [`modifier_trigger`].
    modifier: bool,
    /// Where the phrase of occasion opens that names this meeting or visit
    /// (`during his visit to Hanoi`, `en marge du sommet`): an act of its
    /// own beside the clause's, never the complement of its verb.
    occasion: Option<usize>,
    /// Announced by a `must` that tells the future with nobody speaking
    /// (`doit s'entretenir`): planned.
    announced: bool,
}

/// Code the events of one sentence.
#[allow(clippy::too_many_arguments)]
pub(crate) fn code_sentence(
    article: &Article,
    chars: &[char],
    sentence: &Sentence,
    sentence_index: usize,
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
    kb: &Kb,
    discourse: &mut Discourse,
) -> Coded {
    let toks = tokens(chars, sentence.start, sentence.end);
    let tok_words = pack.words(toks.iter().map(|t| (t.norm.as_str(), t.surface.as_str())));
    let dates = find_dates(
        &toks,
        &tok_words,
        pack,
        article.published,
        discourse.last_date.map(|(d, _)| d),
    );
    // map date token spans to unit indexes by character offsets
    let date_units: Vec<(usize, usize, &DateExpr)> = dates
        .iter()
        .filter_map(|d| {
            let cs = toks.get(d.start)?.start;
            let ce = toks.get(d.end.saturating_sub(1))?.end;
            let us = units.iter().position(|u| u.end > cs)?;
            let ue = units.iter().rposition(|u| u.start < ce)? + 1;
            Some((us, ue, d))
        })
        .collect();

    for &(s, e, _) in &date_units {
        words.mark_light(s, e);
    }
    discourse.sentence_date = dates
        .iter()
        .find(|d| !d.deadline && !d.since)
        .map(|d| d.date);

    // 1. triggers, longest first, not overlapping, not inside a date or a mention
    let date_spans: Vec<(usize, usize)> = date_units.iter().map(|&(s, e, _)| (s, e)).collect();
    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < units.len() {
        if units[i].is_mention()
            || units[i].punct
            || date_units.iter().any(|(s, e, _)| i >= *s && i < *e)
        {
            i += 1;
            continue;
        }
        if let Some((end, t)) = choose_trigger(units, words, pack, i, &date_spans) {
            // `face à toute menace`, `against any attack`, `cualquier
            // intento`: a word a free-choice determiner opens (past one
            // adjective) is a noun, and names no act
            if (i.saturating_sub(2)..i).any(|j| {
                pack.cue_at(Cue::AnyDeterminer, words, j) == Some(j + 1)
                    && (j + 1..i).all(|x| !units[x].punct && !units[x].is_mention())
            }) {
                i = end;
                continue;
            }
            found.push(Found {
                start: i,
                end,
                trigger: t,
                absorbed: false,
                yielded: false,
                threat: None,
                modifier: false,
                occasion: (t.flags.noun && (t.event_type == EventType::Consult || t.flags.visit))
                    .then(|| occasion_start(units, pack, words, i))
                    .flatten(),
                announced: false,
            });
            i = end;
        } else {
            i += 1;
        }
    }
    if found.is_empty() {
        note_told_date(&dates, article, sentence, sentence_index, discourse);
        return Coded::default();
    }

    for k in 0..found.len() {
        let prev = (0..k)
            .rev()
            .find(|&p| !found[p].modifier)
            .map(|p| found[p].end);
        let limit = left_boundary(units, words, pack, found[k].start, prev);
        found[k].modifier = modifier_trigger(units, words, pack, &found[k], limit);
    }

    // 2. speech: the speaker of the sentence, if any
    // (a report's source, `selon le Kremlin`, `according to Tass`, names
    // who tells, not whom a pronoun stands for)
    let (speaker, speaker_is_source) = match find_speaker(units, words, mentions, pack) {
        Some((ps, source)) => (Some(ps), source),
        None => (None, false),
    };

    // 3. a trigger inside the complement of an earlier one in the same clause
    //    (not across the comma that closes a relative clause the earlier
    //    one stands in: `Saudi Arabia, which restored relations with Tehran
    //    last year, condemned …` — the later verb is the main clause's)
    let relative_spans = relative_clause_spans(units, words, pack);
    //    (`agreed to hold joint exercises`) is part of it, not an event
    //    (a meeting in a phrase of occasion is never the complement, nor
    //    the head: `signed the treaty during Putin's visit to Pyongyang`;
    //    the act after it may complete the verb before it)
    //    (after a passive verb the meeting names who acted: `was signed
    //    during a summit between Kim and Moon`)
    for k in 1..found.len() {
        if found[k].occasion.is_some()
            && let Some(h) = (0..k).rev().find(|&h| found[h].occasion.is_none())
            && !found[h].trigger.flags.noun
            && (found[h].trigger.flags.passive
                || (found[h].start.saturating_sub(3)..found[h].start).any(|j| {
                    !units[j].is_mention()
                        && pack.cue_at(Cue::PassiveAux, words, j) == Some(found[h].start)
                }))
        {
            found[k].occasion = None;
        }
    }
    for k in 1..found.len() {
        if found[k].occasion.is_some() {
            // (a summit a meeting stands on the sidelines of is its setting:
            // `their talks on the margins of the G20 summit`)
            // (nor is one a meeting is told at: `met on the sidelines of
            // the summit`, `their meeting on the sidelines of the summit`)
            if (found[k - 1].occasion.is_some()
                || (found[k - 1].trigger.event_type == EventType::Consult
                    && !found[k - 1].absorbed))
                && (found[k - 1].end..found[k].start).all(|j| !units[j].punct)
            {
                found[k].absorbed = true;
            }
            continue;
        }
        let Some(hk) = (0..k).rev().find(|&h| found[h].occasion.is_none()) else {
            continue;
        };
        let head = found[hk].clone();
        // (`Iran-backed rebels attacked`: a modifier takes no complement)
        if head.modifier {
            continue;
        }
        if found[hk].absorbed {
            // an absorbed trigger passes its head on
            if let Some(h) = (0..hk)
                .rev()
                .find(|&h| !found[h].absorbed && found[h].occasion.is_none())
            {
                let phrase_ends = found[h].trigger.flags.noun
                    && (found[h].end..found[k].start)
                        .any(|j| units[j].punct && units[j].word != "\"");
                if !phrase_ends
                    && !clause_break(units, words, pack, found[h].end, found[k].start)
                    && coordinated_clause(
                        units,
                        words,
                        mentions,
                        pack,
                        found[hk].end,
                        found[k].start,
                    )
                    .is_none()
                    && (!coordinated(units, words, pack, found[hk].end, found[k].start)
                        || repeats_complementizer(units, words, pack, found[h].end, found[k].start))
                {
                    found[k].absorbed = true;
                }
            }
            continue;
        }
        // `The EU approved new sanctions`, `ha approvato il pacchetto di
        // sanzioni`: a governing verb that is a trigger itself carries out
        // the event noun right after it, which is the event
        // (approving another's act backs its author: `a semblé approuver
        // l'offensive saoudienne`, whose own actor stands beside the noun)
        let noun_has_own_actor = head.trigger.event_type == EventType::Support
            && ((head.end..found[k].start).any(|j| units[j].is_mention())
                || units.get(found[k].end).is_some_and(|u| {
                    u.is_mention()
                        && u.mentions
                            .iter()
                            .all(|&m| mentions[m].form == MentionForm::Adjective)
                }));
        if !head.trigger.flags.noun
            && !noun_has_own_actor
            && !negated(units, words, pack, head.start)
            && governing_verb_before(units, words, pack, head.start, found[k].start)
                == Some(head.start)
        {
            found[hk].absorbed = true;
            found[hk].yielded = true;
            continue;
        }
        // `bombed Asmara with a wave of air strikes`, `ha colpito con una
        // raffica di raid`: a trigger of the verb's own kind in its `with`
        // phrase is the means of the same act (a passive's `by` phrase is
        // not: `were killed by a roadside bomb` names what acted)
        let means = !head.trigger.flags.noun
            && found[k].trigger.event_type == head.trigger.event_type
            && !clause_break(units, words, pack, head.end, found[k].start)
            && (head.end..found[k].start).any(|j| {
                !units[j].is_mention()
                    && pack.is_cue(Cue::With, words[j])
                    && found[k].start - j <= 5
                    && (j..found[k].start).all(|x| !units[x].punct && !units[x].is_mention())
            });
        if means {
            found[k].absorbed = true;
            continue;
        }
        // (`Pyongyang doit s'entretenir vendredi avec Moscou`: with nobody
        // speaking, a `must` that also tells the future announces the act
        // after it, which stands as that act, planned)
        // (not a passive: `doit encore être ratifié` is a step still
        // required, not one announced)
        let announcing_must = head.trigger.flags.eval
            && speaker.as_ref().is_none_or(|s| s.is_empty())
            && pack.cue_at(Cue::Future, words, head.start).is_some()
            && !(head.end..found[k].start).any(|j| {
                !units[j].is_mention() && pack.cue_at(Cue::PassiveAux, words, j).is_some()
            });
        // (an evaluation's phrase ends at a comma: `a jugé la décision «
        // irresponsable », tout en se disant prêt à discuter`; a `must`
        // governs what it demands)
        let eval_ended = head.trigger.flags.eval
            && head.trigger.event_type != EventType::Request
            && (head.end..found[k].start).any(|j| units[j].word == ",");
        let takes_complement = !announcing_must
            && !eval_ended
            && matches!(
            head.trigger.event_type,
            EventType::Agree
                | EventType::Request
                | EventType::Threaten
                | EventType::Reject
                | EventType::Accuse
                | EventType::Support
        ) || head.trigger.flags.noun
            // (a deployment's purpose is part of it: `mobilise trois Rafale
            // pour aider à protéger l'espace aérien polonais`)
            || (head.trigger.event_type == EventType::Mobilize
                && (head.end..found[k].start).any(|j| pack.cue_at(Cue::Purpose, words, j).is_some()));
        let head_intent = head.trigger.flags.intent;
        if announcing_must && !clause_break(units, words, pack, head.end, found[k].start) {
            found[k].announced = true;
        }
        // a noun's phrase ends at punctuation, and another noun starts a new one
        // (in a verb-second language a verb after the noun is the clause's
        // own, `Nach dem Treffen kritisierte Polen …`, unless `zu` makes it
        // the noun's infinitive)
        let phrase_ends = head.trigger.flags.noun
            && (found[k].trigger.flags.noun
                || (head.end..found[k].start).any(|j| units[j].punct && units[j].word != "\"")
                || (pack.verb_second()
                    && found[k].start > 0
                    && !pack.is_cue(Cue::ToPrep, words[found[k].start - 1]))
                || verb_with_own_subject(units, words, mentions, pack, head.end, found[k].start)
                // (a copula makes the noun the subject of what follows: `the
                // sanctions were an example of Washington's arrogant attitude`)
                || (head.end..found[k].start).any(|j| {
                    !units[j].is_mention() && pack.cue_at(Cue::Copula, words, j).is_some()
                })
                || noun_is_subject(units, words, pack, head.start, head.end, found[k].start));
        // (a request's `that` clause is what it asks: `demanded that China
        // lift its ban` is one request, of China)
        let requested_clause = head.trigger.event_type == EventType::Request
            && !head.trigger.flags.noun
            && (head.end..found[k].start)
                .find(|&j| pack.cue_at(Cue::Boundary, words, j).is_some())
                .is_some_and(|j| {
                    complement_clause_at(units, words, pack, head.end, j)
                        && !clause_break(units, words, pack, j + 1, found[k].start)
                });
        if takes_complement
            && !phrase_ends
            && coordinated_clause(units, words, mentions, pack, head.end, found[k].start).is_none()
            && (requested_clause || !clause_break(units, words, pack, head.end, found[k].start))
            && !relative_spans
                .iter()
                .any(|&(a, b)| a <= head.start && head.end <= b && b < found[k].start)
            && (!coordinated(units, words, pack, head.end, found[k].start)
                || coordinates_modifiers(units, words, pack, head.end, found[k].start)
                || repeats_complementizer(units, words, pack, head.end, found[k].start))
        {
            found[k].absorbed = true;
            // `is prepared to impose martial law`: readiness to use force is a threat
            if head_intent
                && found[k].trigger.event_type.quad() == entente_model::Quad::MaterialConflict
            {
                found[hk].threat = Some(found[k].start);
            }
        }
    }

    let mut events = Vec::new();
    // the units of each event's trigger, for the agreements the sentence
    // names, and what the event filter reads of each
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut features: Vec<Vec<String>> = Vec::new();
    let quoted = quoted_units(units);
    let mut prev_subject: Option<Vec<Participant>> = None;
    // of that subject, the partners (`with`, `between`) a symmetric act took
    // and its own side: a directed verb coordinated with it is the own
    // side's, done to the partners
    let mut prev_partners: Vec<Participant> = Vec::new();
    let mut prev_own: Vec<Participant> = Vec::new();
    // the type of the act whose subject `prev_subject` is
    let mut prev_type: Option<EventType> = None;
    // whether that subject stood before its verb in its own clause
    let mut prev_own_subject = false;
    // the end of the last trigger coded as announced in this sentence
    let mut planned_end: Option<usize> = None;
    // the date of the last act the sentence dates explicitly
    let mut clause_dated = None;
    for (k, f) in found.iter().enumerate() {
        if f.absorbed {
            continue;
        }
        let trig = f.trigger;
        let mut why = vec![format!(
            "trigger '{}' → {} (triggers.tsv {}: '{}')",
            span_surface(units, f.start, f.end),
            trig.event_type,
            pack.code,
            trig.text
        )];
        // negation just before the trigger, or where the language puts it
        // after the verb (`traf Pakistan nicht`)
        // (or, in a verb-second language, inside a split verb's gap: `griff
        // die Stadt nicht an`; not a word of the phrase itself)
        // (or inside the gap of any language's phrase whose act is the
        // complement's: `pledged not to support`, `se comprometen a no
        // prestar apoyo`, `sent no troops`; a request, a warning, an
        // accusation, a refusal or an agreement not to act is still one:
        // `asked Honiara not to sign`, `agreed not to attack`)
        let negation_in_gap_negates = pack.verb_second()
            || !matches!(
                trig.event_type,
                EventType::Request
                    | EventType::Accuse
                    | EventType::Reject
                    | EventType::Threaten
                    | EventType::Agree
            );
        if negated(units, words, pack, f.start)
            || (negation_in_gap_negates
                && (f.start + 1..f.end).any(|j| {
                    !units[j].is_mention()
                        && pack
                            .cue_at(Cue::Negation, words, j)
                            .is_some_and(|e| e <= f.end)
                        && !trig.phrase.0.iter().any(|t| {
                            !matches!(t, crate::lang::PatTok::Gap(_)) && t.matches(words, j)
                        })
                }))
            || (f.end..units.len())
                .take_while(|&j| !units[j].punct)
                .any(|j| {
                    !units[j].is_mention() && pack.cue_at(Cue::NegationAfter, words, j).is_some()
                })
        {
            continue;
        }
        // `US-backed`, `Russian-made`, `…, backed by Iran, …`: an adjective,
        // not an act (a verb form after an article, `the occupied West
        // Bank`, is handled below)
        if f.modifier {
            continue;
        }
        // a single word after an article on a verb's line is the verb's
        // noun (`la expulsión`, `il ritiro`, `die Ausweisung`): it takes its
        // participants as a noun does
        // (not an infinitive after an auxiliary phrase: `vient de signer`)
        // (not a conjugated verb after its object pronoun: `Brasil y
        // Colombia la condenaron`)
        // (not an evaluation: `eine Eskalation`, `a provocation` is the
        // speaker's judgement, whatever governs it)
        let after_article = !trig.flags.noun
            && !trig.flags.eval
            && f.end == f.start + 1
            && f.start >= 1
            && pack.is_article(&units[f.start - 1].word)
            && !pack.has_finite_suffix(&units[f.start].surface.to_lowercase())
            && !(f.start.saturating_sub(3)..f.start - 1)
                .any(|j| pack.cue_at(Cue::Auxiliary, words, j) == Some(f.start));
        let as_noun;
        let trig = if after_article {
            let surface = units[f.start].surface.to_lowercase();
            let participle = pack.looks_past_participle(&surface)
                || (pack.participle_suffixes.is_empty() && surface.ends_with("ing"));
            // only with a verb that governs it (`ordered the withdrawal`);
            // alone it names a topic (`the disarmament of Hamas is
            // essential`) or is another word's homograph (`la presse`)
            if participle
                || governing_verb_before(
                    units,
                    words,
                    pack,
                    k.checked_sub(1).map(|p| found[p].end).unwrap_or(0),
                    f.start,
                )
                .is_none()
            {
                continue;
            }
            as_noun = Trigger {
                flags: TriggerFlags {
                    noun: true,
                    ..trig.flags
                },
                ..trig.clone()
            };
            why.push("after an article: the verb's noun".into());
            &as_noun
        } else {
            trig
        };
        // `the Joint Strike Fighter`, `Operation Desert Storm`: a capitalised
        // word inside a run of capitalised words, mid-sentence, is part of a
        // name (not in a language that capitalises every noun)
        // (a trigger of several words all capitalised is inside a name too:
        // `the Enhanced Defense Cooperation Agreement`)
        if !pack.nouns_capitalised() && units[f.start].capitalised {
            let capital_word = |j: usize| {
                units
                    .get(j)
                    .is_some_and(|u| u.capitalised && !u.punct && !u.is_mention())
            };
            let sentence_initial = f.start == 0
                || units[..f.start]
                    .iter()
                    .all(|u| u.punct || pack.is_article(&u.word));
            let in_name = if f.end == f.start + 1 {
                capital_word(f.start + 1) || (f.start > 0 && capital_word(f.start - 1))
            } else {
                (f.start..f.end)
                    .filter(|&j| !units[j].punct)
                    .all(capital_word)
            };
            if !sentence_initial && in_name {
                continue;
            }
        }
        // `28 people have been killed`: a passive auxiliary right before the verb
        let clause_start = left_boundary(units, words, pack, f.start, None);
        let passive = trig.flags.passive
            || (!trig.flags.noun
                && !trig.flags.feeling
                && (f.start.saturating_sub(3)..f.start).any(|j| {
                    !units[j].is_mention()
                        && pack
                            .cue_at(Cue::PassiveAux, words, j)
                            .is_some_and(|e| e == f.start)
                }))
            // (in a verb-final clause the participle closes it, far from its
            // auxiliary: `35 Diplomaten wurden am Montag ausgewiesen`)
            // (or inside a trigger whose gap holds it: `Sanktionen wurden
            // von der EU verhängt`)
            || (pack.verb_second()
                && !trig.flags.noun
                && !trig.flags.feeling
                && units.get(f.end).is_none_or(|u| u.punct)
                && (clause_start..f.end - 1).any(|j| {
                    !units[j].is_mention() && pack.cue_at(Cue::PassiveAux, words, j).is_some()
                }))
            // (or the auxiliary right after the participle, at a verb-final
            // clause's end: `war von Washington aufgekündigt worden`, `…,
            // nachdem der Vertrag von Moskau aufgekündigt wurde`)
            || (pack.verb_second()
                && !trig.flags.noun
                && !trig.flags.feeling
                && f.end < units.len()
                && !units[f.end].is_mention()
                && pack.cue_at(Cue::PassiveAux, words, f.end).is_some()
                && units.get(f.end + 1).is_none_or(|u| u.punct)
                // (its agent named: with none, the clause keeps its subject)
                && (clause_start..f.end).any(|j| {
                    !units[j].is_mention()
                        && pack.is_cue(Cue::By, words[j])
                        && units.get(j + 1).is_some_and(|u| u.is_mention())
                }));
        let mut left_limit = left_boundary(
            units,
            words,
            pack,
            f.start,
            (0..k)
                .rev()
                .find(|&p| !found[p].modifier)
                .map(|p| found[p].end),
        );
        // `la missione ONU schierata nel sud`, `Firmato nel 2016, l'accordo…`:
        // a past participle with no auxiliary in its clause qualifies a noun
        // (or opens an absolute phrase); it reports no act of its own —
        // unless it shares the auxiliary of the verb it is coordinated with
        // (`hanno discusso e firmato`)
        let shares_auxiliary = k > 0 && coordinated(units, words, pack, found[k - 1].end, f.start);
        // right after a noun or an actor: attributive (a participle opening
        // the sentence, `Arrivato a Tokyo, Stoltenberg …`, has the main
        // clause's subject and stays)
        // (not after an article: a participle's form there is a noun, the
        // subject a trigger may open with, `los soldados … abandonaron`)
        let after_noun = f.start > 0 && {
            let p = &units[f.start - 1];
            p.is_mention()
                || (!p.punct
                    && !function_word(pack, words, f.start - 1)
                    && !pack.is_article(words[f.start - 1]))
        };
        if !trig.flags.noun
            && after_noun
            && !shares_auxiliary
            && !pack.participle_suffixes.is_empty()
            && pack.has_participle_suffix(&units[f.start].surface.to_lowercase())
            && !present_of_entry(&units[f.start].surface.to_lowercase(), &trig.text)
            && !(left_limit..f.start).any(|j| {
                !units[j].is_mention()
                    && (pack.cue_at(Cue::Auxiliary, words, j).is_some()
                        || pack.cue_at(Cue::PassiveAux, words, j).is_some())
            })
            // (after a predicative verb, past an adverb or two and quotation
            // marks, the participle is the subject's predicate: `se mostró
            // alarmado`, `si è detto « gravemente allarmato »`)
            && !(f.start.saturating_sub(6)..f.start).any(|x| {
                let quote = |j: usize| quote_mark(&units[j]);
                !units[x].is_mention()
                    && pack.cue_at(Cue::Predicative, words, x).is_some_and(|e| {
                        e <= f.start
                            && (e..f.start).filter(|&j| !quote(j)).count() <= 2
                            && (e..f.start)
                                .all(|j| quote(j) || (!units[j].punct && !units[j].is_mention()))
                    })
            })
        {
            continue;
        }
        // `After the attack on Ukraine, Erdoğan condemned Russia`: a noun's
        // complements end at the next punctuation (see below), so the
        // subject of a later verb starts after it
        if k > 0
            && found[k - 1].trigger.flags.noun
            && let Some(p) = (found[k - 1].end.max(left_limit)..f.start)
                .find(|&j| units[j].punct && !matches!(units[j].word.as_str(), "\"" | "'" | "-"))
        {
            left_limit = p + 1;
        }
        // `if the meeting results in weapons transfers`, `a missile capable of
        // striking`: a condition or a capability, not an act — when the cue
        // opens the trigger's own stretch of the clause (after its last comma
        // or coordinator: `könnte helfen, hat aber abgelehnt` is an act)
        let stretch = (left_limit..f.start)
            .rev()
            .find(|&j| {
                !units[j].is_mention()
                    && (units[j].word == "," || pack.cue_at(Cue::And, words, j) == Some(j + 1))
            })
            .map_or(left_limit.saturating_sub(2), |j| j + 1);
        if (stretch..f.start).any(|j| {
            !units[j].is_mention()
                && pack
                    .cue_at(Cue::Hypothetical, words, j)
                    .is_some_and(|e| e <= f.start)
        }) {
            continue;
        }
        let mut right_limit = right_boundary(
            units,
            words,
            pack,
            f.end,
            trig.event_type == EventType::Request && !trig.flags.noun,
            found[k + 1..].iter().find(|n| !n.absorbed).map(|n| n.start),
        );
        // (and where a clause coordinated under a subject of its own opens:
        // `ha dato il via libera … e gli Stati Uniti hanno promesso`)
        if let Some(n) = found[k + 1..].iter().find(|n| !n.absorbed)
            && let Some(and) = coordinated_clause(units, words, mentions, pack, f.end, n.start)
        {
            right_limit = right_limit.min(and);
        }
        // the act's complements stop where a phrase of occasion opens
        // (`met on the margins of the G20 summit`: the summit is the
        // setting, its organisation no partner)
        if let Some(o) = found[k + 1..]
            .iter()
            .filter(|n| n.start < right_limit)
            .find_map(|n| n.occasion)
        {
            right_limit = o.max(f.end);
        }
        if trig.flags.noun {
            // a noun's complements stop at the next punctuation (not at a
            // comma that goes on with the agents' list: `dal Regno Unito,
            // dalla Francia e dall'Unione europea`)
            let agents_go_on = |j: usize| {
                units[j].word == ","
                    && units
                        .get(j + 1)
                        .is_some_and(|n| !n.is_mention() && pack.is_cue(Cue::By, &n.word))
                    && (f.end..j).any(|x| !units[x].is_mention() && pack.is_cue(Cue::By, words[x]))
            };
            // (nor at the commas of a list of actors closed by `and`:
            // `Treffen der Außenminister Estlands, Lettlands und der
            // Ukraine`)
            let list_goes_on = |j: usize| {
                let mention_at = |mut x: usize| {
                    if units
                        .get(x)
                        .is_some_and(|u| !u.is_mention() && pack.is_article(words[x]))
                    {
                        x += 1;
                    }
                    units
                        .get(x)
                        .is_some_and(|u| u.is_mention())
                        .then_some(x + 1)
                };
                if units[j].word != "," || j == 0 || !units[j - 1].is_mention() {
                    return false;
                }
                let mut x = j;
                while units.get(x).is_some_and(|u| u.word == ",") {
                    match mention_at(x + 1) {
                        Some(n) => x = n,
                        None => return false,
                    }
                }
                units
                    .get(x)
                    .is_some_and(|u| !u.is_mention() && pack.is_cue(Cue::And, words[x]))
                    && mention_at(x + 1).is_some()
            };
            if let Some(p) = (f.end..right_limit).find(|&j| {
                units[j].punct
                    && !matches!(units[j].word.as_str(), "\"" | "'" | "-")
                    && !agents_go_on(j)
                    && !list_goes_on(j)
            }) {
                right_limit = p;
            }
        }

        // subject
        let mut subject_from = "subject";
        let noun = trig.flags.noun;
        let mut governed_noun = false;
        // a verb that carries out what the noun names (`announced the
        // expulsion`), which may be a speech verb closing the clause before
        let prev_end = k
            .checked_sub(1)
            .map(|p| {
                if found[p].yielded {
                    found[p].start
                } else {
                    found[p].end
                }
            })
            .unwrap_or(0);
        let governing = governing_verb_before(units, words, pack, prev_end, f.start);
        // (a yielded verb's subject stands before it, after the trigger
        // before that)
        let subject_floor = match k.checked_sub(1) {
            Some(p) if found[p].yielded => p.checked_sub(1).map(|q| found[q].end).unwrap_or(0),
            _ => prev_end,
        };
        let governing_subject = |j: usize| {
            let from = left_boundary(units, words, pack, j, Some(subject_floor));
            subject_group(units, words, mentions, pack, from, j)
        };
        let mut from_possessor = false;
        // (a meeting or visit in a phrase of occasion: see below)
        let occasion_subject_here = || {
            occasion_subject(
                units,
                words,
                mentions,
                pack,
                &found,
                k,
                prev_subject.as_deref(),
            )
        };
        let mut subject: Vec<Participant> = if trig.flags.eval {
            vec![]
        } else if noun {
            // a noun takes its actor from a possessor or a genitive; only a
            // meeting takes the subject of its clause (`X held talks with Y`)
            match possessor_before(units, mentions, f.start) {
                Some(p) => {
                    from_possessor = true;
                    p
                }
                // `sagte am Rande ihrer Visite in Lissabon`, `his visit to
                // Tokyo`, `During her visit to Lisbon, Baerbock said`: a
                // possessive determiner names the clause's subject, or the
                // actor the discourse is about
                None if possessive_determiner_before(units, words, pack, f.start) => {
                    let s = subject_group(units, words, mentions, pack, left_limit, f.start);
                    let (os, ofrom) = if f.occasion.is_some() {
                        occasion_subject_here()
                    } else {
                        (vec![], "")
                    };
                    if !os.is_empty() {
                        subject_from = ofrom;
                        os
                    } else if !s.is_empty() {
                        subject_from = "subject of the clause, named by the possessive";
                        s
                    } else if let Some(sp) = speaker.clone().filter(|s| !s.is_empty()) {
                        subject_from = "the speaker, named by the possessive";
                        sp
                    } else if let Some(main) = Some(opened_clause_subject(
                        units, words, mentions, pack, &found, k,
                    ))
                    .filter(|s| !s.is_empty())
                    {
                        // (`Nella sua visita a Kiev, Biden ha promesso`: the
                        // phrase opens the clause whose subject it names)
                        subject_from =
                            "the subject of the clause the phrase opens, named by the possessive";
                        main
                    } else if discourse.last_subject_paragraph == sentence.paragraph
                        || discourse.last_subject_sentence + 1 == sentence_index
                    {
                        subject_from = "the actor last named, by the possessive";
                        discourse.last_subject.clone()
                    } else {
                        vec![]
                    }
                }
                // `der Nato-Gipfel`, `das EU-Treffen`: an organisation glued
                // to a meeting noun is the body whose members meet
                // (a meeting in a phrase of occasion has no subject before
                // it: `warned Seoul during a visit to Hanoi`; see below)
                None if trig.event_type == EventType::Consult => {
                    glued_organisation(units, mentions, kb, f.start).unwrap_or_else(|| {
                        if f.occasion.is_some() {
                            vec![]
                        } else {
                            subject_group(units, words, mentions, pack, left_limit, f.start)
                        }
                    })
                }
                // `France announced the expulsion of …`, `ha ordinato il
                // ritiro`: a verb that carries out what the noun names lends
                // the noun its subject
                None if governing.is_some() => {
                    governed_noun = true;
                    subject_from = "subject of the verb that governs the noun";
                    governing_subject(governing.unwrap_or(f.start))
                }
                None => vec![],
            }
        } else if let Some(&(a, _)) = relative_spans.iter().find(|&&(a, b)| {
            // `La Grecia, che ha firmato un accordo con l'Egitto, ha
            // criticato …`: a verb right after a relative clause between
            // commas has the noun before the clause as its subject
            // (the verb may govern an addressee or a phrase before the act
            // it leads to: `Duterte, qui …, avait notifié à Washington sa
            // décision de mettre fin à l'accord`; not a clause of speech or
            // another subject: `X, who …, said Russia attacked`)
            a >= 2
                && b < f.start
                && (b + 1..f.start).all(|j| {
                    !units[j].punct
                        && (!units[j].is_mention()
                            || (j > b + 1
                                && (governing_preposition(units, words, pack, j, b + 1).is_some()
                                    || after_addressee_verb(units, words, pack, j))))
                })
                && ((b + 1..f.start).all(|j| !units[j].is_mention())
                    || (b + 1..f.start).all(|j| {
                        units[j].is_mention()
                            || (pack.cue_at(Cue::Speech, words, j).is_none()
                                && pack.cue_at(Cue::Boundary, words, j).is_none())
                    }))
        }) {
            subject_from = "subject before the relative clause";
            subject_group(units, words, mentions, pack, 0, a - 1)
        } else {
            let s = subject_group(units, words, mentions, pack, left_limit, f.start);
            match governing {
                Some(j) if s.is_empty() && j < left_limit => {
                    subject_from = "subject of the verb that governs the act";
                    governing_subject(j)
                }
                _ => s,
            }
        };
        // (or listed after a comma, with a coordinated verb after it: `a
        // fermé ses frontières avec le Niger, gelé les avoirs … et suspendu`)
        // (not after the verb of speech that closes a quote: `«…», ha
        // dichiarato Pompeo, accusando Mosca di aver sviluppato e schierato`)
        let listed = prev_own_subject
            && f.start > 0
            && units[f.start - 1].word == ","
            && (found[k.saturating_sub(1)].end..f.start)
                .all(|j| units[j].word != "\"" && pack.cue_at(Cue::Speech, words, j).is_none())
            && found
                .get(k + 1)
                .is_some_and(|n| coordinated(units, words, pack, f.end, n.start));
        let mut shared_partners: Vec<Participant> = Vec::new();
        if !trig.flags.eval
            && k > 0
            && (listed || coordinated(units, words, pack, found[k - 1].end, f.start))
            && let Some(ps) = &prev_subject
        {
            subject = ps.clone();
            subject_from = "subject shared with the coordinated verb before";
            // (a symmetric act shares the partners too: `met Putin and
            // signed a pact`; a directed one is done to them; after a
            // relative pronoun the partner named last is the subject:
            // `habló con Putin, quien expresó su preocupación`)
            let relative = !prev_partners.is_empty()
                && (found[k - 1].end..f.start).any(|j| {
                    !units[j].is_mention() && pack.cue_at(Cue::Relative, words, j).is_some()
                });
            if relative {
                subject = prev_partners.clone();
            } else if !trig.event_type.is_symmetric() && !prev_partners.is_empty() {
                subject = prev_own.clone();
                shared_partners = prev_partners.clone();
            }
        }
        // `Unter Vermittlung Katars haben Israel und die Hamas … vereinbart`,
        // `Nach dem Treffen mit Scholz verurteilte Polen …`: in a verb-second
        // language the actors of a fronted prepositional phrase are not the
        // subject; it follows the finite auxiliary, or the verb itself
        let mut fronted_pp = false;
        if !noun && !trig.flags.eval && !passive && pack.verb_second() && subject_from == "subject"
        {
            let clause_start = left_boundary(units, words, pack, f.start, None);
            let stretch: Vec<usize> = (clause_start..f.start)
                .filter(|&j| !units[j].punct)
                .collect();
            if let Some(&first) = stretch.first()
                && !units[first].is_mention()
                && pack.cue_at(Cue::Preposition, words, first) == Some(first + 1)
            {
                match stretch
                    .iter()
                    .copied()
                    .find(|&j| pack.cue_at(Cue::Auxiliary, words, j) == Some(j + 1))
                {
                    Some(a) => {
                        let after = subject_group(units, words, mentions, pack, a + 1, f.start);
                        if !after.is_empty() {
                            subject = after;
                            subject_from = "subject after the auxiliary (verb-second order after a fronted phrase)";
                        }
                    }
                    None => fronted_pp = true,
                }
            }
        }
        // `Am Montag traf Scholz Macron`, `Zudem griff Russland die Ukraine an`:
        // in a verb-second language a fronted phrase puts the subject right
        // after the finite verb (inside a split verb's gap)
        let mut inverted_subject_end = None;
        if (subject.is_empty() || fronted_pp)
            && !noun
            && !trig.flags.eval
            && !passive
            && pack.verb_second()
        {
            // (`Die Verteidigungsministerin kritisierte Russland`: a noun
            // phrase opened by a subject article, with no preposition, is the
            // subject itself, unnamed)
            let stretch: Vec<usize> = (left_limit..f.start).filter(|&j| !units[j].punct).collect();
            let subject_phrase = stretch.first().is_some_and(|&j| {
                pack.cue_at(Cue::SubjectArticle, words, j) == Some(j + 1)
                    && stretch.len() <= 4
                    && stretch[1..]
                        .iter()
                        .all(|&x| !units[x].is_mention() && !function_word(pack, words, x))
                    && (left_limit..f.start).all(|x| units[x].word != ",")
            }) || (stretch.len() == 1
                // a subject pronoun alone before the verb (`Er dankte
                // Deutschland`): the subject, not a fronted phrase
                && !units[stretch[0]].is_mention()
                && pack.cue_at(Cue::Pronoun, words, stretch[0]) == Some(stretch[0] + 1));
            // (a fronted phrase may end with an event noun that a trigger
            // of its own took: `Am Rande des Nato-Gipfels trafen sich …`)
            let fronted = (!stretch.is_empty() && !subject_phrase)
                || (stretch.is_empty()
                    && k > 0
                    && found[k - 1].trigger.flags.noun
                    && found[k - 1].end == f.start);
            // the subject may open with an article or a title (`Bundeskanzler
            // Olaf Scholz`, `der Minister`)
            // (not a mention a preposition governs: `Kampfjets nach Italien
            // verlegt` names where they go, not who moves them)
            // (nor a name after an article of no nominative: `drohte dem
            // Iran`)
            let at = (f.start + 1..f.end)
                .find(|&j| {
                    units[j].is_mention()
                        && governing_preposition(units, words, pack, j, f.start).is_none()
                        && !oblique_name(units, words, pack, j)
                })
                .unwrap_or_else(|| {
                    // (a trigger that ends with its preposition, `versammelten
                    // sich vor`, governs what follows)
                    if pack.cue_at(Cue::Preposition, words, f.end - 1) == Some(f.end) {
                        return f.end;
                    }
                    (f.end..units.len().min(f.end + 3))
                        .take_while(|&j| {
                            units[j].is_mention()
                                || (!units[j].punct
                                    && (units[j].capitalised || pack.is_article(words[j])))
                        })
                        .find(|&j| units[j].is_mention() && !oblique_name(units, words, pack, j))
                        .unwrap_or(f.end)
                });
            if fronted && at < units.len() && units[at].is_mention() {
                let mut ps = mention_participants(&units[at], mentions);
                // and the actors coordinated with it, each after an article
                // or a title (`Premierminister Keir Starmer und Bundeskanzler
                // Olaf Scholz`)
                let mut end = at + 1;
                // (or a possessive: `Pistorius und sein litauischer
                // Amtskollege`)
                while pack.cue_at(Cue::And, words, end) == Some(end + 1) {
                    let next = (end + 1..units.len().min(end + 4)).find(|&j| {
                        units[j].punct
                            || units[j].is_mention()
                            || !(units[j].capitalised
                                || pack.is_article(words[j])
                                || pack.cue_at(Cue::Possessive, words, j).is_some())
                    });
                    match next {
                        Some(j)
                            if units[j].is_mention()
                                && governing_preposition(units, words, pack, j, end).is_none() =>
                        {
                            for p in mention_participants(&units[j], mentions) {
                                push_unique(&mut ps, p);
                            }
                            end = j + 1;
                        }
                        _ => break,
                    }
                }
                if !ps.is_empty() {
                    subject = ps;
                    subject_from =
                        "subject after the verb (verb-second order after a fronted phrase)";
                    inverted_subject_end = Some(end);
                }
            }
        }
        // objects
        // a split verb (`griff die Ukraine an`) holds its object inside the
        // trigger's gap
        // (searched from the word after the verb, so that a preposition in
        // the gap governs it: `firmó con Dinamarca la compra`)
        // (a mention that only modifies the trigger's last word, `imposed UN
        // sanctions`, `UN-Sanktionen`, is no object)
        // (a threat's target follows the act it threatens: `is ready to
        // impose sanctions on Russia`)
        // `les soldats français ont quitté le Niger`: a trigger that opens
        // with its subject's noun holds the demonym a Romance language puts
        // after it; that demonym is the subject, and the objects follow the
        // trigger
        let subject_in_trigger = subject.is_empty()
            && !noun
            && f.end > f.start + 2
            && units[f.start + 1].is_mention()
            && units[f.start + 1].mentions.iter().all(|&m| {
                // (the linker read the trigger's first word as the body the
                // demonym qualifies: `soldats` in `soldats français`, not
                // `send` in `send Russian troops`)
                mentions[m].form == MentionForm::Adjective
                    && mentions[m]
                        .how
                        .contains(&format!("body '{}'", units[f.start].surface))
            });
        if subject_in_trigger {
            subject = mention_participants(&units[f.start + 1], mentions);
            subject_from = "subject: the demonym after the trigger's own noun";
        }
        let objects_from = inverted_subject_end.or(f.threat).unwrap_or_else(|| {
            if subject_in_trigger {
                f.end
            } else if (f.start + 1..f.end).any(|j| {
                units[j].is_mention()
                    && !(modifies_next_word(units, j, f.end)
                        && governing_preposition(units, words, pack, j, f.start).is_none())
            }) {
                f.start + 1
            } else {
                f.end
            }
        });
        let mut objects = object_groups(
            units,
            words,
            mentions,
            pack,
            kb,
            objects_from,
            right_limit,
            trig,
        );
        // `Südkorea hat Nordkorea kritisiert`: in a verb-final clause of a
        // verb-second language the object stands before the verb too
        if pack.verb_second()
            && !noun
            && !trig.flags.eval
            && !passive
            && inverted_subject_end.is_none()
            && let Some(vf) = verb_final_groups(units, words, mentions, pack, left_limit, f.start)
        {
            subject = vf.subject;
            subject_from = "subject: the first actor of a verb-final clause";
            if objects.first.is_empty() {
                objects.first = if vf.object.is_empty() {
                    vf.addressees
                } else {
                    vf.object
                };
            }
            for p in vf.partners {
                push_unique(&mut objects.with, p);
            }
        }
        // `Polen kündigte an, der Ukraine Panzer zu liefern`: in a
        // verb-second language an infinitive with `zu` after a comma has no
        // subject of its own; the actors before it are its objects, and its
        // subject is the main clause's
        if pack.verb_second()
            && !noun
            && !trig.flags.eval
            && !passive
            && inverted_subject_end.is_none()
            // (`zu` before the verb, which may end the trigger: `Panzer zu
            // liefern`, or inside it: `anzugreifen`)
            && ((f.start.saturating_sub(1)..f.end.saturating_sub(1))
                .any(|j| units[j].word.eq_ignore_ascii_case("zu"))
                || pack.morphology.zu_infix(&units[f.end - 1].word))
            && let Some(comma) = (0..f.start).rev().find(|&j| units[j].word == ",")
            && comma + 1 >= left_limit
            && comma > 0
        {
            // (after a fronted phrase the subject follows the finite verb:
            // `Nach dem Treffen mit Scholz kündigte Polen an, …`)
            let fronted = (0..comma).find(|&j| !units[j].punct).is_some_and(|j| {
                !units[j].is_mention() && pack.cue_at(Cue::Preposition, words, j) == Some(j + 1)
            });
            let main = if fronted {
                (0..comma)
                    .rev()
                    .find(|&j| {
                        units[j].is_mention()
                            && governing_preposition(units, words, pack, j, 0).is_none()
                    })
                    .map(|j| mention_participants(&units[j], mentions))
                    .unwrap_or_default()
            } else {
                subject_group(units, words, mentions, pack, 0, comma)
            };
            if !main.is_empty() {
                let own = subject_group(units, words, mentions, pack, comma + 1, f.start);
                if objects.first.is_empty() {
                    objects.first = own
                        .into_iter()
                        .filter(|p| !main.iter().any(|m| m.actor == p.actor))
                        .collect();
                }
                subject = main;
                subject_from = "subject of the main clause (an infinitive with `zu` has none)";
            }
        }
        // `urged both sides to show restraint`, `pidió a ambas partes`: a
        // pair reference as the object
        let (pair, pair_how) = discourse.pair(sentence_index);
        if objects.first.is_empty()
            && !noun
            && pair.len() == 2
            && (objects_from..right_limit.min(objects_from + 3)).any(|j| {
                !units[j].is_mention()
                    && pack.cue_at(Cue::Pair, words, j).is_some()
                    && pack.cue_at(Cue::Possessive, words, j).is_none()
                    && !matches!(words[j], "their" | "leur" | "leurs" | "loro")
            })
        {
            objects.first = pair.clone();
        }
        // `work closely with both allies`: a pair reference as the partner
        if objects.with.is_empty() && pair.len() == 2 {
            let with_pair = (objects_from..right_limit).any(|j| {
                pack.cue_at(Cue::With, words, j).is_some_and(|e| {
                    (e..right_limit.min(e + 2)).any(|x| {
                        !units[x].is_mention() && pack.cue_at(Cue::Pair, words, x).is_some()
                    })
                })
            });
            if with_pair {
                objects.with = pair.clone();
            }
        }
        let mut actor: Vec<Participant> = Vec::new();
        let mut recipient: Vec<Participant> = Vec::new();
        let mut location = objects.location.clone();

        if trig.flags.eval {
            // the speaker evaluates the subject
            // (`…, mentre per la Casa Bianca il lancio è una flagrante
            // violazione`: a preposition of view opening the evaluation's
            // clause names who judges, and what follows it what is judged)
            // (from where the clause opens, whatever act noun stands in it)
            let clause_from = (0..f.start)
                .rev()
                .find(|&j| units[j].punct && matches!(units[j].word.as_str(), "," | ";" | ":"))
                .map_or(0, |j| j + 1);
            let view = (clause_from.min(left_limit)..f.start)
                .filter(|&j| {
                    j == 0
                        || units[j - 1].punct
                        || pack.cue_at(Cue::Boundary, words, j - 1) == Some(j)
                        || pack.cue_at(Cue::And, words, j - 1) == Some(j)
                })
                .find_map(|j| opinion_actor(units, words, mentions, pack, j, f.start));
            let (view, in_view) = view.unzip();
            let Some(sp) = in_view.as_ref().or(speaker.as_ref()) else {
                continue;
            };
            let target = if let Some(m) = view {
                let judged = subject_group(units, words, mentions, pack, m + 1, f.start);
                if judged.is_empty() {
                    // (an act told before: `il lancio è una violazione`)
                    referred_act(units, words, pack, m + 1, f.start, &date_spans, false)
                        .and_then(|(_, t)| most_told(&discourse.last_actor, t.event_type, sp))
                        .cloned()
                        .unwrap_or_default()
                } else {
                    judged
                }
            } else {
                // the evaluated actor may stand outside the quoted words
                let left = subject_group(units, words, mentions, pack, left_limit, f.start);
                let left = if left.is_empty() {
                    subject_group(units, words, mentions, pack, 0, f.start)
                } else {
                    left
                };
                if left.is_empty() {
                    possessor_before(units, mentions, f.start).unwrap_or_default()
                } else {
                    left
                }
            };
            if view.is_some() {
                why.push("a preposition of view opens the clause: who judges".into());
            }
            if target.is_empty() {
                continue;
            }
            for p in sp {
                push_unique(&mut actor, p.clone());
            }
            for p in target {
                push_unique(&mut recipient, p);
            }
            why.push("the speaker evaluates the subject (reported speech) → speaker acts".into());
        } else {
            // `both`, `the allies`, `their meeting`: the pair that last acted together
            let pair_window = if noun {
                f.start.saturating_sub(2).max(left_limit)..f.start
            } else {
                left_limit..f.start
            };
            // after the trigger only a noun's own complement counts (`their meeting`,
            // `the meeting of their ministers`), never a verb's object
            let after = if noun {
                f.end..right_limit.min(f.end + 5)
            } else {
                f.end..f.end
            };
            let pair_cue = pair_window
                .chain(after)
                .any(|j| !units[j].is_mention() && pack.cue_at(Cue::Pair, words, j).is_some());
            if subject.is_empty()
                && pair_cue
                && pair.len() == 2
                && (!noun || objects.genitive.is_empty())
            {
                subject = pair.clone();
                subject_from = pair_how;
            }
            // `los cuatro países acusan a Doha`, `the three leaders`: the
            // group of three or more that last acted together
            if subject.is_empty()
                && !noun
                && discourse.last_group.len() >= 3
                && (left_limit..f.start)
                    .any(|j| !units[j].is_mention() && pack.cue_at(Cue::Group, words, j).is_some())
            {
                subject = discourse.last_group.clone();
                subject_from = "the group that last acted together";
            }
            // `a resolution that aims to impose a blockade`: the subject of a
            // relative clause is the noun before it, not an actor named earlier
            // (`ce lancement, qui viole …`: a comma may stand between them)
            let antecedent = left_limit.checked_sub(2).map(|j| {
                if units[j].word == "," {
                    j.checked_sub(1)
                } else {
                    Some(j)
                }
            });
            let relative_clause = left_limit <= f.start
                && antecedent.flatten().is_some_and(|j| {
                    // (not a date: `said on Monday that it would`)
                    !units[j].is_mention()
                        && !units[j].punct
                        && !date_units.iter().any(|&(s, e, _)| (s..e).contains(&j))
                        && pack.cue_at(Cue::Speech, words, j).is_none()
                        && pack.cue_at(Cue::Function, words, j).is_none()
                })
                && pack.cue_at(Cue::Relative, words, left_limit - 1) == Some(left_limit)
                && (left_limit..f.start).all(|j| !units[j].is_mention());
            // `Pirates attacked …`: the clause names its own subject, one the
            // knowledge base does not know; no actor stands in for it
            let own_subject =
                own_subject_word(units, words, pack, &date_units, left_limit, f.start);
            // (a call or talks `with` someone, named by a noun, are the
            // clause's subject's: `In a phone call with Macron, Scholz said`)
            let meeting_with = noun
                && trig.event_type == EventType::Consult
                && !objects.with.is_empty()
                && objects.genitive.is_empty();
            // `At a meeting in Berlin, Germany and Lithuania agreed …`: a
            // meeting named in the phrase the sentence opens with, with no
            // party of its own, is the meeting of the clause's subject (two
            // actors at least: a meeting has two sides)
            let fronted_meeting = (noun
                && trig.event_type == EventType::Consult
                && objects.with.is_empty()
                && objects.genitive.is_empty()
                && objects.between.is_empty()
                && (0..f.start).all(|j| !units[j].is_mention() && !units[j].punct))
            .then(|| opened_clause_subject(units, words, mentions, pack, &found, k))
            .filter(|s| s.len() >= 2);
            if subject.is_empty()
                && let Some(main) = fronted_meeting
            {
                subject = main;
                subject_from = "the subject of the clause the phrase opens";
            }
            // `Putin warned Seoul during a visit to Hanoi`, `At the end of a
            // state visit to Vietnam, Putin warned …`: a meeting in a phrase
            // of occasion with no party of its own is its clause's subject's
            // (a meeting's only when it names a partner: `during the talks`
            // are others' talks as often as not)
            if subject.is_empty() && f.occasion.is_some() {
                // (nor when a name the knowledge base lacks is its genitive:
                // `una visita de Lund Poulsen a Buenos Aires`)
                let unknown_genitive = units.get(f.end).is_some_and(|u| {
                    !u.is_mention() && pack.cue_at(Cue::Of, words, f.end).is_some()
                }) && units
                    .get(f.end + 1)
                    .is_some_and(|u| u.capitalised && !u.punct);
                let (s, from) = if objects.genitive.is_empty()
                    && !unknown_genitive
                    && (trig.flags.visit || !objects.with.is_empty())
                {
                    occasion_subject_here()
                } else {
                    (vec![], "")
                };
                if s.is_empty() {
                    // (none: the actors before it, as for any meeting noun)
                    subject = subject_group(units, words, mentions, pack, left_limit, f.start);
                } else {
                    subject = s;
                    subject_from = from;
                }
            }
            // `Signé en 2010 à Prague, le traité limite …`: a participle
            // opening the sentence has the main clause's subject; when that
            // is a thing, not an actor, the act is mentioned in passing
            let attributive_opening = !noun
                && f.start == 0
                && pack.looks_past_participle(&units[0].surface.to_lowercase())
                && (f.end..units.len())
                    .find(|&j| units[j].punct)
                    .filter(|&c| units[c].word == ",")
                    .is_some_and(|c| {
                        let mut j = c + 1;
                        while j < units.len() && !units[j].is_mention() && pack.is_article(words[j])
                        {
                            j += 1;
                        }
                        // (`los ministros de Exteriores de Francia`: a
                        // noun whose genitive names an actor acts)
                        let genitive_actor = (j + 1..units.len().min(j + 6))
                            .take_while(|&x| !units[x].punct)
                            .any(|x| units[x].is_mention() && pack.is_cue(Cue::Of, words[x - 1]));
                        // (a name the knowledge base gives no actor, `New
                        // Start`, is no actor either)
                        j < units.len()
                            && mention_participants(&units[j], mentions).is_empty()
                            && !units[j].punct
                            && pack.cue_at(Cue::Pronoun, words, j).is_none()
                            && !function_word(pack, words, j)
                            && !genitive_actor
                    });
            // `i leader del G7, che hanno condannato …`: a relative pronoun
            // after a named actor, with no actor between it and the verb,
            // stands for that actor — after the actor's comma or a genitive
            // (`la dichiarazione del G7 che`); after an object alone `que`
            // is as often a complementizer (`comunicó a Israel que rechaza`)
            // (after a place, an agent or a target the pronoun stands for
            // the noun that phrase hangs on, no actor: `talks in Vilnius,
            // which`, `the strike carried out by Israel, which killed`,
            // `sanctions against Russia, which ban`; nobody else acts)
            let relative_antecedent = antecedent.flatten().filter(|&j| {
                units[j].is_mention()
                    && !noun
                    && !passive
                    && pack.cue_at(Cue::Relative, words, left_limit - 1) == Some(left_limit)
                    && (left_limit..f.start).all(|x| !units[x].is_mention())
            });
            let after_comma = left_limit >= 2 && units[left_limit - 2].word == ",";
            let relative_of_phrase = after_comma
                && relative_antecedent.is_some_and(|j| {
                    matches!(
                        governing_preposition(units, words, pack, j, 0),
                        Some(Cue::LocationPrep | Cue::By | Cue::ToPrep)
                    )
                });
            if subject.is_empty()
                && !relative_of_phrase
                && let Some(j) = relative_antecedent
                && (after_comma || (j >= 1 && pack.cue_at(Cue::Of, words, j - 1) == Some(j)))
            {
                let ps = mention_participants(&units[j], mentions);
                if !ps.is_empty() {
                    subject = ps;
                    subject_from = "the actor a relative pronoun stands for";
                }
            }
            if subject.is_empty()
                && (!noun || governed_noun || meeting_with)
                && !relative_clause
                && !relative_of_phrase
                && !attributive_opening
            {
                // pronoun or dropped subject: the previous verb's subject, the
                // speaker, the sentence's opening subject, or the last subject
                // of the article
                let opening = first_clause_subject(units, words, mentions, pack, &found);
                if let Some(ps) = prev_subject.clone().filter(|p| !p.is_empty()) {
                    subject = ps;
                    subject_from = "subject of the previous verb in the sentence";
                } else if let Some(sp) = speaker.clone().filter(|s| !s.is_empty())
                    // (a pronoun subject is not the report's source: `Depuis
                    // lundi, il s'est entretenu avec …; selon le Kremlin, …`)
                    && !(speaker_is_source
                        && (left_limit..f.start).any(|j| {
                            !units[j].is_mention() && pack.cue_at(Cue::Pronoun, words, j).is_some()
                        }))
                {
                    subject = sp;
                    subject_from = "the speaker (no subject named)";
                } else if !opening.is_empty() && !own_subject {
                    subject = opening;
                    subject_from = "the subject the sentence opens with";
                } else if let Some(main) = meeting_with
                    .then(|| opened_clause_subject(units, words, mentions, pack, &found, k))
                    .filter(|s| !s.is_empty())
                {
                    subject = main;
                    subject_from = "the subject of the clause the phrase opens";
                } else if !discourse.last_subject.is_empty()
                    && !trig.flags.noun
                    && !own_subject
                    && (discourse.last_subject_paragraph == sentence.paragraph
                        || discourse.last_subject_sentence + 1 == sentence_index)
                {
                    subject = discourse.last_subject.clone();
                    subject_from = "the subject carried from the previous sentence";
                }
            }
            if passive {
                // subject receives, by-phrase acts
                // (in a verb-final clause the by-phrase stands before the
                // participle, among the subject's words: `Russland wurde von
                // Frankreich verurteilt`)
                // (and a place phrase there names where, not who: `wurde
                // ins Auswärtige Amt einbestellt`)
                if pack.verb_second() && objects.agent.is_empty() {
                    // (a name coordinated with the one before shares its
                    // preposition: `von Polen und Litauen`)
                    let mut before: Option<(usize, Option<Cue>)> = None;
                    for j in left_limit..f.start {
                        if !units[j].is_mention() {
                            continue;
                        }
                        let governing = governing_preposition(units, words, pack, j, left_limit)
                            .or_else(|| {
                                before
                                    .filter(|&(b, _)| {
                                        (b + 1..j).any(|x| {
                                            units[x].word == ","
                                                || pack.cue_at(Cue::And, words, x).is_some()
                                        }) && (b + 1..j).all(|x| {
                                            units[x].word == ","
                                                || pack.cue_at(Cue::And, words, x).is_some()
                                                || pack.is_article(words[x])
                                        })
                                    })
                                    .and_then(|(_, g)| g)
                            });
                        before = Some((j, governing));
                        match governing {
                            Some(Cue::By) => {
                                for p in mention_participants(&units[j], mentions) {
                                    subject.retain(|q| q.actor != p.actor);
                                    push_unique(&mut objects.agent, p);
                                }
                                subject_from =
                                    "the passive's agent (its `von` phrase before the participle)";
                            }
                            Some(Cue::LocationPrep | Cue::ToPrep) => {
                                for p in mention_participants(&units[j], mentions) {
                                    subject.retain(|q| q.actor != p.actor);
                                    push_unique(&mut objects.place_states, p);
                                }
                            }
                            _ => {}
                        }
                    }
                }
                // (the subject found was the agent's list, `wurde von
                // Frankreich, Deutschland und Italien verurteilt`: the name
                // no preposition governs is the one that undergoes it)
                if pack.verb_second() && subject.is_empty() && !objects.agent.is_empty() {
                    subject = (left_limit..f.start)
                        .find(|&j| {
                            units[j].is_mention()
                                && governing_preposition(units, words, pack, j, left_limit)
                                    .is_none()
                        })
                        .map(|j| mention_participants(&units[j], mentions))
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|p| !objects.agent.iter().any(|a| a.actor == p.actor))
                        .collect();
                }
                recipient = subject.clone();
                actor = objects.agent.clone();
                if actor.is_empty() {
                    actor = objects.first.clone();
                }
                // `two Frenchmen were arrested in Iran`: with no agent, an
                // arrest, detention or seizure is done by the state whose
                // territory it happens in; so is a reception (`was received
                // at the Chancellery in Berlin`: the host)
                // (and so is a diplomatic protest, `was summoned to the
                // Foreign Ministry`: the state whose ministry it is)
                if actor.is_empty()
                    && (matches!(trig.event_type, EventType::Coerce | EventType::Consult)
                        || (trig.event_type == EventType::Accuse
                            && trig.context.iter().any(|c| c == "diplomatic")))
                {
                    actor = objects
                        .place_states
                        .iter()
                        .filter(|p| !recipient.iter().any(|r| r.actor == p.actor))
                        .cloned()
                        .collect();
                    if !actor.is_empty() {
                        subject_from =
                            "the state of the place it happened in (a passive with no agent)";
                    }
                }
            } else {
                actor = subject.clone();
                // (an intent to use a conflict act is a threat, which has a target)
                let symmetric = trig.event_type.is_symmetric()
                    && f.threat.is_none()
                    && !trig.flags.visit
                    && !trig.flags.recipient_object;
                if trig.flags.visit {
                    let host = if !objects.place_states.is_empty() {
                        objects.place_states.clone()
                    } else if !objects.first.is_empty() {
                        objects.first.clone()
                    } else {
                        // `era stato a Mosca in visita di Stato`, `was in
                        // Hanoi on a state visit`: the place named just
                        // before a visit word is where it went
                        (left_limit.max(f.start.saturating_sub(4))..f.start)
                            .rev()
                            .find(|&j| {
                                units[j].is_mention()
                                    && after_location_prep(units, words, pack, j)
                                    && (j + 1..f.start).all(|x| !units[x].punct)
                            })
                            .map(|j| {
                                mention_participants(&units[j], mentions)
                                    .into_iter()
                                    .filter(|p| p.person.is_none())
                                    .collect()
                            })
                            .unwrap_or_default()
                    };
                    recipient = host;
                    if trig.flags.noun && actor.is_empty() {
                        actor = objects.genitive.clone();
                    }
                } else if symmetric {
                    if noun && actor.is_empty() {
                        actor = objects.genitive.clone();
                    }
                    for p in objects.with.iter().chain(objects.between.iter()) {
                        push_unique(&mut actor, p.clone());
                    }
                    // a direct object joins a meeting (`met Macron`); other
                    // symmetric acts take partners only from `with`/`between`
                    // a pledge made to someone (`pledged to Poland`, `s'est
                    // engagé auprès de la Pologne`) has them as its recipient
                    // (as does the object of a trigger that ends in its own
                    // `with`: `will work with Israel and Lebanon`)
                    let own_with = f.end > f.start && pack.is_cue(Cue::With, words[f.end - 1]);
                    if !trig.flags.noun
                        && (trig.event_type == EventType::Consult
                            || trig.flags.planned
                            || own_with
                            || (trig.event_type == EventType::Agree && objects.first_to))
                    {
                        for p in objects.first.iter() {
                            push_unique(&mut recipient, p.clone());
                        }
                    }
                    if trig.flags.noun {
                        for p in objects.genitive.iter() {
                            push_unique(&mut actor, p.clone());
                        }
                    }
                } else {
                    recipient = objects.first.clone();
                    for p in objects.with.iter() {
                        push_unique(&mut recipient, p.clone());
                    }
                    // `concern over the tensions between Thailand and
                    // Cambodia`: criticism of what passes between two sides
                    // is addressed to both
                    // (the actor's own name inside the trigger, `voiced
                    // Malaysia's concern`, is no recipient)
                    if trig.event_type == EventType::Accuse
                        && !objects.between.is_empty()
                        && recipient
                            .iter()
                            .all(|r| actor.iter().any(|a| a.actor == r.actor))
                    {
                        recipient = objects.between.clone();
                    }
                    if trig.flags.noun && actor.is_empty() && !objects.agent.is_empty() {
                        // `the invasion of Ukraine by Russia`, `la rupture par
                        // l'Australie du contrat`: the noun's by-phrase acts,
                        // its genitive undergoes the act
                        actor = objects.agent.clone();
                        subject_from = "the noun's by-phrase";
                        recipient.retain(|r| !actor.iter().any(|a| a.actor == r.actor));
                        if recipient.is_empty() {
                            recipient = objects.genitive.clone();
                        }
                    } else if trig.flags.noun && actor.is_empty() {
                        actor = objects.genitive.clone();
                    } else if from_possessor && recipient.is_empty() {
                        // `Moscow's invasion of Ukraine`: with the possessor
                        // acting, the genitive undergoes the act
                        recipient = objects.genitive.clone();
                    } else if governed_noun && recipient.is_empty() {
                        // `announced the expulsion of Russian diplomats`:
                        // with the actor from the governing verb, the
                        // genitive names who undergoes the act
                        recipient = objects.genitive.clone();
                    }
                    // `clashes between Thailand and Cambodia`, `combates
                    // entre Tailandia y Camboya`: fighting between two sides
                    // is fought by both, neither its target
                    let between_sides = {
                        let mut sides: Vec<&str> =
                            objects.between.iter().map(|p| p.actor.as_str()).collect();
                        sides.sort_unstable();
                        sides.dedup();
                        sides.len()
                    };
                    if trig.event_type == EventType::Assault
                        && between_sides >= 2
                        && actor
                            .iter()
                            .all(|a| objects.between.iter().any(|b| b.actor == a.actor))
                    {
                        actor = objects.between.clone();
                        recipient.clear();
                        subject_from = "the sides of the noun's `between` phrase";
                    }
                    // `condemned the violation of its airspace by Russia`:
                    // a by-phrase inside the object names whose act it was
                    if recipient.is_empty() && !noun {
                        recipient = objects
                            .agent
                            .iter()
                            .map(|p| Participant {
                                why: format!(
                                    "{} (the by-phrase of the object: whose act it was)",
                                    p.why
                                ),
                                ..p.clone()
                            })
                            .collect();
                    }
                }
            }
        }
        // `thousands protested outside the French embassy in Niamey`: a
        // crowd no state is named for is coded with the state it protests
        // in, as PLOVER codes protesters (sector CVL), when it protests
        // against another state (a protest at home about home is domestic)
        if actor.is_empty() && trig.event_type == EventType::Protest && !passive {
            // (`outside the French embassy in Niamey`: the embassy's state
            // is whom the crowd addresses, the other place where it stands)
            let place = objects
                .place_states
                .iter()
                .rev()
                .find(|p| !recipient.iter().any(|r| r.actor == p.actor));
            // (`pour exiger le départ des soldats français`: with no target
            // in the clause, the first other state its demand names)
            if recipient.is_empty()
                && let Some(p) = place
            {
                recipient = (f.end..units.len())
                    .filter(|&j| units[j].is_mention())
                    .flat_map(|j| mention_participants(&units[j], mentions))
                    .find(|r| r.actor != p.actor && r.person.is_none())
                    .map(|r| Participant {
                        why: format!("{} (what the crowd demands names it)", r.why),
                        ..r
                    })
                    .into_iter()
                    .collect();
            }
            if let Some(p) = place.filter(|_| !recipient.is_empty()) {
                actor.push(Participant {
                    actor: p.actor.clone(),
                    person: None,
                    sector: Some("CVL".into()),
                    why: format!("{} (a crowd, coded with the state it protests in)", p.why),
                });
            }
        }
        if actor.is_empty() {
            continue;
        }
        // `Ukraine's allies pledged`, `gli alleati di Kiev hanno promesso`:
        // the state named beside `allies` is whom they back, not who acts;
        // with no other actor the act has no known actor
        // (an organisation's allies are its members: `los aliados de la
        // OTAN respaldaron` is NATO acting)
        let patrons: Vec<&ActorId> = (left_limit..f.start)
            .filter(|&k| units[k].is_mention() && names_whose_allies(units, words, pack, k))
            .flat_map(|k| units[k].mentions.iter().map(|&m| &mentions[m]))
            .filter(|m| m.actor_type != ActorType::Igo)
            .map(|m| &m.actor)
            .collect();
        let backed = |a: &Participant| {
            patrons.contains(&&a.actor) || a.person.as_ref().is_some_and(|p| patrons.contains(&p))
        };
        if !patrons.is_empty() && subject_from == "subject" && actor.iter().all(backed) {
            continue;
        }
        // an organisation's meeting named as the setting of another
        // act, `on the sidelines of the APEC summit`, `at the NATO
        // summit`, is not its members' meeting, nor the subject a later verb
        // shares
        let setting = noun && {
            let mut s = f.start;
            while s > left_limit
                && f.start - s < 3
                && (units[s - 1].is_mention()
                    || pack.is_article(&units[s - 1].word)
                    || (units[s - 1].word == "-" && s >= 2 && units[s - 2].is_mention()))
            {
                s -= 1;
            }
            (s..=f.start)
                .any(|x| right_after_cue(units, words, pack, Cue::LocationPrep, x, left_limit))
        };
        // `manifesté … pour exiger le départ des soldats`, `protested to
        // demand`: the demand a crowd protests for is its protest
        if trig.event_type == EventType::Request
            && subject_from == "subject of the previous verb in the sentence"
            && prev_type == Some(EventType::Protest)
        {
            continue;
        }
        if !setting {
            // (`Kim held talks with Putin and offered his full support`:
            // Kim offered it, to Putin)
            let partner =
                |a: &Participant| trig.event_type.is_symmetric() && objects.partner(&a.actor);
            let (partners, own): (Vec<Participant>, Vec<Participant>) =
                actor.iter().cloned().partition(|a| partner(a));
            prev_subject = Some(actor.clone());
            // (partners with no own side left are no partners)
            prev_partners = if own.is_empty() { Vec::new() } else { partners };
            prev_own = own;
            prev_type = Some(trig.event_type);
            prev_own_subject = subject_from == "subject";
        }
        for p in &actor {
            why.push(format!("actor {}: {} ({subject_from})", p.actor, p.why));
        }
        let had_recipient = !recipient.is_empty();
        recipient.retain(|r| !actor.iter().any(|a| a.actor == r.actor));
        // the object named the actor itself (`recalled its French
        // ambassador in Algiers`): the next group receives
        if had_recipient
            && recipient.is_empty()
            && !passive
            && !trig.event_type.is_symmetric()
            && !trig.flags.visit
        {
            recipient = objects
                .next
                .iter()
                .filter(|r| !actor.iter().any(|a| a.actor == r.actor))
                .map(|p| Participant {
                    why: format!(
                        "{} (the object named the actor; the next phrase receives)",
                        p.why
                    ),
                    ..p.clone()
                })
                .collect();
        }
        // `Manila notified Washington of its decision to end the pact`: the
        // one a verb of informing addressed before the act undergoes it
        if recipient.is_empty() && !actor.is_empty() && !trig.event_type.is_symmetric() {
            recipient = (prev_end..f.start)
                .filter(|&j| units[j].is_mention() && after_addressee_verb(units, words, pack, j))
                .flat_map(|j| mention_participants(&units[j], mentions))
                .filter(|r| !actor.iter().any(|a| a.actor == r.actor))
                .map(|p| Participant {
                    why: format!(
                        "{} (addressed by the verb of informing before the act)",
                        p.why
                    ),
                    ..p
                })
                .collect();
        }
        // `Moscow criticised the decision`, `Madrid rejected the move`,
        // `Rome called the step unjustified`: a reaction whose object refers
        // back to another's act is directed at whoever acted last in the
        // article
        if recipient.is_empty()
            && !trig.event_type.is_symmetric()
            && matches!(
                trig.event_type.quad(),
                entente_model::Quad::VerbalConflict | entente_model::Quad::VerbalCooperation
            )
            && ({
                // (inside a qualifying phrase: `called the move reckless`)
                let from = if trig.event_type == EventType::Accuse {
                    f.start + 1
                } else {
                    f.end
                };
                from..right_limit.min(f.end + 3)
            })
            // (a verb-second language puts a participle or an infinitive at
            // the clause's end, its object before it: `hat den Schritt
            // verurteilt`)
            .chain(if pack.verb_second() {
                f.start.saturating_sub(3).max(left_limit)..f.start
            } else {
                0..0
            })
            .any(|j| {
                !units[j].is_mention()
                    && pack.cue_at(Cue::ActNoun, words, j) == Some(j + 1)
                    && (j + 1..f.start.max(j + 1)).all(|x| !units[x].punct)
            })
            && let Some(acted) = discourse
                .last_actor
                .iter()
                .rev()
                .map(|(_, h)| h)
                .find(|h| !h.iter().any(|p| actor.iter().any(|a| a.actor == p.actor)))
        {
            recipient = noted(acted, "whose act the object refers back to");
        }
        // `Iran condemned the strikes`, `Séoul a dénoncé le lancement`: a
        // reaction whose object is an act noun under a definite article,
        // naming nobody, refers back to the act of that kind the article has
        // told most (see [`most_told`]), by another side than the reacting
        // one (the noun may stand inside the trigger's own words:
        // `verurteilte die Angriffe als Verletzung`)
        if recipient.is_empty()
            && !trig.event_type.is_symmetric()
            && matches!(
                trig.event_type.quad(),
                entente_model::Quad::VerbalConflict | entente_model::Quad::VerbalCooperation
            )
            && let Some((noun_at, told)) = referred_act(
                units,
                words,
                pack,
                f.start + 1,
                right_limit.max(f.end).min(f.end + 5),
                &date_spans,
                trig.event_type == EventType::Reject,
            )
            && let Some(acted) = if matches!(
                told.event_type,
                EventType::Accuse | EventType::Request | EventType::Threaten
            ) {
                Some(addressed_to(&discourse.addressed, told.event_type, &actor))
                    .filter(|by| !by.is_empty())
            } else {
                most_told(&discourse.last_actor, told.event_type, &actor).cloned()
            }
        {
            let noun = span_surface(units, noun_at.0, noun_at.1);
            recipient = noted(&acted, &format!("whose act '{noun}' refers back to"));
        }
        // `Peking wies dies zurück`, `Moscou a démenti toute implication`:
        // a refusal naming nobody answers the latest accusation, demand or
        // threat the article told against the refusing side
        if recipient.is_empty()
            && trig.event_type == EventType::Reject
            && !actor.is_empty()
            && let Some((_, by, _)) = discourse
                .addressed
                .iter()
                .rev()
                .find(|(_, by, at)| addressed_at(by, at, &actor))
        {
            recipient = noted(
                by,
                "who last accused, asked or threatened the refusing side",
            );
        }
        // `Kim held talks with Putin and offered his full support`: a
        // directed act coordinated with a meeting is done to its partners
        if recipient.is_empty() && !shared_partners.is_empty() {
            recipient = noted(
                &shared_partners
                    .iter()
                    .filter(|r| !actor.iter().any(|a| a.actor == r.actor))
                    .cloned()
                    .collect::<Vec<_>>(),
                "the partner of the coordinated act before",
            );
        }
        // `Dem Iran drohte Trump mit Angriffen`, `Den Amerikanern warf Niger
        // Arroganz vor`: in a verb-second language a name fronted after an
        // article of no nominative (`oblique_only`) is the act's object
        if recipient.is_empty() && pack.verb_second() && !trig.event_type.is_symmetric() && !passive
        {
            // (the article opens the clause: `in den USA`, `nach dem
            // Angriff` are a preposition's)
            let start = left_boundary(units, words, pack, f.start, None);
            let opening = (start..f.start).find(|&j| !units[j].punct);
            if let Some(a) = opening
                && a + 1 < f.start
                && units[a + 1].is_mention()
                && pack.cue_at(Cue::ObliqueOnly, words, a) == Some(a + 1)
            {
                let k = a + 1;
                let object: Vec<Participant> = mention_participants(&units[k], mentions)
                    .into_iter()
                    .filter(|r| !actor.iter().any(|a| a.actor == r.actor))
                    .collect();
                recipient = noted(&object, "fronted after an article of no nominative");
            }
        }
        // `Moskau reagierte verärgert`, `spoke of a grave breach of
        // international law`: an accusation that names no one is directed
        // at the side the article tells in conflict acts, when it tells one
        // side only, three times at least (measured: with several such
        // sides, or fewer acts, the guess was wrong as often as right)
        if recipient.is_empty()
            && trig.event_type == EventType::Accuse
            && !actor.is_empty()
            && let Some(side) = sole_conflict_side(&discourse.last_actor, &actor)
        {
            recipient = noted(side, "the one side whose conflict acts the article tells");
        }
        for p in &recipient {
            why.push(format!("recipient {}: {}", p.actor, p.why));
        }

        // type, status
        let mut event_type = trig.event_type;
        // `India banned Chinese apps`, `la junte interdit l'espace aérien
        // aux avions français`: a ban (a `ban_verb` cue opening the
        // trigger, outside a military context) that falls on another state
        // is a sanction, as the gold reads it; a ban at home stays coercion
        // (and blocking a ship is no ban)
        if event_type == EventType::Coerce
            && trig.mode.iter().any(|m| m == "restrict")
            && !trig.context.iter().any(|c| c == "military")
            && pack.cue_at(Cue::BanVerb, words, f.start).is_some()
            && !recipient.is_empty()
            && recipient
                .iter()
                .all(|r| !actor.iter().any(|a| a.actor == r.actor))
        {
            why.push(format!(
                "a ban ('{}', cues.tsv {}: ban_verb) on another state → SANCTION",
                units[f.start].surface, pack.code
            ));
            event_type = EventType::Sanction;
        }
        if f.threat.is_some() {
            why.push(format!(
                "{event_type} to use a conflict act → THREATEN (PLOVER)"
            ));
            event_type = EventType::Threaten;
        }
        let mut status = EventStatus::Reported;
        // `the summit planned for next week`: a noun's own future marker follows it
        let noun_future = noun
            && (f.end..right_limit.min(f.end + 4))
                .any(|j| !units[j].is_mention() && pack.cue_at(Cue::Future, words, j).is_some());
        // `will travel to Moscow to hold talks`: the act a purpose clause
        // opens, right after an announced act, is announced with it
        let purpose_of_planned = !noun
            && f.start > 0
            && planned_end.is_some_and(|e| {
                e < f.start
                    && f.start - e <= 6
                    && (e..f.start).all(|j| !units[j].punct)
                    && pack.cue_at(Cue::Purpose, words, f.start - 1) == Some(f.start)
            });
        if trig.flags.planned
            || f.announced
            || noun_future
            || purpose_of_planned
            || future_marked(units, words, pack, &trig.phrase, left_limit, f.start, f.end)
        {
            status = EventStatus::Planned;
            planned_end = Some(f.end);
            announce(
                &mut event_type,
                &mut why,
                if purpose_of_planned {
                    "status planned: the purpose of an announced act".into()
                } else {
                    "status planned: announced for the future".into()
                },
            );
        }

        // `if violations occur, measures will be taken`, `Russia would face
        // sanctions if it attacked`: a coercive act announced under a
        // condition is a threat
        // (so is a withdrawal or a boycott: `will withdraw its
        // peacekeepers unless a ceasefire is arranged`)
        if matches!(
            event_type,
            EventType::Sanction
                | EventType::Coerce
                | EventType::Assault
                | EventType::Retreat
                | EventType::Protest
        ) && let Some(c) = (0..units.len()).find(|&j| {
            (j < f.start || j >= f.end)
                && !units[j].is_mention()
                && pack.cue_at(Cue::Condition, words, j).is_some()
        }) && (status == EventStatus::Planned || c < f.start)
        {
            why.push(format!(
                "{event_type} under a condition ('{}') → THREATEN (PLOVER)",
                units[c].surface
            ));
            event_type = EventType::Threaten;
            status = EventStatus::Reported;
        }

        // date: the nearest date expression in the clause, else the discourse
        let in_since_clause = since_clause(units, words, pack, left_limit, f.start);
        // (a month or a year inside a relative clause between commas dates
        // that clause's background act only: `Saudi Arabia, which restored
        // ties last year, condemned …`; a day there is often the main act's
        // too: `Zelensky, che lunedì era stato ricevuto…, ha ringraziato`)
        let embedded = |ds: usize, de: usize, d: &DateExpr| {
            embedded_date(
                units,
                words,
                pack,
                (f.start, f.end, trig.flags.noun),
                (ds, de),
                d.date.precision(),
            ) || (d.date.precision() < DatePrecision::Day
                && relative_spans
                    .iter()
                    .any(|&(a, b)| ds >= a && de <= b && !(f.start >= a && f.start < b)))
        };
        let explicit = event_date(
            &date_units,
            f.start,
            left_limit,
            right_limit,
            in_since_clause,
            found[k + 1..]
                .iter()
                .find(|n| !n.absorbed && !n.trigger.flags.noun)
                .map(|n| n.start),
            &embedded,
        );
        let mut from_publication = false;
        let announced = status == EventStatus::Planned;
        // a weekday or a day without its year after an announced act dates
        // the act ahead (`will deploy troops from 1 January`); one before it
        // dates the announcement (`announced in February that it would`,
        // `said on Monday that it will`)
        // (a fronted weekday with no speech verb beside or after it dates
        // the act too: `mardi, le président rencontrera …`)
        let forward = |d: &DateExpr| {
            date_units.iter().any(|&(us, _, x)| {
                std::ptr::eq(x, d)
                    && (us >= f.end
                        || (d.weekday.is_some()
                            && !(us.saturating_sub(3)..f.start).any(|j| {
                                !units[j].is_mention()
                                    && pack.cue_at(Cue::Speech, words, j).is_some()
                            })))
            })
        };
        // (a meeting named as the occasion of an act told before it is
        // when that act was: `signed on Friday an order …, on the occasion
        // of Macron's visit`)
        let occasion_date = f.occasion.and_then(|_| clause_dated.clone());
        let (date, date_why, since) = if let Some((d, w, s)) = occasion_date {
            (d, format!("{w} (the act whose occasion it was)"), s)
        } else {
            explicit
                .map(|d| {
                    match d
                        .forward(article.published)
                        .filter(|_| announced && forward(d))
                    {
                        Some((fwd, why)) => (Some(fwd), why, d.since),
                        None => (Some(d.date), d.why.clone(), d.since),
                    }
                })
                .unwrap_or_else(|| {
                    // (`had urged`, `the recent visit`: before the news reported)
                    let anterior = (left_limit..f.end).any(|j| {
                        !units[j].is_mention() && pack.cue_at(Cue::Anterior, words, j).is_some()
                    });
                    let (d, w, p) = default_date(
                        article.published,
                        discourse,
                        sentence_index,
                        sentence.paragraph,
                        !date_units.is_empty(),
                        anterior,
                    );
                    from_publication = p;
                    (d, w, false)
                })
        };
        if explicit.is_some() && f.occasion.is_none() {
            clause_dated = Some((date, date_why.clone(), since));
        }
        why.push(format!("date: {date_why}"));
        // `Japan and India hold talks next Tuesday`: an act dated to a day
        // after publication is announced
        if status == EventStatus::Reported
            && !setting
            && let (Some(d), Some(p)) = (date, article.published)
            && d.day.is_some()
            && p.day.is_some()
            && d > p
        {
            status = EventStatus::Planned;
            planned_end = Some(f.end);
            announce(
                &mut event_type,
                &mut why,
                format!("status planned: {d} is after publication"),
            );
        }
        if since || in_since_clause {
            status = EventStatus::Historical;
            why.push("status historical: background introduced by 'since'".into());
        } else if let (Some(d), Some(p)) = (date, article.published)
            && status == EventStatus::Reported
            && (p.year as i32 - d.year as i32) >= 2
        {
            status = EventStatus::Historical;
            why.push(format!("status historical: {d} is long before publication"));
        }
        // (an announced act's date, or any date after publication, is not
        // when later acts happened)
        if !matches!(status, EventStatus::Historical | EventStatus::Planned)
            && let Some(d) = date.filter(|d| {
                d.precision() >= DatePrecision::Month
                    && explicit.is_some()
                    && article.published.is_none_or(|p| *d <= p)
            })
        {
            discourse.last_date = Some((d, sentence_index));
            discourse.last_date_paragraph = sentence.paragraph;
        }
        if trig.flags.visit && location.is_none() {
            location = objects.place_states.first().map(|p| Location {
                country: Some(p.actor.clone()),
                place: None,
            });
        }
        if let Some(l) = &location {
            why.push(format!(
                "location: {}{}",
                l.country.as_ref().map(|c| c.as_str()).unwrap_or("?"),
                l.place
                    .as_ref()
                    .map(|p| format!(" ({p})"))
                    .unwrap_or_default()
            ));
        }
        // `withdraws troops from Germany`, `detained in Algeria`, `stations
        // missiles in Germany`: a directed material act with no one named to
        // undergo it is directed at the state where it happens; so is an
        // attack whose own phrase ends in the place word (`fired missiles
        // at Israel`) — not one merely told near a border or a newsroom
        let aimed_at_place = event_type == EventType::Assault
            && (objects.place_is_object
                || (f.end > f.start
                    && pack
                        .cue_at(Cue::LocationPrep, words, f.end - 1)
                        .is_some_and(|e| e == f.end)));
        if recipient.is_empty()
            && (aimed_at_place
                || matches!(
                    event_type,
                    EventType::Sanction
                        | EventType::Retreat
                        | EventType::Mobilize
                        | EventType::Coerce
                ))
            && let Some(c) = location.as_ref().and_then(|l| l.country.clone())
            && !actor.iter().any(|a| a.actor == c)
        {
            why.push(format!("recipient {c}: where the act takes place"));
            recipient.push(Participant {
                actor: c,
                person: None,
                sector: None,
                why: "where the act takes place".into(),
            });
        }
        if !setting {
            discourse.last_subject = actor.clone();
            if !actor.is_empty() {
                let mut sides = actor.clone();
                if event_type.is_symmetric() {
                    sides.extend(recipient.iter().cloned());
                }
                discourse.last_actor.push((event_type, sides));
                if matches!(
                    event_type,
                    EventType::Accuse | EventType::Request | EventType::Threaten
                ) {
                    discourse.addressed.push((
                        event_type,
                        actor.clone(),
                        recipient.iter().map(|r| r.actor.clone()).collect(),
                    ));
                }
            }
            discourse.last_subject_paragraph = sentence.paragraph;
            discourse.last_subject_sentence = sentence_index;
        }
        // a withdrawal, a release or an easing that nobody named undergoes
        // and that happens nowhere named (`withdrew from the race`, `will
        // withdraw on the north bank`) is no act between states (measured:
        // on the team's sets such reports were right about one time in ten;
        // the same rule for arrests lost PLOVER's domestic repression,
        // `police prevented a demonstration`, and was not taken)
        // (troops leaving are a withdrawal even where the text names no
        // place we know: `les soldats français quitteront les bases de Gao`,
        // `withdrew its last troops in December`)
        if recipient.is_empty()
            && event_type == EventType::Retreat
            && !actor.iter().any(|a| a.sector.as_deref() == Some("MIL"))
            && !(f.start..(f.end + 4).min(right_limit.max(f.end)).min(units.len()))
                .any(|j| !units[j].is_mention() && pack.cue_at(Cue::Troops, words, j).is_some())
        {
            continue;
        }
        let defaulted = from_publication;
        // two states acting together (`Japan and the Philippines signed`)
        if event_type.is_symmetric() && actor.len() + recipient.len() == 2 {
            discourse.note_pair(
                actor.iter().chain(recipient.iter()).cloned().collect(),
                sentence_index,
                true,
                false,
            );
        } else if actor.len() == 2 {
            discourse.note_pair(
                actor.clone(),
                sentence_index,
                true,
                event_type == EventType::Assault,
            );
        } else if actor.len() == 1 && recipient.len() == 1 && actor[0].actor != recipient[0].actor {
            // (an act of one side on the other tells the pair too, without
            // making it the last that acted together)
            discourse.note_pair(
                actor.iter().chain(recipient.iter()).cloned().collect(),
                sentence_index,
                false,
                event_type == EventType::Assault,
            );
        }
        if actor.len() >= 3 && status != EventStatus::Historical {
            discourse.last_group = actor.clone();
        }

        // one event per object for meetings with several separate parties
        // (as the trigger's `each` says, or a word beside it: `in separate
        // calls with Hun Manet and Phumtham`, `colloqui separati con`)
        // (or right before the `with` phrase past the verb: `telefonierte
        // am Sonntag getrennt mit Bairamow und Mnazakanjan`)
        let separate = (f.start.saturating_sub(2)..(f.end + 1).min(units.len()))
            .any(|j| !units[j].is_mention() && pack.cue_at(Cue::Separate, words, j).is_some())
            || (f.end..right_limit.min(units.len())).any(|j| {
                !units[j].is_mention()
                    && pack.cue_at(Cue::Separate, words, j).is_some_and(|e| {
                        e < units.len() && pack.cue_at(Cue::With, words, e).is_some()
                    })
            });
        let each = trig.flags.each || separate;
        // (each listed party not already among the actors)
        let first_split: Vec<(Vec<Participant>, Vec<Participant>)> = if each
            && event_type == EventType::Consult
            && objects.first.len() > 1
            && objects.first_is_list
        {
            // (a listed `with` party is among the actors already: when
            // each is a person named, `s'est entretenu avec Mark Rutte et
            // Keir Starmer`, each meeting has the actors who are no listed
            // party, and its own; a group named by its states, `ha visto
            // i capi di governo di Spagna, Grecia e Cipro`, met as one)
            let persons_listed = objects.first.iter().all(|o| o.person.is_some());
            let base: Vec<Participant> = actor
                .iter()
                .filter(|a| {
                    !persons_listed
                        || !objects.with.iter().any(|w| w.actor == a.actor)
                        || !objects.first.iter().any(|o| o.actor == a.actor)
                })
                .cloned()
                .collect();
            objects
                .first
                .iter()
                .filter(|o| !base.iter().any(|a| a.actor == o.actor))
                .map(|o| {
                    let mut a = base.clone();
                    push_unique(&mut a, o.clone());
                    (a, vec![])
                })
                .collect()
        } else {
            vec![]
        };
        // `China signed a security pact with the Solomon Islands`, `firmó
        // con Nicaragua un acuerdo`: the parties a signing is done with
        // sign it too
        if trig.flags.together && !actor.is_empty() {
            let (joined, rest): (Vec<Participant>, Vec<Participant>) = recipient
                .iter()
                .cloned()
                .partition(|r| objects.partner(&r.actor));
            for p in joined {
                let told = format!("recipient {}:", p.actor);
                for w in why.iter_mut().filter(|w| w.starts_with(&told)) {
                    *w = format!(
                        "actor{} (a `with` partner of a joint act acts beside the subject)",
                        &w["recipient".len()..]
                    );
                }
                push_unique(&mut actor, p);
            }
            recipient = rest;
        }
        let splits: Vec<(Vec<Participant>, Vec<Participant>)> = if !first_split.is_empty() {
            first_split
        } else if separate
            && event_type == EventType::Consult
            && objects.with_groups.len() == 1
            && objects.with.len() > 1
        {
            // (the parties listed in one `with` phrase: `colloqui separati
            // con la Lituania e la Svezia`)
            let base: Vec<Participant> = actor
                .iter()
                .filter(|a| !objects.with.iter().any(|p| p.actor == a.actor))
                .cloned()
                .collect();
            objects
                .with
                .iter()
                .map(|o| {
                    let mut a = base.clone();
                    push_unique(&mut a, o.clone());
                    (a, vec![])
                })
                .collect()
        } else if event_type == EventType::Consult
            && objects.with_groups.len() + usize::from(each && !objects.first.is_empty()) > 1
        {
            // `habló con Putin y con Macron`: a `with` phrase each, a call
            // each (`spoke with Lukashenko and later with Erdogan`: the first
            // `with` is the trigger's own, its object the first partner)
            let base: Vec<Participant> = actor
                .iter()
                .filter(|a| {
                    let partner = |g: &[Participant]| g.iter().any(|w| w.actor == a.actor);
                    !(partner(&objects.with) || (each && partner(&objects.first)))
                })
                .cloned()
                .collect();
            let first_group = (each && !objects.first.is_empty()).then(|| objects.first.clone());
            first_group
                .iter()
                .chain(objects.with_groups.iter())
                .map(|g| {
                    let mut a = base.clone();
                    for p in g {
                        push_unique(&mut a, p.clone());
                    }
                    (a, vec![])
                })
                .filter(|(a, _)| a.len() > base.len())
                .collect()
        } else if !event_type.is_symmetric()
            && recipient.is_empty()
            && actor.len() >= 2
            // (right beside the verb or inside its gap: `s'accusent
            // mutuellement`, `warfen sich gegenseitig … vor`)
            && (f.start.saturating_sub(2).max(left_limit)..(f.end + 3).min(right_limit))
                .any(|j| {
                    !units[j].is_mention()
                        && pack.cue_at(Cue::Reciprocal, words, j).is_some()
                        && (f.end.min(j)..j).all(|x| !units[x].punct)
                })
        {
            // `Canada and India expelled each other's diplomats`: each acted
            // towards the others
            why.push("reciprocal: one act of each actor towards the others".into());
            actor
                .iter()
                .map(|a| {
                    (
                        vec![a.clone()],
                        actor
                            .iter()
                            .filter(|b| b.actor != a.actor)
                            .cloned()
                            .collect(),
                    )
                })
                .collect()
        } else if event_type.is_symmetric() && !trig.flags.visit && !trig.flags.recipient_object {
            let mut a = actor.clone();
            for r in &recipient {
                push_unique(&mut a, r.clone());
            }
            vec![(a, vec![])]
        } else if event_type == EventType::Consult
            && trig.flags.recipient_object
            && !actor.is_empty()
            && !recipient.is_empty()
        {
            // `Scholz received Modi`, `Modi fue recibido por Sánchez`: the
            // visitor acts and the host receives (SPEC 3), whichever of the
            // two the verb's grammar makes its subject
            why.push("a host's verb: the guest is the actor, the host the recipient".into());
            vec![(recipient.clone(), actor.clone())]
        } else {
            vec![(actor.clone(), recipient.clone())]
        };
        if splits.len() > 1 && event_type == EventType::Consult {
            why.push(format!(
                "{} separate meetings: one event per party met",
                splits.len()
            ));
        }
        for (n, (a, r)) in splits.into_iter().enumerate() {
            // a meeting needs two sides, unless the one side named is an
            // organisation whose members meet, as the subject of a plain
            // meeting verb or noun (`NATO ambassadors met`, `the NATO
            // summit`, `il vertice della Nato`, `NATO leaders opened their
            // summit`; not a visit or a mediation, and a call only when the
            // organisation itself is named, not one official: `G7 leaders
            // held a videoconference`, not `Rutte phoned`)
            let members_meet = a.len() == 1
                && r.is_empty()
                && !setting
                && (trig.mode.is_empty()
                    || trig.mode == ["multilateral"]
                    || (trig.mode == ["phone"] && a[0].person.is_none()))
                && matches!(
                    subject_from,
                    "subject" | "subject of the clause, named by the possessive"
                )
                && kb.actor_type(&a[0].actor) == ActorType::Igo;
            if event_type == EventType::Consult && a.len() + r.len() < 2 && !members_meet {
                continue;
            }
            let mode = if trig.flags.visit || trig.flags.recipient_object {
                trig.mode.clone()
            } else if event_type == EventType::Consult
                && (a.len() > 2 || members_meet)
                && trig.mode.is_empty()
            {
                vec!["multilateral".into()]
            } else if event_type == EventType::Consult
                && trig.mode.is_empty()
                && location
                    .as_ref()
                    .and_then(|l| l.country.as_ref())
                    .is_some_and(|c| !a.iter().any(|p| &p.actor == c))
            {
                vec!["third-party".into()]
            } else if event_type == trig.event_type {
                trig.mode.clone()
            } else {
                vec![]
            };
            let confidence: f64 = 0.5
                + if subject_from == "subject" { 0.15 } else { 0.0 }
                + if date.is_some() { 0.1 } else { 0.0 }
                + if !r.is_empty() || a.len() > 1 {
                    0.1
                } else {
                    0.0
                };
            let id = format!(
                "ev-{}",
                stable_hash_hex(&[
                    &article.id,
                    &sentence.start.to_string(),
                    &f.start.to_string(),
                    &n.to_string()
                ])
            );
            let sides: Vec<ActorId> = a.iter().chain(r.iter()).map(|p| p.actor.clone()).collect();
            if sides.len() >= 2 && status != EventStatus::Historical {
                discourse.last_sides = sides;
                discourse.last_sides_paragraph = sentence.paragraph;
            }
            events.push(Event {
                id,
                event_type,
                mode,
                context: trig.context.clone(),
                actor_persons: a.iter().filter_map(|p| p.person.clone()).collect(),
                recipient_persons: r.iter().filter_map(|p| p.person.clone()).collect(),
                actor_sectors: a.iter().filter_map(|p| p.sector.clone()).collect(),
                recipient_sectors: r.iter().filter_map(|p| p.sector.clone()).collect(),
                actor: a.iter().map(|p| p.actor.clone()).collect(),
                recipient: r.iter().map(|p| p.actor.clone()).collect(),
                date,
                date_precision: date
                    .map(|d| d.precision())
                    .unwrap_or(DatePrecision::Unknown),
                location: location.clone(),
                status,
                confidence: (confidence.min(0.95) * 100.0).round() / 100.0,
                // a split event explains its own participants only
                why: why
                    .iter()
                    .filter(|w| {
                        let code = w
                            .strip_prefix("actor ")
                            .or_else(|| w.strip_prefix("recipient "))
                            .and_then(|rest| rest.split(':').next());
                        code.is_none_or(|c| a.iter().chain(r.iter()).any(|p| p.actor.as_str() == c))
                    })
                    .cloned()
                    .collect(),
                evidence: vec![Evidence {
                    document: article.id.clone(),
                    text: sentence.text.clone(),
                    start: sentence.start,
                    end: sentence.end,
                }],
                trigger: Some(span_surface(units, f.start, f.end)),
            });
            spans.push((f.start, f.end));
            features.push(event_features(&EventContext {
                event: events.last().expect("an event was just pushed"),
                trigger: trig,
                subject_from,
                explicit_date: explicit.is_some(),
                quoted: quoted.get(f.start).copied().unwrap_or(false),
                speaker: speaker.is_some(),
                paragraph: sentence.paragraph,
                sentence_words: units.len(),
                passive,
            }));
            if defaulted {
                discourse
                    .defaulted
                    .push((events.len() - 1 + discourse.coded, sentence.paragraph <= 1));
            }
        }
    }
    if events.is_empty() {
        note_told_date(&dates, article, sentence, sentence_index, discourse);
    }
    discourse.coded += events.len();
    Coded {
        events,
        spans,
        features,
    }
}

/// A sentence that codes no act still dates what it tells (`On July 23, a
/// landmine wounded five soldiers. The next day, …`): its one day, on or
/// before publication, anchors the relative dates after it, and dates the
/// undated acts told next as an event's date would.
fn note_told_date(
    dates: &[DateExpr],
    article: &Article,
    sentence: &Sentence,
    sentence_index: usize,
    discourse: &mut Discourse,
) {
    // (one day, however often written: `el jueves 24 de julio`)
    let mut days: Vec<PartialDate> = dates
        .iter()
        .filter(|d| !d.since && !d.deadline && d.date.precision() == DatePrecision::Day)
        .map(|d| d.date)
        .collect();
    days.dedup();
    if let [d] = days[..]
        && article.published.is_none_or(|p| d <= p)
    {
        discourse.last_date = Some((d, sentence_index));
        discourse.last_date_paragraph = sentence.paragraph;
    }
}

/// The events of one sentence, the units of each one's trigger, and the
/// features the event filter reads of each (`crate::filter`).
#[derive(Debug, Default)]
pub(crate) struct Coded {
    pub events: Vec<Event>,
    pub spans: Vec<(usize, usize)>,
    pub features: Vec<Vec<String>>,
}

/// What the event filter is told of one coded event.
struct EventContext<'a> {
    event: &'a Event,
    trigger: &'a Trigger,
    subject_from: &'a str,
    explicit_date: bool,
    quoted: bool,
    speaker: bool,
    paragraph: usize,
    sentence_words: usize,
    passive: bool,
}

/// The features of a coded event for the learned filter: its type, the
/// lexicon entry that coded it, how its actor was found, its roles, status,
/// date and place in the article. Names only, no weights (those are data).
fn event_features(c: &EventContext) -> Vec<String> {
    let e = c.event;
    let size = |n: usize| match n {
        0 => "0",
        1 => "1",
        2 => "2",
        _ => "3+",
    };
    let ty = e.event_type.as_str();
    let subj = c.subject_from;
    let mut f = vec![
        format!("type={ty}"),
        format!("entry={}", c.trigger.text),
        format!("subject={subj}"),
        format!("type+subject={ty}|{subj}"),
        format!("actors={}", size(e.actor.len())),
        format!("recipients={}", size(e.recipient.len())),
        format!("type+recipients={ty}|{}", size(e.recipient.len())),
        format!("status={}", e.status.as_str()),
        format!("type+status={ty}|{}", e.status.as_str()),
        format!(
            "date={}",
            if c.explicit_date {
                "explicit"
            } else if e.date.is_some() {
                "inferred"
            } else {
                "none"
            }
        ),
        format!(
            "paragraph={}",
            match c.paragraph {
                0 => "0",
                1..=2 => "1-2",
                _ => "3+",
            }
        ),
        format!(
            "length={}",
            match c.sentence_words {
                0..=12 => "short",
                13..=35 => "medium",
                _ => "long",
            }
        ),
    ];
    for (on, name) in [
        (c.trigger.flags.noun, "noun"),
        (c.quoted, "quoted"),
        (c.speaker, "speech"),
        (c.passive, "passive"),
        (!e.actor_persons.is_empty(), "person"),
        (!e.actor_sectors.is_empty(), "sector"),
        (e.location.is_some(), "place"),
    ] {
        if on {
            f.push(name.to_string());
            f.push(format!("type+{name}={ty}"));
        }
    }
    f
}

/// For each unit, whether it stands inside quotation marks.
fn quoted_units(units: &[Unit]) -> Vec<bool> {
    let mut inside = false;
    units
        .iter()
        .map(|u| {
            if u.word == "\"" {
                inside = !inside;
            }
            inside
        })
        .collect()
}

/// Participants taken from an act told before, each with why it was taken.
fn noted(acted: &[Participant], note: &str) -> Vec<Participant> {
    acted
        .iter()
        .map(|p| Participant {
            why: format!("{} ({note})", p.why),
            ..p.clone()
        })
        .collect()
}

/// The sides of the act of a kind the article has told most often so far
/// (the latest of those told equally often), of which the reacting side is
/// none: what `the strikes` a reaction names refers back to — the story's
/// own act more than one told in passing.
fn most_told<'d>(
    told: &'d [(EventType, Vec<Participant>)],
    kind: EventType,
    reacting: &[Participant],
) -> Option<&'d Vec<Participant>> {
    let candidates: Vec<(Vec<&str>, &Vec<Participant>)> = told
        .iter()
        .filter(|(t, h)| {
            *t == kind
                && !h
                    .iter()
                    .any(|p| reacting.iter().any(|a| a.actor == p.actor))
        })
        .map(|(_, h)| {
            let mut key: Vec<&str> = h.iter().map(|p| p.actor.as_str()).collect();
            key.sort_unstable();
            key.dedup();
            (key, h)
        })
        .collect();
    candidates
        .iter()
        .enumerate()
        .max_by_key(|&(i, (key, _))| (candidates.iter().filter(|(k, _)| k == key).count(), i))
        .map(|(_, (_, h))| *h)
}

/// The one side (other than `accuser`) the article has told in acts of
/// material conflict (ASSAULT, COERCE, MOBILIZE, SANCTION), when it told
/// that side in three such acts at least and no other side in any.
fn sole_conflict_side<'d>(
    told: &'d [(EventType, Vec<Participant>)],
    accuser: &[Participant],
) -> Option<&'d Vec<Participant>> {
    let conflict = |t: &EventType| {
        matches!(
            t,
            EventType::Assault | EventType::Coerce | EventType::Mobilize | EventType::Sanction
        )
    };
    let mut acts = told.iter().filter(|(t, h)| {
        conflict(t) && !h.iter().any(|p| accuser.iter().any(|a| a.actor == p.actor))
    });
    let (_, first) = acts.next()?;
    let side = pair_key(first);
    let mut n = 1;
    for (_, h) in acts {
        if pair_key(h) != side {
            return None;
        }
        n += 1;
    }
    (n >= 3).then_some(first)
}

/// True when words made `by` one side `at` others were addressed to one of
/// the refusing sides by another side.
fn addressed_at(by: &[Participant], at: &[ActorId], refusing: &[Participant]) -> bool {
    let refuses = |x: &ActorId| refusing.iter().any(|a| &a.actor == x);
    at.iter().any(refuses) && !by.iter().any(|b| refuses(&b.actor))
}

/// A quotation mark (guillemets, straight or curly double quotes).
fn quote_mark(unit: &Unit) -> bool {
    matches!(unit.word.as_str(), "«" | "»" | "\"" | "“" | "”")
}

/// Whoever addressed words of this kind (an accusation, a demand, a threat)
/// to one of the refusing sides: the sides a refusal of those words answers
/// (several that did are all refused: `rejected all the accusations`; none
/// that did, nobody).
fn addressed_to(
    addressed: &[(EventType, Vec<Participant>, Vec<ActorId>)],
    kind: EventType,
    refusing: &[Participant],
) -> Vec<Participant> {
    let mut by_all: Vec<Participant> = Vec::new();
    for (_, by, _) in addressed
        .iter()
        .filter(|(t, by, at)| *t == kind && addressed_at(by, at, refusing))
    {
        for b in by {
            push_unique(&mut by_all, b.clone());
        }
    }
    by_all
}

/// The material act or the agreement a reaction's object names under a
/// definite article, past quoted adverbs and up to two modifiers (`the
/// strikes`, `« fermement » les frappes`, `die jüngsten Angriffe`), with its
/// span: none when a mention stands before it or right after it (the act's
/// own participants).
fn referred_act<'p>(
    units: &[Unit],
    words: &Words,
    pack: &'p LanguagePack,
    from: usize,
    to: usize,
    dates: &[(usize, usize)],
    // a refusal may refer back to words too (`rejected the accusations`,
    // `wies die Forderungen zurück`): an accusation, a demand, a threat
    words_too: bool,
) -> Option<((usize, usize), &'p Trigger)> {
    let quote = |j: usize| quote_mark(&units[j]);
    let det = (from..to.min(units.len())).find(|&j| {
        units[j].is_mention() || (units[j].punct && !quote(j)) || pack.is_article(words[j])
    })?;
    if units[det].is_mention() || units[det].punct || pack.is_cue(Cue::Indefinite, words[det]) {
        return None;
    }
    (det + 1..(det + 4).min(to).min(units.len()))
        .take_while(|&j| !units[j].is_mention() && !units[j].punct)
        .find_map(|j| {
            pack.noun_trigger_at(words, j, det)
                .filter(|&(e, _)| !dates.iter().any(|&(s, de)| (s..de).contains(&(e - 1))))
                .filter(|(_, t)| {
                    t.event_type == EventType::Agree
                        || (words_too
                            && matches!(
                                t.event_type,
                                EventType::Accuse | EventType::Request | EventType::Threaten
                            ))
                        || matches!(
                            t.event_type.quad(),
                            entente_model::Quad::MaterialConflict
                                | entente_model::Quad::MaterialCooperation
                        )
                })
                .map(|(e, t)| ((j, e), t))
        })
        .filter(|&((_, e), _)| {
            (e..(e + 3).min(units.len()))
                .take_while(|&j| !units[j].punct && !pack.is_cue(Cue::And, words[j]))
                .all(|j| !units[j].is_mention())
        })
}

/// The trigger at `i`: the longest match; where a noun entry and a verb
/// entry of one lemma both match (`visit`, `incontro`), the noun when the
/// word stands where a noun does (after an article, a possessive or a
/// preposition), else the verb.
fn choose_trigger<'p>(
    units: &[Unit],
    words: &Words,
    pack: &'p LanguagePack,
    i: usize,
    dates: &[(usize, usize)],
) -> Option<(usize, &'p Trigger)> {
    let mut found = pack.triggers_at(words, i);
    // a date is no part of a trigger (`held talks in March` is no march)
    // (a date inside a gap is not: `convoqué jeudi l'ambassadeur`)
    found.retain(|(e, _)| !dates.iter().any(|&(s, de)| (s..de).contains(&(e - 1))));
    // after a phrase of occasion the word is a noun, however long a verb's
    // entry would run (`during their meeting on the sidelines of …` is no
    // `meet ~ on the sidelines`)
    if found.iter().any(|(_, t)| t.flags.noun) && occasion_before(units, pack, words, i) {
        found.retain(|(_, t)| t.flags.noun);
    }
    // where every noun is capitalised (German), a capitalised word inside
    // the sentence is a noun: an entry that opens with a verb's infinitive
    // matches it only as the infinitive itself, an act named as a noun
    // (`das Eindringen`), never another noun of the same stem (`Fahrt` is
    // not `fahren`)
    if pack.nouns_capitalised() && units[i].capitalised && !sentence_initial(units, i) {
        found.retain(|(_, t)| {
            t.flags.noun
                || !matches!(t.phrase.0.first(),
                    Some(PatTok::Lemma(f, _)) if f.ends_with('n') && f != words[i])
        });
    }
    // `their destroyed homes`, `die zerstörten Häuser`: a verb's form between
    // a determiner and its noun is an adjective (in languages whose
    // determiners are never object pronouns)
    if i > 0
        && pack.attributive_participle()
        && !units[i].capitalised
        && (pack.is_article(words[i - 1]) || pack.cue_at(Cue::Possessive, words, i - 1) == Some(i))
        && units.get(i + 1).is_some_and(|n| {
            !n.punct
                && !n.is_mention()
                && !function_word(pack, words, i + 1)
                && (!pack.nouns_capitalised() || n.capitalised)
        })
    {
        // (an evaluation is meant as an adjective: `its destabilising activities`)
        found.retain(|(e, t)| t.flags.noun || t.flags.eval || *e > i + 1);
    }
    // an auxiliary is no light verb when another act's verb follows it
    // (`had asked for an emergency meeting` is a request, not `have ~
    // meeting`): a gap right after the first word may not open with a verb
    // trigger
    if i + 1 < units.len()
        && found
            .iter()
            .any(|(_, t)| matches!(t.phrase.0.get(1), Some(PatTok::Gap(_))))
    {
        let inner = pack.triggers_at(words, i + 1);
        found.retain(|(e, t)| {
            !matches!(t.phrase.0.get(1), Some(PatTok::Gap(_)))
                || !inner.iter().any(|(je, jt)| !jt.flags.noun && je < e)
        });
    }
    let (end, _) = *found.first()?;
    let longest: Vec<&(usize, &Trigger)> = found.iter().filter(|(e, _)| *e == end).collect();
    let has_noun = longest.iter().any(|(_, t)| t.flags.noun);
    let has_verb = longest.iter().any(|(_, t)| !t.flags.noun);
    if has_noun && has_verb {
        // (a sentence that opens with the noun's own form, or its plural,
        // opens with the noun: `Condanne sono arrivate da …`, not the verb
        // `condannare`; a participle there stays the verb's)
        let surface = units[i].surface.to_lowercase();
        let opens_with_noun = sentence_initial(units, i)
            && !pack.looks_past_participle(&surface)
            && longest.iter().any(|(_, t)| {
                t.flags.noun
                    && matches!(t.phrase.0.first(), Some(PatTok::Lemma(f, _))
                        if *f == words[i] || pack.is_plural_of(&surface, f))
            });
        let want_noun = opens_with_noun || noun_position(units, words, pack, i);
        return longest
            .iter()
            .find(|(_, t)| t.flags.noun == want_noun)
            .map(|(e, t)| (*e, *t));
    }
    Some((end, longest[0].1))
}

/// True when the verb at `verb`, after an event noun at `noun`..`from` that
/// opens its clause, is the noun's predicate, not its complement: its
/// auxiliary stands right before it (an adverb between), and no relative
/// pronoun or clause boundary opens a clause of its own in between (`The
/// attack was condemned by France`, `L'attacco è stato condannato dalla
/// Francia`; not a noun a preposition governs, `dopo una videoconferenza
/// con i leader del G7 ha annunciato`, whose clause has its own subject: a
/// boundary word may be such a preposition, `dopo`, `after`).
fn noun_is_subject(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    noun: usize,
    from: usize,
    verb: usize,
) -> bool {
    let mut open = noun;
    while open > 0
        && !units[open - 1].punct
        && (units[open - 1].is_mention()
            || pack.is_article(words[open - 1])
            || pack.cue_at(Cue::Possessive, words, open - 1).is_some())
    {
        open -= 1;
    }
    let opens_clause = open == 0
        || units[open - 1].punct
        || [Cue::Relative, Cue::Complementizer, Cue::And]
            .into_iter()
            .any(|c| pack.cue_at(c, words, open - 1) == Some(open));
    if !opens_clause {
        return false;
    }
    let mut before = verb;
    while before > from
        && (words.is_adverb(before - 1) || pack.cue_at(Cue::Adverb, words, before - 1).is_some())
    {
        before -= 1;
    }
    let aux = (from..before).any(|j| {
        !units[j].is_mention()
            && [Cue::Auxiliary, Cue::PassiveAux]
                .into_iter()
                .any(|c| pack.cue_at(c, words, j) == Some(before))
    });
    aux && !(from..before).any(|j| {
        !units[j].is_mention()
            && [Cue::Relative, Cue::Boundary, Cue::Complementizer]
                .into_iter()
                .any(|c| pack.cue_at(c, words, j).is_some())
    })
}

/// True when the verb trigger at `verb`, after an event noun's phrase that
/// ends at `from`, has its own subject between them (`Dopo la riunione
/// Biden ha incontrato Zelensky`, `After the summit Biden met Zelensky`: the
/// verb is the clause's own act, not the noun's complement). Not when an
/// `of` opens the noun's complement, a `to`, `with`, `between`, `by` or a
/// complementizer stands between (`the call for Russia to withdraw`,
/// `l'accusa che Mosca abbia colpito` stay one), or a possessor stands
/// right before the verb (`the government's refusal`).
fn verb_with_own_subject(
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
    from: usize,
    verb: usize,
) -> bool {
    let before = before_auxiliaries(words, pack, from, verb);
    // (an actor in a `with`, `by` or `of` phrase belongs to the noun: `dopo
    // una videoconferenza con i leader del G7 ha annunciato`, `the
    // deployment of NATO troops arrived`; a possessor right before the verb
    // makes it a noun, `the government's refusal to accept`)
    let noun_complement = pack.cue_at(Cue::Of, words, from).is_some();
    let possessed = before > from && units[before - 1].word == "'s";
    !noun_complement
        && !possessed
        && !(from..verb).any(|j| {
            pack.cue_at(Cue::Boundary, words, j).is_some()
                || [Cue::ToPrep, Cue::With, Cue::Between, Cue::By]
                    .into_iter()
                    .any(|c| pack.cue_at(c, words, j).is_some())
        })
        && !subject_group(units, words, mentions, pack, from, before).is_empty()
}

/// Where the verb at `verb` starts with the auxiliaries of its compound
/// tense (`Biden ha condannato`), not before `from`.
fn before_auxiliaries(words: &Words, pack: &LanguagePack, from: usize, verb: usize) -> usize {
    let mut before = verb;
    while before > from && pack.cue_at(Cue::Auxiliary, words, before - 1) == Some(before) {
        before -= 1;
    }
    before
}

/// True when the verb at `verb` opens a clause coordinated with the one
/// before it under a subject of its own (`la Germania ha dato il via
/// libera … e, lo stesso giorno, gli Stati Uniti hanno promesso`,
/// `Germany approved the tanks and the United States promised`): an `and`
/// between, then actors right before the verb or its auxiliaries, and no
/// `to` or purpose word that would make the verb an infinitive (`urged
/// Russia and Belarus to withdraw` stays one request).
fn coordinated_clause(
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
    from: usize,
    verb: usize,
) -> Option<usize> {
    let and = (from..verb)
        .rev()
        .find(|&j| !units[j].is_mention() && pack.cue_at(Cue::And, words, j).is_some())?;
    let before = before_auxiliaries(words, pack, and + 1, verb);
    (before > and + 1
        && units[before - 1].is_mention()
        && !(and + 1..verb).any(|j| {
            !units[j].is_mention()
                && [
                    Cue::ToPrep,
                    Cue::Purpose,
                    Cue::Complementizer,
                    Cue::Boundary,
                ]
                .into_iter()
                .any(|c| pack.cue_at(c, words, j).is_some())
        })
        && !subject_group(units, words, mentions, pack, and + 1, before).is_empty())
    .then_some(and)
}

/// True when only punctuation (an opening quote) stands before unit `i`.
fn sentence_initial(units: &[Unit], i: usize) -> bool {
    units[..i].iter().all(|u| u.punct)
}

/// True when the clause before a trigger (from its last comma) holds a
/// content word that no cue, date or actor accounts for — a subject of its
/// own (`Pirates attacked`, `Diplomats said`) that is not an actor.
fn own_subject_word(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    date_units: &[(usize, usize, &DateExpr)],
    from: usize,
    to: usize,
) -> bool {
    let floor = from;
    let mut from = (from..to)
        .rev()
        .find(|&j| units[j].word == ",")
        .map_or(from, |c| c + 1);
    // (past a word or two between commas, an adjective or an adverb set
    // off: `Los hospitales de la capital, desbordados, hicieron …`)
    if from > floor + 1
        && to - from <= 4
        && let Some(c) = (floor..from - 1).rev().find(|&j| units[j].word == ",")
        && from - 1 - c <= 3
        && (c + 1..from - 1).all(|j| !units[j].is_mention())
    {
        from = (floor..c)
            .rev()
            .find(|&j| units[j].word == ",")
            .map_or(floor, |c| c + 1);
    }
    (from..to).any(|j| {
        let u = &units[j];
        !u.is_mention()
            && !u.punct
            && u.word.chars().any(char::is_alphabetic)
            && u.word.chars().count() > 2
            && !date_units.iter().any(|(s, e, _)| j >= *s && j < *e)
            // (a time noun and the word counting it, a time phrase no date
            // resolved: `Wenige Tage später empfing er …`, `Two weeks later
            // he …`)
            && !(j..(j + 2).min(to)).any(|x| {
                !units[x].is_mention() && pack.cue_at(Cue::TimeNoun, words, x).is_some()
            })
            // (a manner adverb, `« fermement condamné »`; not a noun of the
            // same ending after its article, `le gouvernement`)
            && !(words.is_adverb(j)
                && (j == 0 || !(pack.is_article(words[j - 1]) || units[j - 1].is_mention())))
            && ![
                Cue::Function,
                Cue::Article,
                Cue::And,
                Cue::Of,
                Cue::Possessive,
                Cue::Pronoun,
                Cue::Negation,
                Cue::Future,
                Cue::PassiveAux,
                Cue::Speech,
                Cue::Since,
                Cue::Boundary,
                Cue::LocationPrep,
                Cue::ToPrep,
                Cue::With,
                Cue::Between,
                Cue::By,
                Cue::Counterpart,
                Cue::Pair,
                Cue::Relative,
                Cue::Attribution,
                Cue::Hypothetical,
                Cue::Adverb,
                Cue::Auxiliary,
            ]
            .into_iter()
            .any(|c| {
                (j.saturating_sub(3)..=j).any(|s| pack.cue_at(c, words, s).is_some_and(|e| e > j))
            })
    })
}

/// True when the word at `i` stands where a noun does: after an article, a
/// possessive, a preposition, a number, or a possessor (`Japan's`).
pub(crate) fn noun_position(units: &[Unit], words: &Words, pack: &LanguagePack, i: usize) -> bool {
    let Some(p) = i.checked_sub(1) else {
        return false;
    };
    let prev = &units[p];
    // (a conjugated verb is none, whatever precedes it: `la condenaron`,
    // where `la` is the object pronoun)
    if prev.is_mention() || pack.has_finite_suffix(&units[i].surface.to_lowercase()) {
        return false;
    }
    if prev.word == "'s" || prev.word.chars().all(|c| c.is_ascii_digit()) && !prev.word.is_empty() {
        return true;
    }
    // (after a `to`, a word that takes an object straight away is a verb:
    // `will continue to support Ukraine`, `to support the army`)
    let takes_object = units.get(i + 1).is_some_and(|n| {
        n.is_mention()
            || pack.is_article(words[i + 1])
            || pack.cue_at(Cue::Possessive, words, i + 1).is_some()
    });
    pack.is_article(words[p])
        || (pack.cue_at(Cue::ToPrep, words, p) == Some(i) && !takes_object)
        || [
            Cue::Possessive,
            Cue::Of,
            Cue::LocationPrep,
            Cue::With,
            Cue::Between,
            Cue::By,
        ]
        .into_iter()
        .any(|c| pack.cue_at(c, words, p) == Some(i))
        // (`during Putin's first visit`: an adjective between)
        || occasion_before(units, pack, words, i)
}

fn span_surface(units: &[Unit], s: usize, e: usize) -> String {
    units[s..e.min(units.len())]
        .iter()
        .map(|u| u.surface.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A negation cue within three words before the trigger, with no clause break.
pub(crate) fn negated(units: &[Unit], words: &Words, pack: &LanguagePack, start: usize) -> bool {
    (start.saturating_sub(3)..start).any(|k| {
        !units[k].is_mention()
            && pack
                .cue_at(Cue::Negation, words, k)
                .is_some_and(|e| e <= start && !units[e.min(start)..start].iter().any(|u| u.punct))
    })
}

/// True when a coordinator (`and`, `e`) joins the previous verb phrase to this trigger.
fn coordinated(units: &[Unit], words: &Words, pack: &LanguagePack, from: usize, to: usize) -> bool {
    // the coordinator must come right before the trigger (auxiliaries and
    // adverbs may stand between) and no actor may stand between it and the trigger
    // (`and pledged`, `e si sono impegnati`), not a noun phrase (`and the West to supply`)
    let mut k = to;
    let mut steps = 0;
    while k > from && steps < 4 {
        k -= 1;
        // (a date between counts for nothing: `and on Wednesday held talks`,
        // `y el miércoles se reunió`)
        if words.in_date(k)
            || (k + 1 < to && words.in_date(k + 1) && pack.is_article(&units[k].word))
        {
            continue;
        }
        steps += 1;
        let u = &units[k];
        if u.is_mention() || (u.punct && u.word != ",") {
            return false;
        }
        if pack.cue_at(Cue::And, words, k).is_some_and(|e| e == k + 1) {
            return true;
        }
        if pack.is_article(&u.word) || pack.is_cue(Cue::Of, &u.word) || (u.capitalised && steps > 1)
        {
            return false;
        }
        // only an auxiliary, an adverb, a pronoun or a short clitic may
        // stand between (`and also pledged`, `e si sono impegnati`), not a
        // noun (`armed with knives and axes boarded`)
        let minor = u.punct
            || u.word.chars().count() <= 3
            || words.is_adverb(k)
            || [
                Cue::Auxiliary,
                Cue::PassiveAux,
                Cue::Adverb,
                Cue::Negation,
                Cue::Future,
                Cue::Pronoun,
            ]
            .into_iter()
            .any(|c| {
                (k.saturating_sub(2)..=k).any(|s| pack.cue_at(c, words, s).is_some_and(|e| e > k))
            });
        if !minor {
            return false;
        }
    }
    false
}

/// True when a stretch before the trigger at `to` opens, after a comma or
/// a coordinator, with the word that opened the head's complement at
/// `from`: `pledged to deepen cooperation, to expand training support and
/// to …` — each is a complement of the head, no new clause.
fn repeats_complementizer(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    from: usize,
    to: usize,
) -> bool {
    let is_and = |k: usize| pack.cue_at(Cue::And, words, k) == Some(k + 1);
    // the complement's opening word: a `to`-word or a function word among the
    // first few after the head (`pledged on Monday to deepen …`)
    (from..to.min(from + 4))
        .filter(|&j| {
            !units[j].punct
                && !units[j].is_mention()
                && (pack.is_cue(Cue::ToPrep, words[j])
                    || pack.cue_at(Cue::Function, words, j).is_some())
        })
        .any(|opener| {
            (opener + 1..to)
                .filter(|&k| units[k].word == "," || is_and(k))
                .any(|sep| {
                    (sep + 1..to)
                        .find(|&j| !units[j].punct && !is_and(j))
                        .is_some_and(|j| words[j] == words[opener])
                })
        })
}

/// True when the coordinator before the trigger at `to` joins modifiers of
/// it (`political and economic sanctions`) rather than two acts: a content
/// word stands between the coordinator and the trigger.
fn coordinates_modifiers(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    from: usize,
    to: usize,
) -> bool {
    let Some(k) = (from..to)
        .rev()
        .take(4)
        .find(|&k| pack.cue_at(Cue::And, words, k).is_some_and(|e| e == k + 1))
    else {
        return false;
    };
    (k + 1..to).any(|j| {
        let u = &units[j];
        !u.punct
            && !u.is_mention()
            && u.word.chars().count() > 3
            && !pack.is_article(&u.word)
            && !words.is_adverb(j)
            && [
                Cue::Auxiliary,
                Cue::Adverb,
                Cue::Function,
                Cue::Negation,
                Cue::ToPrep,
                Cue::Pronoun,
                Cue::PassiveAux,
                Cue::Future,
            ]
            .iter()
            .all(|&c| pack.cue_at(c, words, j).is_none())
    })
}

/// True when a clause boundary stands between two positions.
fn clause_break(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    from: usize,
    to: usize,
) -> bool {
    (from..to).any(|k| {
        (pack.cue_at(Cue::Boundary, words, k).is_some() && k > from + 1)
            || pack.cue_at(Cue::Since, words, k).is_some()
            || pack.cue_at(Cue::Speech, words, k).is_some()
            || units[k].word == ";"
    })
}

/// The relative clauses between commas of a sentence (`, which … ,`, `,
/// qui … ,`), as unit ranges from the relative word to the closing comma.
fn relative_clause_spans(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for c in (0..units.len()).filter(|&k| units[k].word == ",") {
        let Some(j) = (c + 1..units.len()).find(|&j| !units[j].punct) else {
            continue;
        };
        if units[j].is_mention() || pack.cue_at(Cue::Relative, words, j).is_none() {
            continue;
        }
        if let Some(close) = (j..units.len()).find(|&k| units[k].word == ",") {
            out.push((j, close));
        }
    }
    out
}

/// The first unit of the clause the trigger at `start` belongs to.
fn left_boundary(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    start: usize,
    prev_trigger_end: Option<usize>,
) -> usize {
    let floor = prev_trigger_end.unwrap_or(0);
    let mut k = start;
    while k > floor {
        k -= 1;
        if units[k].is_mention() {
            continue;
        }
        // (a verb of speech inside a predicative verb opens no reported
        // clause: `si è detto preoccupato`)
        if let Some(e) = pack.cue_at(Cue::Boundary, words, k).or_else(|| {
            pack.cue_at(Cue::Speech, words, k).filter(|_| {
                !(k.saturating_sub(2)..=k).any(|x| {
                    pack.cue_at(Cue::Predicative, words, x)
                        .is_some_and(|pe| pe > k)
                })
            })
        }) && e <= start
        {
            return e;
        }
        if units[k].word == "\"" && quotes_predicate(units, words, pack, k, start) {
            continue;
        }
        if matches!(units[k].word.as_str(), ";" | ":" | "\"" | "(" | ")") {
            return k + 1;
        }
    }
    floor
}

/// True when the quote opening at `open` quotes a short predicate that
/// holds the trigger at `start` (`ont « fermement condamné » ce tir`): it
/// opens right after the subject or its auxiliary, at most two words
/// before the trigger, and closes within five after, so the clause goes on
/// around it.
fn quotes_predicate(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    open: usize,
    start: usize,
) -> bool {
    // (after the subject or its auxiliary: after a speech verb, a colon or
    // a complementizer the quote is the speaker's own words)
    open >= 1
        && (units[open - 1].is_mention()
            || pack.cue_at(Cue::Auxiliary, words, open - 1) == Some(open))
        && (open + 1..start).filter(|&j| !units[j].punct).count() <= 2
        && (open + 1..start).all(|j| !units[j].punct && !units[j].is_mention())
        && (start..units.len().min(start + 6))
            .find(|&j| units[j].punct)
            .is_some_and(|j| units[j].word == "\"")
}

/// A trigger that only describes a noun: glued to an actor by a hyphen
/// (`Iran-backed`, `Russian-made`; a noun after the hyphen is a compound,
/// `UN-Sanktionen`), or a passive participle between commas after a noun
/// with no auxiliary of its own (`The rebels, backed by Iran, fired`, `Il
/// gruppo, sostenuto dall'Iran, aveva minacciato`). It reports no act, and
/// the verb after it is not its complement.
fn modifier_trigger(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    f: &Found,
    left_limit: usize,
) -> bool {
    let glued = f.start >= 2
        && units[f.start - 1].word == "-"
        && units[f.start - 2].is_mention()
        && !(pack.nouns_capitalised() && units[f.start].capitalised);
    let parenthetical = (f.trigger.flags.passive
        || (f.end < units.len() && pack.cue_at(Cue::By, words, f.end).is_some()))
        && f.start >= 2
        && units[f.start - 1].word == ","
        && (units[f.start - 2].is_mention()
            || (!units[f.start - 2].punct && !function_word(pack, words, f.start - 2)))
        && (f.end..units.len().min(f.end + 10)).any(|j| units[j].word == ",")
        && !(left_limit..f.start).any(|j| {
            !units[j].is_mention()
                && (pack.cue_at(Cue::Auxiliary, words, j).is_some()
                    || pack.cue_at(Cue::PassiveAux, words, j).is_some())
        });
    glued || parenthetical
}

/// One past the last unit of the trigger's clause.
fn right_boundary(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    end: usize,
    request: bool,
    next_trigger: Option<usize>,
) -> usize {
    let ceiling = next_trigger.unwrap_or(units.len()).min(units.len());
    let mut k = end;
    while k < ceiling {
        if !units[k].is_mention() {
            // a boundary right after the trigger opens its complement
            // (`concern that …`), and so does a request's complementizer past
            // a date or an adverb (`demanded on Monday that China …`; in
            // other acts `que`, `che` open relative clauses as often)
            // (not a boundary after the trigger's comma that opens no
            // complement: `eingetroffen, als erster deutscher Minister`)
            let after_comma = k == end + 1
                && units[end].punct
                && pack.cue_at(Cue::Complementizer, words, k).is_none();
            let transparent = (k <= end + 1 && !after_comma)
                || (request && complement_clause_at(units, words, pack, end, k));
            if !transparent && pack.cue_at(Cue::Boundary, words, k).is_some() {
                return k;
            }
            if pack.cue_at(Cue::Speech, words, k).is_some() && k > end {
                // `…, X said` / `…, ha affermato X`: the tail names the source
                return k.saturating_sub(0);
            }
            if matches!(units[k].word.as_str(), ";" | ":" | "(" | ")") {
                return k;
            }
        }
        k += 1;
    }
    ceiling
}

/// True when a complementizer (`that`, `que`, `dass`) stands at `k`, a
/// few words after a trigger ending at `end` with no actor between: it opens
/// the trigger's complement clause (`demanded on Monday that …`,
/// `forderte am Montag, dass …`).
fn complement_clause_at(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    end: usize,
    k: usize,
) -> bool {
    k >= end
        && k <= end + 4
        && pack.cue_at(Cue::Complementizer, words, k) == Some(k + 1)
        && (end..k).all(|j| {
            !units[j].is_mention()
                && (units[j].word == "," || !units[j].punct)
                && pack.cue_at(Cue::Boundary, words, j).is_none()
        })
}

/// True when the mention at `k` goes on a list whose first item a `with`
/// or `between` preposition governs and which a coordinator closes (`mit
/// der Türkei, Ägypten und Katar`, `with Japan, Australia and India`): it is
/// inside that phrase, never a subject (a comma alone may close a place
/// phrase before the subject: `ad Algeri, Meloni aveva incontrato`).
fn continues_governed_list(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    k: usize,
    floor: usize,
) -> bool {
    let and_at = |j: usize| pack.cue_at(Cue::And, words, j) == Some(j + 1);
    // the list must close with a coordinator: before `k` or after it
    let mut closed = false;
    let mut j = k + 1;
    while j + 1 < units.len() && (units[j].word == "," || and_at(j)) && units[j + 1].is_mention() {
        closed |= and_at(j);
        j += 2;
    }
    let mut j = k;
    let mut joined = false;
    while j > floor {
        j -= 1;
        let u = &units[j];
        if u.is_mention() {
            if !joined {
                return false;
            }
            if closed
                && matches!(
                    governing_preposition(units, words, pack, j, floor),
                    Some(Cue::With | Cue::Between)
                )
            {
                return true;
            }
            joined = false;
        } else if u.word == "," {
            joined = true;
        } else if and_at(j) {
            joined = true;
            closed = true;
        } else if !pack.is_article(words[j]) {
            return false;
        }
    }
    false
}

/// True when a source preposition (`according to`, `selon`, `según`,
/// `secondo`, `nach Angaben`) governs the mention at `k`, past articles: the source of
/// the report, never who acts in it (`Selon Washington, Moscou a expulsé`).
fn after_attribution(units: &[Unit], words: &Words, pack: &LanguagePack, k: usize) -> bool {
    (k.saturating_sub(4)..k).any(|x| {
        pack.cue_at(Cue::According, words, x).is_some_and(|e| {
            e <= k
                && (e..k).all(|j| !units[j].is_mention() && pack.is_article(words[j]))
                && (x..k).all(|j| !units[j].punct && !units[j].is_mention())
        })
    })
}

/// True when every word of `range` is a plain word: no mention, no
/// punctuation, and an article or a word none of `cues` starts at.
fn plain_words(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    range: std::ops::Range<usize>,
    cues: &[Cue],
) -> bool {
    range.into_iter().all(|x| {
        !units[x].is_mention()
            && !units[x].punct
            && (pack.is_article(words[x])
                || !cues.iter().any(|&c| pack.cue_at(c, words, x).is_some()))
    })
}

/// True when the mention at `k` is a German name in an oblique case: right
/// after an `oblique_only` article (den, dem, einem), or an
/// `oblique_article` (der, dem, des) before a name whose first word, an
/// adjective, ends in `-en` (`hatte er der Europäischen Union gedroht`,
/// `dem Internationalen Strafgerichtshof`); the nominative would end in
/// `-e`. After a noun it is that noun's genitive, and the noun may be the
/// subject (`Der Sprecher der Afrikanischen Union verurteilte`).
fn oblique_name(units: &[Unit], words: &Words, pack: &LanguagePack, k: usize) -> bool {
    // (an article of no nominative, whatever the name: `warf den
    // Amerikanern … vor`)
    if k > 0 && pack.cue_at(Cue::ObliqueOnly, words, k - 1) == Some(k) {
        return true;
    }
    k > 0
        && pack.cue_at(Cue::ObliqueArticle, words, k - 1) == Some(k)
        && (k < 2 || units[k - 2].punct || !units[k - 2].capitalised || units[k - 2].is_mention())
        && units[k].surface.split_once(' ').is_some_and(|(first, _)| {
            first.ends_with("en") && first.starts_with(char::is_uppercase)
        })
}

/// True when the unit at `k` is governed by a location preposition.
fn after_location_prep(units: &[Unit], words: &Words, pack: &LanguagePack, k: usize) -> bool {
    // `in Giappone`, `a Lima`, `in the U.S.`, `nella regione`
    // (not `in China's Xinjiang`: a possessive makes it a genitive; not `the
    // government in Tehran`: a government's seat)
    preposition_before(units, words, pack, k, |p| {
        pack.is_cue(Cue::LocationPrep, words[p])
    })
    .is_some_and(|p| {
        units.get(k + 1).is_none_or(|u| u.word != "'s") && !after_seat_noun(units, words, pack, p)
    })
}

/// True when the mention at `k` is glued by a hyphen to a word that makes
/// it describe the next noun (`Iran-backed militias`, `Russian-made
/// missiles`): it names no participant.
fn hyphen_modifier(units: &[Unit], words: &Words, pack: &LanguagePack, k: usize) -> bool {
    units.get(k + 1).is_some_and(|u| u.word == "-")
        && units.get(k + 2).is_some_and(|u| !u.is_mention())
        && pack.cue_at(Cue::HyphenModifier, words, k + 2).is_some()
}

/// True when a preposition of direction governs the mention at `k` (`nach
/// Italien`, `to Poland`, `vers la France`): where an act goes, never who
/// acts.
fn after_goal_prep(units: &[Unit], words: &Words, pack: &LanguagePack, k: usize) -> bool {
    preposition_before(units, words, pack, k, |p| {
        pack.cue_at(Cue::Goal, words, p) == Some(p + 1)
    })
    .is_some()
}

/// True when the mention at `k` is the bare object of a verb of informing
/// (`notified Washington of its decision to end`, `informò Washington`):
/// the one addressed, never who acts in the complement (not before an
/// infinitive's `to`, where the addressee is told to act: `told Kyiv to
/// withdraw`).
fn after_addressee_verb(units: &[Unit], words: &Words, pack: &LanguagePack, k: usize) -> bool {
    preposition_before(units, words, pack, k, |p| {
        pack.cue_at(Cue::Addressee, words, p) == Some(p + 1)
    })
    .is_some()
        && !(k + 1 < units.len()
            && !units[k + 1].is_mention()
            && pack.cue_at(Cue::Purpose, words, k + 1).is_some())
}

/// The position of the preposition `is_prep` accepts right before the
/// mention at `k`, or before its article (`in the U.S.`); none when another
/// word, a mention or punctuation comes first.
pub(crate) fn preposition_before(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    k: usize,
    is_prep: impl Fn(usize) -> bool,
) -> Option<usize> {
    for back in 1..=2 {
        let p = k.checked_sub(back)?;
        if units[p].is_mention() || units[p].punct {
            return None;
        }
        if is_prep(p) {
            return Some(p);
        }
        if !pack.is_article(words[p]) {
            return None;
        }
    }
    None
}

/// True when a seat noun stands just before the preposition at `p`, or
/// before an `of` phrase naming an actor there: `the government in Tehran`,
/// `the ambassador of France in Algiers`.
fn after_seat_noun(units: &[Unit], words: &Words, pack: &LanguagePack, p: usize) -> bool {
    // the seat noun may be a phrase (`ministère des Affaires étrangères`)
    (1..=6).any(|back| {
        p >= back
            && pack
                .cue_at(Cue::SeatNoun, words, p - back)
                .is_some_and(|end| {
                    end <= p
                        && (end..p).all(|x| {
                            units[x].is_mention()
                                || pack.is_article(words[x])
                                || pack.is_cue(Cue::Of, words[x])
                        })
                })
    })
}

pub(crate) fn mention_participants(u: &Unit, mentions: &[Mention]) -> Vec<Participant> {
    let mut out = Vec::new();
    for &m in &u.mentions {
        for p in participants_of(&mentions[m]) {
            push_unique(&mut out, p);
        }
    }
    out
}

/// The subject: the actors of the clause before the trigger, cut at the last
/// comma (a fronted phrase) unless the comma separates a list of actors.
pub(crate) fn subject_group(
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
    from: usize,
    to: usize,
) -> Vec<Participant> {
    let mut segments: Vec<(usize, usize)> = Vec::new();
    let mut s = from;
    for (k, u) in units.iter().enumerate().take(to).skip(from) {
        if u.word == "," || u.word == "-" {
            segments.push((s, k));
            s = k + 1;
        }
    }
    segments.push((s, to));
    let has_actor = |(a, b): (usize, usize)| {
        (a..b).any(|k| {
            units[k].is_mention()
                && !glued_to(units, k, to)
                && !hyphen_modifier(units, words, pack, k)
                && !after_location_prep(units, words, pack, k)
                && !after_goal_prep(units, words, pack, k)
                && !after_addressee_verb(units, words, pack, k)
                && !mention_is_possessor_of_object(units, words, pack, k)
                && !after_attribution(units, words, pack, k)
                && !oblique_name(units, words, pack, k)
                && !continues_governed_list(units, words, pack, k, from)
        })
    };
    // an actor that stands for a state or organisation (not a person
    // nobody knows: `La Caio Duilio, cacciatorpediniere della Marina
    // italiana, ha abbattuto` takes its side from the apposition)
    let has_linked_actor = |(a, b): (usize, usize)| {
        has_actor((a, b))
            && (a..b).any(|k| {
                units[k].is_mention() && !mention_participants(&units[k], mentions).is_empty()
            })
    };
    let Some(mut last) = segments.iter().rposition(|&seg| has_actor(seg)) else {
        return vec![];
    };
    // `Pakistan, a key U.S. ally, has refused`: a segment opening with an
    // article after an actor, closed by a comma, is an apposition, not the
    // subject (`Gli Stati Uniti, la Francia e il Giappone hanno firmato`,
    // running up to the verb, is the end of a list)
    if last > 0
        && last + 1 < segments.len()
        && segments[last].0 < segments[last].1
        && pack.is_article(words[segments[last].0])
        && has_actor(segments[last - 1])
    {
        last -= 1;
    }
    // `Iran's foreign ministry spokesman, Nasser Kanaani, warned`, `Lebanon's
    // government, headed by Najib Mikati, condemned`: a phrase between two
    // commas right before the verb, after an actor, is an apposition to it;
    // the subject is the head it describes (the verb may keep its
    // auxiliary or an adverb after the second comma: `…, Paolo Gentiloni,
    // avevano già firmato`)
    // (the clause may run on past its verb when the group is sought before
    // a later word: `…, Carlito Galvez, said the sites are covered by the
    // agreement`)
    let verb_group_only = |(a, b): (usize, usize)| {
        (b - a <= 4 && (a..b).all(|k| !units[k].is_mention())) || (b == to && !has_actor((a, b)))
    };
    if last > 0
        && last + 2 == segments.len()
        && verb_group_only(segments[last + 1])
        && has_linked_actor(segments[last - 1])
        && !pack.is_article(words[segments[last].0])
        && pack.cue_at(Cue::And, words, segments[last].0).is_none()
    {
        last -= 1;
    }
    // `Les Houthis, qui affirment agir pour les Palestiniens, se sont emparés`:
    // a relative clause between commas after an actor describes it
    while last > 0
        && last + 1 < segments.len()
        && segments[last].0 < segments[last].1
        && pack
            .cue_at(Cue::Relative, words, segments[last].0)
            .is_some()
        && has_actor(segments[last - 1])
    {
        last -= 1;
    }
    // `The Houthis, backed by Iran, attacked`, `Il gruppo, sostenuto
    // dall'Iran, aveva minacciato`: a participle with its agent between
    // commas describes the noun before it, which is the subject
    while last > 0
        && last + 1 < segments.len()
        && segments[last].1 - segments[last].0 >= 3
        && !units[segments[last].0].is_mention()
        && !pack.is_article(words[segments[last].0])
        && (segments[last].0 + 1..(segments[last].0 + 3).min(segments[last].1)).any(|j| {
            !units[j].is_mention()
                && pack.cue_at(Cue::By, words, j).is_some()
                && units.get(j + 1).is_some_and(|u| u.is_mention())
        })
        && segments[last - 1].0 < segments[last - 1].1
    {
        last -= 1;
    }
    let mut first = last;
    // extend over a list: segments made only of actors and articles/coordinators
    while first > 0 {
        let (a, b) = segments[first - 1];
        let only_actors = (a..b).all(|k| {
            units[k].is_mention()
                || pack.is_article(words[k])
                || pack.cue_at(Cue::And, words, k).is_some()
        }) && (a..b).any(|k| units[k].is_mention())
            // (`Selon Washington, Moscou a expulsé`: the source is no item)
            && !(a..b).any(|k| units[k].is_mention() && after_attribution(units, words, pack, k));
        if only_actors
            || role_before_name(
                units,
                words,
                mentions,
                pack,
                segments[first - 1],
                segments[first],
            )
        {
            first -= 1;
        } else {
            break;
        }
    }
    let (start, end) = (segments[first].0, segments[last].1);
    let mut out = Vec::new();
    for k in start..end {
        if units[k].is_mention()
            && !glued_to(units, k, to)
            && !hyphen_modifier(units, words, pack, k)
            && !after_location_prep(units, words, pack, k)
            && !after_attribution(units, words, pack, k)
            && !after_addressee_verb(units, words, pack, k)
        {
            for p in mention_participants(&units[k], mentions) {
                push_unique(&mut out, p);
            }
        }
    }
    out
}

/// The actor groups of a verb-final clause before its verb (`Südkorea hat
/// Nordkorea scharf kritisiert`, `dass Berlin Moskau verurteilt`, `hatte
/// Warschau eine Note an Berlin geschickt`): the first group not governed by
/// a preposition is the subject; the next such group the object; groups
/// after `to`/`an`/`gegen` the addressees and after `with`/`between` the
/// partners. None unless a subject and something else are there. A group is
/// actors joined by coordinators, commas and articles.
/// The closing comma of an apposition opening at the comma `k` right after
/// a mention: an article and a noun of its own before any actor (`, ein
/// enger Verbündeter Finnlands,`; not a list's next item, `, die USA,`),
/// closed by a comma before `to`.
fn apposition_after(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    k: usize,
    to: usize,
) -> Option<usize> {
    if k == 0 || !units[k - 1].is_mention() || units.get(k + 1).is_none_or(Unit::is_mention) {
        return None;
    }
    if !pack.is_article(words[k + 1]) {
        return None;
    }
    let close = (k + 2..to).find(|&j| units[j].punct)?;
    (units[close].word == ","
        && (k + 2..close)
            .take_while(|&j| !units[j].is_mention())
            .any(|j| !pack.is_article(words[j])))
    .then_some(close)
}

fn verb_final_groups(
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
    from: usize,
    to: usize,
) -> Option<VerbFinal> {
    #[derive(PartialEq)]
    enum Gov {
        Free,
        To,
        With,
        Other,
    }
    let mut groups: Vec<(Vec<Participant>, Gov)> = Vec::new();
    let mut k = from;
    let mut joined = false;
    // a subject pronoun before any actor (`man werde die Ukraine
    // unterstützen`, `er habe Polen besucht`): the actors are objects
    let mut pronoun_first = false;
    while k < to {
        let u = &units[k];
        if !u.is_mention() && groups.is_empty() && pack.cue_at(Cue::Pronoun, words, k).is_some() {
            pronoun_first = true;
        }
        if u.is_mention() && glued_to(units, k, to) {
            // `UN-Sanktionen`: a compound's first part
            joined = false;
        } else if u.is_mention() {
            let gov = match governing_preposition(units, words, pack, k, from) {
                // (`Nach Angaben Washingtons hat Moskau`: the source)
                None if after_attribution(units, words, pack, k) => Gov::Other,
                None => Gov::Free,
                // (`Die Militärregierung im Niger hat …`: a government's seat)
                Some(Cue::LocationPrep) if !after_location_prep(units, words, pack, k) => Gov::Free,
                Some(Cue::ToPrep) => Gov::To,
                Some(Cue::With | Cue::Between) => Gov::With,
                Some(_) => Gov::Other,
            };
            let ps = mention_participants(u, mentions);
            // (a mention right after another of the same state is the same
            // noun phrase: `der französische Außenminister`; `hat Polen
            // Deutschland kritisiert` names two)
            let adjacent = k > from
                && units[k - 1].is_mention()
                && groups
                    .last()
                    .is_some_and(|(g, _)| ps.iter().any(|p| g.iter().any(|q| q.actor == p.actor)));
            match groups.last_mut() {
                Some((g, _)) if joined || adjacent => {
                    for p in ps {
                        push_unique(g, p);
                    }
                }
                _ => groups.push((ps, gov)),
            }
            joined = false;
        } else if u.word == ","
            && let Some(close) = apposition_after(units, words, pack, k, to)
        {
            // `Estland, ein enger Verbündeter Finnlands, protestierte`: an
            // apposition describes the actor before it and names no other
            // participant
            k = close + 1;
            joined = false;
            continue;
        } else if u.word == "," || pack.cue_at(Cue::And, words, k) == Some(k + 1) {
            joined = !groups.is_empty();
        } else if !pack.is_article(&u.word)
            // (`Pistorius und sein litauischer Amtskollege`: a possessive
            // keeps the coordination open, as an article does, and so does
            // a title before a person's name: `Starmer und Bundeskanzler
            // Olaf Scholz`)
            && pack.cue_at(Cue::Possessive, words, k).is_none()
            && !(u.capitalised
                && units.get(k + 1).is_some_and(|n| {
                    n.is_mention()
                        && n.mentions
                            .iter()
                            .all(|&m| mentions[m].actor_type == ActorType::Person)
                }))
        {
            joined = false;
        } else if u.capitalised
            && k > from
            && units[k - 1].is_mention()
            && units.get(k + 1).is_some_and(|n| {
                n.is_mention()
                    && groups.last().is_some_and(|(g, _)| {
                        mention_participants(n, mentions)
                            .iter()
                            .any(|p| g.iter().any(|q| q.actor == p.actor))
                    })
            })
        {
            // (a title between a demonym and a name of the same state: `der
            // französische Präsident Emmanuel Macron`)
            joined = true;
        }
        k += 1;
    }
    groups.retain(|(g, _)| !g.is_empty());
    let first_free = groups.iter().position(|(_, gov)| *gov == Gov::Free)?;
    let (mut out, rest) = if pronoun_first {
        (VerbFinal::default(), first_free)
    } else {
        (
            VerbFinal {
                subject: groups[first_free].0.clone(),
                ..VerbFinal::default()
            },
            first_free + 1,
        )
    };
    for (g, gov) in groups.into_iter().skip(rest) {
        let list = match gov {
            Gov::Free if out.object.is_empty() => &mut out.object,
            Gov::To => &mut out.addressees,
            Gov::With => &mut out.partners,
            _ => continue,
        };
        for p in g {
            push_unique(list, p);
        }
    }
    let something_else =
        !(out.object.is_empty() && out.addressees.is_empty() && out.partners.is_empty());
    something_else.then_some(out)
}

/// True when the mention at `k` is the first part of a compound whose
/// second part starts at `next` (`UN-Sanktionen`, the trigger): it modifies
/// the word, it is no participant of the clause.
fn glued_to(units: &[Unit], k: usize, next: usize) -> bool {
    k + 2 == next && units.get(k + 1).is_some_and(|u| u.word == "-")
}

/// Where a known place lies, as an event's location.
fn place_location(place: &entente_kb::Place) -> Location {
    Location {
        country: Some(place.country.clone()),
        place: Some(place.name.clone()),
    }
}

/// The state a visited place lies in, as the host of the visit.
fn place_host(place: &entente_kb::Place, surface: &str) -> Participant {
    Participant {
        actor: place.country.clone(),
        person: None,
        sector: None,
        why: format!("'{surface}' is in {}", place.country),
    }
}

/// True when the mention at `k` names whose allies an ally noun stands for:
/// `Ukraine's (Western) allies`, `allies of Ukraine`, `gli alleati di
/// Kiev`, `die Verbündeten der Ukraine`, `les alliés de l'Ukraine`.
fn names_whose_allies(units: &[Unit], words: &Words, pack: &LanguagePack, k: usize) -> bool {
    let ally = |j: usize| {
        j < units.len()
            && !units[j].is_mention()
            && pack.cue_at(Cue::AllyNoun, words, j) == Some(j + 1)
    };
    let possessor = units.get(k + 1).is_some_and(|u| u.word == "'s") && (k + 2..k + 4).any(ally);
    // (an article may stand between `of` and the actor: `de l'Ukraine`)
    let of_at = |j: usize| pack.cue_at(Cue::Of, words, j) == Some(j + 1);
    let genitive = (1..=2).any(|back| {
        k > back
            && of_at(k - back)
            && (back == 1 || pack.is_article(words[k - 1]))
            && ally(k - back - 1)
    });
    possessor || genitive
}

/// The organisation glued by a hyphen to the word at `start` (`Nato-Gipfel`,
/// `EU-Treffen`): its participants, when every one is an organisation.
fn glued_organisation(
    units: &[Unit],
    mentions: &[Mention],
    kb: &Kb,
    start: usize,
) -> Option<Vec<Participant>> {
    let k = start.checked_sub(2)?;
    if units[k + 1].word != "-" || !units[k].is_mention() {
        return None;
    }
    let ps = mention_participants(&units[k], mentions);
    (!ps.is_empty() && ps.iter().all(|p| kb.actor_type(&p.actor) == ActorType::Igo)).then_some(ps)
}

/// True when the mention at `k` only modifies the word after it, inside a
/// trigger ending at `end`: glued by a hyphen (`UN-Sanktionen`).
fn modifies_next_word(units: &[Unit], k: usize, end: usize) -> bool {
    // (not `the Russian ambassador`, `his Chinese counterpart`: a demonym
    // before a person's role names the participant)
    let word_at = |j: usize| j < end && units.get(j).is_some_and(|u| !u.is_mention() && !u.punct);
    // the last of a chain of actors (`USA-Japan-Gespräche`) names a party
    let chained = k >= 2 && units[k - 1].word == "-" && units[k - 2].is_mention();
    !chained && units.get(k + 1).is_some_and(|u| u.word == "-") && word_at(k + 2)
}

/// The groups of a verb-final clause (`verb_final_groups`).
#[derive(Debug, Default)]
struct VerbFinal {
    subject: Vec<Participant>,
    object: Vec<Participant>,
    addressees: Vec<Participant>,
    partners: Vec<Participant>,
}

/// The preposition (skipping articles) that governs the mention at `k`, as
/// its cue.
fn governing_preposition(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    k: usize,
    floor: usize,
) -> Option<Cue> {
    let mut p = k;
    while p > floor {
        p -= 1;
        if units[p].is_mention() || units[p].punct {
            return None;
        }
        if pack.is_article(&units[p].word) {
            continue;
        }
        return [
            Cue::ToPrep,
            Cue::With,
            Cue::Between,
            Cue::By,
            Cue::Of,
            Cue::LocationPrep,
        ]
        .into_iter()
        .find(|&c| pack.cue_at(c, words, p) == Some(p + 1));
    }
    None
}

/// The start of a governing verb (`announced`, `a ordonné`, `verkündete`)
/// standing before the noun at `noun`, with only articles, adjectives,
/// numbers and possessives between (`announced the immediate expulsion`).
fn governing_verb_before(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    floor: usize,
    noun: usize,
) -> Option<usize> {
    let lowest = noun.saturating_sub(6).max(floor);
    (lowest..noun).rev().find(|&j| {
        !units[j].is_mention()
            && pack
                .cue_at(Cue::Governing, words, j)
                .is_some_and(|e| e <= noun && e > j)
            && {
                let e = pack.cue_at(Cue::Governing, words, j).unwrap_or(noun);
                noun - e <= 3
                    && plain_words(
                        units,
                        words,
                        pack,
                        e..noun,
                        &[
                            Cue::Boundary,
                            Cue::Governing,
                            Cue::Function,
                            Cue::LocationPrep,
                            Cue::ToPrep,
                            Cue::Of,
                            Cue::With,
                            Cue::By,
                        ],
                    )
            }
    })
}

/// `El presidente de Venezuela, Nicolás Maduro, y su homólogo de Guyana,
/// Irfaan Ali, se reunieron`: a short noun phrase naming a role of a state,
/// set off by commas before a segment that is only a person's name, is that
/// person's apposition and part of the subject list. The phrase opens with
/// an article or a coordinator, has no other actor, and names its state by
/// a demonym (`le président français`, `the Japanese prime minister`) or by
/// `of` + the state at its end (`del Venezuela`, `de la France`), never by
/// another preposition (`the attack on Ukraine, Erdoğan said`).
fn role_before_name(
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
    (a, b): (usize, usize),
    (c, d): (usize, usize),
) -> bool {
    let person = |k: usize| {
        units[k].is_mention()
            && units[k]
                .mentions
                .iter()
                .all(|&m| mentions[m].actor_type == ActorType::Person)
    };
    if c >= d || !(c..d).all(person) || b < a + 3 || b - a > 8 {
        return false;
    }
    if !(pack.is_article(words[a]) || pack.cue_at(Cue::And, words, a).is_some()) {
        return false;
    }
    if (a..b).any(|k| units[k].punct) {
        return false;
    }
    let actors: Vec<usize> = (a..b).filter(|&k| units[k].is_mention()).collect();
    let [k] = actors[..] else {
        return false;
    };
    if person(k) {
        return false;
    }
    let demonym = units[k]
        .mentions
        .iter()
        .all(|&m| mentions[m].form == MentionForm::Adjective);
    let of_state = k + 1 == b
        && ((k >= 1 && pack.cue_at(Cue::Of, words, k - 1) == Some(k))
            || (k >= 2
                && pack.is_article(words[k - 1])
                && pack.cue_at(Cue::Of, words, k - 2) == Some(k - 1)));
    demonym || of_state
}

/// `the visit of X to Y`: a mention inside a genitive right after a noun is
/// not the subject of a later verb only when it follows `with`.
fn mention_is_possessor_of_object(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    k: usize,
) -> bool {
    k > 0 && !units[k - 1].is_mention() && pack.cue_at(Cue::With, words, k - 1) == Some(k)
}

/// What stands to the right of a trigger.
#[derive(Debug, Default)]
struct Objects {
    /// The first group of coordinated actors (the direct object).
    first: Vec<Participant>,
    /// True when `first` is a list of several actors joined by commas/`and`.
    first_is_list: bool,
    /// True when a `to` preposition stands right before `first` (`pledged to
    /// Poland`, `s'est engagé auprès du Premier ministre polonais`).
    first_to: bool,
    /// The group after the first (`the recall of the French ambassador in
    /// Algiers`: when the first is the actor itself, this one receives).
    next: Vec<Participant>,
    with: Vec<Participant>,
    /// Each `with` phrase apart (`spoke with Putin and with Macron`: two calls).
    with_groups: Vec<Vec<Participant>>,
    between: Vec<Participant>,
    /// The passive agent (`by X`).
    agent: Vec<Participant>,
    /// A genitive right after a noun trigger (`visit of X`).
    genitive: Vec<Participant>,
    /// States named after a location preposition.
    place_states: Vec<Participant>,
    /// The place is the trigger's own object (`shelled Ukrainian villages`,
    /// `ha bombardato villaggi ucraini`): what is struck is that place.
    place_is_object: bool,
    location: Option<Location>,
}

impl Objects {
    /// True when `actor` is named in the `with` or `between` phrase.
    fn partner(&self, actor: &ActorId) -> bool {
        self.with
            .iter()
            .chain(self.between.iter())
            .any(|w| &w.actor == actor)
    }
}

#[allow(clippy::too_many_arguments)]
fn object_groups(
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
    kb: &Kb,
    from: usize,
    to: usize,
    trig: &Trigger,
) -> Objects {
    let mut o = Objects::default();
    let mut k = from;
    let mut first_done = false;
    while k < to {
        let u = &units[k];
        if !u.is_mention() {
            // places not known as actors: `a Lima`, `in Wiesbaden`
            if o.location.is_none() && pack.is_cue(Cue::LocationPrep, words[k]) {
                let mut j = k + 1;
                while j < to && pack.is_article(words[j]) {
                    j += 1;
                }
                if j < to
                    && !units[j].is_mention()
                    && units[j].capitalised
                    && let Some(place) = kb.place(&units[j].surface)
                {
                    o.location = Some(place_location(&place));
                    if trig.flags.visit {
                        o.place_states.push(place_host(&place, &units[j].surface));
                    }
                }
            }
            // a visit's object a place (`visited Eindhoven`, `ha visitato la
            // base aerea di Eindhoven`): the state it lies in is the host
            if trig.flags.visit
                && o.place_states.is_empty()
                && u.capitalised
                && k < from + 5
                && (from..k).all(|j| !units[j].is_mention() && !units[j].punct)
                && let Some(place) = kb.place(&u.surface)
            {
                o.place_states.push(place_host(&place, &u.surface));
                o.location.get_or_insert_with(|| place_location(&place));
            }
            k += 1;
            continue;
        }
        // `the violation of Qatar's sovereignty`, `la souveraineté qatarie`:
        // the state whose sovereignty or airspace is violated suffers the
        // act that is criticised; it is not the act's target
        if victim_of_noun(
            units,
            words,
            pack,
            k,
            from,
            trig.event_type.quad() == entente_model::Quad::VerbalConflict,
        ) {
            k += 1;
            continue;
        }
        let ps = mention_participants(u, mentions);
        let prev = (from..k).rev().find(|&p| !pack.is_article(words[p]));
        let prev_word = prev.map(|p| words[p]).unwrap_or("");
        let is_with = governed_by(units, words, pack, Cue::With, k, from);
        // (a trigger may end in its own `between`: `combates entre`)
        let between_floor = if from > 0 && pack.cue_at(Cue::Between, words, from - 1) == Some(from)
        {
            from - 1
        } else {
            from
        };
        let is_between = governed_by(units, words, pack, Cue::Between, k, between_floor);
        // (`dall'Italia`, `dalla Libia`: the by-word may be an article-like
        // contraction itself)
        let is_by = (prev.unwrap_or(k)..k).any(|p| pack.is_cue(Cue::By, words[p]))
            // (`da parte della Russia`: a by-phrase of several words)
            || (from.max(k.saturating_sub(5))..k).any(|j| {
                pack.cue_at(Cue::By, words, j)
                    .is_some_and(|e| e <= k && (e..k).all(|x| pack.is_article(words[x])))
            })
            // (`dal governo tedesco`, `du ministre allemand des Affaires
            // étrangères`: a body or title between the by-word and the
            // actor it belongs to)
            || (trig.flags.noun
                && mentions[u.mentions[0]].sector.is_some()
                && (from.max(k.saturating_sub(5))..k).any(|j| {
                    pack.cue_at(Cue::By, words, j).is_some_and(|e| {
                        e < k
                            && (e..k).all(|x| {
                                !units[x].is_mention()
                                    && !units[x].punct
                                    && (pack.is_article(words[x])
                                        || pack.is_cue(Cue::Of, words[x])
                                        || !function_word(pack, words, x))
                            })
                    })
                }));
        // `met in Lima`, `ha incontrato a Lima`: for a meeting (and a
        // protest, `ont manifesté à Niamey`) the place is where it happened;
        // for other acts `a`/`to` names the recipient (`fornire carri armati
        // a Kiev`)
        let meeting = trig.event_type == EventType::Consult || trig.flags.visit;
        // `the Finnish border`, `la frontière finlandaise`: a demonym beside a
        // noun of place names a place
        let beside_place_noun = mentions[u.mentions[0]].form == MentionForm::Adjective
            && [k.checked_sub(1), Some(k + 1)]
                .into_iter()
                .flatten()
                .any(|j| {
                    j < units.len()
                        && !units[j].is_mention()
                        && pack.cue_at(Cue::PlaceNoun, words, j).is_some()
                });
        // (an organisation's seat after `à`/`a`, `à Bruxelles`, is where the
        // act happened: an organisation is addressed by its name, not its seat)
        let seat_of_igo = {
            let m = &mentions[u.mentions[0]];
            m.form == MentionForm::Capital
                && ps.iter().all(|p| kb.actor_type(&p.actor) == ActorType::Igo)
        };
        // (a person is never the place: `ha telefonato a Netanyahu`)
        let person = !ps.is_empty() && ps.iter().all(|p| p.person.is_some());
        // `outside the French embassy`, `devant l'ambassade de France`: a
        // protest or an attack at a state's mission is aimed at that state
        let at_mission = matches!(trig.event_type, EventType::Protest | EventType::Assault)
            && (k + 1 < units.len()
                && !units[k + 1].is_mention()
                && pack.cue_at(Cue::Mission, words, k + 1).is_some()
                || (from..k).rev().take(3).any(|j| {
                    !units[j].is_mention()
                        && pack.cue_at(Cue::Mission, words, j).is_some()
                        && (j + 1..k).all(|x| {
                            !units[x].is_mention()
                                && (pack.is_cue(Cue::Of, words[x]) || pack.is_article(words[x]))
                        })
                }));
        let in_place = !person
            && !at_mission
            && (beside_place_noun
                || (after_location_prep(units, words, pack, k)
                    && (meeting
                        || seat_of_igo
                        || trig.event_type == EventType::Protest
                        || !pack.is_cue(Cue::ToPrep, prev_word))));
        // right after the trigger a mention is its genitive (`la visita
        // Meloni`), unless the trigger ends with `to`/`on`/`against`
        // (`attack on Ukraine`: the target)
        let is_genitive = (k <= from + 5 && governed_by(units, words, pack, Cue::Of, k, from))
            || (k == from && !(from > 0 && pack.is_cue(Cue::ToPrep, words[from - 1])));
        if in_place {
            // a demonym on a place noun right after the trigger, no
            // preposition between, is its object (`shelled Ukrainian
            // villages`, `a bombardé des villages ukrainiens`)
            if beside_place_noun
                && o.location.is_none()
                && k <= from + 4
                && plain_words(
                    units,
                    words,
                    pack,
                    from..k,
                    &[
                        Cue::LocationPrep,
                        Cue::ToPrep,
                        Cue::From,
                        Cue::With,
                        Cue::By,
                    ],
                )
            {
                o.place_is_object = true;
            }
            // a capital or a state after `in`/`a`: the place
            let m = &mentions[u.mentions[0]];
            if o.location.is_none() {
                o.location = Some(Location {
                    country: ps.first().map(|p| p.actor.clone()),
                    place: matches!(m.form, MentionForm::Capital)
                        .then(|| m.surface.clone())
                        // (a demonym names no place: `coste indiane` is
                        // no `Indiana`)
                        .or_else(|| {
                            (m.form != MentionForm::Adjective)
                                .then(|| kb.place(&m.surface).map(|p| p.name))
                                .flatten()
                        }),
                });
            }
            // the first place phrase (and places coordinated with it) names
            // where the act happened; a later one belongs to something else
            // (`ihre Visite in Lissabon zur Lage in der Ukraine`)
            let coordinated_place = k > 0
                && (units[k - 1].word == "," || pack.cue_at(Cue::And, words, k - 1) == Some(k));
            if o.place_states.is_empty() || coordinated_place {
                for p in ps {
                    push_unique(&mut o.place_states, p);
                }
            }
            k += 1;
            continue;
        }
        // collect the coordinated group starting here
        let mut group = ps;
        let mut j = k + 1;
        let mut list = false;
        // `French President Emmanuel Macron and German Chancellor Olaf Scholz`:
        // a title between a state and a person's name binds them into one
        // member of the group
        let bridge = |from: usize| -> Option<usize> {
            let mut x = from;
            while x < to
                && x < from + 3
                && !units[x].is_mention()
                && !units[x].punct
                && pack.cue_at(Cue::And, words, x).is_none()
                && !function_word(pack, words, x)
            {
                x += 1;
            }
            (x > from
                && x < to
                && units[x].is_mention()
                && units[x]
                    .mentions
                    .iter()
                    .all(|&m| mentions[m].actor_type == ActorType::Person))
            .then_some(x)
        };
        // `al presidente de Colombia, Gustavo Petro,`, `le chancelier
        // allemand Olaf Scholz`: a mention of an actor the member already
        // names (its state after a title, its name in apposition) goes on
        // with the same member
        let same_member = |j: usize, group: &[Participant]| -> Option<usize> {
            let mut x = j;
            while x < to
                && x < j + 3
                && !units[x].is_mention()
                && (units[x].word == ","
                    || pack.is_article(words[x])
                    || pack.is_cue(Cue::Of, words[x]))
            {
                x += 1;
            }
            let ps = if x < to && units[x].is_mention() {
                mention_participants(&units[x], mentions)
            } else {
                Vec::new()
            };
            (!ps.is_empty() && ps.iter().all(|p| group.iter().any(|g| g.actor == p.actor)))
                .then_some(x + 1)
        };
        // (the name tells who: `britannique Keir Starmer`)
        let take_same_member = |j: &mut usize, group: &mut Vec<Participant>| {
            while let Some(next) = same_member(*j, group) {
                for p in mention_participants(&units[next - 1], mentions) {
                    push_unique(group, p);
                }
                *j = next;
            }
        };
        loop {
            take_same_member(&mut j, &mut group);
            if let Some(x) = bridge(j) {
                for p in mention_participants(&units[x], mentions) {
                    push_unique(&mut group, p);
                }
                j = x + 1;
            }
            take_same_member(&mut j, &mut group);
            let mut g = j;
            let mut joined = false;
            // (an agent's preposition may open each member: `dal Regno
            // Unito, dalla Francia e dall'Unione europea`)
            while g < to
                && !units[g].is_mention()
                && (units[g].word == ","
                    || pack.cue_at(Cue::And, words, g).is_some()
                    || pack.is_article(words[g])
                    || pack.is_cue(Cue::Of, words[g])
                    || (is_by && pack.is_cue(Cue::By, words[g])))
            {
                if units[g].word == "," || pack.cue_at(Cue::And, words, g).is_some() {
                    joined = true;
                }
                g += 1;
            }
            // `et le Premier ministre polonais Donald Tusk`: after the
            // coordinator, a title before the next member's demonym or name
            // (`y al presidente de Chile`: the title may open with a `to`
            // word and name its state in a genitive)
            if joined && g < to && !units[g].is_mention() {
                let mut x = g;
                let mut title = false;
                let mut genitive = false;
                if pack.is_cue(Cue::ToPrep, words[x]) {
                    // (`y al presidente`, `et contre la Chine`: the same
                    // preposition again before the next member)
                    title = true;
                    x += 1;
                }
                while x < to && x < g + 5 && !units[x].is_mention() && !units[x].punct {
                    if pack.is_cue(Cue::Of, words[x]) || pack.is_article(words[x]) {
                        genitive |= pack.is_cue(Cue::Of, words[x]);
                    } else if !genitive
                        && pack.cue_at(Cue::And, words, x).is_none()
                        && !function_word(pack, words, x)
                    {
                        title = true;
                    } else {
                        break;
                    }
                    x += 1;
                }
                if title
                    && x < to
                    && units[x].is_mention()
                    && units[x].mentions.iter().all(|&m| {
                        mentions[m].actor_type == ActorType::Person
                            || mentions[m].form == MentionForm::Adjective
                            || (genitive && mentions[m].actor_type == ActorType::State)
                    })
                {
                    g = x;
                }
            }
            let only_comma = (j..g).all(|x| pack.cue_at(Cue::And, words, x).is_none());
            let same_type = |a: &Unit, b: &Unit| {
                mentions[a.mentions[0]].actor_type == mentions[b.mentions[0]].actor_type
            };
            // `… contro l'Ucraina e la Cina prosegue`: an actor followed by a
            // content word opens a new clause rather than ending the list
            let opens_clause = |g: usize| {
                units.get(g + 1).is_some_and(|n| {
                    !n.punct
                        && !n.is_mention()
                        && !n.capitalised
                        && !pack.is_article(&n.word)
                        && !function_word(pack, words, g + 1)
                })
            };
            if joined
                && g < to
                && units[g].is_mention()
                && !after_location_prep(units, words, pack, g)
                && (!only_comma || same_type(&units[j - 1], &units[g]))
                // (`between` names two sides: its second is never a new
                // clause's subject, `the meeting between X and Y ended`)
                && (!opens_clause(g) || (is_between && !list))
            {
                for p in mention_participants(&units[g], mentions) {
                    push_unique(&mut group, p);
                }
                list = true;
                j = g + 1;
            } else {
                break;
            }
        }
        if is_with {
            for p in group.iter() {
                push_unique(&mut o.with, p.clone());
            }
            o.with_groups.push(group.clone());
        } else if is_between {
            for p in group.iter() {
                push_unique(&mut o.between, p.clone());
            }
        } else if is_by
            && o.agent.is_empty()
            // (German `von` right after a noun is its genitive: `der Besuch
            // von Biden in Kiew`)
            && !(is_genitive && trig.flags.noun && o.genitive.is_empty())
        {
            o.agent = group.clone();
        } else if is_genitive && trig.flags.noun && o.genitive.is_empty() {
            // `la guerra della Russia contro l'Ucraina`: the genitive acts,
            // the next group receives
            o.genitive = group.clone();
            k = j;
            continue;
        }
        // a noun's object is a `to`/`against` phrase (`war against Ukraine`)
        let noun_object_ok = !trig.flags.noun
            || is_with
            || is_between
            || governed_by(units, words, pack, Cue::ToPrep, k, from);
        if !first_done && !is_by && noun_object_ok {
            o.first = group;
            o.first_is_list = list;
            o.first_to = right_after_cue(units, words, pack, Cue::ToPrep, k, from);
            first_done = true;
        } else if first_done
            && o.next.is_empty()
            && !is_by
            && !is_with
            && !is_between
            && (pack.is_cue(Cue::LocationPrep, prev_word) || pack.is_cue(Cue::ToPrep, prev_word))
        {
            o.next = group;
        }
        k = j;
    }
    o
}

/// True when a word that ends like a participle (`-ita`, `-ida`) is the
/// present tense in `-a` of the entry's own infinitive in `-are`/`-ar`:
/// `visita` of `visitare`, `suscita` of `suscitare`, `intimida` of
/// `intimidar` (while `colpita` is a participle of `colpire`, and a French
/// `signé` is a participle of `signer`).
fn present_of_entry(surface: &str, entry: &str) -> bool {
    let Some(stem) = surface.strip_suffix('a') else {
        return false;
    };
    stem.chars().count() >= 3
        && entry.split_whitespace().any(|w| {
            let w = w.trim_start_matches('=');
            w.strip_prefix(stem)
                .is_some_and(|rest| matches!(rest, "are" | "ar"))
        })
}

/// True when a cue of `kind` (of one word or several: `auprès du`) ends
/// right before the unit at `k`, across articles only.
fn right_after_cue(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    kind: Cue,
    k: usize,
    floor: usize,
) -> bool {
    let mut e = k;
    while e > floor && !units[e - 1].is_mention() && pack.is_article(&units[e - 1].word) {
        e -= 1;
    }
    // (the preposition may end in an article-like word: `auprès de`)
    (e.saturating_sub(5).max(floor)..e).any(|s| {
        !(s..e).any(|j| units[j].is_mention() || units[j].punct)
            && pack
                .cue_at(kind, words, s)
                .is_some_and(|end| (e..=k).contains(&end))
    })
}

/// True when the mention at `k` is the owner of a victim noun (`Qatar's
/// sovereignty`, `the sovereignty of Qatar`, `Souveränität Katars`,
/// `soberanía libanesa`).
fn victim_of_noun(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    k: usize,
    from: usize,
    criticism: bool,
) -> bool {
    let noun_at = |j: usize| {
        j < units.len()
            && !units[j].is_mention()
            && pack.cue_at(Cue::VictimNoun, words, j).is_some()
    };
    // after the noun, across `of` and articles (or none: a German genitive,
    // a Romance adjective)
    let mut j = k;
    while j > from {
        j -= 1;
        // (in a criticism, a noun of several words ending right before:
        // `una violazione del territorio sovrano ucraino`; a deployment
        // `pour protéger l'espace aérien polonais` is for the state named)
        if noun_at(j)
            || criticism
                && (j.saturating_sub(3).max(from)..j).any(|s| {
                    !units[s].is_mention() && pack.cue_at(Cue::VictimNoun, words, s) == Some(j + 1)
                })
        {
            return true;
        }
        if !(pack.is_article(words[j]) || pack.is_cue(Cue::Of, words[j])) || k - j > 3 {
            break;
        }
    }
    // before the noun: `Qatar's sovereignty`, `Qatari airspace`
    let next = if units.get(k + 1).is_some_and(|u| u.word == "'s") {
        k + 2
    } else {
        k + 1
    };
    noun_at(next)
}

/// A preposition, conjunction or other grammatical word of the language.
fn function_word(pack: &LanguagePack, words: &Words, k: usize) -> bool {
    [
        Cue::Of,
        Cue::ToPrep,
        Cue::LocationPrep,
        Cue::With,
        Cue::Between,
        Cue::And,
        Cue::Boundary,
        Cue::By,
        Cue::Since,
        Cue::Function,
    ]
    .into_iter()
    .any(|c| pack.cue_at(c, words, k).is_some())
}

/// True when a cue of `kind` governs the mention at `k`: it stands among
/// the five units before it, with no punctuation or other actor between.
fn governed_by(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    kind: Cue,
    k: usize,
    floor: usize,
) -> bool {
    let mut p = k;
    let mut steps = 0;
    while p > floor && steps < 5 {
        p -= 1;
        steps += 1;
        if units[p].is_mention() || (units[p].punct && units[p].word != "'") {
            return false;
        }
        if pack.cue_at(kind, words, p).is_some_and(|e| e == p + 1) {
            return true;
        }
    }
    false
}

/// `China's growing strength`, `North Korea's recent launches`: an actor
/// with a possessive right before the trigger (at most two words between).
fn possessor_before(
    units: &[Unit],
    mentions: &[Mention],
    start: usize,
) -> Option<Vec<Participant>> {
    for gap in 0..=2 {
        let s = start.checked_sub(gap + 1)?;
        if units[s].word == "'s" {
            let m = s.checked_sub(1)?;
            if units[m].is_mention() {
                let ps = mention_participants(&units[m], mentions);
                return (!ps.is_empty()).then_some(ps);
            }
            return None;
        }
        if units[s].punct || units[s].is_mention() {
            return None;
        }
    }
    None
}

/// A possessive determiner (`his`, `ihrer`, `sa`, `su`) right before a
/// noun trigger, or one adjective before it.
fn possessive_determiner_before(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    start: usize,
) -> bool {
    (start.saturating_sub(2)..start).any(|j| {
        !units[j].is_mention()
            && pack.cue_at(Cue::Possessive, words, j) == Some(j + 1)
            && (j + 1..start).all(|x| !units[x].punct && !units[x].is_mention())
    })
}

/// The actors before the sentence's first trigger: the subject of its main
/// clause when a later verb stands in a relative clause (`… in cui condannano`).
fn first_clause_subject(
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
    found: &[Found],
) -> Vec<Participant> {
    let end = found.first().map(|f| f.start).unwrap_or(0);
    subject_group(units, words, mentions, pack, 0, end)
}

/// The subject of the clause that the phrase of trigger `k` opens: the
/// actors between the comma closing the phrase and the next verb trigger
/// (`Nel colloquio con Biden, Putin ha accettato …`: Putin).
fn opened_clause_subject(
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
    found: &[Found],
    k: usize,
) -> Vec<Participant> {
    let Some(comma) = (found[k].end..units.len()).find(|&j| units[j].word == ",") else {
        return vec![];
    };
    found[k + 1..]
        .iter()
        .find(|f| f.start > comma && !f.trigger.flags.noun)
        .map(|f| subject_group(units, words, mentions, pack, comma + 1, f.start))
        .unwrap_or_default()
}

/// The subject of the clause a phrase of occasion stands in: the previous
/// act's in the sentence, else the subject of the clause the phrase opens
/// (`At the end of a visit to Hanoi, Putin warned`; in a verb-second
/// language after the finite verb, `Bei seinem Besuch in Berlin hatte
/// Netanjahu … gesprochen`).
fn occasion_subject(
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
    found: &[Found],
    k: usize,
    prev_subject: Option<&[Participant]>,
) -> (Vec<Participant>, &'static str) {
    if let Some(ps) = prev_subject.filter(|p| !p.is_empty()) {
        return (
            ps.to_vec(),
            "the subject of the clause the phrase of occasion stands in",
        );
    }
    let from = "the subject of the clause the phrase of occasion opens";
    if !pack.verb_second() {
        return (
            opened_clause_subject(units, words, mentions, pack, found, k),
            from,
        );
    }
    let Some(main) = found[k + 1..]
        .iter()
        .find(|g| !g.trigger.flags.noun && g.occasion.is_none())
    else {
        return (vec![], from);
    };
    let aux = (found[k].end..main.start)
        .find(|&j| !units[j].is_mention() && pack.cue_at(Cue::Auxiliary, words, j) == Some(j + 1));
    let s = match aux {
        Some(a) => subject_group(units, words, mentions, pack, a + 1, main.start),
        // (no auxiliary: the subject is the first actor after the verb
        // that no preposition governs)
        None => (main.end..units.len())
            .take_while(|&j| !units[j].punct)
            .find(|&j| {
                units[j].is_mention()
                    && governing_preposition(units, words, pack, j, main.end).is_none()
            })
            .map(|j| mention_participants(&units[j], mentions))
            .unwrap_or_default(),
    };
    (s, from)
}

/// Whether a phrase of occasion (`during`, `on the sidelines of`, `lors
/// de`, `bei`, `a margine di`) opens the noun phrase whose head is the word
/// at `start`: at most three words (a determiner, a possessor, an
/// adjective) stand between, no punctuation.
fn occasion_before(units: &[Unit], pack: &LanguagePack, words: &Words, start: usize) -> bool {
    occasion_start(units, pack, words, start).is_some()
}

/// Where the phrase of occasion whose head is the word at `start` opens
/// (see [`occasion_before`]).
fn occasion_start(
    units: &[Unit],
    pack: &LanguagePack,
    words: &Words,
    start: usize,
) -> Option<usize> {
    (start.saturating_sub(8)..start).find(|&j| {
        !units[j].is_mention()
            && pack.cue_at(Cue::Occasion, words, j).is_some_and(|e| {
                e <= start
                    && (e..start).all(|x| !units[x].punct || units[x].word == "'")
                    && (e..start).filter(|&x| !units[x].is_mention()).count() <= 3
            })
    })
}

/// The sentence's speaker: the actor next to a speech verb.
fn find_speaker(
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
) -> Option<(Vec<Participant>, bool)> {
    for k in 0..units.len() {
        if units[k].is_mention() {
            continue;
        }
        let Some(e) = pack.cue_at(Cue::Speech, words, k) else {
            continue;
        };
        // after the verb: `ha affermato Rutte`, `said Daniel Russell`, `secondo il ministero`
        // (not an actor a preposition governs: `ha ribadito il sostegno
        // all'Ucraina` names whom the support is for)
        // (a pronoun there is the speaker, unnamed: `selon eux aux
        // résolutions du Conseil`)
        let after = (e..units.len().min(e + 5))
            .take_while(|&j| {
                (!units[j].punct || units[j].word == ",")
                    && (units[j].is_mention() || pack.cue_at(Cue::Pronoun, words, j).is_none())
            })
            .find(|&j| units[j].is_mention() && !hyphen_modifier(units, words, pack, j))
            .filter(|&j| governing_preposition(units, words, pack, j, e).is_none());
        // before the verb: `Rutte ha affermato`, `Blinken said`; in a
        // verb-second language not one after `with`, `in` or `to`, whose
        // speaker follows the verb (`Bei ihrem Besuch in Lissabon sagte
        // Baerbock`)
        let before = (k.saturating_sub(4)..k)
            .rev()
            .find(|&j| units[j].is_mention())
            .filter(|&j| {
                !(pack.verb_second()
                    && matches!(
                        governing_preposition(units, words, pack, j, 0),
                        Some(Cue::With | Cue::Between | Cue::ToPrep | Cue::LocationPrep)
                    ))
            });
        // `…, ha affermato Rutte`: after a comma or a closing quote the speaker
        // follows; the verb's auxiliary (`ha`, `a`) does not stand between
        let mut lead = k;
        while lead > 0
            && !units[lead - 1].is_mention()
            && pack.cue_at(Cue::Auxiliary, words, lead - 1) == Some(lead)
        {
            lead -= 1;
        }
        // in a verb-second language a clause opening with a prepositional
        // phrase puts its subject after the verb (`Nach dem Treffen mit
        // Macron sagte Scholz`)
        let fronted_phrase = pack.verb_second() && {
            let start = (0..lead)
                .rev()
                .find(|&x| units[x].punct)
                .map_or(0, |x| x + 1);
            (start..lead)
                .find(|&x| !pack.is_article(&units[x].word))
                .is_some_and(|x| {
                    !units[x].is_mention()
                        && [
                            Cue::With,
                            Cue::LocationPrep,
                            Cue::ToPrep,
                            Cue::Between,
                            Cue::Since,
                        ]
                        .into_iter()
                        .any(|c| pack.cue_at(c, words, x).is_some())
                })
        };
        // `Raab condemned the attack and said Iran should not …`: a speech
        // verb coordinated after another keeps that clause's subject, the
        // actors of the stretch since the last punctuation before it
        let coordinated_speech = before.is_none()
            && lead > 0
            && !units[lead - 1].is_mention()
            && pack.cue_at(Cue::And, words, lead - 1) == Some(lead);
        if coordinated_speech {
            let from = (0..lead)
                .rev()
                .find(|&x| units[x].punct)
                .map_or(0, |x| x + 1);
            let ps = subject_group(units, words, mentions, pack, from, lead - 1);
            if !ps.is_empty() {
                return Some((ps, false));
            }
        }
        let pick = if (lead > 0 && (units[lead - 1].punct || units[lead - 1].word == "\""))
            || (fronted_phrase && after.is_some())
        {
            after
        } else {
            before.or(after)
        };
        if let Some(j) = pick {
            // the whole coordinated group before the verb (`Ishiba e Rutte hanno affermato`)
            let ps = if Some(j) == before {
                let from = (0..j)
                    .rev()
                    .find(|&x| units[x].punct || pack.cue_at(Cue::Boundary, words, x).is_some())
                    .map(|x| x + 1)
                    .unwrap_or(0);
                subject_group(units, words, mentions, pack, from, k)
            } else {
                mention_participants(&units[j], mentions)
            };
            if !ps.is_empty() {
                return Some((ps, pack.cue_at(Cue::According, words, k).is_some()));
            }
        }
    }
    // `For Moscow, the deployment is a provocation`, `Per il ministro della
    // Difesa gli attacchi rappresentano una grave violazione`: with no verb
    // of speech, a sentence opening with a preposition of view tells the
    // view of the actor it governs (past an article and a role word or two)
    opinion_actor(units, words, mentions, pack, 0, units.len()).map(|(_, ps)| (ps, false))
}

/// The actor a preposition of view (cues.tsv `opinion`) starting at `at`
/// governs (`For Moscow`, `Per il ministro della Difesa Guido Crosetto`,
/// `per il Consiglio per la sicurezza nazionale della Casa Bianca`): the
/// phrase opens with the actor, an article or a possessive — not with a
/// verb (`Pour contrer la Russie`, `Para evitar una escalada`) or another
/// word (`Per questo`) — and names no time (`For the first time`).
fn opinion_actor(
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
    at: usize,
    limit: usize,
) -> Option<(usize, Vec<Participant>)> {
    if units.get(at).is_none_or(|u| u.is_mention()) {
        return None;
    }
    let open = pack.cue_at(Cue::Opinion, words, at)?;
    let opener = units.get(open)?;
    if !(opener.is_mention()
        || pack.is_article(words[open])
        || pack.cue_at(Cue::Possessive, words, open).is_some())
    {
        return None;
    }
    let first = (open..limit.min(units.len()).min(open + 11))
        .take_while(|&j| {
            units[j].is_mention()
                || (!units[j].punct && pack.cue_at(Cue::TimeNoun, words, j).is_none())
        })
        .find(|&j| units[j].is_mention())?;
    let ps = mention_participants(&units[first], mentions);
    (!ps.is_empty()).then_some((first, ps))
}

/// Future marked by a cue before the trigger (`will`, `previsto`) or by the
/// verb's own ending (`visiterà`) — the ending of a word of the phrase, not
/// of a word its gap skips (`convocó en la cancillería al embajador`).
fn future_marked(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    phrase: &Phrase,
    from: usize,
    start: usize,
    end: usize,
) -> bool {
    // up to five words back, not across punctuation or an actor
    let mut near = start;
    while near > from && start - near < 5 && !units[near - 1].punct && !units[near - 1].is_mention()
    {
        near -= 1;
    }
    (near..start).any(|k| {
        pack.cue_at(Cue::Future, words, k)
            .is_some_and(|e| e <= start + 1)
    }) || (start..end).any(|k| {
        pack.has_future_suffix(&units[k].surface.to_lowercase())
            && phrase
                .0
                .iter()
                .any(|t| !matches!(t, PatTok::Gap(_)) && t.matches(words, k))
    }) || {
        // (or a verb in the future that governs it past its `a`, `à`, `de`:
        // `continuerà a sostenere`, `continuera de soutenir`; not one whose
        // object it is, `l'autre lui portera aide`)
        start > from + 1
            && !units[start - 1].is_mention()
            && (pack.is_cue(Cue::ToPrep, words[start - 1])
                || pack.is_cue(Cue::Of, words[start - 1]))
            && !units[start - 2].is_mention()
            && !units[start - 2].punct
            && pack.has_future_suffix(&units[start - 2].surface.to_lowercase())
    }
}

/// Record why an act is planned, and recode it as PLOVER codes an act
/// announced for the future: a cooperative act is an agreement to carry it
/// out, an attack a threat; an announced sanction, expulsion, deployment or
/// withdrawal is the measure itself, decided and planned (`will withdraw
/// its troops by summer`).
fn announce(event_type: &mut EventType, why: &mut Vec<String>, reason: String) {
    why.push(reason);
    let recoded = match event_type.quad() {
        entente_model::Quad::VerbalCooperation | entente_model::Quad::MaterialCooperation
            if !matches!(event_type, EventType::Agree | EventType::Retreat) =>
        {
            EventType::Agree
        }
        _ if *event_type == EventType::Assault => EventType::Threaten,
        _ => return,
    };
    why.push(format!(
        "{event_type} announced for the future → {recoded} (PLOVER)"
    ));
    *event_type = recoded;
}

/// `since` opening the clause of the trigger (`da quando la Russia ha invaso`).
fn since_clause(
    _units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    from: usize,
    start: usize,
) -> bool {
    let lo = from.saturating_sub(3);
    (lo..start).any(|k| {
        pack.cue_at(Cue::Since, words, k)
            .is_some_and(|e| e > k + 1 || !words[k].starts_with("da"))
            && k + 8 >= start
    })
}

/// True when the date at `ds..de` describes something else than the act
/// of the trigger at `ts..te`: it stands after the trigger inside a relative
/// clause or a participle phrase (`el tratado que firmó con España en 2002`,
/// `el tratado firmado en 1987`), in an `of` phrase of another noun (`the
/// accord of 19 September`, `der Vertrag vom 7. Dezember`), or a year is
/// used as an attribute (`the 2015 nuclear accord`).
fn embedded_date(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    (_, te, noun): (usize, usize, bool),
    (ds, de): (usize, usize),
    precision: DatePrecision,
) -> bool {
    let attribute_year = precision == DatePrecision::Year
        && ds > 0
        && pack.is_article(words[ds - 1])
        && units.get(de).is_some_and(|u| {
            !u.punct
                && !u.is_mention()
                && !function_word(pack, words, de)
                // (`Nel 2019 la Russia`: an article after the year opens
                // the subject; the year is no attribute)
                && !pack.is_article(words[de])
        });
    if attribute_year {
        return true;
    }
    if ds < te {
        return false;
    }
    // (a participle opens a phrase when a preposition or the date follows
    // it, and a word stands between it and the trigger: `ha attaccato
    // diversi obiettivi` has an adjective, not a participle phrase)
    let relative_or_participle = (te..ds).any(|k| {
        !units[k].is_mention()
            && (pack.cue_at(Cue::Relative, words, k).is_some()
                || (k > te
                    && (k + 1 == ds || function_word(pack, words, k + 1))
                    && pack.has_participle_suffix(&units[k].surface.to_lowercase())
                    && (units[k - 1].word == ","
                        || units[k - 1].is_mention()
                        || (!units[k - 1].punct
                            && !function_word(pack, words, k - 1)
                            && !pack.is_article(words[k - 1])))))
    });
    // `of` (and an article) right before the date, after a noun past the
    // trigger (`l'attacco del 7 ottobre` is dated by it)
    // (or opening the date itself: `de 2003`)
    let of_at = if pack.cue_at(Cue::Of, words, ds) == Some(ds + 1) && ds + 1 < de {
        Some(ds)
    } else if ds >= 1 && pack.cue_at(Cue::Of, words, ds - 1) == Some(ds) {
        Some(ds - 1)
    } else if ds >= 2
        && pack.is_article(words[ds - 1])
        && pack.cue_at(Cue::Of, words, ds - 2) == Some(ds - 1)
    {
        Some(ds - 2)
    } else {
        None
    };
    // (a noun trigger's own adjectives may stand between: `l'attacco
    // missilistico del 7 ottobre`)
    // (past a demonym after the noun: `l'accord russo-ukrainien de 2003`)
    let head = |o: usize| {
        let mut h = o - 1;
        while h > 0 && h + 4 > o && (units[h].is_mention() || units[h].word == "-") {
            h -= 1;
        }
        h
    };
    let of_another_noun = of_at.is_some_and(|o| {
        let h = head(o);
        o > te
            && h >= te
            && (!noun || o > te + 2)
            && !units[h].punct
            && !units[h].is_mention()
            && !function_word(pack, words, h)
            && !pack.is_cue(Cue::TimeNoun, words[h])
            // an occasion (`in occasione del vertice del 12 luglio`): an
            // event noun's date times the acts told with it (a year alone
            // dates a past one: `das Abkommen von 2003 zu verletzen`)
            && (precision == DatePrecision::Year || pack.triggers_at(words, h).is_empty())
    });
    relative_or_participle || of_another_noun
}

fn event_date<'a>(
    date_units: &'a [(usize, usize, &DateExpr)],
    at: usize,
    from: usize,
    to: usize,
    in_since_clause: bool,
    next_trigger: Option<usize>,
    embedded: &dyn Fn(usize, usize, &DateExpr) -> bool,
) -> Option<&'a DateExpr> {
    // a deadline never dates an event; a `since` date dates only the
    // background clause it stands in; a date inside another phrase dates
    // what that phrase tells
    let usable = |d: &&(usize, usize, &DateExpr)| {
        !d.2.deadline && (in_since_clause || !d.2.since) && !embedded(d.0, d.1, d.2)
    };
    // the nearest usable one (the first of equals, in text order), asking
    // whether a date is usable, which scans the words between, only until
    // one is: a sentence of hundreds of dates stays linear per trigger
    let nearest = |keep: &dyn Fn(&(usize, usize, &DateExpr)) -> bool| {
        let mut cands: Vec<&'a (usize, usize, &DateExpr)> =
            date_units.iter().filter(|d| keep(d)).collect();
        cands.sort_by_key(|(s, _, _)| (*s as i64 - at as i64).abs());
        cands.into_iter().find(usable)
    };
    nearest(&|(s, e, _)| *e > from && *s < to)
        .or_else(|| {
            // outside the clause: not in the clause of a later verb,
            // which that verb's act owns (`withdrew from the treaty, signed
            // in 1987`; a later event noun is often the occasion itself)
            nearest(&|(s, _, _)| next_trigger.is_none_or(|n| *s < n))
        })
        .map(|d| d.2)
}

/// The date of an event whose sentence names none: the date of the
/// previous sentence's event when it is the one just before, else the
/// publication date: for the lead (its first two paragraphs) the date
/// itself, else one step coarser (a day → its month; a month → its year);
/// a publication month gives its year also to a lead act the clause sets
/// before the news (`anterior`: a pluperfect, `the recent visit`).
fn default_date(
    published: Option<PartialDate>,
    discourse: &Discourse,
    sentence_index: usize,
    paragraph: usize,
    sentence_has_dates: bool,
    anterior: bool,
) -> (Option<PartialDate>, String, bool) {
    // the previous sentence's date carries over, unless this sentence has
    // date words of its own that do not date the event (`until Friday`)
    if let Some((d, s)) = discourse.last_date {
        let adjacent = s + 1 == sentence_index
            || (discourse.last_date_paragraph == paragraph && s + 2 >= sentence_index);
        if adjacent && !sentence_has_dates {
            return (
                Some(d),
                format!("none in the sentence → {d}, the date of the event just reported"),
                false,
            );
        }
    }
    match published {
        // the lead reports the day's news: the publication day
        Some(p) if p.day.is_some() && paragraph <= 1 => (
            Some(p),
            format!("none in the sentence → {p}, the publication day (the article's lead)"),
            true,
        ),
        Some(p) if p.day.is_some() => {
            let d = p.to_month();
            (
                Some(d),
                format!("none in the sentence → {d}, the month of publication"),
                true,
            )
        }
        // a publication month: the lead reports that month's news; later
        // paragraphs get its year (they may tell of the month before, `the
        // recent visit`)
        Some(p) if p.month.is_some() && paragraph <= 1 && !anterior => (
            Some(p),
            format!("none in the sentence → {p}, the month of publication (the article's lead)"),
            true,
        ),
        Some(p) if p.month.is_some() => {
            let d = PartialDate::year(p.year);
            (
                Some(d),
                format!("none in the sentence → {d}, the year of publication"),
                true,
            )
        }
        _ => (
            None,
            "none in the sentence, and no publication date → unknown".into(),
            false,
        ),
    }
}
