//! The corpus generator: deterministic news articles about meetings,
//! agreements, pledges, condemnations and deployments, in English, Italian,
//! French, Spanish and German, built by recombining this crate's own
//! sentence templates with the states and officials of `data/kb/`.
//!
//! Article `j` of a corpus depends only on the seed and `j`, so a corpus of
//! any size is produced one article at a time in constant memory. Articles
//! report "world events" drawn from a skewed pool, so the same meeting or
//! agreement is reported by many articles in several languages and fusion
//! has real work; site debris lines (newsletter prompts, "read also",
//! share buttons) are mixed in for the cleaner.

use crate::rng::Rng;
use entente_model::{PartialDate, RawArticle};

const STATES_TSV: &str = include_str!("../../../data/kb/states.tsv");
const OFFICIALS_TSV: &str = include_str!("../../../data/kb/officials.tsv");

/// The languages generated, in the order of [`LANGS`].
const CODES: [&str; 5] = ["en", "it", "fr", "es", "de"];

/// Events happen on a day of this window (day 0 = 1 June 2025).
const WINDOW_DAYS: usize = 150;

/// A state with its name in each generated language and a capital.
#[derive(Debug, Clone)]
struct State {
    names: [String; 5],
    capital: String,
    officials: Vec<String>,
}

/// What the generator knows of the world: states with officials in office.
#[derive(Debug, Clone)]
pub struct World {
    states: Vec<State>,
}

/// The first form of a `|`-separated list that carries no match prefix.
fn plain_form(forms: &str) -> Option<&str> {
    forms
        .split('|')
        .map(str::trim)
        .find(|f| !f.is_empty() && !f.starts_with(['=', '^', '?', '~']))
}

impl World {
    /// States and officials from the embedded `data/kb` tables: every state
    /// with a name in English and at least one official in office through
    /// the generated window.
    pub fn from_kb() -> World {
        let mut states: Vec<(String, State)> = Vec::new();
        for line in STATES_TSV.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            let [code, kind, lang, forms] = cols[..] else {
                continue;
            };
            let Some(form) = plain_form(forms) else {
                continue;
            };
            let i = match states.iter().position(|(c, _)| c == code) {
                Some(i) => i,
                None => {
                    states.push((
                        code.to_string(),
                        State {
                            names: Default::default(),
                            capital: String::new(),
                            officials: Vec::new(),
                        },
                    ));
                    states.len() - 1
                }
            };
            let state = &mut states[i].1;
            match kind {
                "name" | "canonical" => {
                    if let Some(k) = CODES.iter().position(|c| *c == lang)
                        && state.names[k].is_empty()
                    {
                        state.names[k] = form.to_string();
                    }
                }
                "capital" if (lang == "en" || lang == "*") && state.capital.is_empty() => {
                    state.capital = form.to_string();
                }
                _ => {}
            }
        }
        for line in OFFICIALS_TSV.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 7 {
                continue;
            }
            let (name, affiliation, start, end) = (cols[0], cols[4], cols[5], cols[6]);
            if !end.trim().is_empty() || start > "2025-05-01" {
                continue;
            }
            if let Some((_, s)) = states.iter_mut().find(|(c, _)| c == affiliation)
                && !s.officials.iter().any(|o| o == name)
            {
                s.officials.push(name.to_string());
            }
        }
        let states = states
            .into_iter()
            .map(|(_, mut s)| {
                let en = s.names[0].clone();
                for n in &mut s.names {
                    if n.is_empty() {
                        n.clone_from(&en);
                    }
                }
                if s.capital.is_empty() {
                    s.capital.clone_from(&en);
                }
                s
            })
            .filter(|s| !s.names[0].is_empty() && !s.officials.is_empty())
            .collect();
        World { states }
    }

    /// How many states the generator draws from.
    pub fn state_count(&self) -> usize {
        self.states.len()
    }
}

