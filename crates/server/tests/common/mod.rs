//! Helpers shared by the server tests: a hand-built record (documents,
//! events, agreements) stored through the real store, a server on a free
//! loopback port, and a small HTTP/1.1 client for GET requests.
#![allow(dead_code)]

use entente_model::{
    ActorId, ActorRecord, ActorType, Agreement, AgreementStatus, AgreementType, DatePrecision,
    Document, Event, EventStatus, EventType, Evidence, Extraction, Flag, Location, PartialDate,
    StatusChange,
};
use entente_store::{SqliteStore, Store};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const DOC_RAA: &str = "🛡️ MANILA, July 8 – Japan and the Philippines signed a Reciprocal Access Agreement on Monday. \
The two sides began negotiating the pact in November 2023. \
Foreign ministers Yoko Kamikawa and Enrique Manalo met in Manila the same day.";

pub const DOC_PRK: &str = "Seul, 12 gennaio – La Corea del Nord ha lanciato XNUMX missili verso il mare mercoledì, \
ha detto Seul. Il ministro degli Esteri ha condannato il test in Corea del Sud e in è avvenuta una riunione.";

pub const DOC_DRILL: &str = "The United States and Japan held joint naval exercises in June 2023. \
Secretary of State Antony Blinken criticised Beijing over the drills near Taiwan.";

pub const DOC_FIN: &str = "Finland joined NATO, ending decades of military non-alignment.";

/// The sentence of `text` that starts with `prefix`, as evidence with
/// character (code point) offsets.
pub fn evidence(doc: &str, text: &str, prefix: &str) -> Evidence {
    let byte = text
        .find(prefix)
        .unwrap_or_else(|| panic!("{prefix:?} not in the text"));
    let end_byte = text[byte..].find(". ").map_or(text.len(), |i| byte + i + 1);
    let start = text[..byte].chars().count();
    let sentence = &text[byte..end_byte];
    Evidence {
        document: doc.into(),
        text: sentence.into(),
        start,
        end: start + sentence.chars().count(),
    }
}

fn ids(list: &[&str]) -> Vec<ActorId> {
    list.iter().map(|s| ActorId::new(*s)).collect()
}

fn document(id: &str, text: &str, lang: &str, published: Option<PartialDate>) -> Document {
    Document {
        id: id.into(),
        source: format!("{id}.txt"),
        url: Some(format!("https://example.org/{id}")),
        title: format!("Article {id}"),
        lang: lang.into(),
        published,
        published_from: None,
        dateline: None,
        text: text.into(),
        actors: vec![],
        flags: vec![],
    }
}

#[allow(clippy::too_many_arguments)]
fn event(
    id: &str,
    t: EventType,
    actor: &[&str],
    recipient: &[&str],
    persons: &[&str],
    date: Option<PartialDate>,
    status: EventStatus,
    evidence: Evidence,
) -> Event {
    Event {
        id: id.into(),
        event_type: t,
        mode: vec![],
        context: vec!["military".into()],
        actor: ids(actor),
        recipient: ids(recipient),
        actor_persons: ids(persons),
        recipient_persons: vec![],
        actor_sectors: vec![],
        recipient_sectors: vec![],
        date,
        date_precision: date.map_or(DatePrecision::Unknown, |d| d.precision()),
        location: Some(Location {
            country: actor.first().map(|a| ActorId::new(*a)),
            place: None,
        }),
        status,
        confidence: 0.9,
        why: vec![format!("test fixture: {id}")],
        evidence: vec![evidence],
        trigger: None,
    }
}

fn actor(id: &str, t: ActorType, name: &str) -> ActorRecord {
    ActorRecord {
        id: ActorId::new(id),
        actor_type: t,
        name: name.into(),
        affiliation: None,
        role: None,
    }
}

fn step(status: AgreementStatus, date: Option<PartialDate>, ev: Vec<Evidence>) -> StatusChange {
    StatusChange {
        status,
        date,
        why: vec![format!("test fixture: {}", status.as_str())],
        evidence: ev,
        events: vec![],
    }
}

