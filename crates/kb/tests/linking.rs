//! Linking rules, one sentence each, in every supported language.

use entente_kb::Kb;
use entente_model::{ActorId, Mention, MentionForm, PartialDate};
use std::sync::OnceLock;

fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| Kb::embedded().expect("embedded knowledge base loads"))
}

fn link(text: &str, lang: &str, date: Option<&str>) -> Vec<Mention> {
    let date: Option<PartialDate> = date.and_then(|d| d.parse().ok());
    kb().link_text(text, lang, date)
}

fn ids(ms: &[Mention]) -> Vec<String> {
    ms.iter().map(|m| m.actor.to_string()).collect()
}

fn find<'a>(ms: &'a [Mention], surface: &str) -> &'a Mention {
    ms.iter()
        .find(|m| m.surface == surface)
        .unwrap_or_else(|| panic!("no mention {surface:?} in {ms:#?}"))
}

#[test]
fn a_currency_is_not_the_state() {
    for text in [
        "Aristide was accused of misusing US$50 million in public funds.",
        "The fund lost US $2 billion last year.",
        "The deal is worth U.S. $300 million.",
    ] {
        let ms = link(text, "en", None);
        assert!(!ids(&ms).contains(&"USA".to_string()), "{text}: {ms:#?}");
    }
    let ms = link("US troops left the base.", "en", None);
    assert_eq!(ids(&ms), ["USA"]);
}

#[test]
fn demonyms_in_five_languages() {
    for (text, lang, id) in [
        ("Il governo giapponese ha protestato.", "it", "JPN"),
        ("Les autorités japonaises ont réagi.", "fr", "JPN"),
        ("El ejército ruso avanzó.", "es", "RUS"),
        ("Die russische Armee griff an.", "de", "RUS"),
        ("Serbian police arrested two men.", "en", "SRB"),
        // smaller states
        ("Burundian militiamen attacked the camp.", "en", "BDI"),
        (
            "Papua New Guinean officials met the delegation.",
            "en",
            "PNG",
        ),
        ("Equatorial Guinean troops crossed the border.", "en", "GNQ"),
        ("Il governo guatemalteco ha protestato.", "it", "GTM"),
        ("Les autorités haïtiennes ont réagi.", "fr", "HTI"),
        ("El ejército hondureño desplegó tropas.", "es", "HND"),
        ("Die sambische Regierung protestierte.", "de", "ZMB"),
        // press spellings
        ("Les forces azéries ont tiré.", "fr", "AZE"),
        ("Las tropas azeríes avanzaron.", "es", "AZE"),
        ("Le ministre émirati a parlé.", "fr", "ARE"),
        ("La junte burkinabè a parlé.", "fr", "BFA"),
    ] {
        let ms = link(text, lang, None);
        assert_eq!(ids(&ms), [id], "{text}");
        assert_eq!(ms[0].form, MentionForm::Adjective);
    }
}

#[test]
fn bodies_get_their_sector() {
    let ms = link("Serbian police arrested two men.", "en", None);
    assert_eq!(ms[0].sector.as_deref(), Some("COP"));
    let ms = link("L'esercito russo ha attaccato.", "it", None);
    assert_eq!(ms[0].sector.as_deref(), Some("MIL"));
    let ms = link(
        "Lo ha detto il ministero degli Esteri giapponese.",
        "it",
        None,
    );
    assert_eq!(ms[0].actor.as_str(), "JPN");
    assert_eq!(ms[0].sector.as_deref(), Some("GOV"));
}

#[test]
fn capitals_stand_for_governments_and_are_places() {
    let ms = link("Pechino e Washington hanno parlato.", "it", None);
    assert_eq!(ids(&ms), ["CHN", "USA"]);
    assert!(ms.iter().all(|m| m.form == MentionForm::Capital));
    assert_eq!(
        kb().place("Pékin").map(|p| p.country),
        Some(ActorId::new("CHN"))
    );
    assert_eq!(
        kb().place("Wiesbaden").map(|p| p.country),
        Some(ActorId::new("DEU"))
    );
}

#[test]
fn acronyms_need_their_case() {
    assert_eq!(
        ids(&link("The US and the EU agreed.", "en", None)),
        ["USA", "EU"]
    );
    assert!(link("He told us about it.", "en", None).is_empty());
    assert_eq!(ids(&link("L'UE e l'ONU.", "it", None)), ["EU", "UN"]);
    assert!(
        link("We ate turkey in Chad.", "en", None)
            .iter()
            .all(|m| m.actor.as_str() != "TUR")
    );
}