/// The kinds of world event the templates report.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Meet,
    Agree,
    Sign,
    Pledge,
    Condemn,
    Deploy,
    Warn,
}

const KINDS: [Kind; 7] = [
    Kind::Meet,
    Kind::Agree,
    Kind::Sign,
    Kind::Pledge,
    Kind::Condemn,
    Kind::Deploy,
    Kind::Warn,
];

/// One real-world event, reported by any number of articles.
struct WorldEvent<'w> {
    kind: Kind,
    a: &'w State,
    b: &'w State,
    person_a: &'w str,
    person_b: &'w str,
    day: usize,
}

/// A language's templates. Placeholders: `{A}` `{B}` states, `{PA}` `{PB}`
/// officials, `{CITY}` a capital, `{DATE}` the date phrase.
struct Templates {
    months: [&'static str; 12],
    lead: fn(Kind) -> &'static [&'static str],
    follow: &'static [&'static str],
    filler: &'static [&'static str],
    debris: &'static [&'static str],
    title: fn(Kind) -> &'static str,
    date: fn(usize, &str, i32) -> String,
}

fn en_lead(k: Kind) -> &'static [&'static str] {
    match k {
        Kind::Meet => &[
            "{PA} met {PB} in {CITY} {DATE} to discuss regional security.",
            "Foreign ministers of {A} and {B} held talks in {CITY} {DATE}.",
        ],
        Kind::Agree => &[
            "{A} and {B} agreed {DATE} to hold joint naval exercises next year.",
            "{PA} and {PB} agreed {DATE} to deepen defence cooperation.",
        ],
        Kind::Sign => &[
            "{A} and {B} signed a reciprocal access agreement in {CITY} {DATE}.",
            "Defence officials of {A} and {B} signed an intelligence sharing agreement {DATE}.",
        ],
        Kind::Pledge => &[
            "{A} pledged new military aid to {B} {DATE}.",
            "{PA} promised {B} air defence systems {DATE}.",
        ],
        Kind::Condemn => &[
            "{A} condemned the missile test carried out by {B} {DATE}.",
            "{PA} criticised {B} {DATE} for violating the ceasefire.",
        ],
        Kind::Deploy => &[
            "{A} deployed two warships to waters near {B} {DATE}.",
            "{A} sent additional troops to the border with {B} {DATE}.",
        ],
        Kind::Warn => &[
            "{PA} warned {B} {DATE} against further provocations.",
            "{A} threatened {B} with sanctions {DATE}.",
        ],
    }
}

fn en_title(k: Kind) -> &'static str {
    match k {
        Kind::Meet => "{A} and {B} hold talks on security",
        Kind::Agree => "{A} and {B} step up defence ties",
        Kind::Sign => "{A} and {B} sign defence pact",
        Kind::Pledge => "{A} announces aid package for {B}",
        Kind::Condemn => "{A} condemns {B}",
        Kind::Deploy => "{A} reinforces its presence near {B}",
        Kind::Warn => "Tension rises between {A} and {B}",
    }
}

fn en_date(day: usize, month: &str, year: i32) -> String {
    format!("on {day} {month} {year}")
}

const EN: Templates = Templates {
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    lead: en_lead,
    follow: &[
        "{PB} said the talks had been frank and constructive.",
        "The two governments will meet again before the end of the year.",
        "According to the statement, {A} and {B} share the same concerns about stability in the region.",
        "{PA} told reporters in {CITY} that the decision reflected a long-standing commitment.",
    ],
    filler: &[
        "Analysts expect the discussions to continue over the coming months.",
        "The ministry did not give further details.",
        "Observers noted that trade and energy were also on the agenda.",
        "The issue has dominated the regional press for several weeks.",
        "Economic ties between the two countries have grown steadily over the past decade.",
        "Opposition lawmakers asked for a debate in parliament on the matter.",
        "Markets reacted calmly to the news, with bond yields almost unchanged.",
        "Several think tanks published commentaries on the implications for the wider region.",
        "Local newspapers devoted their front pages to the story.",
        "The budget for the coming year is expected to include higher spending on equipment.",
        "Public opinion remains divided, according to a recent survey.",
        "Diplomats stressed that many technical questions remain open.",
    ],
    debris: &[
        "Subscribe to our newsletter for the latest updates",
        "Read also: The long road to a common defence",
        "Share on Facebook | Twitter | WhatsApp",
        "Leave a comment",
        "Advertisement",
        "Related articles: Five things to know about the summit",
    ],
    title: en_title,
    date: en_date,
};