/// Four documents, seven events, two agreements: enough to tell every
/// filter apart and to move the network through time.
pub fn fixture() -> Vec<Extraction> {
    let raa = "doc-raa";
    let mut d_raa = document(raa, DOC_RAA, "en", Some(PartialDate::day(2024, 7, 8)));
    d_raa.actors = ids(&["JPN", "PHL", "person:yoko-kamikawa"]);
    let signed = evidence(raa, DOC_RAA, "MANILA");
    let negotiating = evidence(raa, DOC_RAA, "The two sides");
    let met = evidence(raa, DOC_RAA, "Foreign ministers");
    let raa_ex = Extraction {
        document: d_raa,
        actors: vec![
            actor("JPN", ActorType::State, "Japan"),
            actor("PHL", ActorType::State, "Philippines"),
            ActorRecord {
                id: ActorId::new("person:yoko-kamikawa"),
                actor_type: ActorType::Person,
                name: "Yoko Kamikawa".into(),
                affiliation: Some(ActorId::new("JPN")),
                role: Some("foreign minister".into()),
            },
        ],
        events: vec![
            event(
                "r1",
                EventType::Support,
                &["JPN", "PHL"],
                &[],
                &[],
                Some(PartialDate::day(2024, 7, 8)),
                EventStatus::Reported,
                signed.clone(),
            ),
            event(
                "r2",
                EventType::Consult,
                &["JPN", "PHL"],
                &[],
                &["person:yoko-kamikawa"],
                Some(PartialDate::day(2024, 7, 8)),
                EventStatus::Reported,
                met,
            ),
        ],
        agreements: vec![Agreement {
            id: "a-raa".into(),
            agreement_type: AgreementType::ReciprocalAccess,
            name: Some("RAA".into()),
            parties: ids(&["JPN", "PHL"]),
            status: AgreementStatus::Signed,
            status_date: Some(PartialDate::day(2024, 7, 8)),
            history: vec![
                step(
                    AgreementStatus::Negotiating,
                    Some(PartialDate::month(2023, 11)),
                    vec![negotiating],
                ),
                step(
                    AgreementStatus::Signed,
                    Some(PartialDate::day(2024, 7, 8)),
                    vec![signed.clone()],
                ),
            ],
            evidence: vec![signed],
        }],
    };

    let prk = "doc-prk";
    let mut d_prk = document(prk, DOC_PRK, "it", Some(PartialDate::day(2024, 1, 12)));
    d_prk.actors = ids(&["PRK", "KOR"]);
    d_prk.flags = vec![
        Flag(Flag::ELIDED_NAME.into()),
        Flag(Flag::MT_ARTEFACT.into()),
    ];
    let prk_ex = Extraction {
        document: d_prk,
        actors: vec![
            actor("PRK", ActorType::State, "North Korea"),
            actor("KOR", ActorType::State, "South Korea"),
        ],
        events: vec![
            event(
                "p1",
                EventType::Mobilize,
                &["PRK"],
                &["KOR"],
                &[],
                Some(PartialDate::day(2024, 1, 10)),
                EventStatus::Reported,
                evidence(prk, DOC_PRK, "Seul, 12"),
            ),
            event(
                "p2",
                EventType::Accuse,
                &["KOR"],
                &["PRK"],
                &[],
                Some(PartialDate::day(2024, 1, 11)),
                EventStatus::Reported,
                evidence(prk, DOC_PRK, "Il ministro"),
            ),
        ],
        agreements: vec![],
    };

    let drill = "doc-drill";
    let mut d_drill = document(drill, DOC_DRILL, "en", Some(PartialDate::day(2023, 6, 15)));
    d_drill.actors = ids(&["USA", "JPN", "CHN", "person:antony-blinken"]);
    let drill_ex = Extraction {
        document: d_drill,
        actors: vec![
            actor("USA", ActorType::State, "United States"),
            actor("JPN", ActorType::State, "Japan"),
            actor("CHN", ActorType::State, "China"),
            ActorRecord {
                id: ActorId::new("person:antony-blinken"),
                actor_type: ActorType::Person,
                name: "Antony Blinken".into(),
                affiliation: Some(ActorId::new("USA")),
                role: Some("secretary of state".into()),
            },
        ],
        events: vec![
            event(
                "d1",
                EventType::Cooperate,
                &["USA", "JPN"],
                &[],
                &[],
                Some(PartialDate::month(2023, 6)),
                EventStatus::Reported,
                evidence(drill, DOC_DRILL, "The United States"),
            ),
            event(
                "d2",
                EventType::Accuse,
                &["USA"],
                &["CHN"],
                &["person:antony-blinken"],
                Some(PartialDate::day(2023, 6, 14)),
                EventStatus::Reported,
                evidence(drill, DOC_DRILL, "Secretary of State"),
            ),
        ],
        agreements: vec![Agreement {
            id: "a-alliance".into(),
            agreement_type: AgreementType::Alliance,
            name: None,
            parties: ids(&["JPN", "USA"]),
            status: AgreementStatus::InForce,
            status_date: Some(PartialDate::year(1960)),
            history: vec![step(
                AgreementStatus::InForce,
                Some(PartialDate::year(1960)),
                vec![evidence(drill, DOC_DRILL, "The United States")],
            )],
            evidence: vec![evidence(drill, DOC_DRILL, "The United States")],
        }],
    };

    let fin = "doc-fin";
    let mut d_fin = document(fin, DOC_FIN, "en", None);
    d_fin.actors = ids(&["FIN", "NATO"]);
    let fin_ex = Extraction {
        document: d_fin,
        actors: vec![
            actor("FIN", ActorType::State, "Finland"),
            actor("NATO", ActorType::Igo, "North Atlantic Treaty Organization"),
        ],
        events: vec![event(
            "f1",
            EventType::Support,
            &["FIN", "NATO"],
            &[],
            &[],
            None,
            EventStatus::Historical,
            evidence(fin, DOC_FIN, "Finland"),
        )],
        agreements: vec![],
    };
    vec![raa_ex, prk_ex, drill_ex, fin_ex]
}

