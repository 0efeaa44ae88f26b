//! Agreements: security agreements named in a sentence, their parties and
//! the status the sentence gives them.
//!
//! Names come from `data/lang/<code>/agreements.tsv` (generic names, proper
//! names with their parties, cooperation that counts once agreed, and
//! references such as "such an agreement"). Parties come from the name
//! itself (`the Japan-US alliance`), a `with`/`between` phrase, the events
//! of the same sentence that agree or sign it, or the clause's subject.
//! Status comes from status cues nearest the name, else from the event that
//! moved it, else an agreement mentioned in passing exists (`signed`; an
//! alliance is `in_force`).

use crate::events::{Discourse, Participant, Unit, mention_participants, negated, subject_group};
use crate::lang::{Cue, LanguagePack, NameKind, Words};
use crate::text::Sentence;
use entente_model::{
    ActorId, Agreement, AgreementStatus, AgreementType, Article, Event, EventType, Evidence,
    Mention, PartialDate, StatusChange, stable_hash_hex,
};

struct NameHit<'a> {
    start: usize,
    end: usize,
    name: &'a crate::lang::AgreementName,
}

pub(crate) fn find(
    article: &Article,
    sentence: &Sentence,
    units: &[Unit],
    mentions: &[Mention],
    pack: &LanguagePack,
    events: &[Event],
    discourse: &mut Discourse,
) -> Vec<Agreement> {
    let words = crate::events::unit_words(units, pack);
    // names are matched on what is written, mentions included (`AUKUS` is
    // both an organisation and an agreement's name)
    let written: Vec<String> = units
        .iter()
        .map(|u| {
            if u.is_mention() {
                entente_model::fold(&u.surface)
            } else {
                u.word.clone()
            }
        })
        .collect();
    let written = pack.words(
        written
            .iter()
            .zip(units)
            .map(|(w, u)| (w.as_str(), u.surface.as_str())),
    );
    // names, longest first, not overlapping
    // names first, longest match at each place; then references (`such an
    // agreement`) where no name stands
    let mut hits: Vec<NameHit> = Vec::new();
    for references in [false, true] {
        let mut i = 0;
        while i < units.len() {
            let taken = hits.iter().any(|h| i >= h.start && i < h.end);
            let best = pack
                .agreement_index
                .candidates(&written, i)
                .into_iter()
                .map(|k| &pack.agreements[k])
                .filter(|n| (n.kind == NameKind::Reference) == references)
                .filter(|n| match n.kind {
                    // a proper name must be written as such (`Quad`, not `quad`)
                    NameKind::Proper => n.proper.as_deref().is_some_and(|p| {
                        units[i]
                            .surface
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_uppercase())
                            || p.chars().all(|c| !c.is_uppercase())
                    }),
                    _ => true,
                })
                .filter_map(|n| n.phrase.match_at(&written, i).map(|e| (e, n)))
                .filter(|(e, _)| !hits.iter().any(|h| h.start < *e && i < h.end))
                .max_by_key(|(e, _)| *e);
            match best {
                Some((e, n)) if e > i && !taken => {
                    hits.push(NameHit {
                        start: i,
                        end: e,
                        name: n,
                    });
                    i = e;
                }
                _ => i += 1,
            }
        }
    }
    hits.sort_by_key(|h| h.start);
    if hits.is_empty() {
        return vec![];
    }
    // named agreements first; cooperation counts only where none was found
    hits.sort_by_key(|h| h.name.kind == NameKind::Cooperation);
    let mut out = Vec::new();
    for h in &hits {
        let mut why = vec![format!(
            "name '{}' → {:?} (agreements.tsv {})",
            span(units, h.start, h.end),
            h.name.kind,
            pack.code
        )];
        let agreement_type = match h.name.kind {
            NameKind::Reference => match discourse.last_agreement {
                Some(t) => {
                    why.push(format!(
                        "'{}' refers to the last agreement named: {}",
                        h.name.text,
                        t.as_str()
                    ));
                    t
                }
                None => continue,
            },
            _ => h.name.agreement_type,
        };
        // the event that governs the name: an AGREE / SUPPORT / CONSULT before it
        let governing: Vec<&Event> = events
            .iter()
            .filter(|e| {
                matches!(
                    e.event_type,
                    EventType::Agree | EventType::Support | EventType::Consult
                )
            })
            .filter(|e| trigger_before(e, units, h.start))
            .collect();
        // `the agreement was signed by A and B`: a signing after the name
        // moves it too (never for cooperation, which must be agreed first)
        let governing: Vec<&Event> = if governing.is_empty() && h.name.kind != NameKind::Cooperation
        {
            events
                .iter()
                .filter(|e| matches!(e.event_type, EventType::Support | EventType::Agree))
                .collect()
        } else {
            governing
        };
        if h.name.kind == NameKind::Cooperation
            && (!out.is_empty()
                || !governing
                    .iter()
                    .any(|e| matches!(e.event_type, EventType::Agree | EventType::Support)))
        {
            continue;
        }
        if negated(units, &words, pack, h.start) {
            continue;
        }
        // parties
        let mut parties: Vec<ActorId> = h
            .name
            .parties
            .iter()
            .map(|p| ActorId::new(p.as_str()))
            .collect();
        let mut partners: Vec<ActorId> = Vec::new();
        if parties.is_empty() {
            let compound = compound_parties(units, mentions, pack, h.start, h.end);
            if compound.len() >= 2 {
                why.push("parties named with the agreement".into());
                parties = compound;
            } else if let Some(between) =
                phrase_group(units, &words, mentions, pack, Cue::Between, h.end)
                    .filter(|g| g.len() >= 2)
            {
                // `the agreement between Japan and the Philippines`
                parties = between.iter().map(|p| p.actor.clone()).collect();
                why.push("parties: the `between` phrase".into());
            } else if let Some(with) = phrase_group(units, &words, mentions, pack, Cue::With, h.end)
            {
                // `has RAAs with Australia and Britain`
                let subject = subject_group(units, &words, mentions, pack, 0, h.start);
                let subject = if subject.is_empty() {
                    discourse.last_subject.clone()
                } else {
                    subject
                };
                parties = subject.iter().map(|p| p.actor.clone()).collect();
                partners = with
                    .iter()
                    .map(|p| p.actor.clone())
                    .filter(|a| !parties.contains(a))
                    .collect();
                why.push("parties: the subject and the `with` phrase".into());
            } else if let Some(e) = governing
                .first()
                .filter(|_| agreement_type != AgreementType::Alliance)
            {
                parties = e.actor.iter().chain(e.recipient.iter()).cloned().collect();
                why.push(format!(
                    "parties: the participants of the {} event that moves it",
                    e.event_type
                ));
            } else if possessive_before(&words, h.start)
                || agreement_type != AgreementType::Alliance
            {
                let subject = subject_group(units, &words, mentions, pack, 0, h.start);
                let subject = if subject.is_empty() && possessive_before(&words, h.start) {
                    discourse.last_subject.clone()
                } else {
                    subject
                };
                parties = subject.iter().map(|p| p.actor.clone()).collect();
                why.push("parties: the subject of the sentence".into());
            }
        }
        parties.dedup();
        // status
        let cue = nearest_status(pack, &words, h.start, h.end);
        if cue.as_ref().is_some_and(|(_, t)| t.starts_with('~')) {
            // the sentence announces a step (`the pact will take effect`):
            // nothing has changed yet
            continue;
        }
        let (status, status_why) = match (cue, governing.first()) {
            (Some((s, text)), _) => (s, format!("'{text}' → {}", s.as_str())),
            (None, Some(e)) if e.event_type == EventType::Agree => (
                AgreementStatus::Agreed,
                format!("agreed ({} event)", e.event_type),
            ),
            (None, Some(e)) if e.event_type == EventType::Support => {
                (AgreementStatus::Signed, "signed (SUPPORT event)".into())
            }
            _ if agreement_type == AgreementType::Alliance => (
                AgreementStatus::InForce,
                "an existing alliance mentioned in passing → in_force".into(),
            ),
            _ => (
                AgreementStatus::Signed,
                "an existing agreement mentioned in passing → at least signed".into(),
            ),
        };
        why.push(status_why);
        discourse.last_agreement = Some(agreement_type);
        // the date of the event that moved it, else the date the sentence gives
        let date: Option<PartialDate> = governing
            .first()
            .and_then(|e| e.date)
            .or(discourse.sentence_date);
        let evidence = Evidence {
            document: article.id.clone(),
            text: sentence.text.clone(),
            start: sentence.start,
            end: sentence.end,
        };
        let event_ids: Vec<String> = governing.iter().map(|e| e.id.clone()).collect();
        let mut make = |parties: Vec<ActorId>| {
            let mut parties = parties;
            parties.sort();
            parties.dedup();
            let min = if agreement_type.is_bilateral() || h.name.kind != NameKind::Proper {
                2
            } else {
                1
            };
            if parties.len() < min {
                return;
            }
            let id = format!(
                "ag-{}",
                stable_hash_hex(&[
                    &article.id,
                    &sentence.start.to_string(),
                    &h.start.to_string(),
                    &parties
                        .iter()
                        .map(ActorId::as_str)
                        .collect::<Vec<_>>()
                        .join("+")
                ])
            );
            out.push(Agreement {
                id,
                agreement_type,
                name: h.name.proper.clone(),
                parties,
                status,
                status_date: date,
                history: vec![StatusChange {
                    status,
                    date,
                    why: why.clone(),
                    evidence: vec![evidence.clone()],
                    events: event_ids.clone(),
                }],
                evidence: vec![evidence.clone()],
            });
        };
        if partners.is_empty() {
            make(parties);
        } else if agreement_type.is_bilateral() {
            for p in &partners {
                let mut ps = parties.clone();
                ps.push(p.clone());
                make(ps);
            }
        } else {
            let mut ps = parties.clone();
            ps.extend(partners);
            make(ps);
        }
    }
    out
}