fn it_lead(k: Kind) -> &'static [&'static str] {
    match k {
        Kind::Meet => &[
            "{PA} ha incontrato {PB} a {CITY} {DATE} per discutere della sicurezza regionale.",
            "I ministri degli Esteri di {A} e {B} hanno avuto colloqui a {CITY} {DATE}.",
        ],
        Kind::Agree => &[
            "{A} e {B} hanno concordato {DATE} di tenere esercitazioni navali congiunte.",
            "{PA} e {PB} hanno deciso {DATE} di rafforzare la cooperazione nella difesa.",
        ],
        Kind::Sign => &[
            "{A} e {B} hanno firmato un accordo di accesso reciproco a {CITY} {DATE}.",
            "{PA} e {PB} hanno firmato {DATE} un accordo sullo scambio di informazioni.",
        ],
        Kind::Pledge => &[
            "{A} ha promesso {DATE} nuovi aiuti militari a {B}.",
            "{PA} ha promesso a {B} sistemi di difesa aerea {DATE}.",
        ],
        Kind::Condemn => &[
            "{A} ha condannato {DATE} il test missilistico condotto da {B}.",
            "{PA} ha criticato {B} {DATE} per aver violato il cessate il fuoco.",
        ],
        Kind::Deploy => &[
            "{A} ha schierato {DATE} due navi da guerra vicino a {B}.",
            "{A} ha inviato {DATE} altre truppe al confine con {B}.",
        ],
        Kind::Warn => &[
            "{PA} ha avvertito {B} {DATE} contro nuove provocazioni.",
            "{A} ha minacciato {B} di sanzioni {DATE}.",
        ],
    }
}

fn it_title(k: Kind) -> &'static str {
    match k {
        Kind::Meet => "Colloqui sulla sicurezza tra {A} e {B}",
        Kind::Agree => "{A} e {B} rafforzano i legami nella difesa",
        Kind::Sign => "Firmato il patto di difesa tra {A} e {B}",
        Kind::Pledge => "Nuovo pacchetto di aiuti per {B}",
        Kind::Condemn => "Dura condanna di {A} contro {B}",
        Kind::Deploy => "{A} rafforza la presenza vicino a {B}",
        Kind::Warn => "Sale la tensione tra {A} e {B}",
    }
}

fn it_date(day: usize, month: &str, year: i32) -> String {
    format!("il {day} {month} {year}")
}

