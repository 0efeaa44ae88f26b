//! Lexicon development aid: print the lemma key of each word, and the
//! triggers, cues and agreement names that match where each word stands
//! (`cargo run -p entente-extract --example lemma -- it "ha incontrato il"`).
//! Honours `ENTENTE_LANG_DIR` like the pipeline.

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(lang), text) = (args.next(), args.collect::<Vec<_>>().join(" ")) else {
        eprintln!("usage: lemma LANG WORDS...");
        std::process::exit(2);
    };
    let lex = entente_extract::lexicons();
    let Some(pack) = lex.get(&lang) else {
        eprintln!("no language pack {lang:?}; packs: {:?}", lex.languages());
        std::process::exit(2);
    };
    let chars: Vec<char> = text.chars().collect();
    let toks = entente_extract::text::tokens(&chars, 0, chars.len());
    let words = pack.words(toks.iter().map(|t| (t.norm.as_str(), t.surface.as_str())));
    for (i, t) in toks.iter().enumerate() {
        let mut notes = Vec::new();
        for (end, tr) in pack.triggers_at(&words, i) {
            notes.push(format!(
                "trigger '{}' → {} [{}] (to word {end})",
                tr.text,
                tr.event_type,
                flags(tr)
            ));
        }
        for k in pack.agreement_index.candidates(&words, i).iter().copied() {
            let n = &pack.agreements[k];
            if let Some(end) = n.phrase.match_at(&words, i) {
                notes.push(format!(
                    "agreement name '{}' → {} (to word {end})",
                    n.text,
                    n.agreement_type.as_str()
                ));
            }
        }
        for k in pack.status_cue_index.candidates(&words, i).iter().copied() {
            let c = &pack.status_cues[k];
            if let Some(end) = c.phrase.match_at(&words, i) {
                notes.push(format!(
                    "status '{}' → {} (to word {end})",
                    c.text,
                    c.status.as_str()
                ));
            }
        }
        println!(
            "{i:>3} {:<20} key {:<16} {}",
            t.surface,
            words.key(i),
            notes.join("; ")
        );
    }
}

fn flags(t: &entente_extract::lang::Trigger) -> String {
    let f = t.flags;
    [
        (f.noun, "noun"),
        (f.visit, "visit"),
        (f.passive, "passive"),
        (f.eval, "eval"),
        (f.each, "each"),
        (f.recipient_object, "recipient"),
        (f.planned, "planned"),
        (f.intent, "intent"),
    ]
    .iter()
    .filter(|(on, _)| *on)
    .map(|(_, n)| *n)
    .collect::<Vec<_>>()
    .join(",")
}