fn span(units: &[Unit], s: usize, e: usize) -> String {
    units[s..e]
        .iter()
        .map(|u| u.surface.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn trigger_before(e: &Event, units: &[Unit], name_start: usize) -> bool {
    let Some(start) = units.get(name_start).map(|u| u.start) else {
        return false;
    };
    let Some(t) = &e.trigger else { return false };
    // the trigger's surface occurs in the sentence before the name
    let before: String = e
        .evidence
        .first()
        .map(|ev| {
            let cut = start.saturating_sub(ev.start);
            ev.text.chars().take(cut).collect()
        })
        .unwrap_or_default();
    let first_word = t.split_whitespace().next().unwrap_or(t);
    before.contains(first_word)
}

/// `the Japan-US alliance`, `l'alleanza Giappone-USA`: actors joined by a
/// hyphen or slash right before or after the name.
fn compound_parties(
    units: &[Unit],
    mentions: &[Mention],
    pack: &LanguagePack,
    start: usize,
    end: usize,
) -> Vec<ActorId> {
    let collect = |from: usize, forward: bool| -> Vec<ActorId> {
        let mut out = Vec::new();
        let mut k = from as isize;
        let mut expect_actor = true;
        let mut joined = false;
        while k >= 0 && (k as usize) < units.len() {
            let u = &units[k as usize];
            if expect_actor && u.is_mention() {
                for p in mention_participants(u, mentions) {
                    out.push(p.actor);
                }
                expect_actor = false;
            } else if !expect_actor && matches!(u.word.as_str(), "-" | "/" | "–") {
                expect_actor = true;
                joined = true;
            } else if !expect_actor && u.is_mention() {
                break;
            } else if expect_actor && out.is_empty() && pack.is_article(&u.word) {
                // skip an article between the name and the compound
            } else {
                break;
            }
            k += if forward { 1 } else { -1 };
        }
        if joined { out } else { vec![] }
    };
    let after = collect(end, true);
    if after.len() >= 2 {
        return after;
    }
    if start > 0 {
        let before = collect(start - 1, false);
        if before.len() >= 2 {
            return before;
        }
    }
    vec![]
}

/// The actors of a `kind` phrase (`with A and B`, `between A and B`)
/// starting within three words after the name.
fn phrase_group(
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
    kind: Cue,
    end: usize,
) -> Option<Vec<Participant>> {
    let k = (end..units.len().min(end + 3))
        .take_while(|&k| !units[k].is_mention())
        .find(|&k| pack.cue_at(kind, words, k).is_some_and(|e| e == k + 1))?;
    let mut group = Vec::new();
    for j in k + 1..units.len() {
        if units[j].is_mention() {
            group.extend(mention_participants(&units[j], mentions));
        } else if !(units[j].word == ","
            || pack.cue_at(Cue::And, words, j).is_some()
            || pack.is_article(words[j]))
        {
            break;
        }
    }
    (!group.is_empty()).then_some(group)
}

fn possessive_before(words: &Words, start: usize) -> bool {
    (start.saturating_sub(3)..start).any(|k| {
        matches!(
            words[k],
            "loro"
                | "their"
                | "its"
                | "sua"
                | "suo"
                | "leur"
                | "leurs"
                | "su"
                | "sus"
                | "ihre"
                | "ihr"
                | "seine"
        )
    })
}

/// The status cue nearest the name in the sentence.
fn nearest_status(
    pack: &LanguagePack,
    words: &Words,
    start: usize,
    end: usize,
) -> Option<(AgreementStatus, String)> {
    let mut best: Option<(usize, AgreementStatus, String)> = None;
    for k in 0..words.len() {
        if k >= start && k < end {
            continue;
        }
        for c in pack
            .status_cue_index
            .candidates(words, k)
            .into_iter()
            .map(|i| &pack.status_cues[i])
        {
            if let Some(e) = c.phrase.match_at(words, k) {
                let dist = if e <= start {
                    start - e
                } else {
                    k.saturating_sub(end)
                };
                if best
                    .as_ref()
                    .is_none_or(|(d, s, _)| dist < *d || (dist == *d && c.status > *s))
                {
                    // `will take effect`: a step announced, not reached
                    let announced = (k.saturating_sub(3)..k)
                        .any(|j| pack.cue_at(Cue::Future, words, j).is_some_and(|e| e <= k));
                    let text = if announced {
                        format!("~{}", c.text)
                    } else {
                        c.text.clone()
                    };
                    best = Some((dist, c.status, text));
                }
            }
        }
    }
    best.map(|(_, s, t)| (s, t))
}