const IT: Templates = Templates {
    months: [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    lead: it_lead,
    follow: &[
        "{PB} ha definito i colloqui franchi e costruttivi.",
        "I due governi torneranno a incontrarsi entro la fine dell'anno.",
        "Secondo la nota, {A} e {B} condividono le stesse preoccupazioni sulla stabilità della regione.",
        "{PA} ha detto ai giornalisti che la decisione conferma un impegno di lunga data.",
    ],
    filler: &[
        "Gli analisti si aspettano che le discussioni proseguano nei prossimi mesi.",
        "Il ministero non ha fornito altri dettagli.",
        "Gli osservatori hanno notato che anche il commercio e l'energia erano in agenda.",
        "La questione domina da settimane la stampa regionale.",
        "I rapporti economici tra i due paesi sono cresciuti costantemente nell'ultimo decennio.",
        "L'opposizione ha chiesto un dibattito in parlamento.",
        "I mercati hanno reagito con calma, con i rendimenti quasi invariati.",
        "Diversi centri studi hanno pubblicato commenti sulle conseguenze per la regione.",
        "I giornali locali hanno dedicato la prima pagina alla notizia.",
        "Secondo un recente sondaggio l'opinione pubblica resta divisa.",
    ],
    debris: &[
        "Iscriviti alla nostra newsletter",
        "Leggi anche: La lunga strada verso una difesa comune",
        "Condividi su Facebook | Twitter | WhatsApp",
        "Lascia un commento",
    ],
    title: it_title,
    date: it_date,
};

fn fr_lead(k: Kind) -> &'static [&'static str] {
    match k {
        Kind::Meet => &[
            "{PA} a rencontré {PB} à {CITY} {DATE} pour évoquer la sécurité régionale.",
            "Les ministres des Affaires étrangères de {A} et de {B} se sont entretenus à {CITY} {DATE}.",
        ],
        Kind::Agree => &[
            "{A} et {B} sont convenus {DATE} d'organiser des exercices navals conjoints.",
            "{PA} et {PB} ont décidé {DATE} de renforcer leur coopération de défense.",
        ],
        Kind::Sign => &[
            "{A} et {B} ont signé un accord d'accès réciproque à {CITY} {DATE}.",
            "{PA} et {PB} ont signé {DATE} un accord de partage de renseignements.",
        ],
        Kind::Pledge => &[
            "{A} a promis {DATE} une nouvelle aide militaire à {B}.",
            "{PA} a promis des systèmes de défense aérienne à {B} {DATE}.",
        ],
        Kind::Condemn => &[
            "{A} a condamné {DATE} l'essai de missile mené par {B}.",
            "{PA} a critiqué {B} {DATE} pour avoir violé le cessez-le-feu.",
        ],
        Kind::Deploy => &[
            "{A} a déployé {DATE} deux navires de guerre près de {B}.",
            "{A} a envoyé {DATE} des troupes supplémentaires à la frontière avec {B}.",
        ],
        Kind::Warn => &[
            "{PA} a mis en garde {B} {DATE} contre de nouvelles provocations.",
            "{A} a menacé {B} de sanctions {DATE}.",
        ],
    }
}

fn fr_title(k: Kind) -> &'static str {
    match k {
        Kind::Meet => "Entretiens sur la sécurité entre {A} et {B}",
        Kind::Agree => "{A} et {B} resserrent leurs liens de défense",
        Kind::Sign => "{A} et {B} signent un pacte de défense",
        Kind::Pledge => "Nouvelle aide pour {B}",
        Kind::Condemn => "{A} condamne {B}",
        Kind::Deploy => "{A} renforce sa présence près de {B}",
        Kind::Warn => "La tension monte entre {A} et {B}",
    }
}

fn fr_date(day: usize, month: &str, year: i32) -> String {
    format!("le {day} {month} {year}")
}

const FR: Templates = Templates {
    months: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    lead: fr_lead,
    follow: &[
        "{PB} a qualifié les discussions de franches et constructives.",
        "Les deux gouvernements se retrouveront avant la fin de l'année.",
        "Selon le communiqué, {A} et {B} partagent les mêmes inquiétudes sur la stabilité de la région.",
        "{PA} a déclaré à la presse que la décision traduisait un engagement ancien.",
    ],
    filler: &[
        "Les analystes s'attendent à ce que les discussions se poursuivent dans les prochains mois.",
        "Le ministère n'a pas donné plus de détails.",
        "Les observateurs ont noté que le commerce et l'énergie figuraient aussi à l'ordre du jour.",
        "Le sujet occupe la presse régionale depuis plusieurs semaines.",
        "Les liens économiques entre les deux pays n'ont cessé de croître depuis dix ans.",
        "L'opposition a demandé un débat au parlement.",
        "Les marchés ont réagi avec calme à la nouvelle.",
        "Plusieurs instituts de recherche ont publié des analyses sur les conséquences pour la région.",
        "Selon un sondage récent, l'opinion publique reste partagée.",
    ],
    debris: &[
        "Abonnez-vous à notre newsletter",
        "Lire aussi : Le long chemin vers une défense commune",
        "Partager sur Facebook | Twitter | WhatsApp",
        "Laisser un commentaire",
    ],
    title: fr_title,
    date: fr_date,
};