#[test]
fn names_inside_longer_names_do_not_count() {
    let ms = link(
        "Il Forum di cooperazione economica Asia-Pacifico si è riunito nell'Indo-Pacifico.",
        "it",
        None,
    );
    assert_eq!(ids(&ms), ["APEC"]);
    assert!(link("La sicurezza euro-atlantica.", "it", None).is_empty());
    assert!(link("Tensions in the South China Sea.", "en", None).is_empty());
}

#[test]
fn ambiguous_names_by_context() {
    assert_eq!(
        ids(&link("Georgia and Armenia signed.", "en", None)),
        ["GEO", "ARM"]
    );
    assert!(
        link("The governor of Georgia spoke in Atlanta.", "en", None)
            .iter()
            .all(|m| m.actor.as_str() != "GEO")
    );
    assert!(
        link("Michael Jordan played.", "en", None)
            .iter()
            .all(|m| m.actor.as_str() != "JOR")
    );
    assert!(
        link("A statue of George Washington.", "en", None)
            .iter()
            .all(|m| m.actor.as_str() != "USA")
    );
}

#[test]
fn unknown_person_from_role_cue() {
    let ms = link(
        "Il ministro degli Esteri italiano Mario Rossi ha parlato.",
        "it",
        None,
    );
    let p = find(&ms, "Mario Rossi");
    assert_eq!(p.actor.as_str(), "person:mario-rossi");
    assert_eq!(p.role.as_deref(), Some("foreign minister"));
    assert_eq!(p.affiliation.as_ref().map(|a| a.as_str()), Some("ITA"));

    let ms = link("Jean Dupont, ministre des Armées, a déclaré.", "fr", None);
    assert_eq!(
        find(&ms, "Jean Dupont").role.as_deref(),
        Some("defence minister")
    );

    let ms = link("El canciller Juan Pérez viajó.", "es", None);
    assert_eq!(find(&ms, "Juan Pérez").actor.as_str(), "person:juan-perez");

    let ms = link(
        "Außenministerin Erika Mustermann reiste nach Paris.",
        "de",
        None,
    );
    assert_eq!(
        find(&ms, "Erika Mustermann").role.as_deref(),
        Some("foreign minister")
    );

    let ms = link("Defense Minister Zed Quorbly said so.", "en", None);
    assert_eq!(
        find(&ms, "Zed Quorbly").actor.as_str(),
        "person:zed-quorbly"
    );
}

#[test]
fn unknown_organisation_by_its_word() {
    let ms = link("According to the Quorbly Institute, it failed.", "en", None);
    assert_eq!(
        find(&ms, "Quorbly Institute").actor.as_str(),
        "org:quorbly-institute"
    );
}

#[test]
fn known_official_role_at_date() {
    let ms = link(
        "Takeshi Iwaya met Antony J. Blinken.",
        "en",
        Some("2024-11-15"),
    );
    let iwaya = find(&ms, "Takeshi Iwaya");
    assert_eq!(iwaya.role.as_deref(), Some("foreign minister"));
    assert_eq!(iwaya.affiliation.as_ref().map(|a| a.as_str()), Some("JPN"));
    assert_eq!(
        find(&ms, "Antony J. Blinken").actor.as_str(),
        "person:antony-blinken"
    );
}

#[test]
fn official_who_changed_role() {
    let rutte = ActorId::new("person:mark-rutte");
    let r2020 = kb()
        .record_at(&rutte, "2020-05-01".parse().ok())
        .expect("record");
    assert_eq!(r2020.affiliation.as_ref().map(|a| a.as_str()), Some("NLD"));
    assert_eq!(r2020.role.as_deref(), Some("prime minister"));
    let r2025 = kb()
        .record_at(&rutte, "2025-04-09".parse().ok())
        .expect("record");
    assert_eq!(r2025.affiliation.as_ref().map(|a| a.as_str()), Some("NATO"));
    let kamikawa = ActorId::new("person:yoko-kamikawa");
    let r = kb()
        .record_at(&kamikawa, "2024-03-01".parse().ok())
        .expect("record");
    assert_eq!(r.role.as_deref(), Some("foreign minister"));
}

