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

use crate::events::{
    Discourse, Participant, Unit, mention_participants, negated, preposition_before, subject_group,
};
use crate::lang::{Cue, LanguagePack, NameKind, Words};
use crate::text::Sentence;
use entente_model::{
    ActorId, ActorType, Agreement, AgreementStatus, AgreementType, Article, Event, EventType,
    Evidence, Mention, MentionForm, PartialDate, StatusChange, stable_hash_hex,
};

struct NameHit<'a> {
    start: usize,
    end: usize,
    name: &'a crate::lang::AgreementName,
}

pub(crate) fn find(
    article: &Article,
    sentence: &Sentence,
    (units, words): (&[Unit], &Words),
    mentions: &[Mention],
    pack: &LanguagePack,
    (events, spans): (&[Event], &[(usize, usize)]),
    discourse: &mut Discourse,
) -> Vec<Agreement> {
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
    let mut topics: Vec<(usize, String)> = Vec::new();
    for references in [false, true] {
        if references {
            head_names(units, &written, pack, &mut hits, &mut topics);
        }
        let mut i = 0;
        while i < units.len() {
            let taken = hits.iter().any(|h| i >= h.start && i < h.end);
            let best = pack
                .agreement_index
                .candidates(&written, i)
                .iter()
                .copied()
                .map(|k| &pack.agreements[k])
                .filter(|n| (n.kind == NameKind::Reference) == references)
                .filter_map(|n| n.phrase.match_at(&written, i).map(|e| (e, n)))
                .filter(|(e, n)| match n.kind {
                    // a proper name must be written as such (`Quad`, not
                    // `quad`; `le traité de l'Atlantique Nord`); a number
                    // makes a name of its own (`l'articolo 5`)
                    NameKind::Proper => n.proper.as_deref().is_some_and(|p| {
                        units[i..(*e).min(units.len())].iter().any(|u| {
                            u.surface
                                .chars()
                                .next()
                                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                        }) || p.chars().all(|c| !c.is_uppercase())
                    }),
                    _ => true,
                })
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
    let mut members = memberships(article, sentence, units, words, mentions, pack, discourse);
    for a in accessions(article, sentence, units, words, mentions, pack, discourse) {
        if !members.iter().any(|m| m.parties == a.parties) {
            members.push(a);
        }
    }
    members.extend(purchases(
        (article, sentence, discourse),
        (units, words),
        mentions,
        pack,
        (events, spans),
    ));
    members.extend(allied_references(
        article, sentence, units, mentions, pack, discourse,
    ));
    if hits.is_empty() {
        return members;
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
        if h.name.kind == NameKind::Generic && name_is_plural(words, pack, h) {
            why.push(format!("'{}' {SEVERAL}", span(units, h.start, h.end)));
        }
        if let Some((_, topic)) = topics.iter().find(|(s, _)| *s == h.start) {
            why.push(format!(
                "the head noun with the topic '{topic}' → {}",
                h.name.agreement_type.as_str()
            ));
        }
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
        // `a military agreement designed to ease tensions along the border`,
        // `un accord militaire sur la zone démilitarisée`: a general defence
        // name whose next words tell a matter of the `other` topics
        // (agreements.tsv: arms control, confidence-building, a ceasefire, a
        // border …) names an agreement of that kind
        // (not a name that says its kind of cooperation itself: `the defence
        // cooperation agreement covers maritime patrols`)
        let says_cooperation = || {
            (h.start..h.end).any(|j| {
                pack.agreement_index
                    .candidates(&written, j)
                    .iter()
                    .map(|&k| &pack.agreements[k])
                    .any(|n| {
                        n.kind == NameKind::Cooperation && n.phrase.match_at(&written, j).is_some()
                    })
            })
        };
        let agreement_type = match (h.name.kind, agreement_type) {
            (NameKind::Generic, AgreementType::DefenceCooperation) if !says_cooperation() => {
                // (read from the name's end: its own last word, `militare`,
                // would decide as a head)
                match head_topic(units, &written, pack, h.end, h.end) {
                    Some((AgreementType::Other, topic, _)) => {
                        why.push(format!(
                            "the words after it with the topic '{topic}' → other"
                        ));
                        AgreementType::Other
                    }
                    _ => agreement_type,
                }
            }
            // `a memorandum of understanding on military cooperation`, `un
            // protocole d'accord sur la coopération militaire`: a document
            // of type `other` whose next words tell a more specific matter
            // is an agreement of that kind (not a ceasefire: its sides and
            // matter are its own)
            (NameKind::Generic, AgreementType::Other)
                if !(h.start..h.end).any(|j| pack.cue_at(Cue::Ceasefire, words, j).is_some()) =>
            {
                match head_topic(units, &written, pack, h.end, h.end) {
                    Some((t, topic, to)) if t != AgreementType::Other && to > h.end => {
                        why.push(format!(
                            "the words after it with the topic '{topic}' → {}",
                            t.as_str()
                        ));
                        t
                    }
                    _ => agreement_type,
                }
            }
            _ => agreement_type,
        };
        // the event that governs the name: an AGREE / SUPPORT / CONSULT /
        // COOPERATE (a signed contract) whose trigger stands before it, the
        // nearest first
        let mut before: Vec<(usize, &Event)> = events
            .iter()
            .zip(spans)
            .filter(|(e, _)| {
                matches!(
                    e.event_type,
                    EventType::Agree
                        | EventType::Support
                        | EventType::Consult
                        | EventType::Cooperate
                )
            })
            .filter(|(_, (s, _))| *s < h.start)
            .map(|(e, (s, _))| (*s, e))
            .collect();
        before.sort_by_key(|(s, _)| std::cmp::Reverse(*s));
        let governing: Vec<&Event> = before.into_iter().map(|(_, e)| e).collect();
        // `the agreement was signed by A and B`: a signing right after the
        // name moves it too (never for cooperation, which must be agreed first)
        let governing: Vec<&Event> = if governing.is_empty() && h.name.kind != NameKind::Cooperation
        {
            events
                .iter()
                .zip(spans)
                .filter(|(e, _)| matches!(e.event_type, EventType::Support | EventType::Agree))
                .filter(|(_, (s, _))| *s >= h.end && *s <= h.end + 8)
                .map(|(e, _)| e)
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
        let cue = nearest_status(pack, words, h.start, h.end);
        let cued = cue.as_ref().map(|(s, _)| *s);
        // (a negation that is a word of the cue of an end of the
        // agreement's life is no denial of it: `ya no respetará el acuerdo`,
        // `no longer respect`; `will not withdraw from` still is)
        let negation_in_cue = matches!(
            cued,
            Some(AgreementStatus::Terminated | AgreementStatus::Suspended)
        ) && cue.as_ref().is_some_and(|(_, text)| {
            text.split([' ', '~'])
                .any(|w| !w.is_empty() && pack.is_cue(Cue::Negation, w))
        });
        if negated(units, words, pack, h.start) && !negation_in_cue {
            continue;
        }
        // `un embargo sur les ventes d'armes à la Russie`, `the ban on arms
        // sales`: a name a ban governs is what is banned, no agreement
        // (a ban word that is also a cue of suspension or ending, a verb
        // with the agreement as its object, suspends it: `froze the
        // treaty`, `a gelé le traité`)
        let ends_it = |j: usize| {
            pack.status_cue_at(words, j, |s| {
                matches!(s, AgreementStatus::Suspended | AgreementStatus::Terminated)
            })
            .is_some()
        };
        if (h.start.saturating_sub(4)..h.start).any(|j| {
            !units[j].is_mention()
                && pack.cue_at(Cue::Ban, words, j) == Some(j + 1)
                && (j + 1..h.start).all(|x| !units[x].punct && !units[x].is_mention())
                && !(ends_it(j)
                    && (j + 1..h.start).all(|x| {
                        pack.is_article(words[x])
                            || units[x].word.chars().all(|c| c.is_ascii_digit())
                    }))
        }) {
            continue;
        }
        // `at the alliance's new headquarters`: an alliance word that owns
        // another noun names the organisation, not an agreement
        if agreement_type == AgreementType::Alliance
            && h.name.kind == NameKind::Generic
            && units.get(h.end).is_some_and(|u| u.word == "'s")
        {
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
        // sides named as allies: one alliance with each, in force
        let mut allied = false;
        let mut pairwise = false;
        // `Poland asked for consultations under Article 4 of the North
        // Atlantic Treaty`: the treaty of an alliance organisation binds the
        // states the clause is about to the organisation
        if agreement_type == AgreementType::Alliance
            && parties.len() == 1
            && ALLIANCE_ORGS.contains(&parties[0].as_str())
        {
            // the actors of the act nearest the name (`Polen hat nach
            // Artikel 4 des Nato-Vertrags Konsultationen beantragt`), else
            // the subject before it
            let nearest = events
                .iter()
                .zip(spans)
                .filter(|(e, _)| e.actor.iter().any(|a| !ALLIANCE_ORGS.contains(&a.as_str())))
                // (in the same clause: `… sancito dall'art. 5: faccia a
                // faccia tra Trump e Zelensky` is another matter)
                .filter(|(_, (s, _))| {
                    units[(*s).min(h.start)..(*s).max(h.start)]
                        .iter()
                        .all(|u| !matches!(u.word.as_str(), ":" | ";"))
                })
                .min_by_key(|(_, (s, _))| s.abs_diff(h.start))
                // (the target of a hostile act, not its author: `Russia
                // warned Poland against invoking Article 4`)
                .map(|(e, _)| {
                    if matches!(
                        e.event_type,
                        EventType::Threaten
                            | EventType::Accuse
                            | EventType::Reject
                            | EventType::Protest
                            | EventType::Sanction
                            | EventType::Mobilize
                            | EventType::Coerce
                            | EventType::Assault
                    ) {
                        e.recipient.clone()
                    } else {
                        e.actor.clone()
                    }
                });
            let (members, how) = match nearest {
                Some(a) => (a, "the actors of the act nearest the name"),
                None => (
                    subject_group(units, words, mentions, pack, 0, h.start)
                        .into_iter()
                        .map(|p| p.actor)
                        .collect(),
                    "the subject of the clause",
                ),
            };
            partners = members
                .into_iter()
                .filter(|a| !ALLIANCE_ORGS.contains(&a.as_str()))
                .collect();
            partners.sort();
            partners.dedup();
            if !partners.is_empty() {
                why.push(format!(
                    "member(s) {}: {how}",
                    partners
                        .iter()
                        .map(ActorId::as_str)
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                allied = true;
            }
        }
        // `sanctions over Washington's arms sale to Taiwan`, `in
        // retaliation for the deal`: an agreement named as the reason for an
        // act is between those its own phrase names, not the clause's subject
        // (`over its purchase of …`: the possessive names a side, below)
        let cause = (parties.is_empty() && !possessive_before(pack, words, h.start))
            .then(|| cause_end(units, words, pack, h.start))
            .flatten();
        let as_cause = cause.is_some();
        if let Some(from) = cause {
            parties = own_phrase_parties(units, words, mentions, pack, from, h.end);
            why.push(
                "parties: those the name's own phrase names (the reason for another act)".into(),
            );
            // `Sanktionen gegen Indien wegen des Kaufs russischer S-400`: a
            // purchase that names only its seller is the target's, the act
            // punishing it being aimed at the buyer
            if agreement_type == AgreementType::EquipmentTransfer && parties.len() == 1 {
                let target = events
                    .iter()
                    .zip(spans)
                    .rev()
                    .find(|(e, (s, _))| {
                        *s < h.start
                            && matches!(
                                e.event_type,
                                EventType::Sanction | EventType::Accuse | EventType::Threaten
                            )
                    })
                    .map(|(e, _)| e.recipient.clone())
                    .unwrap_or_default();
                if let [buyer] = target.as_slice() {
                    add_party(
                        &mut parties,
                        &mut why,
                        buyer.clone(),
                        "the target of the act the purchase is the reason for",
                    );
                }
            }
        }
        if parties.is_empty() && !as_cause {
            let compound = compound_parties(units, mentions, pack, h.start, h.end);
            let allies = (agreement_type == AgreementType::Alliance)
                .then(|| allies_beside(units, words, mentions, pack, h.start, h.end))
                .flatten();
            if compound.len() >= 2 {
                why.push("parties named with the agreement".into());
                parties = compound;
            } else if let Some((lead, others, how)) = allies {
                // `NATO ally Turkey`, `its treaty allies Japan and South Korea`,
                // `Pakistan, a key US ally`
                parties = lead;
                partners = others
                    .into_iter()
                    .filter(|a| !parties.contains(a))
                    .collect();
                why.push(format!("parties: {how}"));
                allied = true;
            } else if let Some(between) =
                phrase_group(units, words, mentions, pack, Cue::Between, h.start + 1)
                    .filter(|g| g.len() >= 2)
            {
                // `the agreement between Japan and the Philippines` (searched
                // from inside the name, which may run past the phrase to its
                // topic: `l'intesa tra Parigi e Varsavia sulla difesa aerea`)
                parties = between.iter().map(|p| p.actor.clone()).collect();
                why.push("parties: the `between` phrase".into());
            } else if let Some(bound) =
                phrase_group(units, words, mentions, pack, Cue::Binding, h.end)
                    .filter(|g| g.len() >= 2)
            {
                // `the defence accords binding Mali to France`
                parties = bound.iter().map(|p| p.actor.clone()).collect();
                why.push("parties: those the agreement is said to bind".into());
            } else if let Some(by) =
                phrase_group(units, words, mentions, pack, Cue::By, h.end).filter(|g| g.len() >= 2)
            {
                // `le traité signé par les deux pays en 2012`, `the accord
                // concluded by Rwanda and Congo`: who signed it are its sides
                parties = by.iter().map(|p| p.actor.clone()).collect();
                why.push("parties: the `by` phrase of its signing".into());
            } else if let Some(with) = phrase_group(units, words, mentions, pack, Cue::With, h.end)
            {
                // `has RAAs with Australia and Britain`
                let subject = subject_group(units, words, mentions, pack, 0, h.start);
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
                // `Egypt and Jordan signed peace treaties with Israel`: a name
                // in the plural between several subjects and a partner is one
                // agreement of each subject with the partner
                if parties.len() >= 2 && name_is_plural(words, pack, h) {
                    why.push(format!(
                        "'{}' is plural: one agreement of each subject with each partner",
                        span(units, h.start, h.end)
                    ));
                    pairwise = true;
                }
            } else if let Some(from) = phrase_group(units, words, mentions, pack, Cue::From, h.end)
                .filter(|_| agreement_type == AgreementType::EquipmentTransfer)
            {
                // `a contract to buy 180 tanks from South Korea`: the buyer and the seller
                let subject = subject_group(units, words, mentions, pack, 0, h.start);
                parties = subject.iter().map(|p| p.actor.clone()).collect();
                for p in from {
                    if !parties.contains(&p.actor) {
                        parties.push(p.actor);
                    }
                }
                why.push(
                    "parties: the buyer (the subject) and the seller (the `from` phrase)".into(),
                );
            } else if let Some(e) = governing.first().filter(|e| {
                // a welcome or a backing addressed to someone (`the US
                // welcomed the deal with Argentina`) names no party; a
                // signing says so with a status word (`signed`); backing an
                // ally is what an alliance is (`stood with its ally`)
                !(e.event_type == EventType::Support
                    && !e.recipient.is_empty()
                    && cue.is_none()
                    && agreement_type != AgreementType::Alliance)
                    && (
                        // an alliance takes the sides of the signing or agreeing whose
                        // object it is (`signed a mutual defence agreement`), never of
                        // an act that merely mentions it
                        agreement_type != AgreementType::Alliance
                            || (matches!(e.event_type, EventType::Support | EventType::Agree)
                                && events.iter().zip(spans).any(|(x, (s, t))| {
                                    std::ptr::eq(x, **e) && *s < h.start && t + 4 >= h.start
                                }))
                    )
            }) {
                parties = e.actor.iter().chain(e.recipient.iter()).cloned().collect();
                why.push(format!(
                    "parties: the participants of the {} event that moves it",
                    e.event_type
                ));
            } else if let Some(k) = possessive_before(pack, words, h.start)
                .then(|| (0..h.start).rev().find(|&k| units[k].is_mention()))
                .flatten()
            {
                // `over its purchase of …`, `A and B maintain their
                // alliance`: the possessive stands for the actors named last
                // before it (with those coordinated with them)
                let mut first = k;
                while first > 0 {
                    let u = &units[first - 1];
                    if u.is_mention()
                        || u.word == ","
                        || pack.cue_at(Cue::And, words, first - 1) == Some(first)
                        || pack.is_article(&u.word)
                    {
                        first -= 1;
                    } else {
                        break;
                    }
                }
                for u in units[first..=k].iter().filter(|u| u.is_mention()) {
                    for p in mention_participants(u, mentions) {
                        if !parties.contains(&p.actor) {
                            parties.push(p.actor);
                        }
                    }
                }
                why.push(format!(
                    "parties: '{}', whom the possessive stands for",
                    span(units, first, k + 1)
                ));
            } else if possessive_before(pack, words, h.start)
                || agreement_type != AgreementType::Alliance
            {
                // (the subject of the clause the name stands in, after a
                // speech verb: `Pompeo said Turkey had gone ahead with the
                // purchase` is Turkey's, not the speaker's)
                // (after an attribution, `secondo Pompeo, la Turchia …`,
                // the clause starts after the source's comma)
                let reported = (0..h.start)
                    .rev()
                    .filter(|&k| !units[k].is_mention())
                    .find_map(|k| {
                        let e = pack
                            .cue_at(Cue::Speech, words, k)
                            .filter(|&e| e <= h.start)?;
                        if pack.cue_at(Cue::Attribution, words, k).is_some() {
                            (e..h.start).find(|&c| units[c].word == ",").map(|c| c + 1)
                        } else {
                            Some(e)
                        }
                    })
                    .map(|e| subject_group(units, words, mentions, pack, e, h.start))
                    .filter(|g| !g.is_empty());
                let subject = reported
                    .unwrap_or_else(|| subject_group(units, words, mentions, pack, 0, h.start));
                let subject = if subject.is_empty() && possessive_before(pack, words, h.start) {
                    discourse.last_subject.clone()
                } else {
                    subject
                };
                parties = subject.iter().map(|p| p.actor.clone()).collect();
                why.push("parties: the subject of the sentence".into());
                // `became a "global partner" of NATO`: the side the name's
                // `of` phrase names (past the quote that closes the name)
                if parties.len() == 1 {
                    let mut j = h.end;
                    if units.get(j).is_some_and(|u| u.word == "\"") {
                        j += 1;
                    }
                    if j < units.len() && pack.cue_at(Cue::Of, words, j) == Some(j + 1) {
                        j += 1;
                        while j < units.len() && !units[j].is_mention() && pack.is_article(words[j])
                        {
                            j += 1;
                        }
                        if j < units.len() && units[j].is_mention() {
                            for p in mention_participants(&units[j], mentions) {
                                add_party(
                                    &mut parties,
                                    &mut why,
                                    p.actor,
                                    "the name's `of` phrase",
                                );
                            }
                        }
                    }
                }
            }
        }
        parties.dedup();
        // `el contrato, firmado en 2015, debe cumplirse`: an agreement named
        // with a definite article and no sides in its sentence refers back
        // to the sides of the act last reported, in this paragraph or the
        // one before
        if partners.is_empty()
            && parties.len() < 2
            && h.name.kind == NameKind::Generic
            && agreement_type != AgreementType::Alliance
            && h.start > 0
            && pack.is_article(words[h.start - 1])
            && pack.cue_at(Cue::Indefinite, words, h.start - 1).is_none()
            && discourse.last_sides.len() >= 2
            && sentence.paragraph <= discourse.last_sides_paragraph + 1
            && parties.iter().all(|p| discourse.last_sides.contains(p))
        {
            parties = discourse.last_sides.clone();
            why.push(
                "parties: the sides of the act last reported (named with a definite article, \
                 the agreement refers back)"
                    .into(),
            );
        }
        // `A ceasefire took effect at midnight`, `una tregua è entrata in
        // vigore`: a ceasefire whose sentence names no sides is between the
        // pair the article has told fighting most often (not one whose own
        // phrase names a place or a side: `una tregua a Gaza`)
        if partners.is_empty()
            && parties.len() < 2
            && h.name.kind == NameKind::Generic
            && agreement_type == AgreementType::Other
            && (h.start..h.end)
                .any(|j| !units[j].is_mention() && pack.cue_at(Cue::Ceasefire, words, j).is_some())
            && !(h.end..units.len().min(h.end + 3))
                .take_while(|&j| !units[j].punct)
                .any(|j| units[j].is_mention())
            && let Some(pair) = discourse.fighting_pair()
            && parties.iter().all(|p| pair.iter().any(|q| q.actor == *p))
        {
            parties = pair.iter().map(|p| p.actor.clone()).collect();
            why.push(
                "parties: the pair the article has told fighting most often (a ceasefire)".into(),
            );
        }
        // `a 2016 pact that allows each side's forces to refuel at the
        // other's bases`: an agreement whose own phrase binds two sides to
        // each other, naming neither, is between the sides of the act last
        // reported
        if partners.is_empty()
            && parties.len() < 2
            && h.name.kind == NameKind::Generic
            && discourse.last_sides.len() >= 2
            && sentence.paragraph <= discourse.last_sides_paragraph + 2
            && parties.iter().all(|p| discourse.last_sides.contains(p))
            && (h.start..units.len().min(h.end + 20))
                .take_while(|&j| !units[j].punct || units[j].word == "'s")
                .any(|j| !units[j].is_mention() && pack.cue_at(Cue::Reciprocal, words, j).is_some())
        {
            parties = discourse.last_sides.clone();
            why.push(
                "parties: the sides of the act last reported (the agreement binds each side \
                 to the other)"
                    .into(),
            );
        }
        // `EU mediators`, `brokered by Qatar and Egypt`: a mediator is no party
        // (nor a member the clause names only as the treaty's depositary)
        let mediators = mediator_actors(units, words, mentions, pack);
        if !mediators.is_empty()
            && parties
                .iter()
                .chain(&partners)
                .any(|p| mediators.contains(p))
        {
            let (mut gone, kept): (Vec<ActorId>, Vec<ActorId>) =
                parties.into_iter().partition(|p| mediators.contains(p));
            let (members_gone, members_kept): (Vec<ActorId>, Vec<ActorId>) =
                partners.into_iter().partition(|p| mediators.contains(p));
            partners = members_kept;
            // (an alliance whose one member named was its depositary has one
            // side left: no agreement to speak of)
            if !members_gone.is_empty() && kept.len() + partners.len() < 2 {
                continue;
            }
            gone.extend(members_gone);
            why.push(format!(
                "not a party, a mediator: {}",
                gone.iter()
                    .map(ActorId::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            parties = kept;
        }
        // `its purchase of the Russian S-400 system`: a purchase names its
        // seller inside it
        if agreement_type == AgreementType::EquipmentTransfer && parties.len() == 1 {
            for u in &units[h.start..h.end] {
                if u.is_mention() {
                    for p in mention_participants(u, mentions) {
                        add_party(&mut parties, &mut why, p.actor, "named inside the purchase");
                    }
                }
            }
        }
        // `the status-of-forces agreement covering the French Barkhane
        // force`, `l'accord relatif au statut des forces armées françaises`:
        // the forces an access agreement is about are the other side's
        if agreement_type == AgreementType::ReciprocalAccess && parties.len() == 1 {
            let end = (h.end..units.len().min(h.end + 8))
                .find(|&k| units[k].punct)
                .unwrap_or(units.len().min(h.end + 8));
            for u in &units[h.start..end] {
                if u.is_mention()
                    && u.mentions
                        .iter()
                        .all(|&m| mentions[m].form == MentionForm::Adjective)
                {
                    for p in mention_participants(u, mentions) {
                        add_party(
                            &mut parties,
                            &mut why,
                            p.actor,
                            "the forces the agreement is about",
                        );
                    }
                }
            }
        }
        // status
        let (status, status_why) = match (cue, governing.first()) {
            // the sentence announces a step (`the deal will take effect on
            // Sunday`, `firmeranno l'accordo`): the agreement stands at the
            // step before it (except an end or a suspension, decided when announced)
            (Some((s, text)), _) if text.starts_with('~') => {
                // (a suspension or an end announced is decided: the decision
                // is the act, as an announced sanction is — `said it would
                // terminate the pact`)
                let before = match s {
                    AgreementStatus::Proposed | AgreementStatus::Negotiating => {
                        AgreementStatus::Proposed
                    }
                    AgreementStatus::Agreed => AgreementStatus::Negotiating,
                    AgreementStatus::Signed | AgreementStatus::InForce => AgreementStatus::Agreed,
                    AgreementStatus::Suspended | AgreementStatus::Terminated => s,
                };
                let why = if before == s {
                    format!(
                        "'{}' announces {}: decided → {}",
                        &text[1..],
                        s.as_str(),
                        s.as_str()
                    )
                } else {
                    format!(
                        "'{}' announces {} → {} until then",
                        &text[1..],
                        s.as_str(),
                        before.as_str()
                    )
                };
                (before, why)
            }
            // `has an agreement with the United States, its ally`: states
            // called allies are allied already; a step towards an agreement
            // is another's (an end or a suspension, `former ally`, is theirs)
            (Some((s, text)), _)
                if allied
                    && matches!(
                        s,
                        AgreementStatus::Proposed
                            | AgreementStatus::Negotiating
                            | AgreementStatus::Agreed
                            | AgreementStatus::Signed
                    ) =>
            {
                (
                    AgreementStatus::InForce,
                    format!(
                        "states called allies are bound by an alliance in force ('{text}' is a step of another)"
                    ),
                )
            }
            (Some((s, text)), _) => (s, format!("'{text}' → {}", s.as_str())),
            (None, _) if allied && h.name.kind == NameKind::Proper => (
                AgreementStatus::InForce,
                "a member is bound by the treaty of its alliance → in force".into(),
            ),
            (None, _) if allied => (
                AgreementStatus::InForce,
                "states called allies are bound by an alliance in force".into(),
            ),
            // `stood with its steadfast ally`, `enhance the Alliance`: an
            // alliance that is backed or strengthened exists
            (None, Some(e))
                if agreement_type == AgreementType::Alliance && h.name.kind != NameKind::Proper =>
            {
                (
                    AgreementStatus::InForce,
                    format!(
                        "an alliance a {} event acts upon exists → in_force",
                        e.event_type
                    ),
                )
            }
            (None, Some(e)) if e.event_type == EventType::Agree => (
                AgreementStatus::Agreed,
                format!("agreed ({} event)", e.event_type),
            ),
            // approving, welcoming or backing it says it was agreed; a
            // signing is told by its own cue (`sign`, `ratify`)
            (None, Some(e)) if e.event_type == EventType::Support => (
                AgreementStatus::Agreed,
                "at least agreed (SUPPORT event)".into(),
            ),
            // nothing says it exists: `the agreement` alone adds nothing, and
            // `a ceasefire` called for or hoped for is no agreement
            _ if h.name.kind == NameKind::Reference
                || (h.name.kind == NameKind::Generic
                    && (h.start.saturating_sub(2)..h.start)
                        .any(|j| pack.cue_at(Cue::Indefinite, words, j) == Some(j + 1))
                    && (events.iter().zip(spans).any(|(e, (s, _))| {
                        e.event_type == EventType::Request && *s < h.start
                    }) || (0..h.start)
                        .any(|j| pack.cue_at(Cue::Hypothetical, words, j).is_some())
                        // (`a new push for a ceasefire`: a goal)
                        || (h.start.saturating_sub(3)..h.start).any(|j| {
                            pack.cue_at(Cue::Aim, words, j) == Some(j + 1)
                                && (j + 1..h.start).all(|x| !units[x].punct && !units[x].is_mention())
                        }))) =>
            {
                continue;
            }
            _ if agreement_type == AgreementType::Alliance => (
                AgreementStatus::InForce,
                "an existing alliance mentioned in passing → in_force".into(),
            ),
            // (`over its purchase of the S-400`: a purchase spoken of as a
            // fact was contracted; one still to be made has a cue of its
            // own; a `sale` in passing is one a seller has approved, agreed)
            _ if agreement_type == AgreementType::EquipmentTransfer
                && h.name.kind == NameKind::Generic
                && pack
                    .purchase_heads
                    .iter()
                    .any(|p| p.match_at(words, h.start).is_some()) =>
            {
                (
                    AgreementStatus::Signed,
                    "a purchase mentioned in passing as a fact → signed".into(),
                )
            }
            // `asked to become a global partner of NATO`, `chiede di
            // diventare partner globale`: a request just before the name
            // proposes it
            _ if events.iter().zip(spans).any(|(e, (s, en))| {
                e.event_type == EventType::Request
                    && *en <= h.start
                    && h.start - *s <= 8
                    && (*s..h.start).all(|j| !units[j].punct)
            }) =>
            {
                (
                    AgreementStatus::Proposed,
                    "a request just before the name asks for it → proposed".into(),
                )
            }
            // `a 2016 pact that allows …`, `the 2003 treaty on the Sea of
            // Azov`: one the sentence dates to a year before the news is
            // one that has stood since
            // (the year written beside the name, not another act's: `announced
            // the partnership in 2021` is the announcement's)
            _ if governing.is_empty()
                && discourse
                    .sentence_date
                    .zip(article.published)
                    .is_some_and(|(d, p)| {
                        let year = d.year.to_string();
                        d.precision() == entente_model::DatePrecision::Year
                            && d.year < p.year
                            // (`einen Vertrag aus dem Jahr 2003`)
                            && (h.start.saturating_sub(2)..units.len().min(h.end + 4))
                                .any(|j| units[j].word == year)
                            && !(h.end..units.len().min(h.end + 3)).any(|j| {
                                pack.cue_at(Cue::LocationPrep, words, j) == Some(j + 1)
                                    && units.get(j + 1).is_some_and(|u| u.word == year)
                            })
                    }) =>
            {
                (
                    AgreementStatus::InForce,
                    "an agreement of a past year mentioned in passing → in force".into(),
                )
            }
            // (a passing mention says the arrangement exists, not that it
            // was signed: a sale, a ceasefire, a programme, a partnership
            // announced is agreed before any signing, and a signing has its
            // own cue)
            _ => (
                AgreementStatus::Agreed,
                "an existing agreement mentioned in passing → at least agreed".into(),
            ),
        };
        why.push(status_why);
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
        // `Indonesia signed a contract with Dassault for 42 Rafale`: an arms
        // contract or a joint development naming one state and a maker has
        // the maker's state as its other side
        if partners.is_empty()
            && parties.len() == 1
            && matches!(
                agreement_type,
                AgreementType::EquipmentTransfer | AgreementType::JointDevelopment
            )
        {
            for (firm, state) in named_in(&sentence.text, &FIRMS) {
                add_party(
                    &mut parties,
                    &mut why,
                    state,
                    &format!("'{firm}' is a manufacturer based there (data/kb/defence_firms.tsv)"),
                );
            }
        }
        // `Argentina's minister signed in Denmark the purchase of 24 F-16`:
        // a purchase signed or agreed abroad, in a state the sentence names,
        // is bought from that state
        if partners.is_empty()
            && parties.len() == 1
            && agreement_type == AgreementType::EquipmentTransfer
            && h.name.kind != NameKind::Reference
            && matches!(
                cued,
                Some(AgreementStatus::Signed | AgreementStatus::Agreed)
            )
        {
            let place = governing
                .first()
                .and_then(|e| e.location.as_ref())
                .and_then(|l| l.country.clone())
                .filter(|c| {
                    units.iter().filter(|u| u.is_mention()).any(|u| {
                        mention_participants(u, mentions)
                            .iter()
                            .any(|p| &p.actor == c)
                    })
                });
            if let Some(c) = place {
                add_party(
                    &mut parties,
                    &mut why,
                    c,
                    "the purchase was concluded in that state, and no other side is named",
                );
            }
        }
        // `Le Caire a commandé 24 Rafale`, `to buy 250 Abrams`: an arms
        // transfer with one side named, no maker and no place of signing
        // has the state that makes the system it names as the other
        if partners.is_empty()
            && parties.len() == 1
            && agreement_type == AgreementType::EquipmentTransfer
            && h.name.kind != NameKind::Reference
        {
            for (system, state) in named_in(&sentence.text, &SYSTEMS) {
                add_party(
                    &mut parties,
                    &mut why,
                    state,
                    &format!("'{system}' is made there (data/kb/weapon_systems.tsv)"),
                );
            }
        }
        // `Japan keeps a base in Djibouti under a status of forces
        // agreement`: an access or basing agreement with one side named has
        // the state its forces are in, named after a place word, as the other
        if partners.is_empty()
            && parties.len() == 1
            && agreement_type == AgreementType::ReciprocalAccess
            && h.name.kind != NameKind::Reference
        {
            let host = (0..units.len())
                .filter(|&j| {
                    units[j].is_mention()
                        && !(h.start..h.end).contains(&j)
                        && preposition_before(units, words, pack, j, |p| {
                            pack.cue_at(Cue::LocationPrep, words, p) == Some(p + 1)
                        })
                        .is_some()
                })
                .find_map(|j| {
                    mention_participants(&units[j], mentions)
                        .into_iter()
                        .map(|x| x.actor)
                        .find(|a| !parties.contains(a))
                });
            if let Some(c) = host {
                add_party(
                    &mut parties,
                    &mut why,
                    c,
                    "the state its forces are in, and no other side is named",
                );
            }
        }
        // (and the act that suspends or ends it, when the name stands in
        // its words or right after them: `suspended its participation in New
        // START`, `a suspendu un accord`)
        let ending = events
            .iter()
            .zip(spans)
            .filter(|(e, (s, end))| {
                matches!(
                    e.event_type,
                    EventType::Sanction | EventType::Reject | EventType::Coerce
                ) && *s < h.start
                    && h.start <= end + 3
            })
            .map(|(e, _)| e.id.clone());
        let event_ids: Vec<String> = governing
            .iter()
            .map(|e| e.id.clone())
            .chain(ending)
            .collect();
        let recorded = out.len();
        // `Manila hosts U.S. and Australian troops under separate visiting
        // forces agreements`: one agreement of the first party with each
        let separate = partners.is_empty()
            && parties.len() >= 3
            && (h.start.saturating_sub(3)..(h.end + 2).min(units.len()))
                .any(|j| pack.cue_at(Cue::Separate, words, j).is_some());
        if separate {
            why.push("separate agreements: one of the first party with each other".into());
        }
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
        if pairwise && !partners.is_empty() {
            for p in &parties {
                for q in &partners {
                    make(vec![p.clone(), q.clone()]);
                }
            }
        } else if separate {
            let hub = parties[0].clone();
            for p in parties[1..].iter().cloned() {
                make(vec![hub.clone(), p]);
            }
        } else if partners.is_empty() {
            make(parties);
        } else if agreement_type.is_bilateral()
            || allied
            // (`its treaty alliances with Tokyo and Seoul`: a state's
            // alliances with several partners are one with each; an alliance
            // of many has a name)
            || agreement_type == AgreementType::Alliance
        {
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
        // (only an agreement recorded is one a later `such an agreement`
        // can mean: `the other allies` with no side named is none)
        if out.len() > recorded && !allied {
            discourse.last_agreement = Some(agreement_type);
        }
    }
    // a membership the names above already record is not repeated
    for m in members {
        if !out
            .iter()
            .any(|a| a.agreement_type == m.agreement_type && a.parties == m.parties)
        {
            out.push(m);
        }
    }
    out
}

/// The end of the `why` line of a generic name written in the plural
/// (`les accords de défense`): it covers several agreements, so it is not
/// the one specific pact the article names elsewhere.
pub(crate) const SEVERAL: &str = "is plural: the name covers several agreements";

/// True when the agreement name is written in the plural: a word of it
/// carries a plural ending (cues.tsv `plural_suffix`) that the same word of
/// the lexicon's name, a singular, does not (`peace treaties`, `accordi di
/// difesa`, `Sicherheitsvereinbarungen`).
fn name_is_plural(words: &Words, pack: &LanguagePack, h: &NameHit) -> bool {
    let lemmas: Vec<String> = h
        .name
        .text
        .split(|c: char| c.is_whitespace() || c == '-' || c == '\'')
        .filter(|w| !w.is_empty() && !w.starts_with('='))
        .map(str::to_lowercase)
        .collect();
    // (German adjectives inflect for case: only its nouns, capitalised, count)
    (h.start..h.end).any(|j| {
        let written = words.written(j);
        if pack.nouns_capitalised() && !written.starts_with(char::is_uppercase) {
            return false;
        }
        let w = written.to_lowercase();
        lemmas
            .iter()
            .any(|l| pack.is_plural_of(&w, l) && pack.morphology.key(&w) == pack.morphology.key(l))
    })
}

/// Organisations whose membership is a mutual-defence commitment: a member
/// is in an alliance with the organisation (SPEC: agreements, alliance).
const ALLIANCE_ORGS: &[&str] = &["NATO", "CSTO"];

/// The subject of the clause `from..to`, alliance organisations left out:
/// who becomes or is a member.
fn subject_members(
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
    from: usize,
    to: usize,
) -> Vec<ActorId> {
    subject_group(units, words, mentions, pack, from, to)
        .into_iter()
        .map(|p| p.actor)
        .filter(|a| !ALLIANCE_ORGS.contains(&a.as_str()))
        .collect()
}

/// The actors of the unit at `k` on one side of membership: the alliance
/// organisations (`orgs`) or the others.
fn alliance_side(units: &[Unit], mentions: &[Mention], k: usize, orgs: bool) -> Vec<ActorId> {
    mention_participants(&units[k], mentions)
        .into_iter()
        .map(|p| p.actor)
        .filter(|a| ALLIANCE_ORGS.contains(&a.as_str()) == orgs)
        .collect()
}

/// Memberships of an alliance organisation (`Finland became the 31st member
/// of NATO`, `NATO member Turkey`, `Armenia, membre de l'OTSC`, `das
/// Nato-Mitglied Litauen`): an alliance between the member and the
/// organisation, in force. A `member` cue (cues.tsv) with the organisation
/// right before it or in an `of` phrase right after it; the member is the
/// actor right after the cue, the subject of the clause, or the actor an
/// apposition follows.
fn memberships(
    article: &Article,
    sentence: &Sentence,
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
    discourse: &Discourse,
) -> Vec<Agreement> {
    let alliance_of = |k: usize| -> Option<ActorId> {
        units[k].is_mention().then_some(())?;
        alliance_side(units, mentions, k, true).into_iter().next()
    };
    let states_at = |k: usize| alliance_side(units, mentions, k, false);
    let mut out: Vec<Agreement> = Vec::new();
    let mut k = 0;
    while k < units.len() {
        let Some(end) = (!units[k].is_mention())
            .then(|| pack.cue_at(Cue::Member, words, k))
            .flatten()
        else {
            k += 1;
            continue;
        };
        // the organisation: right before (`NATO member`, `Nato-Mitglied`) or
        // in the `of` phrase after (`member of NATO`, `membre de l'OTAN`)
        // (or its possessor, past an ordinal or an adjective: `NATO's 31st
        // member`, `l'OTAN et son nouveau membre` is not one)
        let before = (k >= 1)
            .then(|| {
                let j = if units[k - 1].word == "-" && k >= 2 {
                    k - 2
                } else {
                    k - 1
                };
                alliance_of(j).map(|o| (o, j)).or_else(|| {
                    (k.saturating_sub(4)..k)
                        .rev()
                        .take_while(|&x| units[x].is_mention() || !units[x].punct)
                        .find(|&x| units[x].is_mention())
                        .filter(|&x| units.get(x + 1).is_some_and(|u| u.word == "'s"))
                        .and_then(|x| alliance_of(x).map(|o| (o, x)))
                })
            })
            .flatten();
        let after = (end..units.len().min(end + 4))
            .take_while(|&j| {
                units[j].is_mention()
                    || pack.is_article(words[j])
                    || pack.cue_at(Cue::Of, words, j).is_some()
            })
            .find_map(|j| alliance_of(j).map(|o| (o, j)));
        // `the CSTO, a military alliance of which Armenia is a member`, `die
        // OVKS, dessen Mitglied Armenien ist`: a relative before the cue (no
        // punctuation between) stands for the organisation before it
        let relative = (k.saturating_sub(6)..k)
            .rev()
            .take_while(|&j| !units[j].punct)
            .find_map(|r| {
                pack.cue_at(Cue::MemberRelative, words, r)
                    .filter(|&e| e <= k)
                    .map(|e| (r, e))
            });
        let antecedent = relative.and_then(|(r, _)| {
            (r.saturating_sub(15)..r)
                .rev()
                .find_map(|j| alliance_of(j).map(|o| (o, j)))
        });
        let by_relative = before.is_none() && after.is_none() && antecedent.is_some();
        let Some((org, at)) = before.or(after).or(antecedent) else {
            k = end;
            continue;
        };
        if negated(units, words, pack, k) {
            k = end;
            continue;
        }
        // the member: right after (`NATO member Turkey`), the subject of the
        // clause (`Finland became a member of NATO`), or the actor before an
        // apposition (`Turkey, a NATO member,`)
        let next = (at.max(end)..units.len().min(at.max(end) + 3))
            .skip_while(|&j| pack.is_article(words[j]) || units[j].word == "-")
            .take(1)
            .filter(|&j| units[j].is_mention())
            .flat_map(&states_at)
            .collect::<Vec<_>>();
        // (`seit`, `since` open a time phrase as often as a clause: `Finnland
        // ist seit Dienstag Mitglied der Nato`)
        let clause_start = (0..k)
            .rev()
            .find(|&j| {
                !units[j].is_mention()
                    && (units[j].word == ","
                        || (pack.cue_at(Cue::Boundary, words, j).is_some_and(|e| e <= k)
                            && pack.cue_at(Cue::Since, words, j).is_none()))
            })
            .map_or(0, |j| j + 1);
        // (the subject a copula describes: `Finland became NATO's 31st
        // member`, not `Russia warned NATO's newest member`)
        let described = (clause_start..k)
            .any(|j| !units[j].is_mention() && pack.cue_at(Cue::Copula, words, j).is_some());
        let subject: Vec<ActorId> = if described {
            let own = subject_members(units, words, mentions, pack, clause_start, k);
            if own.is_empty() {
                relative_antecedent(units, words, mentions, pack, clause_start)
            } else {
                own
            }
        } else {
            vec![]
        };
        // (the cue heads the apposition, an article or an adjective before
        // it at most: not `A la demande de Kiev, les ambassadeurs des pays
        // de l'OTAN`)
        let heads_apposition = (clause_start..k)
            .filter(|&j| !units[j].is_mention() && units[j].word != "-")
            .count()
            <= 2;
        let apposed: Vec<ActorId> =
            if clause_start >= 2 && units[clause_start - 1].word == "," && heads_apposition {
                states_at(clause_start - 2)
            } else {
                vec![]
            };
        // (the relative clause's own actors: `dont l'Arménie est membre`)
        let in_relative: Vec<ActorId> = match relative.filter(|_| by_relative) {
            Some((_, e)) => (e..units.len().min(end + 3))
                .take_while(|&j| !units[j].punct)
                .filter(|&j| units[j].is_mention())
                .flat_map(&states_at)
                .collect(),
            None => vec![],
        };
        let (member, how) = if !in_relative.is_empty() {
            (in_relative, "the actor of the relative clause")
        } else if by_relative {
            (vec![], "")
        } else if !next.is_empty() {
            (next, "the actor after the membership")
        } else if !subject.is_empty() {
            (subject, "the subject of the clause")
        } else if !apposed.is_empty() {
            (apposed, "the actor the apposition follows")
        } else {
            (vec![], "")
        };
        for m in member {
            let mut parties = vec![m.clone(), org.clone()];
            parties.sort();
            if out.iter().any(|a| a.parties == parties) {
                continue;
            }
            let why = vec![
                format!(
                    "membership '{}' of {org} (cues.tsv {}: member) → alliance",
                    span(units, k, end),
                    pack.code
                ),
                format!("member {m}: {how}"),
                "a member of an alliance organisation is allied with it → in force".into(),
            ];
            out.push(alliance_in_force(
                article, sentence, discourse, k, parties, why,
            ));
        }
        k = end;
    }
    out
}

/// Arms bought or sold told by a verb (`Egypt ordered 30 Rafale jets from
/// France`, `la Grèce a acheté trois frégates à la France`, `Saudi-Arabien
/// bestellte 48 Eurofighter bei Deutschland`): a verb of buying or selling
/// (agreements.tsv `buy`) with a weapon (an `equipment_transfer` topic) in
/// its object, the subject one side and a state in a `from`, `to` or place
/// phrase of the clause the other: an equipment transfer, contracted
/// (signed), or agreed when announced.
fn purchases(
    (article, sentence, discourse): (&Article, &Sentence, &Discourse),
    (units, words): (&[Unit], &Words),
    mentions: &[Mention],
    pack: &LanguagePack,
    (events, spans): (&[Event], &[(usize, usize)]),
) -> Vec<Agreement> {
    let mut out: Vec<Agreement> = Vec::new();
    if pack.buy_verbs.is_empty() {
        return out;
    }
    let weapon_at = |j: usize| -> Option<usize> {
        pack.agreement_topics
            .iter()
            .filter(|(_, t)| *t == Some(AgreementType::EquipmentTransfer))
            .find_map(|(p, _)| p.match_at(words, j))
    };
    let mut k = 0;
    while k < units.len() {
        let Some(end) = (!units[k].is_mention())
            .then(|| {
                pack.buy_verb_index
                    .candidates(words, k)
                    .iter()
                    .filter_map(|&c| pack.buy_verbs[c].match_at(words, k))
                    .max()
            })
            .flatten()
        else {
            k += 1;
            continue;
        };
        // (nor a purchase the clause supposes: `if Hanoi buys`, `could
        // buy`)
        // (the boundary word that opens the clause included: `if`)
        let hypothetical = (clause_start_before(units, words, pack, k).saturating_sub(1)..k)
            .any(|j| !units[j].is_mention() && pack.cue_at(Cue::Hypothetical, words, j).is_some());
        if negated(units, words, pack, k) || hypothetical {
            k = end;
            continue;
        }
        // the clause after the verb, to the next punctuation
        let clause_end = (end..units.len())
            .find(|&j| units[j].punct && units[j].word != "-")
            .unwrap_or(units.len())
            .min(end + 12);
        let weapon = (end..clause_end).find_map(|j| weapon_at(j).map(|e| (j, e)));
        let Some((w, w_end)) = weapon else {
            k = end;
            continue;
        };
        // `ordered missile strikes on …`: a conflict act in the clause makes
        // the verb a command, not a purchase
        let conflict = events.iter().zip(spans).any(|(e, &(s, _))| {
            (k..clause_end).contains(&s)
                && matches!(
                    e.event_type.quad(),
                    entente_model::Quad::MaterialConflict | entente_model::Quad::VerbalConflict
                )
        });
        if conflict {
            k = end;
            continue;
        }
        // the other side: a state after a `from`, `to` or place word
        let other: Vec<ActorId> = (end..clause_end)
            .filter(|&j| units[j].is_mention() && !(w..w_end).contains(&j))
            .find(|&j| {
                preposition_before(units, words, pack, j, |p| {
                    p >= end
                        && [Cue::From, Cue::ToPrep, Cue::LocationPrep]
                            .into_iter()
                            .any(|c| pack.cue_at(c, words, p) == Some(p + 1))
                })
                .is_some()
            })
            .map(|j| {
                mention_participants(&units[j], mentions)
                    .into_iter()
                    .map(|p| p.actor)
                    .collect()
            })
            .unwrap_or_default();
        // (or the demonym the weapon's noun carries: `bought Russian
        // missiles`, `ha acquistato missili russi`)
        let other: Vec<ActorId> = if other.is_empty() {
            // (one word may stand between, `Brazilian patrol boats`)
            let two_before = w
                .checked_sub(2)
                .filter(|_| !units[w - 1].punct && !units[w - 1].is_mention());
            [w.checked_sub(1), two_before, Some(w_end)]
                .into_iter()
                .flatten()
                .filter(|&j| j >= end && j < clause_end)
                .find(|&j| {
                    units[j].is_mention()
                        && units[j]
                            .mentions
                            .iter()
                            .all(|&m| mentions[m].form == MentionForm::Adjective)
                })
                .map(|j| {
                    mention_participants(&units[j], mentions)
                        .into_iter()
                        .map(|p| p.actor)
                        .collect()
                })
                .unwrap_or_default()
        } else {
            other
        };
        let clause_start = clause_start_before(units, words, pack, k);
        let subject: Vec<ActorId> = subject_group(units, words, mentions, pack, clause_start, k)
            .into_iter()
            .map(|p| p.actor)
            .collect();
        let mut parties: Vec<ActorId> = subject.clone();
        for o in &other {
            if !parties.contains(o) {
                parties.push(o.clone());
            }
        }
        if subject.is_empty() || other.is_empty() || parties.len() != 2 {
            k = end;
            continue;
        }
        parties.sort();
        // `will buy`, `plans to buy`, `adquirirá`: announced, agreed so far
        let announced = (k.saturating_sub(3)..k)
            .any(|j| pack.cue_at(Cue::Future, words, j).is_some_and(|e| e <= k))
            || (k..end).any(|j| pack.has_future_suffix(&words.written(j).to_lowercase()));
        let (status, status_why) = if announced {
            (AgreementStatus::Agreed, "a purchase announced → agreed")
        } else {
            (
                AgreementStatus::Signed,
                "a purchase made was contracted → signed",
            )
        };
        let why = vec![
            format!(
                "purchase '{}' of '{}' (agreements.tsv {}: buy, topic) → equipment_transfer",
                span(units, k, end),
                span(units, w, w_end.min(units.len())),
                pack.code
            ),
            format!(
                "parties: the subject and the other side ({})",
                parties
                    .iter()
                    .map(ActorId::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            status_why.into(),
        ];
        out.push(told_agreement(
            (article, sentence, discourse, k),
            AgreementType::EquipmentTransfer,
            status,
            parties,
            why,
        ));
        k = end;
    }
    out
}

/// The first unit of the clause the word at `k` stands in: after the last
/// punctuation or clause boundary before it.
fn clause_start_before(units: &[Unit], words: &Words, pack: &LanguagePack, k: usize) -> usize {
    (0..k)
        .rev()
        .find(|&j| {
            !units[j].is_mention()
                && (units[j].punct || pack.cue_at(Cue::Boundary, words, j).is_some_and(|e| e <= k))
        })
        .map_or(0, |j| j + 1)
}

/// The actor a relative clause opening at `start` describes: the one
/// right before its comma (`Lithuania, which is a member of NATO`, `la
/// Lituanie, qui fait partie de l'Otan`).
fn relative_antecedent(
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
    start: usize,
) -> Vec<ActorId> {
    // (the clause start is the relative itself, or just past it when the
    // relative also bounds clauses)
    let relative_at = |r: usize| {
        !units[r].is_mention()
            && pack
                .cue_at(Cue::Relative, words, r)
                .is_some_and(|e| e <= start + 1)
    };
    let r = if start < units.len() && relative_at(start) {
        start
    } else if start >= 1 && relative_at(start - 1) {
        start - 1
    } else {
        return vec![];
    };
    if r < 2 || units[r - 1].word != "," {
        return vec![];
    }
    alliance_side(units, mentions, r - 2, false)
}

/// Accessions to an alliance organisation (`Sweden's accession to NATO`,
/// `der Beitritt Schwedens zur Nato`, `l'adhésion finlandaise`, `Finland
/// joined NATO`): an alliance between the entrant and the organisation,
/// under negotiation until a status cue says more (`ratified`), in force
/// once a verb of joining is in the past. The organisation stands right
/// before the cue (`NATO accession`) or in the phrase after it; the
/// entrant is the possessor before it, the state in the phrase after it,
/// or, for a verb of joining, its subject.
fn accessions(
    article: &Article,
    sentence: &Sentence,
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
    discourse: &Discourse,
) -> Vec<Agreement> {
    let orgs_at = |k: usize| alliance_side(units, mentions, k, true);
    let states_at = |k: usize| alliance_side(units, mentions, k, false);
    // the alliance organisation the article names, when it names one only
    let mut named_orgs = mentions
        .iter()
        .map(|m| m.actor.as_str())
        .filter(|a| ALLIANCE_ORGS.contains(a))
        .collect::<Vec<_>>();
    named_orgs.sort_unstable();
    named_orgs.dedup();
    let article_alliance = match named_orgs.as_slice() {
        [one] => Some(ActorId::new(*one)),
        _ => None,
    };
    let mut out: Vec<Agreement> = Vec::new();
    let mut k = 0;
    while k < units.len() {
        if units[k].is_mention() {
            k += 1;
            continue;
        }
        // (an accession noun may leave the organisation unsaid, `Finland's
        // accession`; a verb of joining or a noun of entry may not)
        // (a verb of belonging is a membership held: `belongs to NATO`,
        // `fait partie de l'Otan`)
        let cued = [Cue::Accession, Cue::Join, Cue::Entry, Cue::Belong]
            .into_iter()
            .find_map(|c| pack.cue_at(c, words, k).map(|e| (e, c)));
        let Some((end, kind)) = cued else {
            k += 1;
            continue;
        };
        let belong = kind == Cue::Belong;
        let verb = kind == Cue::Join || belong;
        // the phrase after the cue: its articles, prepositions, actors and
        // `alliance` words (`to NATO`, `de la Suède à l'OTAN`, `Schwedens
        // zur Nato`, `to the alliance`)
        let phrase: Vec<usize> = (end..units.len().min(end + 6))
            .take_while(|&j| {
                units[j].is_mention()
                    || pack.is_article(words[j])
                    || [Cue::Of, Cue::ToPrep, Cue::LocationPrep, Cue::AllianceWord]
                        .iter()
                        .any(|&c| pack.cue_at(c, words, j).is_some())
            })
            .collect();
        // (a possessor or a compound's first part names whose operation is
        // joined, not what is entered: `joined NATO's counter-piracy
        // patrols`, `joined NATO-led exercises`)
        let after: Vec<usize> = phrase
            .iter()
            .copied()
            .filter(|&j| units[j].is_mention())
            .filter(|&j| {
                units
                    .get(j + 1)
                    .is_none_or(|u| u.word != "'s" && u.word != "-")
            })
            .collect();
        let alliance_word = phrase
            .iter()
            .any(|&j| !units[j].is_mention() && pack.cue_at(Cue::AllianceWord, words, j).is_some());
        // before it: `NATO accession`, `Nato-Beitritt`, `Sweden's NATO bid`
        let before: Vec<usize> = (k.saturating_sub(4)..k)
            .rev()
            .take_while(|&j| units[j].is_mention() || units[j].word == "'s" || units[j].word == "-")
            .filter(|&j| units[j].is_mention())
            .collect();
        // (inside a split verb: `trat 2017 der Nato bei`)
        let inside: Vec<usize> = (k + 1..end).filter(|&j| units[j].is_mention()).collect();
        let named = before
            .iter()
            .chain(&after)
            .chain(&inside)
            .flat_map(|&j| orgs_at(j))
            .next();
        // any other organisation beside it is what is entered (`EU
        // accession`, `l'adhésion à l'UE`)
        let other_org = before.iter().chain(&after).any(|&j| {
            units[j].mentions.iter().any(|&m| {
                mentions[m].actor_type == ActorType::Igo
                    && !ALLIANCE_ORGS.contains(&mentions[m].actor.as_str())
            })
        });
        let org = match named {
            Some(o) => Some((o, "named beside it")),
            None if !other_org && (kind == Cue::Accession || alliance_word) => article_alliance
                .clone()
                .map(|o| (o, "the one alliance organisation the article names")),
            None => None,
        };
        let Some((org, org_how)) = org else {
            k = end;
            continue;
        };
        if negated(units, words, pack, k) {
            k = end;
            continue;
        }
        let possessor: Vec<ActorId> = before
            .iter()
            .filter(|&&j| units.get(j + 1).is_some_and(|u| u.word == "'s"))
            .flat_map(|&j| states_at(j))
            .collect();
        let in_phrase: Vec<ActorId> = after.iter().flat_map(|&j| states_at(j)).take(1).collect();
        let clause_start = clause_start_before(units, words, pack, k);
        // (`les pays ayant adhéré à l'Otan après 2000`, `the countries
        // that joined NATO`: states in general join, no state named)
        let generic_subject = (k.saturating_sub(3)..k).any(|j| {
            !units[j].is_mention() && pack.cue_at(Cue::GenericStates, words, j) == Some(j + 1)
        });
        let subject: Vec<ActorId> = if verb && !generic_subject {
            subject_members(units, words, mentions, pack, clause_start, k)
        } else {
            vec![]
        };
        // (a relative clause's subject is the actor before its comma:
        // `Finland, which joined NATO in April,`)
        let subject = if subject.is_empty() && verb && !generic_subject {
            relative_antecedent(units, words, mentions, pack, clause_start)
        } else {
            subject
        };
        let (member, how) = if !possessor.is_empty() {
            (possessor, "the possessor before it")
        } else if !in_phrase.is_empty() {
            (in_phrase, "the state in the phrase after it")
        } else if !subject.is_empty() {
            (subject, "the subject of the verb")
        } else {
            k = end;
            continue;
        };
        // a verb of joining in the past has joined: in force
        let written = words.written(k).to_lowercase();
        // (or whose own words are a status cue of being in force: `trat
        // 2017 der Nato bei`, `ist der Nato beigetreten`)
        let joined = belong
            || verb
                && (written.ends_with("ed")
                    || pack.has_participle_suffix(&written)
                    || (k + 1..end)
                        .any(|j| pack.has_participle_suffix(&words.written(j).to_lowercase()))
                    || (k..end).any(|j| {
                        pack.status_cue_at(words, j, |s| s == AgreementStatus::InForce)
                            .is_some()
                    }));
        // (a status cue of its own, next to it: `ratified Sweden's
        // accession`, not the treaty's a clause away)
        let cue =
            nearest_status_within(pack, words, k, end, 4).filter(|(_, t)| !t.starts_with('~'));
        let (status, status_why) = if belong {
            (
                AgreementStatus::InForce,
                format!("'{}' is a member → in force", span(units, k, end)),
            )
        } else if joined {
            (
                AgreementStatus::InForce,
                format!("'{}' has joined → in force", span(units, k, end)),
            )
        } else if let Some((s, t)) = cue {
            (s, format!("'{t}' → {}", s.as_str()))
        } else {
            (
                AgreementStatus::Negotiating,
                "an accession not yet made → negotiating".into(),
            )
        };
        for m in member {
            let mut parties = vec![m.clone(), org.clone()];
            parties.sort();
            if out.iter().any(|a| a.parties == parties) {
                continue;
            }
            let why = vec![
                format!(
                    "accession '{}' to {org}, {org_how} (cues.tsv {}: {}) → alliance",
                    span(units, k, end),
                    pack.code,
                    match kind {
                        Cue::Join => "join",
                        Cue::Entry => "entry",
                        Cue::Belong => "belong",
                        _ => "accession",
                    }
                ),
                format!("entrant {m}: {how}"),
                status_why.clone(),
            ];
            out.push(told_agreement(
                (article, sentence, discourse, k),
                AgreementType::Alliance,
                status,
                parties,
                why,
            ));
        }
        k = end;
    }
    out
}

/// An alliance in force between `parties` (sorted), told by the unit at `k`
/// of the sentence.
fn alliance_in_force(
    article: &Article,
    sentence: &Sentence,
    discourse: &Discourse,
    k: usize,
    parties: Vec<ActorId>,
    why: Vec<String>,
) -> Agreement {
    told_agreement(
        (article, sentence, discourse, k),
        AgreementType::Alliance,
        AgreementStatus::InForce,
        parties,
        why,
    )
}

/// An agreement of `agreement_type` at `status` between `parties` (sorted),
/// told by the unit at `k` of the sentence, one history step.
fn told_agreement(
    (article, sentence, discourse, k): (&Article, &Sentence, &Discourse, usize),
    agreement_type: AgreementType,
    status: AgreementStatus,
    parties: Vec<ActorId>,
    why: Vec<String>,
) -> Agreement {
    let evidence = Evidence {
        document: article.id.clone(),
        text: sentence.text.clone(),
        start: sentence.start,
        end: sentence.end,
    };
    let id = format!(
        "ag-{}",
        stable_hash_hex(&[
            &article.id,
            &sentence.start.to_string(),
            &k.to_string(),
            &parties
                .iter()
                .map(ActorId::as_str)
                .collect::<Vec<_>>()
                .join("+")
        ])
    );
    Agreement {
        id,
        agreement_type,
        name: None,
        parties,
        status,
        status_date: discourse.sentence_date,
        history: vec![StatusChange {
            status,
            date: discourse.sentence_date,
            why,
            evidence: vec![evidence.clone()],
            events: vec![],
        }],
        evidence: vec![evidence],
    }
}

/// `the two allies announced`, `los dos aliados`, `les deux alliés`: a
/// reference the knowledge base resolved to the two states named last,
/// whose words hold an ally name (agreements.tsv), says they are allied.
fn allied_references(
    article: &Article,
    sentence: &Sentence,
    units: &[Unit],
    mentions: &[Mention],
    pack: &LanguagePack,
    discourse: &Discourse,
) -> Vec<Agreement> {
    let mut out = Vec::new();
    for (k, u) in units.iter().enumerate() {
        if !u.is_mention()
            || !u
                .mentions
                .iter()
                .all(|&m| mentions[m].form == entente_model::MentionForm::Reference)
        {
            continue;
        }
        let mut parties: Vec<ActorId> = mention_participants(u, mentions)
            .into_iter()
            .map(|p| p.actor)
            .collect();
        if parties.len() != 2 {
            continue;
        }
        let folded: Vec<String> = entente_model::fold(&u.surface)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let words = pack.words(folded.iter().map(|w| (w.as_str(), w.as_str())));
        let ally = (0..folded.len()).any(|i| {
            pack.agreement_index
                .candidates(&words, i)
                .iter()
                .copied()
                .map(|n| &pack.agreements[n])
                .any(|n| {
                    n.kind == NameKind::Generic
                        && n.agreement_type == AgreementType::Alliance
                        && n.phrase.match_at(&words, i).is_some()
                })
        });
        if !ally {
            continue;
        }
        parties.sort();
        let why = vec![
            format!(
                "'{}' calls {} and {} allies → alliance",
                u.surface, parties[0], parties[1]
            ),
            "states called allies are bound by an alliance in force".into(),
        ];
        out.push(alliance_in_force(
            article, sentence, discourse, k, parties, why,
        ));
    }
    out
}

/// Agreements a head noun and a topic word near it name (`a contract to buy
/// 180 K2 tanks`, `l'accord d'assistance militaire`, `ein Regierungsabkommen
/// über die Stationierung`, `Sicherheitsabkommen`), where no name stands.
fn head_names<'p>(
    units: &[Unit],
    written: &Words,
    pack: &'p LanguagePack,
    hits: &mut Vec<NameHit<'p>>,
    topics: &mut Vec<(usize, String)>,
) {
    let mut i = 0;
    while i < units.len() {
        if hits.iter().any(|h| i >= h.start && i < h.end) || units[i].is_mention() {
            i += 1;
            continue;
        }
        let head = pack
            .agreement_head_index
            .candidates(written, i)
            .iter()
            .copied()
            .filter_map(|k| pack.agreement_heads[k].match_at(written, i).map(|e| (k, e)))
            .max_by_key(|(_, e)| *e);
        let Some((k, e)) = head else {
            i += 1;
            continue;
        };
        // `einen Vertrag aus dem Jahr 2003`, `l'accord russo-ukrainien de
        // 2003`: a treaty head with a year written beside it and no topic
        // names an agreement of its own, of no more specific type
        let dated = || {
            pack.treaty_heads
                .iter()
                .any(|p| p.match_at(written, i).is_some())
                .then(|| year_beside(units, written, pack, i, e))
                .flatten()
                .map(|y| (AgreementType::Other, format!("year {y}"), e))
        };
        if let Some((t, topic, topic_end)) = head_topic(units, written, pack, i, e).or_else(dated) {
            let at = AgreementType::ALL.iter().position(|x| *x == t).unwrap_or(0);
            if let Some(name) = pack
                .agreement_head_names
                .get(k * AgreementType::ALL.len() + at)
            {
                // the name runs to its topic, so that the phrases after it
                // (`with`, `between`, `from`) are read as the name's
                hits.push(NameHit {
                    start: i,
                    end: e.max(topic_end),
                    name,
                });
                topics.push((i, topic));
            }
        }
        i = e;
    }
}

/// A year (a number of four digits from 1900 on) that qualifies the head
/// at `start..end`: right before it (`the 2003 treaty`) or after it past
/// nothing but `of`, an article or a noun of time (`l'accord de 2003`, `il
/// trattato bilaterale del 2003`, `einen Vertrag aus dem Jahr 2003`) — not
/// a year another verb's phrase gives (`concluded a similar accord in
/// 2021`, `agreements they signed in 2018`).
fn year_beside(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    start: usize,
    end: usize,
) -> Option<u16> {
    let year = |j: usize| {
        let w = &units[j].word;
        (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
            .then(|| w.parse::<u16>().ok())
            .flatten()
            .filter(|y| (1900..2100).contains(y))
    };
    let linking = |j: usize| {
        !units[j].is_mention()
            && !units[j].punct
            && (pack.is_article(words[j])
                || [Cue::Of, Cue::From, Cue::TimeNoun]
                    .into_iter()
                    .any(|c| pack.cue_at(c, words, j).is_some()))
    };
    // (one adjective may stand between: `il trattato bilaterale del 2003`,
    // `l'accord russo-ukrainien de 2003`, two demonyms a hyphen joins)
    let mut from = end;
    if units.get(from).is_some_and(|u| u.is_mention()) {
        from += 1;
        while units.get(from).is_some_and(|u| u.word == "-")
            && units.get(from + 1).is_some_and(|u| u.is_mention())
        {
            from += 2;
        }
    } else if units.get(from).is_some_and(|u| !u.punct && !linking(from)) {
        from += 1;
    }
    let mut j = from;
    while j < units.len().min(from + 4) && linking(j) {
        j += 1;
    }
    let after = (j > from && j < units.len()).then(|| year(j)).flatten();
    // (or the year of its signing, right after: `the treaty signed in
    // 2003`, `el tratado firmado en 2003`, `il trattato firmato nel 2003`)
    let signed_in = || {
        let p = (end..units.len().min(end + 2))
            .take_while(|&j| !units[j].punct && !units[j].is_mention())
            .find_map(|j| pack.status_cue_at(words, j, |s| s == AgreementStatus::Signed))?;
        let mut y = p;
        while y < units.len().min(p + 3)
            && !units[y].is_mention()
            && !units[y].punct
            && (pack.cue_at(Cue::LocationPrep, words, y).is_some() || pack.is_article(words[y]))
        {
            y += 1;
        }
        (y > p && y < units.len()).then(|| year(y)).flatten()
    };
    after
        .or_else(|| start.checked_sub(1).and_then(year))
        .or_else(signed_in)
}

/// The type a topic word near an agreement head gives it, and the topic's
/// text: a topic inside the head word itself (a compound, `Sicherheitsabkommen`),
/// two words before it (`arms deal`, `security pact`) or up to six after it
/// (`agreement on defence cooperation`, `accordo per la fornitura di caccia`),
/// not across punctuation. The first topic of the list wins (the list puts
/// the specific types first).
fn head_topic(
    units: &[Unit],
    words: &Words,
    pack: &LanguagePack,
    start: usize,
    end: usize,
) -> Option<(AgreementType, String, usize)> {
    // inside the compound: the head word's form holds a one-word topic
    let compound = words.get(start).copied().unwrap_or("");
    let mut best: Option<(usize, Option<AgreementType>, String, usize)> = None;
    let mut consider = |order: usize, t: Option<AgreementType>, text: String, to: usize| {
        if best.as_ref().is_none_or(|(o, _, _, _)| order < *o) {
            best = Some((order, t, text, to));
        }
    };
    for (order, (p, t)) in pack.agreement_topics.iter().enumerate() {
        if let [crate::lang::PatTok::Lemma(f, _) | crate::lang::PatTok::Word(f)] = p.0.as_slice()
            && f.chars().count() >= 5
            && compound.len() > f.len()
            && compound.contains(f.as_str())
        {
            consider(order, *t, f.clone(), end);
        }
    }
    let before = (start.saturating_sub(2)..start)
        .rev()
        .take_while(|&k| !units[k].punct || units[k].word == "-");
    // six words after it, not counting the sides named there (`the
    // agreement between Rome and Kyiv on security guarantees`); a relative
    // clause right after it tells what it does, to its end (`a pact that
    // allows each side's forces to refuel at the other's bases`)
    let relative = (end..units.len().min(end + 4))
        .take_while(|&k| !units[k].punct)
        .find(|&k| !units[k].is_mention() && pack.cue_at(Cue::Relative, words, k) == Some(k + 1));
    let reach = if relative.is_some() { 16 } else { 6 };
    let mut counted = 0;
    let after = (end..units.len())
        .take_while(|&k| !units[k].punct || units[k].word == "-")
        .take_while(|&k| {
            if !units[k].is_mention() {
                counted += 1;
            }
            counted <= reach
        });
    // (past the sixth word, deep in the relative clause, a weapon is what
    // the agreement lets in, not what it sells: `a draft of the pact that
    // leaked last month would allow Chinese warships to make port calls`;
    // `deals that include submarine development` are arms deals)
    let sixth = (end..units.len())
        .filter(|&k| !units[k].is_mention())
        .nth(6)
        .unwrap_or(units.len());
    for k in before.chain(after) {
        for c in pack
            .agreement_topic_index
            .candidates(words, k)
            .iter()
            .copied()
        {
            let (p, t) = &pack.agreement_topics[c];
            if k >= sixth && *t == Some(AgreementType::EquipmentTransfer) {
                continue;
            }
            if let Some(e) = p.match_at(words, k) {
                consider(c, *t, span(units, k, e.min(units.len())), e.max(end));
            }
        }
    }
    // a head that is a topic itself decides among them: `compra de
    // material militar` is a purchase whatever it buys (a head alone, `la
    // venta de petróleo`, names no agreement)
    let head = pack
        .agreement_topic_index
        .candidates(words, start)
        .iter()
        .map(|&c| &pack.agreement_topics[c])
        .find(|(p, _)| p.match_at(words, start) == Some(start + 1));
    if let (Some((_, t, _, _)), Some((_, head_type))) = (best.as_mut(), head) {
        *t = *head_type;
    }
    // (a topic that is no security matter, listed first, names none)
    best.and_then(|(_, t, text, to)| Some((t?, text, to)))
}

fn span(units: &[Unit], s: usize, e: usize) -> String {
    units[s..e]
        .iter()
        .map(|u| u.surface.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The sides of an alliance named beside an `ally` word: an actor right
/// before it (`NATO ally`, `a US ally`, `Washington's allies`) or a
/// possessive standing for the clause's subject (`its treaty allies`), and
/// the actors right after it (`ally Turkey`, `allies Japan and South
/// Korea`) or, for `X, a US ally,`, the actor the apposition follows; or
/// the side in an `of` phrase after it (`Turquía, aliado de Bakú`, `ein
/// Verbündeter der USA`) with the apposition's head or the subject the
/// predicate describes as the other side.
/// Returns (one side, the other side(s), how they were found): the side
/// described leads when an `of` phrase named the other.
fn allies_beside(
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
    start: usize,
    end: usize,
) -> Option<(Vec<ActorId>, Vec<ActorId>, String)> {
    let actors = |k: usize| -> Vec<ActorId> {
        mention_participants(&units[k], mentions)
            .into_iter()
            .map(|p| p.actor)
            .collect()
    };
    // before: the unit right before the name (or before its possessive `'s`),
    // skipping up to two modifier words (`treaty`, `key`, `most reliable`)
    let mut lead: Vec<ActorId> = Vec::new();
    let mut how = String::new();
    let mut by_possessive = false;
    let mut k = start;
    let mut skipped = 0;
    while k > 0 && skipped <= 2 {
        k -= 1;
        let u = &units[k];
        if u.is_mention() {
            lead = actors(k);
            how = format!("'{}' beside the name", u.surface);
            break;
        }
        // `Nato-Verbündeten`, `US-Verbündete`: a compound's hyphen
        if u.word == "-" && k + 1 == start {
            continue;
        }
        if u.punct {
            break;
        }
        if pack.cue_at(Cue::Possessive, words, k) == Some(k + 1) {
            let s = subject_group(units, words, mentions, pack, 0, k);
            lead = s.into_iter().map(|p| p.actor).collect();
            how = format!("the subject, by the possessive '{}'", u.surface);
            by_possessive = true;
            break;
        }
        if u.word != "'s" {
            skipped += 1;
        }
    }
    // `Turkey, Azerbaijan's closest ally` is above; `Turquía, principal
    // aliado de Bakú`, `Katar, einem engen Verbündeten der Vereinigten
    // Staaten`, `aliado de los dos países`: the side named in the `of`
    // phrase after the name
    let mut after_of = false;
    // (the name may hold the `of`: `aliado de`)
    // where the `of` phrase may open: past the quote that closes a quoted
    // name (`ein „verlässlicher Verbündeter“ der USA`) and the adjectives a
    // Romance language puts after the noun (`un allié fiable des
    // États-Unis`)
    let mut of_from = end;
    while of_from < units.len().min(end + 2)
        && !units[of_from].is_mention()
        && !units[of_from].punct
        && !units[of_from].capitalised
        && pack.cue_at(Cue::Of, words, of_from).is_none()
        && !pack.is_article(words[of_from])
    {
        of_from += 1;
    }
    if units.get(of_from).is_some_and(|u| u.word == "\"") {
        of_from += 1;
    }
    let of_end = if pack.cue_at(Cue::Of, words, of_from) == Some(of_from + 1) {
        Some(of_from + 1)
    } else {
        (end > start + 1 && pack.cue_at(Cue::Of, words, end - 1) == Some(end)).then_some(end)
    };
    if let Some(mut j) = of_end.filter(|_| lead.is_empty()) {
        while j < units.len() && !units[j].is_mention() && pack.is_article(words[j]) {
            j += 1;
        }
        if j < units.len() && units[j].is_mention() {
            lead = actors(j);
            how = format!("'{}' in the `of` phrase", units[j].surface);
        }
        after_of = !lead.is_empty();
    }
    // `Litauen, ein enger Verbündeter Finnlands`, `gilt als engster
    // Verbündeter Aserbaidschans`: after an indefinite article or a copula
    // the name right after the noun is its genitive
    if lead.is_empty()
        && units.get(end).is_some_and(Unit::is_mention)
        && (start.saturating_sub(3)..start).any(|x| {
            pack.cue_at(Cue::Indefinite, words, x).is_some()
                || pack
                    .cue_at(Cue::Copula, words, x)
                    .is_some_and(|e| e <= start)
        })
    {
        lead = actors(end);
        how = format!("'{}' in the genitive", units[end].surface);
        after_of = !lead.is_empty();
    }
    // after: the coordinated actors right after the name
    let mut others: Vec<ActorId> = Vec::new();
    // (from past the adjectives and the `of`: `un alleato storico degli
    // Stati Uniti`; an `of` right after the name still ends the list:
    // `Russia warned the allies of Ukraine`)
    let mut j = if after_of {
        units.len()
    } else {
        of_end.filter(|&o| o > end + 1).unwrap_or(end)
    };
    while j < units.len() {
        let u = &units[j];
        if u.is_mention() {
            others.extend(actors(j));
        } else if !(u.word == "," && !others.is_empty()
            || pack.cue_at(Cue::And, words, j).is_some()
            || (others.is_empty() && pack.is_article(&u.word)))
        {
            break;
        }
        j += 1;
    }
    // `Turkey, a NATO ally,`: the actor the apposition follows
    if others.is_empty() && !lead.is_empty() {
        let open = (0..start)
            .rev()
            .take(6)
            .find(|&x| units[x].word == ",")
            .filter(|&c| c > 0 && units[c - 1].is_mention());
        if let Some(c) = open {
            others = actors(c - 1);
            how.push_str(&format!(
                ", of '{}' before the apposition",
                units[c - 1].surface
            ));
            // `… with the United States, its ally`: the possessive's
            // subject is the other side, never the state so described
            if by_possessive {
                lead.retain(|a| !others.contains(a));
            }
        }
    }
    // `Deutschland sei ein verlässlicher Verbündeter der USA`, `la
    // Bielorussia è il più stretto alleato della Russia`, `Japan is
    // America's closest ally`: a predicate (an indefinite article, or a
    // copula, before the name) describes the subject
    let indefinite = (start.saturating_sub(3)..start)
        .find(|&x| pack.cue_at(Cue::Indefinite, words, x).is_some())
        .filter(|_| after_of);
    let copula = (start.saturating_sub(6)..start)
        .rev()
        .take_while(|&x| !units[x].punct || units[x].word == "'s")
        .find(|&x| !units[x].is_mention() && pack.cue_at(Cue::Copula, words, x).is_some());
    if let Some(x) = copula.or(indefinite).filter(|_| others.is_empty()) {
        others = subject_group(units, words, mentions, pack, 0, x)
            .into_iter()
            .map(|p| p.actor)
            .collect();
        if !others.is_empty() {
            how.push_str(", of the subject it describes");
        }
    }
    // `bekräftigten, den Verbündeten Südkorea zu verteidigen`: an ally named
    // with the definite article is the subject's
    if lead.is_empty()
        && !others.is_empty()
        && start > 0
        && pack.is_article(words[start - 1])
        && pack.cue_at(Cue::Indefinite, words, start - 1).is_none()
        && pack.cue_at(Cue::AllyNoun, words, start).is_some()
    {
        lead = subject_group(units, words, mentions, pack, 0, start - 1)
            .into_iter()
            .map(|p| p.actor)
            .collect();
        how = "the subject, whose ally the name calls it".into();
    }
    others.retain(|a| !lead.contains(a));
    if lead.is_empty() || others.is_empty() {
        return None;
    }
    // the described side leads, so that each side of the `of` phrase (`aliado
    // de los dos países`) makes one alliance with it
    Some(if after_of {
        (others, lead, how)
    } else {
        (lead, others, how)
    })
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
                let ps = mention_participants(u, mentions);
                // one hyphenated word naming both (`nippo-americana`)
                if ps.len() >= 2 && u.surface.contains(['-', '–', '/']) {
                    joined = true;
                }
                for p in ps {
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

/// Where a cause phrase (`over`, `in retaliation for`, `wegen`) that opens
/// the noun phrase ending with the name at `start` ends: at most six words
/// back, past articles, possessives, adjectives and actors, never past
/// punctuation.
fn cause_end(units: &[Unit], words: &Words, pack: &LanguagePack, start: usize) -> Option<usize> {
    (start.saturating_sub(6)..start)
        .rev()
        .take_while(|&j| !units[j].punct || units[j].word == "'" || units[j].word == "'s")
        .find(|&j| {
            !units[j].is_mention()
                && (j.saturating_sub(3)..=j)
                    .any(|q| pack.cue_at(Cue::Cause, words, q) == Some(j + 1))
        })
        .map(|j| j + 1)
}

/// The actors of an agreement name's own phrase: those between the cause
/// phrase ending at `from` and the name (`Washington's latest`, `Taiwan`),
/// and those of the `of`, `to` and `with` phrases right after it (`sale to
/// Taiwan`).
fn own_phrase_parties(
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
    from: usize,
    end: usize,
) -> Vec<ActorId> {
    let mut out: Vec<ActorId> = Vec::new();
    let mut add = |ps: Vec<Participant>| {
        for p in ps {
            if !out.contains(&p.actor) {
                out.push(p.actor);
            }
        }
    };
    for u in units[from..end].iter().filter(|u| u.is_mention()) {
        add(mention_participants(u, mentions));
    }
    // after it: its `of`, `to` and `with` phrases (`la vendita di armi
    // degli Stati Uniti a Taiwan`), up to the first other word
    let mut j = end;
    while j < units.len() && j < end + 8 {
        if units[j].is_mention() {
            add(mention_participants(&units[j], mentions));
        } else if !(pack.is_article(words[j])
            || [Cue::Of, Cue::ToPrep, Cue::With, Cue::And]
                .iter()
                .any(|&c| pack.cue_at(c, words, j) == Some(j + 1)))
        {
            break;
        }
        j += 1;
    }
    out
}

/// The actors of a `kind` phrase (`with A and B`, `between A and B`):
/// `with` and `from` within six words after `end`, `between` within sixteen
/// (further on in the clause, searched from inside the name).
fn phrase_group(
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
    kind: Cue,
    end: usize,
) -> Option<Vec<Participant>> {
    // `with` and `from` may close a longer phrase (`signé en 1961 avec la
    // France`, `180 tanks from South Korea`), never past another side or a
    // comma; a quotation mark closing the name is no boundary. `between`
    // names both sides, so it may stand further on in the clause, past a
    // participle, a date and commas (`the 1961 accord, concluded in Paris
    // on 24 April between Upper Volta and France`).
    let quote = |u: &Unit| u.punct && u.word.chars().all(|c| "\"'«»“”„‘’".contains(c));
    let k = if kind == Cue::Between {
        (end..units.len().min(end + 16))
            .take_while(|&k| !units[k].punct || units[k].word == "," || quote(&units[k]))
            .find(|&k| pack.cue_at(kind, words, k).is_some_and(|e| e == k + 1))?
    } else if kind == Cue::Binding {
        // (a cue of several words, `qui lient`, `che lega`: the group
        // follows its last word)
        (end..units.len().min(end + 4))
            .take_while(|&k| !units[k].is_mention() && !units[k].punct)
            .find_map(|k| pack.cue_at(kind, words, k))?
            - 1
    } else {
        (end..units.len().min(end + 6))
            .take_while(|&k| !units[k].is_mention() && (!units[k].punct || quote(&units[k])))
            .find(|&k| pack.cue_at(kind, words, k).is_some_and(|e| e == k + 1))?
    };
    let mut group = Vec::new();
    // the seller may be named inside a longer phrase (`from the German
    // arms maker Rheinmetall`): up to three words first;
    // each side of a `between` phrase may be a formal name (`the Republic
    // of Upper Volta and the French Republic`)
    let budget = match kind {
        Cue::From => 3,
        Cue::Between => 2,
        _ => 0,
    };
    let mut lead_in = budget;
    for j in k + 1..units.len() {
        if units[j].is_mention() {
            group.extend(mention_participants(&units[j], mentions));
            lead_in = 0;
        } else if pack.cue_at(Cue::And, words, j).is_some()
            // (`binding Mali to France`, `liant la France avec le Mali`)
            || (kind == Cue::Binding
                && [Cue::ToPrep, Cue::With]
                    .iter()
                    .any(|&c| pack.cue_at(c, words, j) == Some(j + 1)))
        {
            if kind == Cue::Between {
                lead_in = budget;
            }
        } else if units[j].word == "," || pack.is_article(words[j]) {
            continue;
        } else if (group.is_empty() || kind == Cue::Between) && lead_in > 0 && !units[j].punct {
            lead_in -= 1;
        } else {
            break;
        }
    }
    (!group.is_empty()).then_some(group)
}

/// Adds `actor` to the parties unless it is one already, saying why.
fn add_party(parties: &mut Vec<ActorId>, why: &mut Vec<String>, actor: ActorId, reason: &str) {
    if !parties.contains(&actor) {
        why.push(format!("party {actor}: {reason}"));
        parties.push(actor);
    }
}

/// A possessive (cues.tsv `possessive`: `its`, `leur`, `seine`) in the
/// three words before the name: the agreement is the actors' named before.
fn possessive_before(pack: &LanguagePack, words: &Words, start: usize) -> bool {
    (start.saturating_sub(3)..start).any(|k| pack.cue_at(Cue::Possessive, words, k).is_some())
}

/// The status cue nearest the name in the sentence.
fn nearest_status(
    pack: &LanguagePack,
    words: &Words,
    start: usize,
    end: usize,
) -> Option<(AgreementStatus, String)> {
    nearest_status_within(pack, words, start, end, usize::MAX)
}

/// The status cue nearest the name, no more than `within` words from it.
fn nearest_status_within(
    pack: &LanguagePack,
    words: &Words,
    start: usize,
    end: usize,
    within: usize,
) -> Option<(AgreementStatus, String)> {
    // (distance, cue length, status, text): the nearest cue; at the same
    // distance the longer (`in sospeso` is pending, not `sospeso`), then
    // the later status
    let mut best: Option<(usize, usize, AgreementStatus, String)> = None;
    for k in 0..words.len() {
        if k >= start && k < end {
            continue;
        }
        for c in pack
            .status_cue_index
            .candidates(words, k)
            .iter()
            .copied()
            .map(|i| &pack.status_cues[i])
        {
            if let Some(e) = c.phrase.match_at(words, k) {
                // `Modi a quitté Paris`, `abandonó Caracas`: a cue whose
                // object is another name (capitalised, past an article, in a
                // language whose common nouns are not) tells of that place
                // or state, not of the agreement
                let object = if e < words.len() && pack.is_article(words[e]) {
                    e + 1
                } else {
                    e
                };
                if !pack.nouns_capitalised()
                    && object < words.len()
                    && !(start..end.max(start + 1)).contains(&object)
                    && words
                        .written(object)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
                {
                    continue;
                }
                // `ratifica que la frontera …`, `confirmed that the border
                // …`: a cue whose object is a clause says that something is
                // so (`that treaty`, the name right after, is its object)
                if e + 1 < words.len()
                    && !(start..=end).contains(&(e + 1))
                    && !(start..end).contains(&e)
                    && pack.cue_at(Cue::Complementizer, words, e) == Some(e + 1)
                {
                    continue;
                }
                // `hat das Abkommen … aufgekündigt`: a cue that opens with
                // an auxiliary, followed in its clause by a status word of
                // its own, is that word's auxiliary
                if pack.cue_at(Cue::Auxiliary, words, k) == Some(k + 1)
                    && (e..words.len())
                        .take_while(|&j| !matches!(words.written(j), "," | "." | ";" | ":"))
                        .any(|j| pack.status_cue_at(words, j, |_| true).is_some())
                {
                    continue;
                }
                let mut dist = if e <= start {
                    start - e
                } else {
                    k.saturating_sub(end)
                };
                // a participle after the name with no auxiliary qualifies it
                // (`l'accord … signé en 1961`): a verb governing the name
                // before it says more about its status now
                // (so does one followed by its agent: `a ceasefire, brokered
                // by the US, took effect`)
                // (and so does one in a relative clause after the name: `el
                // tratado que firmó con España en 2002`)
                if k >= end
                    && ((pack.has_participle_suffix(&words.written(k).to_lowercase())
                        && !(end..k).any(|j| pack.cue_at(Cue::Auxiliary, words, j).is_some()))
                        || pack.cue_at(Cue::By, words, e) == Some(e + 1)
                        || ((end..k).any(|j| pack.cue_at(Cue::Relative, words, j).is_some())
                            && c.status != AgreementStatus::InForce))
                {
                    dist += 6;
                }
                // a relative clause on the name that says it holds (`un
                // tratado de 1929, que sigue vigente`, `der bis heute in
                // Kraft ist`) tells its state now, over a past step told
                // before it (`firmaron en 1929`)
                if k >= end
                    && c.status == AgreementStatus::InForce
                    && (end..(end + 3).min(k))
                        .any(|j| pack.cue_at(Cue::Relative, words, j).is_some())
                {
                    dist = dist.min(1);
                }
                let len = e - k;
                if best.as_ref().is_none_or(|(d, l, s, _)| {
                    dist < *d || (dist == *d && (len > *l || (len == *l && c.status > *s)))
                }) {
                    // `will take effect`: a step announced, not reached
                    let announced = (k.saturating_sub(3)..k)
                        .any(|j| pack.cue_at(Cue::Future, words, j).is_some_and(|e| e <= k))
                        || (k..e).any(|j| pack.has_future_suffix(&words.written(j).to_lowercase()));
                    let text = if announced {
                        format!("~{}", c.text)
                    } else {
                        c.text.clone()
                    };
                    best = Some((dist, len, c.status, text));
                }
            }
        }
    }
    best.filter(|(d, _, _, _)| *d <= within)
        .map(|(_, _, s, t)| (s, t))
}

/// The actors the sentence names as mediators: just before a mediator word
/// (`EU mediators`, `Qatar, which brokered`), or in the group it governs
/// (`mediated by Qatar, Egypt and the US`, `la mediazione di Egitto e Qatar`).
fn mediator_actors(
    units: &[Unit],
    words: &Words,
    mentions: &[Mention],
    pack: &LanguagePack,
) -> Vec<ActorId> {
    let mut out: Vec<ActorId> = Vec::new();
    let mut mark = |u: &Unit| {
        for p in mention_participants(u, mentions) {
            if !out.contains(&p.actor) {
                out.push(p.actor);
            }
        }
    };
    for j in 0..units.len() {
        if units[j].is_mention() {
            continue;
        }
        let Some(end) = pack.cue_at(Cue::Mediator, words, j) else {
            continue;
        };
        // before: the actor, or its officials (`EU officials mediating`),
        // past a verb (`Spain is the depositary`), or the actor a comma sets
        // a mediator noun after (`Blinken, depositary of the treaty`; not
        // `Hezbollah, brokered by the US`)
        let noun_of = end < units.len() && pack.is_cue(Cue::Of, words[end]);
        for back in 1..=3 {
            let Some(k) = j.checked_sub(back) else { break };
            if units[k].word == "," && back == 1 && noun_of {
                continue;
            }
            if units[k].punct {
                break;
            }
            if units[k].is_mention() {
                mark(&units[k]);
                break;
            }
        }
        // (`Il Cairo e Doha, che insieme a Washington avevano mediato`, `Qatar
        // and Egypt, which brokered`: the actors a relative clause describes)
        if let Some(r) = (j.saturating_sub(8)..j).rev().find(|&r| {
            r >= 2
                && units[r - 1].word == ","
                && !units[r].is_mention()
                && pack.cue_at(Cue::Relative, words, r) == Some(r + 1)
                && (r..j).all(|x| !units[x].punct)
        }) {
            let mut k = r - 1;
            while k > 0 {
                k -= 1;
                let u = &units[k];
                if u.is_mention() {
                    mark(u);
                } else if !(pack.cue_at(Cue::And, words, k).is_some()
                    || pack.is_article(words[k])
                    || u.word == ",")
                {
                    break;
                }
            }
        }
        // after: `by`/`of` (or nothing) and the coordinated actors
        let mut k = end;
        while k < units.len()
            && k < end + 3
            && !units[k].is_mention()
            && (pack.is_article(words[k])
                || pack.is_cue(Cue::By, words[k])
                || pack.is_cue(Cue::Of, words[k]))
        {
            k += 1;
        }
        // (German puts the genitive right after: `unter Vermittlung Katars`)
        while k < units.len() && units[k].is_mention() {
            mark(&units[k]);
            k += 1;
            let mut g = k;
            while g < units.len()
                && !units[g].is_mention()
                && (units[g].word == ","
                    || pack.cue_at(Cue::And, words, g).is_some()
                    || pack.is_article(words[g]))
            {
                g += 1;
            }
            if g > k && g < units.len() && units[g].is_mention() {
                k = g;
            } else {
                break;
            }
        }
    }
    out
}

/// Defence manufacturers and their states (data/kb/defence_firms.tsv), the
/// longest forms first.
static FIRMS: std::sync::LazyLock<Vec<(String, ActorId)>> =
    std::sync::LazyLock::new(|| maker_table(include_str!("../../../data/kb/defence_firms.tsv")));

/// Weapon systems and their makers' states (data/kb/weapon_systems.tsv),
/// the longest forms first.
static SYSTEMS: std::sync::LazyLock<Vec<(String, ActorId)>> =
    std::sync::LazyLock::new(|| maker_table(include_str!("../../../data/kb/weapon_systems.tsv")));

/// A table of names and states (`state <TAB> name|name`), the longest names
/// first.
fn maker_table(tsv: &str) -> Vec<(String, ActorId)> {
    let mut out: Vec<(String, ActorId)> = tsv
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .flat_map(|(state, forms)| {
            forms
                .split('|')
                .map(move |f| (f.trim().to_string(), ActorId::new(state.trim())))
        })
        .filter(|(f, _)| !f.is_empty())
        .collect();
    out.sort_by_key(|(f, _)| std::cmp::Reverse(f.chars().count()));
    out
}

/// The names of `table` a text holds as whole words, with their states.
fn named_in<'t>(text: &str, table: &'t [(String, ActorId)]) -> Vec<(&'t str, ActorId)> {
    let mut out: Vec<(&'t str, ActorId)> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for (form, state) in table {
        let mut from = 0;
        while let Some(i) = text[from..].find(form.as_str()) {
            let (s, e) = (from + i, from + i + form.len());
            from = e;
            let before = text[..s].chars().next_back();
            let after = text[e..].chars().next();
            let word_edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
            if word_edge(before) && word_edge(after) && !taken.iter().any(|&(a, b)| s < b && a < e)
            {
                taken.push((s, e));
                if !out.iter().any(|(_, st)| st == state) {
                    out.push((form.as_str(), state.clone()));
                }
            }
        }
    }
    out
}