fn es_lead(k: Kind) -> &'static [&'static str] {
    match k {
        Kind::Meet => &[
            "{PA} se reunió con {PB} en {CITY} {DATE} para hablar de la seguridad regional.",
            "Los ministros de Exteriores de {A} y {B} mantuvieron conversaciones en {CITY} {DATE}.",
        ],
        Kind::Agree => &[
            "{A} y {B} acordaron {DATE} realizar maniobras navales conjuntas.",
            "{PA} y {PB} decidieron {DATE} reforzar la cooperación en defensa.",
        ],
        Kind::Sign => &[
            "{A} y {B} firmaron un acuerdo de acceso recíproco en {CITY} {DATE}.",
            "{PA} y {PB} firmaron {DATE} un acuerdo para compartir inteligencia.",
        ],
        Kind::Pledge => &[
            "{A} prometió {DATE} nueva ayuda militar a {B}.",
            "{PA} prometió a {B} sistemas de defensa aérea {DATE}.",
        ],
        Kind::Condemn => &[
            "{A} condenó {DATE} la prueba de misiles realizada por {B}.",
            "{PA} criticó a {B} {DATE} por violar el alto el fuego.",
        ],
        Kind::Deploy => &[
            "{A} desplegó {DATE} dos buques de guerra cerca de {B}.",
            "{A} envió {DATE} más tropas a la frontera con {B}.",
        ],
        Kind::Warn => &[
            "{PA} advirtió a {B} {DATE} contra nuevas provocaciones.",
            "{A} amenazó a {B} con sanciones {DATE}.",
        ],
    }
}

fn es_title(k: Kind) -> &'static str {
    match k {
        Kind::Meet => "Conversaciones sobre seguridad entre {A} y {B}",
        Kind::Agree => "{A} y {B} estrechan sus lazos de defensa",
        Kind::Sign => "{A} y {B} firman un pacto de defensa",
        Kind::Pledge => "Nuevo paquete de ayuda para {B}",
        Kind::Condemn => "{A} condena a {B}",
        Kind::Deploy => "{A} refuerza su presencia cerca de {B}",
        Kind::Warn => "Crece la tensión entre {A} y {B}",
    }
}

fn es_date(day: usize, month: &str, year: i32) -> String {
    format!("el {day} de {month} de {year}")
}