#[test]
fn former_official_is_not_coded_as_the_state() {
    let r = kb()
        .record_at(
            &ActorId::new("person:antony-blinken"),
            "2025-06-01".parse().ok(),
        )
        .expect("record");
    assert_eq!(r.affiliation, None);
    assert_eq!(r.role.as_deref(), Some("former secretary of state"));
}

#[test]
fn surname_alone_resolves() {
    let ms = link(
        "Il primo ministro Shigeru Ishiba ha parlato. Ishiba è stato rieletto.",
        "it",
        Some("2024-11-15"),
    );
    let ids = ids(&ms);
    assert_eq!(
        ids.iter().filter(|i| *i == "person:shigeru-ishiba").count(),
        2
    );
    // A known official in office, before any full name.
    let ms = link(
        "Rutte said the alliance is ready.",
        "en",
        Some("2025-04-09"),
    );
    assert_eq!(ms[0].actor.as_str(), "person:mark-rutte");
    assert_eq!(ms[0].affiliation.as_ref().map(|a| a.as_str()), Some("NATO"));
    // An unknown person named earlier.
    let ms = link(
        "Analyst Jeffrey Quorbly spoke. Quorbly added more.",
        "en",
        None,
    );
    assert_eq!(
        find(&ms, "Quorbly").actor.as_str(),
        "person:jeffrey-quorbly"
    );
}

#[test]
fn title_alone_resolves() {
    let ms = link(
        "Il primo ministro Shigeru Ishiba ha parlato. Il premier ha poi lasciato.",
        "it",
        Some("2024-11-15"),
    );
    let m = find(&ms, "premier");
    assert_eq!(m.actor.as_str(), "person:shigeru-ishiba");
    assert_eq!(m.form, MentionForm::Role);
    let ms = link(
        "Il premier giapponese ha parlato.",
        "it",
        Some("2024-11-15"),
    );
    assert_eq!(find(&ms, "premier").actor.as_str(), "person:shigeru-ishiba");
}

#[test]
fn the_two_allies() {
    for (text, lang) in [
        ("Japan and Australia met. The two allies agreed.", "en"),
        (
            "Il Giappone e l'Australia. I due paesi hanno firmato.",
            "it",
        ),
        ("Le Japon et l'Australie. Les deux pays ont signé.", "fr"),
        ("Japón y Australia. Ambos países firmaron.", "es"),
        ("Japan und Australien. Beide Länder unterzeichneten.", "de"),
    ] {
        let ms = link(text, lang, None);
        let refs: Vec<&str> = ms
            .iter()
            .filter(|m| m.form == MentionForm::Reference)
            .map(|m| m.actor.as_str())
            .collect();
        assert_eq!(refs, ["JPN", "AUS"], "{text}");
    }
}

#[test]
fn mentions_are_sorted_and_offsets_are_characters() {
    let text = "Für Südkorea sprach Außenministerin Annalena Baerbock in Peking.";
    let ms = link(text, "de", Some("2023-05-01"));
    let chars: Vec<char> = text.chars().collect();
    for m in &ms {
        assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.surface);
    }
    assert!(ms.windows(2).all(|w| w[0].start <= w[1].start));
    assert_eq!(ids(&ms), ["KOR", "person:annalena-baerbock", "CHN"]);
}

#[test]
fn single_names_from_cues_given_names_and_eponyms() {
    // A person word before a single capitalised word.
    let ms = link(
        "Ne ha parlato l'ispettore Bellandi con la moglie Ornella.",
        "it",
        None,
    );
    assert_eq!(ids(&ms), ["person:bellandi", "person:ornella"]);
    // A given name alone, and one bearing the name of someone met earlier.
    let ms = link(
        "Erano arrivati Gustavo Marchetti e poi Alfonso. Poi Gustavo è ripartito.",
        "it",
        None,
    );
    assert_eq!(
        ids(&ms),
        [
            "person:gustavo-marchetti",
            "person:alfonso",
            "person:gustavo-marchetti"
        ]
    );
    // A surname after a word naming a law after a person.
    let ms = link("La legge Brambilla è stata approvata.", "it", None);
    assert_eq!(ids(&ms), ["person:brambilla"]);
    // Not a month with its day.
    let ms = link("TOKYO, Jan 7 (Reuters) - Talks resumed.", "en", None);
    assert!(ms.iter().all(|m| !m.actor.is_person()), "{ms:#?}");
}