/// A database in `dir` holding `batch`, fused.
pub fn store_with(dir: &Path, batch: &[Extraction]) -> PathBuf {
    let path = dir.join("entente.db");
    let mut store = SqliteStore::open(&path).expect("open the test store");
    if !batch.is_empty() {
        store.put_batch(batch).expect("store the fixture");
    }
    store.refuse().expect("fuse the fixture");
    path
}

/// A server on a free loopback port, stopped when dropped.
pub struct TestServer {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TestServer {
    pub fn start(db: &Path) -> TestServer {
        let app = entente_server::App::open(db.to_str().expect("UTF-8 test path"))
            .expect("open the test database");
        TestServer::start_app(app)
    }

    /// A server of an app built by the test (e.g. with editors).
    pub fn start_app(app: entente_server::App) -> TestServer {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let addr = listener.local_addr().expect("local address");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("a tokio runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
                entente_server::serve(listener, app, async {
                    let _ = stopped.await;
                })
                .await
                .expect("the server runs");
            });
        });
        TestServer {
            addr,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// `GET path`: status, headers (lower-case names) and body.
    pub fn get(&self, path: &str) -> Response {
        self.request("GET", path, "")
    }

    pub fn request(&self, method: &str, path: &str, body: &str) -> Response {
        http(self.addr, method, path, body)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    /// The `error` message of a JSON error answer.
    pub fn error(&self) -> String {
        self.json()["error"]
            .as_str()
            .unwrap_or_else(|| panic!("no error message: {}", self.body))
            .to_string()
    }
}

/// One HTTP/1.1 request on a fresh connection (`Connection: close`).
pub fn http(addr: SocketAddr, method: &str, path: &str, body: &str) -> Response {
    http_with(addr, method, path, &[], body)
}

/// [`http`] with more headers (`Name: value` lines).
pub fn http_with(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[&str],
    body: &str,
) -> Response {
    let mut stream = TcpStream::connect(addr).expect("connect to the test server");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let extra: String = headers.iter().map(|h| format!("{h}\r\n")).collect();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{extra}Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("send request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut rest = raw[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .expect("status line");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.eq_ignore_ascii_case("chunked"));
    if chunked {
        rest = dechunk(&rest);
    }
    Response {
        status,
        headers,
        body: String::from_utf8(rest).expect("UTF-8 body"),
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..eol]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .expect("chunk size");
        if size == 0 {
            break;
        }
        let start = eol + 2;
        out.extend_from_slice(&data[start..start + size]);
        data = &data[start + size + 2..];
    }
    out
}

/// Percent-encode a query value.
pub fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// States the generated corpus draws from: the busiest few far more often
/// than the rest, as in the news.
const GENERATED_STATES: &[&str] = &[
    "USA", "CHN", "RUS", "UKR", "JPN", "KOR", "PRK", "DEU", "FRA", "GBR", "ITA", "ESP", "POL",
    "TUR", "IRN", "ISR", "IND", "PAK", "PHL", "AUS", "CAN", "BRA", "MEX", "EGY", "SAU", "ARE",
    "QAT", "IRQ", "SYR", "LBN", "JOR", "NGA", "ZAF", "KEN", "ETH", "DZA", "MAR", "TUN", "LBY",
    "MLI", "NER", "BFA", "TCD", "SDN", "VNM", "THA", "IDN", "MYS", "SGP", "TWN", "MNG", "KAZ",
    "UZB", "AZE", "ARM", "GEO", "BLR", "LTU", "LVA", "EST", "FIN", "SWE", "NOR", "DNK", "NLD",
    "BEL", "CHE", "AUT", "CZE", "SVK", "HUN", "ROU", "BGR", "GRC", "SRB", "HRV", "PRT", "IRL",
    "ARG", "CHL", "COL", "PER", "VEN", "CUB", "NZL", "BGD", "LKA", "NPL", "AFG", "OMN", "YEM",
    "KWT", "BHR", "CYP", "MLT", "SVN", "MKD", "ALB", "MDA", "SEN",
];
const GENERATED_IGOS: &[&str] = &["NATO", "EU", "UN", "ASEAN", "AU", "G7"];
const GENERATED_TYPES: &[EventType] = &[
    EventType::Consult,
    EventType::Agree,
    EventType::Support,
    EventType::Cooperate,
    EventType::Aid,
    EventType::Accuse,
    EventType::Threaten,
    EventType::Sanction,
    EventType::Mobilize,
    EventType::Assault,
];

/// A synthetic record of `n` articles (one to three events each, a
/// security agreement every 40th), deterministic for a seed: a corpus big
/// enough to see whether the page stays readable. Dates run over 2015-2024.
pub fn generated(n: usize, seed: u64) -> Vec<Extraction> {
    let mut state = seed | 1;
    let mut next = move |m: usize| -> usize {
        // xorshift64*
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % m.max(1)
    };
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let id = format!("doc-gen-{i:05}");
        let pick = |r: usize| -> &'static str {
            // a skewed pick: half the mentions go to the first ten states
            if r.is_multiple_of(2) {
                GENERATED_STATES[(r / 2) % 10]
            } else {
                GENERATED_STATES[(r / 2) % GENERATED_STATES.len()]
            }
        };
        let day = PartialDate::day(
            2015 + next(10) as i16,
            1 + next(12) as u8,
            1 + next(28) as u8,
        );
        let mut text = String::new();
        let mut events = Vec::new();
        let mut actors: Vec<ActorId> = Vec::new();
        for k in 0..1 + next(3) {
            let a = pick(next(1000));
            let b = if next(8) == 0 {
                GENERATED_IGOS[next(GENERATED_IGOS.len())]
            } else {
                pick(next(1000))
            };
            if a == b {
                continue;
            }
            let t = GENERATED_TYPES[next(GENERATED_TYPES.len())];
            let sentence = format!("Sentence {k}: {a} and {b}, {}. ", t.as_str());
            let start = text.chars().count();
            text.push_str(&sentence);
            let ev = Evidence {
                document: id.clone(),
                text: sentence.trim_end().into(),
                start,
                end: start + sentence.trim_end().chars().count(),
            };
            events.push(event(
                &format!("{id}-{k}"),
                t,
                &[a],
                &[b],
                &[],
                Some(day),
                EventStatus::Reported,
                ev,
            ));
            for x in [a, b] {
                if !actors.iter().any(|y| y.as_str() == x) {
                    actors.push(ActorId::new(x));
                }
            }
        }
        let mut agreements = Vec::new();
        if i.is_multiple_of(40) && actors.len() >= 2 {
            let ev = events[0].evidence[0].clone();
            agreements.push(Agreement {
                id: format!("agr-gen-{i}"),
                agreement_type: AgreementType::DefenceCooperation,
                name: None,
                parties: actors[..2].to_vec(),
                status: AgreementStatus::Signed,
                status_date: Some(day),
                history: vec![step(AgreementStatus::Signed, Some(day), vec![ev.clone()])],
                evidence: vec![ev],
            });
        }
        let mut doc = document(&id, &text, "en", Some(day));
        doc.actors = actors.clone();
        out.push(Extraction {
            document: doc,
            actors: actors
                .iter()
                .map(|a| {
                    let igo = GENERATED_IGOS.contains(&a.as_str());
                    actor(
                        a.as_str(),
                        if igo {
                            ActorType::Igo
                        } else {
                            ActorType::State
                        },
                        a.as_str(),
                    )
                })
                .collect(),
            events,
            agreements,
        });
    }
    out
}