const ES: Templates = Templates {
    months: [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    lead: es_lead,
    follow: &[
        "{PB} calificó las conversaciones de francas y constructivas.",
        "Los dos gobiernos volverán a reunirse antes de fin de año.",
        "Según el comunicado, {A} y {B} comparten la misma preocupación por la estabilidad de la región.",
        "{PA} dijo a los periodistas que la decisión refleja un compromiso de larga data.",
    ],
    filler: &[
        "Los analistas esperan que las conversaciones continúen en los próximos meses.",
        "El ministerio no dio más detalles.",
        "Los observadores señalaron que el comercio y la energía también estaban en la agenda.",
        "El asunto domina la prensa regional desde hace semanas.",
        "Los lazos económicos entre los dos países han crecido de forma constante en la última década.",
        "La oposición pidió un debate en el parlamento.",
        "Los mercados reaccionaron con calma a la noticia.",
        "Según una encuesta reciente, la opinión pública sigue dividida.",
    ],
    debris: &[
        "Suscríbete a nuestro boletín",
        "Lee también: El largo camino hacia una defensa común",
        "Compartir en Facebook | Twitter | WhatsApp",
        "Deja un comentario",
    ],
    title: es_title,
    date: es_date,
};

fn de_lead(k: Kind) -> &'static [&'static str] {
    match k {
        Kind::Meet => &[
            "{PA} traf {PB} {DATE} in {CITY}, um über die regionale Sicherheit zu sprechen.",
            "Die Außenminister von {A} und {B} führten {DATE} in {CITY} Gespräche.",
        ],
        Kind::Agree => &[
            "{A} und {B} vereinbarten {DATE} gemeinsame Marinemanöver.",
            "{PA} und {PB} beschlossen {DATE}, die Zusammenarbeit in der Verteidigung auszubauen.",
        ],
        Kind::Sign => &[
            "{A} und {B} unterzeichneten {DATE} in {CITY} ein Abkommen über gegenseitigen Zugang.",
            "{PA} und {PB} unterzeichneten {DATE} ein Abkommen zum Austausch von Geheimdienstinformationen.",
        ],
        Kind::Pledge => &[
            "{A} sagte {B} {DATE} neue Militärhilfe zu.",
            "{PA} versprach {B} {DATE} Luftabwehrsysteme.",
        ],
        Kind::Condemn => &[
            "{A} verurteilte {DATE} den Raketentest von {B}.",
            "{PA} kritisierte {B} {DATE} für den Bruch der Waffenruhe.",
        ],
        Kind::Deploy => &[
            "{A} verlegte {DATE} zwei Kriegsschiffe in die Nähe von {B}.",
            "{A} schickte {DATE} zusätzliche Truppen an die Grenze zu {B}.",
        ],
        Kind::Warn => &[
            "{PA} warnte {B} {DATE} vor weiteren Provokationen.",
            "{A} drohte {B} {DATE} mit Sanktionen.",
        ],
    }
}

fn de_title(k: Kind) -> &'static str {
    match k {
        Kind::Meet => "Sicherheitsgespräche zwischen {A} und {B}",
        Kind::Agree => "{A} und {B} vertiefen ihre Verteidigungsbeziehungen",
        Kind::Sign => "{A} und {B} unterzeichnen Verteidigungspakt",
        Kind::Pledge => "Neues Hilfspaket für {B}",
        Kind::Condemn => "{A} verurteilt {B}",
        Kind::Deploy => "{A} verstärkt Präsenz nahe {B}",
        Kind::Warn => "Spannungen zwischen {A} und {B} nehmen zu",
    }
}

fn de_date(day: usize, month: &str, year: i32) -> String {
    format!("am {day}. {month} {year}")
}

const DE: Templates = Templates {
    months: [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    lead: de_lead,
    follow: &[
        "{PB} nannte die Gespräche offen und konstruktiv.",
        "Die beiden Regierungen wollen sich vor Jahresende erneut treffen.",
        "Laut der Erklärung teilen {A} und {B} die Sorge um die Stabilität der Region.",
        "{PA} sagte vor Journalisten, die Entscheidung zeige eine langjährige Verpflichtung.",
    ],
    filler: &[
        "Beobachter rechnen damit, dass die Gespräche in den kommenden Monaten weitergehen.",
        "Das Ministerium nannte keine weiteren Einzelheiten.",
        "Auch Handel und Energie standen nach Angaben von Beobachtern auf der Tagesordnung.",
        "Das Thema beherrscht seit Wochen die regionale Presse.",
        "Die wirtschaftlichen Beziehungen beider Länder sind im letzten Jahrzehnt stetig gewachsen.",
        "Die Opposition forderte eine Debatte im Parlament.",
        "Die Märkte reagierten gelassen auf die Nachricht.",
        "Einer aktuellen Umfrage zufolge ist die öffentliche Meinung gespalten.",
    ],
    debris: &[
        "Jetzt abonnieren und weiterlesen",
        "Lesen Sie auch: Der lange Weg zu einer gemeinsamen Verteidigung",
        "Teilen auf Facebook | Twitter | WhatsApp",
    ],
    title: de_title,
    date: de_date,
};

const LANGS: [&Templates; 5] = [&EN, &IT, &FR, &ES, &DE];

/// Days in each month of 2025 (the window starts on 1 June 2025).
const MONTH_DAYS: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// Day `n` of the window as (year, month 1-12, day).
fn calendar(n: usize) -> (i32, usize, usize) {
    let (mut month, mut day) = (6usize, n + 1);
    let mut year = 2025;
    while day > MONTH_DAYS[month - 1] {
        day -= MONTH_DAYS[month - 1];
        month += 1;
        if month > 12 {
            month = 1;
            year += 1;
        }
    }
    (year, month, day)
}

/// One of a non-empty list of templates.
fn one<'a>(r: &mut Rng, items: &[&'a str]) -> &'a str {
    items.get(r.below(items.len())).copied().unwrap_or_default()
}