#[test]
fn names_with_initials_articles_and_places_inside() {
    let ms = link("Ha vinto R. Castellani contro Karim al-Masri.", "it", None);
    assert_eq!(ids(&ms), ["person:r-castellani", "person:karim-al-masri"]);
    // A capital glued to a given name is a surname.
    let ms = link("Il ponte di Santiago Ferrandiz è chiuso.", "it", None);
    assert_eq!(ids(&ms), ["person:santiago-ferrandiz"]);
    // Places and bodies with "di" / "del" are not people.
    let ms = link(
        "Sono intervenuti i Vigili del Fuoco a Barberino del Mugello.",
        "it",
        None,
    );
    assert!(ms.iter().all(|m| !m.actor.is_person()), "{ms:#?}");
}

#[test]
fn one_word_names_the_person_the_text_names_in_full() {
    // the surname comes first, the full name later; the tables know neither
    let ms = link(
        "Segun el presidente Oyelaran, el acuerdo sigue vigente. Lo confirmo Tunde Oyelaran en Abuja.",
        "es",
        Some("2024-05-02"),
    );
    let short = find(&ms, "Oyelaran");
    assert_eq!(short.actor, ActorId::person("Tunde Oyelaran"), "{ms:#?}");
}

#[test]
fn an_undated_article_links_officials_at_the_latest_year_it_names() {
    let text = "In March 2023 Prime Minister Kishida visited Kyiv.";
    let ms = kb().link(&entente_model::Article {
        text: text.into(),
        lang: "en".into(),
        published: None,
        ..Default::default()
    });
    assert!(
        ms.iter()
            .any(|m| m.actor == ActorId::person("Fumio Kishida")),
        "{ms:#?}"
    );
}

#[test]
fn organisation_and_credit_words_are_not_people() {
    for (text, lang) in [
        ("El ministro de Relaciones Exteriores habló ayer.", "es"),
        ("La foto es de Getty Images y de la agencia.", "es"),
        (
            "Il ministero degli Esteri ha convocato l'ambasciatore.",
            "it",
        ),
        ("Le ministère des Affaires Étrangères a réagi.", "fr"),
    ] {
        let ms = link(text, lang, Some("2024-05-02"));
        assert!(!ms.iter().any(|m| m.actor.is_person()), "{text}: {ms:#?}");
    }
}

#[test]
fn a_common_word_after_a_title_is_not_a_surname() {
    // `General` is a title, but `Security` is written in lower case
    // elsewhere in the text: a common noun of a treaty's name
    let text = "Seoul restored its General Security of Military Information \
                Agreement with Tokyo, a step in security cooperation.";
    let ms = link(text, "en", Some("2023-03-21"));
    assert!(ms.iter().all(|m| !m.actor.is_person()), "{:#?}", ids(&ms));
    // a surname after the same title stays a person
    let ms = link(
        "General Brawner inspected the base.",
        "en",
        Some("2023-03-21"),
    );
    assert!(ms.iter().any(|m| m.actor.is_person()), "{:#?}", ids(&ms));
}

#[test]
fn names_with_two_particles_and_regnal_numbers_are_whole() {
    let ms = link(
        "El canciller Juan Ramón de la Fuente recibió al enviado.",
        "es",
        Some("2025-09-03"),
    );
    assert!(
        ms.iter().any(|m| m.surface == "Juan Ramón de la Fuente"),
        "{ms:#?}"
    );
    let ms = link(
        "Macron a écrit au roi Mohammed VI pour la fête du Trône.",
        "fr",
        Some("2024-07-30"),
    );
    assert!(ms.iter().any(|m| m.surface == "Mohammed VI"), "{ms:#?}");
}

#[test]
fn ships_classes_and_exercises_are_not_people() {
    let text = "Il cacciatorpediniere Caio Duilio ha abbattuto un drone. La Caio Duilio \
                ha partecipato all'esercitazione Proud Manta con la fregata Carlo Bergamini.";
    let ms = link(text, "it", Some("2024-03-03"));
    assert!(
        !ms.iter().any(|m| m.actor.is_person()),
        "a ship's or an exercise's name is no person: {ms:#?}"
    );
    // the same words with no ship noun anywhere are a person's name
    let ms = link("Il ministro Carlo Bergamini ha parlato.", "it", None);
    assert!(ms.iter().any(|m| m.actor.is_person()), "{ms:#?}");
}