/// One generated article, ready to write as a JSONL record or to hand to
/// the pipeline as a [`RawArticle`].
#[derive(Debug, Clone)]
pub struct GeneratedArticle {
    pub source: String,
    pub url: String,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub published: String,
    pub lang: &'static str,
    /// Paragraphs separated by blank lines, with debris lines among them.
    pub text: String,
}

impl GeneratedArticle {
    /// The article as one JSONL line (without the newline), in the form
    /// `entente ingest` reads. The language is left out, as many feeds do,
    /// so that the cleaner identifies it.
    pub fn to_jsonl(&self) -> String {
        serde_json::json!({
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "published": self.published,
            "text": self.text,
        })
        .to_string()
    }

    /// The article as the JSONL reader would give it.
    pub fn into_raw(self) -> RawArticle {
        let mut parts = self.published.split('-').map(|p| p.parse::<u16>().ok());
        let published = match (parts.next(), parts.next(), parts.next()) {
            (Some(Some(y)), Some(Some(m)), Some(Some(d))) => {
                Some(PartialDate::day(y as i16, m as u8, d as u8))
            }
            _ => None,
        };
        RawArticle {
            source: self.source,
            url: Some(self.url),
            title: Some(self.title),
            published,
            lang: None,
            text: self.text,
            title_in_text: false,
        }
    }

    /// Bytes of input text (title and body).
    pub fn bytes(&self) -> usize {
        self.title.len() + self.text.len()
    }
}

/// A deterministic corpus: article `j` depends only on the seed and `j`.
#[derive(Debug, Clone)]
pub struct Corpus {
    world: World,
    seed: u64,
    /// Size of the pool of world events the articles report.
    events: usize,
}

impl Corpus {
    /// A corpus whose articles report a pool of events about a third as
    /// large as `articles` (at least 64), skewed so that a few events are
    /// reported very often and most a few times.
    pub fn new(seed: u64, articles: usize) -> Corpus {
        Corpus {
            world: World::from_kb(),
            seed,
            events: (articles / 3).max(64),
        }
    }