#[test]
fn author_and_photo_credit_lines_name_no_actors() {
    for (text, lang) in [
        (
            "L'accordo con l'India\n\nDi Mario Bianchi ed Elena Neri\n\nIl ministro ha firmato.",
            "it",
        ),
        (
            "Die Panzer im Einsatz.\n\nFoto:\n\nKlaus Becker / IMAGO\n\nDeutschland liefert.",
            "de",
        ),
        (
            "Die Ministerinnen in Bern. (6. Juli 2023) Foto: Paul Meier (Keystone)\n\nText.",
            "de",
        ),
    ] {
        let ms = link(text, lang, None);
        assert!(!ms.iter().any(|m| m.actor.is_person()), "{text}: {ms:#?}");
    }
    // a capitalised `Di` inside a sentence opens no byline
    let ms = link(
        "Il ministro Mario Bianchi ha parlato. Di Mario Bianchi si sa poco.",
        "it",
        None,
    );
    assert!(ms.iter().any(|m| m.actor.is_person()), "{ms:#?}");
    // a news agency's dateline and an opener before a verb are no credits
    for (text, lang) in [
        (
            "LONDON (Reuters) - Britain's Keir Starmer met Emmanuel Macron in Paris on Monday.",
            "en",
        ),
        (
            "MOSCOW, March 3 (AFP) - Vladimir Putin met Xi Jinping.",
            "en",
        ),
        (
            "By Tuesday, Emmanuel Macron had spoken to Olaf Scholz.",
            "en",
        ),
        (
            "Da Roma il ministro Antonio Tajani ha chiamato Antony Blinken.",
            "it",
        ),
    ] {
        let ms = link(text, lang, Some("2024-05-06"));
        assert!(
            ms.iter().filter(|m| m.actor.is_person()).count() >= 2,
            "{text}: {ms:#?}"
        );
    }
}

#[test]
fn english_demonyms_as_plural_nouns() {
    for (text, id) in [
        ("Algerians blocked the roads.", "DZA"),
        ("Thousands of Kenyans marched.", "KEN"),
        ("Two Pakistanis were detained.", "PAK"),
        ("Czechs voted on Saturday.", "CZE"),
    ] {
        let ms = link(text, "en", None);
        assert!(ids(&ms).contains(&id.to_string()), "{text}: {ms:#?}");
    }
}

#[test]
fn the_emirates_alone_is_the_uae() {
    for (text, lang) in [
        ("Les Emirats ont signé un contrat.", "fr"),
        ("Los Emiratos firmaron un contrato.", "es"),
        ("The Emirates signed a contract.", "en"),
        ("Die Emirate unterzeichneten einen Vertrag.", "de"),
    ] {
        let ms = link(text, lang, None);
        assert!(ids(&ms).contains(&"ARE".to_string()), "{text}: {ms:#?}");
    }
}

#[test]
fn a_german_genitive_on_a_surname_is_the_person() {
    let ms = link(
        "Baerbocks Besuch in Lissabon war kurz. Putins Krieg dauert an.",
        "de",
        Some("2023-01-04"),
    );
    let people: Vec<String> = ms
        .iter()
        .filter(|m| m.actor.is_person())
        .map(|m| m.actor.to_string())
        .collect();
    assert!(
        people.contains(&"person:annalena-baerbock".to_string()),
        "{ms:#?}"
    );
    assert!(
        people.contains(&"person:vladimir-putin".to_string()),
        "{ms:#?}"
    );
    // not in another language, and not a common noun
    let ms = link("Landes Kurses", "de", Some("2023-01-04"));
    assert!(!ms.iter().any(|m| m.actor.is_person()), "{ms:#?}");
}

#[test]
fn a_genitive_name_is_matched_only_in_its_language() {
    // `Islands` is Iceland's German genitive, not the English plural
    let ms = link("Die Regierung Islands protestierte.", "de", None);
    assert!(ids(&ms).contains(&"ISL".to_string()), "{ms:#?}");
    let ms = link(
        "Boats were boarded near the Paracel Islands and the Solomon Islands.",
        "en",
        None,
    );
    assert!(!ids(&ms).contains(&"ISL".to_string()), "{ms:#?}");
}