    fn world_event(&self, i: usize) -> WorldEvent<'_> {
        let mut r = Rng::for_item(self.seed, 2, i as u64);
        let states = &self.world.states;
        let ia = r.below(states.len());
        let mut ib = r.below(states.len().saturating_sub(1).max(1));
        if ib >= ia {
            ib += 1;
        }
        let ib = ib.min(states.len().saturating_sub(1));
        let (a, b) = (&states[ia], &states[ib]);
        WorldEvent {
            kind: *r.pick(&KINDS),
            a,
            b,
            person_a: r.pick(&a.officials).as_str(),
            person_b: r.pick(&b.officials).as_str(),
            day: r.below(WINDOW_DAYS),
        }
    }

    /// An event index, skewed toward small indexes (the popular events).
    fn popular_event(&self, r: &mut Rng) -> usize {
        let u = (r.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u) * self.events as f64) as usize
    }

    /// Article `j`.
    pub fn article(&self, j: usize) -> GeneratedArticle {
        let mut r = Rng::for_item(self.seed, 1, j as u64);
        let li = r.below(LANGS.len());
        let t = LANGS[li];
        let fill = |s: &str, e: &WorldEvent<'_>, date: &str| {
            s.replace("{A}", &e.a.names[li])
                .replace("{B}", &e.b.names[li])
                .replace("{PA}", e.person_a)
                .replace("{PB}", e.person_b)
                .replace("{CITY}", &e.a.capital)
                .replace("{DATE}", date)
        };
        let date_of = |e: &WorldEvent<'_>| {
            let (y, m, d) = calendar(e.day);
            (t.date)(d, t.months[m - 1], y)
        };
        let main = self.world_event(self.popular_event(&mut r));
        let (py, pm, pd) = calendar((main.day + r.below(2)).min(WINDOW_DAYS));
        let mut sentences: Vec<String> = Vec::new();
        sentences.push(fill(
            one(&mut r, (t.lead)(main.kind)),
            &main,
            &date_of(&main),
        ));
        for _ in 0..1 + r.below(2) {
            sentences.push(fill(one(&mut r, t.follow), &main, ""));
        }
        for _ in 0..r.below(3) {
            let other = self.world_event(self.popular_event(&mut r));
            sentences.push(fill(
                one(&mut r, (t.lead)(other.kind)),
                &other,
                &date_of(&other),
            ));
        }
        for _ in 0..26 + r.below(24) {
            let at = 1 + r.below(sentences.len());
            sentences.insert(at, r.pick(t.filler).to_string());
        }
        let mut text = String::new();
        let mut in_paragraph = 0;
        for s in sentences {
            if in_paragraph > 0 && (in_paragraph >= 4 || r.chance(0.3)) {
                text.push_str("\n\n");
                if r.chance(0.25) {
                    text.push_str(one(&mut r, t.debris));
                    text.push_str("\n\n");
                }
                in_paragraph = 0;
            } else if in_paragraph > 0 {
                text.push(' ');
            }
            text.push_str(s.trim());
            in_paragraph += 1;
        }
        text.push_str("\n\n");
        text.push_str(one(&mut r, t.debris));
        text.push('\n');
        GeneratedArticle {
            source: format!("gen-{}-{j:08}", CODES[li]),
            url: format!("https://news.example/{}/{j}", CODES[li]),
            title: fill((t.title)(main.kind), &main, ""),
            published: format!("{py:04}-{pm:02}-{pd:02}"),
            lang: CODES[li],
            text,
        }
    }

    /// Articles `0..n`, generated lazily.
    pub fn articles(&self, n: usize) -> impl Iterator<Item = GeneratedArticle> + '_ {
        (0..n).map(move |j| self.article(j))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_articles() {
        let a = Corpus::new(42, 100);
        let b = Corpus::new(42, 100);
        for j in [0, 1, 57, 99] {
            assert_eq!(a.article(j).text, b.article(j).text);
        }
        assert_ne!(a.article(3).text, Corpus::new(43, 100).article(3).text);
    }

    #[test]
    fn articles_are_in_every_language_and_fill_their_placeholders() {
        let c = Corpus::new(1, 200);
        assert!(c.world.state_count() > 10);
        let langs: std::collections::BTreeSet<&str> = c.articles(200).map(|a| a.lang).collect();
        assert_eq!(langs.len(), 5);
        for a in c.articles(200) {
            assert!(!a.text.contains('{'), "{}", a.text);
            assert!(!a.title.contains('{'));
        }
    }

    #[test]
    fn calendar_walks_months() {
        assert_eq!(calendar(0), (2025, 6, 1));
        assert_eq!(calendar(30), (2025, 7, 1));
        assert_eq!(calendar(149), (2025, 10, 28));
    }
}