#[test]
fn group_phrases_are_the_states_of_the_persons_last_named() {
    let ms = link(
        "Foreign Minister Penny Wong and Defence Minister Richard Marles met \
         Foreign Secretary David Cameron and Defence Secretary Grant Shapps. \
         The four ministers condemned the launch.",
        "en",
        Some("2024-03-25"),
    );
    let group: Vec<String> = ms
        .iter()
        .filter(|m| m.surface == "The four ministers")
        .map(|m| m.actor.to_string())
        .collect();
    assert_eq!(group, ["AUS", "GBR"], "{ms:#?}");
    // fewer persons named than the phrase counts: no one
    let ms = link(
        "Foreign Secretary David Cameron met Penny Wong. The four ministers spoke.",
        "en",
        Some("2024-03-25"),
    );
    assert!(
        !ms.iter().any(|m| m.surface == "The four ministers"),
        "{ms:#?}"
    );
}

#[test]
fn the_allies_are_the_alliance_named_before() {
    for (text, lang) in [
        (
            "NATO leaders gathered in Brussels. The allies agreed to raise spending.",
            "en",
        ),
        (
            "Die Nato tagte in Brüssel. Die Verbündeten einigten sich auf mehr Geld.",
            "de",
        ),
        (
            "L'Otan s'est réunie à Bruxelles. Les alliés ont promis davantage.",
            "fr",
        ),
        (
            "La Nato si è riunita a Bruxelles. Gli alleati hanno promesso di più.",
            "it",
        ),
        (
            "La OTAN se reunió en Bruselas. Los aliados prometieron más gasto.",
            "es",
        ),
    ] {
        let ms = link(text, lang, None);
        assert_eq!(
            ids(&ms).iter().filter(|id| *id == "NATO").count(),
            2,
            "{text}: {ms:#?}"
        );
        let allies = ms.iter().rfind(|m| m.actor.as_str() == "NATO").unwrap();
        assert_eq!(allies.form, MentionForm::Reference, "{text}");
    }
    // without the alliance named before, or naming whose allies they are,
    // the phrase is not the alliance
    for (text, lang) in [
        ("The allies agreed to raise spending.", "en"),
        (
            "NATO met in Brussels. The allies of Ukraine promised more.",
            "en",
        ),
        (
            "La OTAN se reunió. Los aliados europeos prometieron más.",
            "es",
        ),
        (
            "La Nato si è riunita. Gli alleati di Kiev hanno promesso di più.",
            "it",
        ),
    ] {
        let ms = link(text, lang, None);
        assert!(
            ids(&ms).iter().filter(|id| *id == "NATO").count() <= 1,
            "{text}: {ms:#?}"
        );
    }
}

#[test]
fn a_national_security_council_is_not_the_un_council() {
    for (text, lang) in [
        (
            "The US National Security Council condemned the attack.",
            "en",
        ),
        (
            "El Consejo de Seguridad Nacional de Estados Unidos condenó el ataque.",
            "es",
        ),
        (
            "Der Nationale Sicherheitsrat der USA verurteilte den Angriff.",
            "de",
        ),
        (
            "Le Conseil de sécurité nationale américain a condamné l'attaque.",
            "fr",
        ),
        (
            "Il Consiglio di sicurezza nazionale americano ha condannato l'attacco.",
            "it",
        ),
    ] {
        let ms = link(text, lang, None);
        assert!(!ids(&ms).contains(&"UN".to_string()), "{text}: {ms:#?}");
        assert!(ids(&ms).contains(&"USA".to_string()), "{text}: {ms:#?}");
    }
    let ms = link("The UN Security Council condemned the attack.", "en", None);
    assert_eq!(ids(&ms), ["UN"]);
}

#[test]
fn a_word_opening_the_sentence_is_not_the_given_name_of_a_known_official() {
    for (text, lang) in [
        ("Domenica Zelensky ha visitato la base.", "it"),
        ("Ieri Zelensky ha visitato la base.", "it"),
    ] {
        let ms = link(text, lang, Some("2023-08-21"));
        let z = find(&ms, "Zelensky");
        assert_eq!(z.actor.as_str(), "person:volodymyr-zelensky", "{text}");
        assert!(
            !ms.iter()
                .any(|m| m.actor.as_str().starts_with("person:domenica")
                    || m.actor.as_str().starts_with("person:ieri")),
            "{text}: {ms:#?}"
        );
    }
}

#[test]
fn officials_of_africa_and_the_gulf_are_known() {
    let ms = link(
        "Le président algérien Abdelmadjid Tebboune a reçu l'émissaire.",
        "fr",
        Some("2024-07-30"),
    );
    let t = find(&ms, "Abdelmadjid Tebboune");
    assert_eq!(t.affiliation.as_ref().map(|a| a.as_str()), Some("DZA"));
    // a given name alone after the full name with its honorific is the
    // same person
    let ms = link(
        "Sheikh Mohammed bin Abdulrahman bin Jassim al-Thani announced the deal. \
         At a press conference Sheikh Mohammed said it would take effect on Sunday.",
        "en",
        Some("2025-01-16"),
    );
    let people: Vec<&str> = ms
        .iter()
        .filter(|m| m.actor.is_person())
        .map(|m| m.actor.as_str())
        .collect();
    assert!(people.len() >= 2, "{ms:#?}");
    assert!(
        people
            .iter()
            .all(|p| *p == "person:mohammed-bin-abdulrahman-al-thani"),
        "{people:?}"
    );
}

#[test]
fn an_emir_or_a_house_speaker_named_by_the_title_alone_is_the_holder() {
    // the title's state in an `of` phrase after it
    for (text, lang, person) in [
        (
            "L'émir du Qatar a condamné l'attaque.",
            "fr",
            "person:tamim",
        ),
        (
            "Le président de la France a condamné l'attaque.",
            "fr",
            "person:emmanuel-macron",
        ),
        (
            "The emir of Qatar condemned the attack.",
            "en",
            "person:tamim",
        ),
    ] {
        let ms = link(text, lang, Some("2024-07-31"));
        assert!(
            ms.iter().any(|m| m.actor.as_str().starts_with(person)),
            "{text}: {ms:#?}"
        );
    }
    let ms = link(
        "House Speaker Nancy Pelosi landed in Taipei.",
        "en",
        Some("2022-08-03"),
    );
    let p = find(&ms, "Nancy Pelosi");
    assert_eq!(p.affiliation.as_ref().map(|a| a.as_str()), Some("USA"));
}

#[test]
fn a_title_with_a_name_after_it_is_not_the_word_before_the_comma() {
    // `Afterwards, Prime Minister X`: the title is the next name's, and the
    // sentence's first word is no person; `X, Prime Minister of …` keeps it
    for (text, lang, gone, kept) in [
        (
            "Afterwards, Prime Minister Narendra Modi met the delegation.",
            "en",
            "person:afterwards",
            "person:narendra-modi",
        ),
        (
            "Keine Exporte, erklärte Bundeskanzler Friedrich Merz am Freitag.",
            "de",
            "person:exporte",
            "person:friedrich-merz",
        ),
    ] {
        let ms = link(text, lang, Some("2025-08-08"));
        let found = ids(&ms);
        assert!(!found.iter().any(|a| a == gone), "{text}: {found:?}");
        assert!(found.iter().any(|a| a == kept), "{text}: {found:?}");
    }
    let ms = link(
        "Kasciunas, Defence Minister of Lithuania, visited Berlin.",
        "en",
        Some("2024-09-06"),
    );
    let p = find(&ms, "Kasciunas");
    assert_eq!(p.affiliation.as_ref().map(|a| a.as_str()), Some("LTU"));
}

#[test]
fn a_company_named_after_its_noun_is_no_person() {
    for (text, lang, gone) in [
        (
            "Il gruppo Leonardo ha firmato il contratto con la Marina.",
            "it",
            "person:leonardo",
        ),
        (
            "Der Konzern Hugo liefert die Munition an die Bundeswehr.",
            "de",
            "person:hugo",
        ),
        (
            "The contract went to the company Thomas, officials said.",
            "en",
            "person:thomas",
        ),
    ] {
        let found = ids(&link(text, lang, Some("2025-05-05")));
        assert!(!found.iter().any(|a| a == gone), "{text}: {found:?}");
    }
}

#[test]
fn a_family_name_in_capitals_joins_the_given_name() {
    // the usage of official releases: one person, written given name first
    for (text, person, gone) in [
        (
            "The envoy of Japan, TANAKA Hiroshi, met the delegation.",
            "person:hiroshi-tanaka",
            "person:hiroshi",
        ),
        (
            "The statement was signed by Emmanuel MACRON in Paris.",
            "person:emmanuel-macron",
            "person:emmanuel",
        ),
    ] {
        let found = ids(&link(text, "en", Some("2024-03-01")));
        assert!(found.iter().any(|a| a == person), "{text}: {found:?}");
        assert!(!found.iter().any(|a| a == gone), "{text}: {found:?}");
    }
}
