//! The web page in a real browser: Debian's headless Chromium driven
//! through chromedriver (started here on a free loopback port) with
//! fantoccini. The page loads the record, the network has the expected
//! nodes, the date slider changes it, and clicking an event or agreement
//! shows its sentences highlighted in the article.
//!
//! Runs when chromedriver is found (`ENTENTE_CHROMEDRIVER`, or on PATH);
//! otherwise prints a loud skip notice, except under `CI=true`, where a
//! missing chromedriver fails the test. `ENTENTE_SCREENSHOT=FILE.png`
//! saves a screenshot of the page.

mod common;

use common::{DOC_PRK, DOC_RAA, TestServer, fixture, generated, store_with};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

type Outcome<T> = Result<T, String>;

/// Like `assert_eq!`, but returns an error, so the browser session is
/// always closed.
macro_rules! check_eq {
    ($left:expr, $right:expr $(,)?) => {{
        let (left, right) = (&$left, &$right);
        if left != right {
            return Err(format!(
                "line {}: {} is {:?}, expected {:?}",
                line!(),
                stringify!($left),
                left,
                right
            ));
        }
    }};
}

/// Like `assert!`, returning an error.
macro_rules! check {
    ($cond:expr, $($msg:tt)+) => {{
        if !$cond {
            return Err(format!("line {}: {}", line!(), format!($($msg)+)));
        }
    }};
}

/// WebDriver key codes.
const KEY_HOME: &str = "\u{e011}";
const KEY_END: &str = "\u{e010}";

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// chromedriver and chromium as the build script found them
/// (`ENTENTE_CHROMEDRIVER` / `ENTENTE_CHROMIUM`, else on `PATH`), or `None`
/// after a loud notice (a failure in CI).
fn browser_programs() -> Option<(PathBuf, PathBuf)> {
    let driver = option_env!("ENTENTE_FOUND_CHROMEDRIVER").map(PathBuf::from);
    let chromium = option_env!("ENTENTE_FOUND_CHROMIUM").map(PathBuf::from);
    match (driver, chromium) {
        (Some(d), Some(c)) => Some((d, c)),
        (d, c) => {
            let missing = match (d, c) {
                (None, None) => "chromedriver and chromium",
                (None, _) => "chromedriver",
                _ => "chromium",
            };
            assert!(
                !in_ci(),
                "CI=true but {missing} is missing: `.ci/run` installs chromium and \
                 chromium-driver; or set ENTENTE_CHROMEDRIVER / ENTENTE_CHROMIUM"
            );
            eprintln!(
                "\n{bar}\nSKIPPED: browser tests of the web page ({missing} not found).\n\
                 Install Debian's `chromium chromium-driver` or set ENTENTE_CHROMEDRIVER.\n{bar}\n",
                bar = "!".repeat(72)
            );
            None
        }
    }
}

/// chromedriver on a free loopback port; killed when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    fn start(program: &Path, log: &Path) -> Outcome<Driver> {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map_err(|e| format!("no free port: {e}"))?
            .port();
        let log_file = std::fs::File::create(log).map_err(|e| e.to_string())?;
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log_file)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
        let mut driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            if let Ok(Some(status)) = driver.child.try_wait() {
                return Err(format!("chromedriver exited at start: {status}"));
            }
            if Instant::now() > deadline {
                return Err("chromedriver did not start listening within 20 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(driver)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn connect(driver: &Driver, chromium: &Path, profile: &Path) -> Outcome<Client> {
    let args = [
        "--headless=new".to_string(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-dev-shm-usage".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--no-first-run".into(),
        "--disable-quic".into(),
        "--hide-scrollbars".into(),
        "--window-size=1400,900".into(),
        format!("--user-data-dir={}", profile.display()),
    ];
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({ "binary": chromium.display().to_string(), "args": args }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .map_err(|e| format!("no WebDriver session: {e}"))
}

/// Run `script` until it returns something truthy; its last value.
async fn wait_for(client: &Client, what: &str, script: &str) -> Outcome<Value> {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let v = client
            .execute(script, vec![])
            .await
            .map_err(|e| format!("{what}: {e}"))?;
        let truthy = match &v {
            Value::Null | Value::Bool(false) => false,
            Value::String(s) => !s.is_empty(),
            Value::Array(a) => !a.is_empty(),
            _ => true,
        };
        if truthy {
            return Ok(v);
        }
        if Instant::now() > deadline {
            return Err(format!("timed out waiting for {what} (last: {v})"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Find an element and click it; errors name `what`.
async fn click(client: &Client, at: Locator<'_>, what: &str) -> Outcome<()> {
    client
        .find(at)
        .await
        .map_err(|e| format!("{what}: {e}"))?
        .click()
        .await
        .map_err(|e| format!("clicking {what}: {e}"))
}

async fn js(client: &Client, script: &str) -> Outcome<Value> {
    client
        .execute(script, vec![])
        .await
        .map_err(|e| format!("script failed: {e}"))
}

const NODE_IDS: &str =
    "return [...document.querySelectorAll('#network .node')].map(n => n.dataset.id).sort();";

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// Wait until the network shows `as_of` (a date or `all`), then its nodes.
async fn nodes_as_of(client: &Client, as_of: &str) -> Outcome<Vec<String>> {
    wait_for(
        client,
        &format!("the network as of {as_of}"),
        &format!(
            "const s = document.getElementById('network'); \
             return s.dataset.asOf === '{as_of}' && !s.dataset.loading;"
        ),
    )
    .await?;
    Ok(strings(&js(client, NODE_IDS).await?))
}

/// The text of every highlighted evidence passage.
async fn marks(client: &Client, record: &str) -> Outcome<Vec<String>> {
    let v = wait_for(
        client,
        "highlighted evidence",
        &format!(
            "const p = document.getElementById('evidence'); \
             if (p.dataset.record !== '{record}') return null; \
             return [...p.querySelectorAll('mark.evidence')].map(m => m.textContent);"
        ),
    )
    .await?;
    Ok(strings(&v))
}

async fn click_timeline_entry(client: &Client, kind: &str, contains: &str) -> Outcome<String> {
    let entries = client
        .find_all(Locator::Css(&format!("#timeline li[data-kind='{kind}']")))
        .await
        .map_err(|e| e.to_string())?;
    for entry in entries {
        let text = entry.text().await.map_err(|e| e.to_string())?;
        if text.contains(contains) {
            let id = entry
                .attr("data-id")
                .await
                .map_err(|e| e.to_string())?
                .unwrap_or_default();
            entry.click().await.map_err(|e| e.to_string())?;
            return Ok(id);
        }
    }
    Err(format!("no {kind} entry containing {contains:?}"))
}

/// The walk through the page a reader would take.
async fn exercise_page(
    client: &Client,
    base: &str,
    phl_trends: &Value,
    places: &Value,
) -> Outcome<()> {
    client
        .goto(base)
        .await
        .map_err(|e| format!("cannot open the page: {e}"))?;
    wait_for(
        client,
        "the page to load",
        "return document.body.dataset.ready === 'true';",
    )
    .await?;
    let stats = js(
        client,
        "return document.getElementById('stats').textContent;",
    )
    .await?;
    check_eq!(stats, "4 articles · 7 events · 2 agreements");

    // The network of all time: every state and IGO, persons left out.
    let all = nodes_as_of(client, "all").await?;
    check_eq!(
        all,
        ["CHN", "FIN", "JPN", "KOR", "NATO", "PHL", "PRK", "USA"]
    );
    let edges = js(
        client,
        "return { event: document.querySelectorAll('#network .event-edge').length, \
                  agreement: document.querySelectorAll('#network .agreement-edge').length, \
                  conflict: document.querySelectorAll('#network .event-edge.q-material-conflict').length, \
                  igo: document.querySelectorAll('#network .node.igo').length };",
    )
    .await?;
    check_eq!(
        edges,
        json!({"event": 6, "agreement": 2, "conflict": 1, "igo": 1})
    );

    // The slider: its first day is 1960, when only the alliance stood.
    let slider = client
        .find(Locator::Id("date-slider"))
        .await
        .map_err(|e| e.to_string())?;
    slider.click().await.map_err(|e| e.to_string())?;
    slider
        .send_keys(KEY_HOME)
        .await
        .map_err(|e| e.to_string())?;
    check_eq!(nodes_as_of(client, "1960-01-01").await?, ["JPN", "USA"]);
    let label = js(
        client,
        "return document.getElementById('date-value').textContent;",
    )
    .await?;
    check_eq!(label, "1960-01-01");
    // The end of 2023: the access agreement is being negotiated.
    js(
        client,
        "const s = document.getElementById('date-slider'); \
         const first = Date.UTC(1960, 0, 1) / 86400000; \
         s.value = String(Date.UTC(2023, 11, 31) / 86400000 - first); \
         s.dispatchEvent(new Event('input', { bubbles: true })); return true;",
    )
    .await?;
    check_eq!(
        nodes_as_of(client, "2023-12-31").await?,
        ["CHN", "JPN", "PHL", "USA"]
    );
    let labels = js(
        client,
        "return [...document.querySelectorAll('#network .edge-label')].map(t => t.textContent).sort();",
    )
    .await?;
    check_eq!(strings(&labels), ["RAA: negotiating", "alliance: in force"]);
    slider.send_keys(KEY_END).await.map_err(|e| e.to_string())?;
    check_eq!(nodes_as_of(client, "all").await?.len(), 8);

    // Clicking an event shows its sentence inside the article, with the
    // article's flags.
    let id = click_timeline_entry(client, "event", "MOBILIZE").await?;
    let marked = marks(client, &id).await?;
    let sentence = DOC_PRK.split(". ").next().unwrap_or_default().to_string() + ".";
    check_eq!(marked, [sentence]);
    let flags = js(
        client,
        "return [...document.querySelectorAll('#evidence .flags li')].map(l => l.dataset.flag);",
    )
    .await?;
    check_eq!(strings(&flags), ["elided-name", "mt-artefact"]);
    let meta = js(
        client,
        "return document.querySelector('#evidence .doc .meta').textContent;",
    )
    .await?;
    check!(
        meta.as_str()
            .is_some_and(|m| m.contains("doc-prk.txt") && m.contains("published 2024-01-12")),
        "{meta}"
    );

    // The article behind the next one starts with an emoji: offsets are code
    // points, JavaScript counts UTF-16 units; the highlight must still fit.
    let id = click_timeline_entry(client, "event", "MANILA").await?;
    let raa_sentence = DOC_RAA
        .split(". ")
        .next()
        .map(|s| s.trim_start_matches("🛡️ ").to_string() + ".")
        .unwrap_or_default();
    check_eq!(marks(client, &id).await?, [raa_sentence]);

    // Clicking a node gives its timeline; an agreement shows its history
    // with each step's sentence marked.
    let phl = client
        .find(Locator::Css("#network .node[data-id='PHL'] circle"))
        .await
        .map_err(|e| e.to_string())?;
    phl.click().await.map_err(|e| e.to_string())?;
    wait_for(
        client,
        "the timeline of the Philippines",
        "return document.getElementById('timeline-title').textContent.includes('Philippines (PHL)');",
    )
    .await?;
    // and the chart of its events per month: the bars of /api/trends
    let rows = phl_trends["rows"].as_array().cloned().unwrap_or_default();
    check!(!rows.is_empty(), "PHL has dated events: {phl_trends}");
    let expected: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "{} {} {}",
                r["period"].as_str().unwrap_or(""),
                r["key"].as_str().unwrap_or(""),
                r["count"]
            )
        })
        .collect();
    let bars = wait_for(
        client,
        "the chart of the Philippines' events per month",
        "const caption = document.getElementById('trends-caption').textContent; \
         if (!caption.includes('PHL')) return null; \
         return Array.from(document.querySelectorAll('#trends rect')) \
           .map((r) => `${r.dataset.period} ${r.dataset.key} ${r.dataset.count}`);",
    )
    .await?;
    check_eq!(strings(&bars), expected);
    let id = click_timeline_entry(client, "agreement", "negotiating").await?;
    let marked = marks(client, &id).await?;
    check!(marked.len() == 2, "two sentences marked: {marked:?}");
    check!(
        marked[1].starts_with("The two sides began negotiating"),
        "{marked:?}"
    );

    // The map: the country outlines, and one spot per state of
    // /api/places; clicking a spot opens that state's timeline.
    click(client, Locator::Id("tab-map"), "the map tab").await?;
    let drawn = wait_for(
        client,
        "the map",
        "const map = document.getElementById('map'); \
         if (map.hasAttribute('hidden') || map.dataset.spots === undefined || map.dataset.loading) return null; \
         return { land: map.querySelectorAll('.land').length, \
                  spots: Array.from(map.querySelectorAll('.spot')).map((c) => c.dataset.country + ' ' + c.dataset.events), \
                  network_hidden: document.getElementById('network').hasAttribute('hidden') };",
    )
    .await?;
    let expected: Vec<String> = places["places"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|p| format!("{} {}", p["country"].as_str().unwrap_or(""), p["events"]))
        .collect();
    check!(
        !expected.is_empty(),
        "the fixture has events with a place: {places}"
    );
    check_eq!(strings(&drawn["spots"]), expected);
    check_eq!(drawn["land"], json!(177));
    check_eq!(drawn["network_hidden"], json!(true));
    let first = places["places"][0]["country"]
        .as_str()
        .unwrap_or("")
        .to_string();
    click(
        client,
        Locator::Css(&format!("#map .spot[data-country='{first}']")),
        "the spot of {first}",
    )
    .await?;
    wait_for(
        client,
        "the timeline of the state clicked on the map",
        &format!(
            "return document.getElementById('timeline-title').textContent.includes('({first})');"
        ),
    )
    .await?;
    click(client, Locator::Id("tab-network"), "the network tab").await?;
    wait_for(
        client,
        "the network back",
        "return !document.getElementById('network').hasAttribute('hidden') && document.getElementById('map').hasAttribute('hidden');",
    )
    .await?;
    Ok(())
}

#[test]
#[cfg_attr(
    not(entente_browser),
    ignore = "needs chromedriver and chromium when the tests are built (.ci/run installs them)"
)]
fn the_page_in_headless_chromium() {
    let Some((driver_program, chromium)) = browser_programs() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let db = store_with(dir.path(), &fixture());
    let server = TestServer::start(&db);
    let phl_trends = server.get("/api/trends?actor=PHL&by=quad").json();
    let places = server.get("/api/places").json();
    let driver = Driver::start(&driver_program, &dir.path().join("chromedriver.log"))
        .unwrap_or_else(|e| panic!("{e}"));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let outcome: Outcome<()> = runtime.block_on(async {
        let client = connect(&driver, &chromium, &dir.path().join("profile")).await?;
        let walk = exercise_page(&client, &server.url("/"), &phl_trends, &places).await;
        if let Some(path) = std::env::var_os("ENTENTE_SCREENSHOT")
            && let Ok(png) = client.screenshot().await
        {
            let _ = std::fs::write(&path, png);
        }
        let _ = client.close().await;
        walk
    });
    drop(driver);
    if let Err(e) = outcome {
        let log = std::fs::read_to_string(dir.path().join("chromedriver.log")).unwrap_or_default();
        let tail: String = log.lines().rev().take(20).collect::<Vec<_>>().join("\n");
        panic!("browser test failed: {e}\nchromedriver log (last lines, newest first):\n{tail}");
    }
}

/// What the page must show for the generated corpus, from the API.
struct Expected {
    nodes: usize,
    edges_at_least: Vec<usize>,
    edges_no_conflict: usize,
    places: usize,
    weight: usize,
    mid_date: String,
}

fn expected_of(server: &TestServer) -> Expected {
    let net = server.get("/api/network").json();
    let edges = net["edges"].as_array().cloned().unwrap_or_default();
    let most = edges
        .iter()
        .filter(|e| e["kind"] != "agreement")
        .filter_map(|e| e["count"].as_u64())
        .max()
        .unwrap_or(1) as usize;
    let weight = (most / 2).max(2);
    let visible = |w: usize, hide_conflict: bool| {
        edges
            .iter()
            .filter(|e| {
                e["kind"] == "agreement"
                    || (e["count"].as_u64().unwrap_or(0) as usize >= w
                        && !(hide_conflict && e["quad"] == "material-conflict"))
            })
            .count()
    };
    let span = &net["span"];
    let first = span["first"].as_str().unwrap_or("2015-01-01");
    let last = span["last"].as_str().unwrap_or("2024-12-31");
    // a date in the middle of the span, on the first of a month
    let year =
        (first[..4].parse::<u32>().unwrap_or(2015) + last[..4].parse::<u32>().unwrap_or(2024)) / 2;
    Expected {
        nodes: net["nodes"].as_array().map_or(0, Vec::len),
        edges_at_least: (0..=most).map(|w| visible(w, false)).collect(),
        edges_no_conflict: visible(weight, true),
        places: server.get("/api/places").json()["places"]
            .as_array()
            .map_or(0, Vec::len),
        weight,
        mid_date: format!("{year}-06-01"),
    }
}

/// With `ENTENTE_SCREENSHOTS=FOLDER`, a screenshot of the page as it is
/// (how `docs/scale-*.png` were made).
async fn shoot(client: &Client, name: &str) {
    if let Some(dir) = std::env::var_os("ENTENTE_SCREENSHOTS")
        && let Ok(png) = client.screenshot().await
    {
        let _ = std::fs::write(Path::new(&dir).join(name), png);
    }
}

async fn set_range(client: &Client, id: &str, value: &str) -> Outcome<()> {
    js(
        client,
        &format!(
            "const r = document.getElementById('{id}'); r.value = '{value}'; \
             r.dispatchEvent(new Event('input', {{ bubbles: true }})); return true;"
        ),
    )
    .await
    .map(|_| ())
}

async fn network_shape(client: &Client) -> Outcome<Value> {
    wait_for(
        client,
        "the network drawn",
        "const s = document.getElementById('network'); \
         if (s.dataset.loading || s.dataset.nodes === undefined) return null; \
         return { nodes: Number(s.dataset.nodes), edges: Number(s.dataset.edges), \
                  drawn: s.querySelectorAll('.node').length, \
                  labels: s.querySelectorAll('.node text').length, \
                  zoom: s.dataset.zoom, as_of: s.dataset.asOf };",
    )
    .await
}

async fn exercise_scale(client: &Client, base: &str, x: &Expected) -> Outcome<String> {
    client
        .goto(base)
        .await
        .map_err(|e| format!("cannot open the page: {e}"))?;
    wait_for(
        client,
        "the page to load",
        "return document.body.dataset.ready === 'true';",
    )
    .await?;
    // every actor at first, but at most 60 labels (the busiest)
    let shape = network_shape(client).await?;
    check_eq!(shape["nodes"], json!(x.nodes));
    check_eq!(shape["drawn"], json!(x.nodes));
    check!(
        x.nodes > 60,
        "the corpus has more than 60 actors: {}",
        x.nodes
    );
    check_eq!(shape["labels"], json!(60));
    // zoom: two steps in from the buttons
    for _ in 0..2 {
        click(client, Locator::Id("zoom-in"), "the zoom button").await?;
    }
    check_eq!(network_shape(client).await?["zoom"], json!("2.250"));
    // the minimum link weight: only links with that many events stay
    set_range(client, "min-weight", &x.weight.to_string()).await?;
    let shape = wait_for(
        client,
        "the network thinned",
        &format!(
            "const s = document.getElementById('network'); \
             return Number(s.dataset.edges) === {} ? {{ nodes: Number(s.dataset.nodes) }} : null;",
            x.edges_at_least[x.weight]
        ),
    )
    .await?;
    check!(
        (shape["nodes"].as_u64().unwrap_or(0) as usize) < x.nodes,
        "fewer actors with heavier links only: {shape}"
    );
    // a quad class switched off
    client
        .find(Locator::Css(
            "#filters input[data-filter='material-conflict']",
        ))
        .await
        .map_err(|e| format!("the filter: {e}"))?
        .click()
        .await
        .map_err(|e| format!("the filter click: {e}"))?;
    wait_for(
        client,
        "material conflict filtered out",
        &format!(
            "return Number(document.getElementById('network').dataset.edges) === {};",
            x.edges_no_conflict
        ),
    )
    .await?;
    // a date on the slider, and an actor chosen
    let slider_span = js(
        client,
        "const r = document.getElementById('date-slider'); return [Number(r.max)];",
    )
    .await?;
    check!(
        slider_span[0].as_u64().unwrap_or(0) > 100,
        "a long slider: {slider_span}"
    );
    js(
        client,
        &format!(
            "const r = document.getElementById('date-slider'); \
             r.value = String(Math.floor((Date.UTC({}, 5, 1) / 86400000) - (view.firstDay))); \
             r.dispatchEvent(new Event('input', {{ bubbles: true }})); return true;",
            &x.mid_date[..4]
        ),
    )
    .await?;
    let shape = network_shape(client).await?;
    let shape = if shape["as_of"] == json!(x.mid_date) {
        shape
    } else {
        wait_for(
            client,
            "the network as of the middle date",
            &format!(
                "const s = document.getElementById('network'); \
                 return s.dataset.asOf === '{}' && !s.dataset.loading;",
                x.mid_date
            ),
        )
        .await?;
        network_shape(client).await?
    };
    check_eq!(shape["as_of"], json!(x.mid_date));
    js(client, "selectActor('USA'); return true;").await?;
    wait_for(
        client,
        "the timeline of the USA as of the date",
        &format!(
            "const t = document.getElementById('timeline-title').textContent; \
             return t.includes('USA') && t.includes('as of {}');",
            x.mid_date
        ),
    )
    .await?;
    // every entry listed happened by then
    let late = js(
        client,
        &format!(
            "return [...document.querySelectorAll('#timeline .date')] \
               .map((d) => d.textContent.trim()).filter((d) => d && d > '{}').length;",
            x.mid_date
        ),
    )
    .await?;
    check_eq!(late, json!(0));
    // the chart of its events per month, up to the date
    let last_bar = wait_for(
        client,
        "the trends chart",
        "if (!document.getElementById('trends-caption').textContent.includes('USA')) return null; \
         const bars = [...document.querySelectorAll('#trends rect')].map((r) => r.dataset.period).sort(); \
         return bars.length ? bars[bars.length - 1] : null;",
    )
    .await?;
    check!(
        last_bar.as_str().unwrap_or("9999") <= &x.mid_date[..7],
        "the chart stops at the as-of date: {last_bar}"
    );
    shoot(client, "scale-network.png").await;
    // the view is in the address
    let hash = js(client, "return location.hash;").await?;
    let hash = hash.as_str().unwrap_or("").to_string();
    for part in [
        format!("min={}", x.weight),
        "hide=material-conflict".to_string(),
        format!("as_of={}", x.mid_date),
        "sel=USA".to_string(),
    ] {
        check!(hash.contains(&part), "{part} in the address {hash}");
    }
    // the map, at scale
    click(client, Locator::Id("tab-map"), "the map tab").await?;
    let spots = wait_for(
        client,
        "the map",
        "const m = document.getElementById('map'); \
         if (m.hasAttribute('hidden') || m.dataset.loading || m.dataset.spots === undefined) return null; \
         return Number(m.dataset.spots);",
    )
    .await?;
    check!(
        spots.as_u64().unwrap_or(0) > 0 && spots.as_u64().unwrap_or(0) as usize <= x.places,
        "spots as of the date: {spots} (all dates: {})",
        x.places
    );
    let hash = js(client, "return location.hash;").await?;
    check!(hash.as_str().unwrap_or("").contains("view=map"), "{hash}");
    shoot(client, "scale-map.png").await;
    Ok(format!("{base}{}", hash.as_str().unwrap_or("")))
}

/// A link made from the address restores the view.
async fn reopen(client: &Client, url: &str, x: &Expected) -> Outcome<()> {
    client
        .goto("about:blank")
        .await
        .map_err(|e| e.to_string())?;
    client
        .goto(url)
        .await
        .map_err(|e| format!("cannot reopen: {e}"))?;
    wait_for(
        client,
        "the page to load again",
        "return document.body.dataset.ready === 'true';",
    )
    .await?;
    let restored = wait_for(
        client,
        "the restored view",
        "const m = document.getElementById('map'); \
         const t = document.getElementById('timeline-title').textContent; \
         if (m.hasAttribute('hidden') || !t.includes('USA')) return null; \
         return { weight: document.getElementById('min-weight').value, \
                  conflict: document.querySelector(\"#filters input[data-filter='material-conflict']\").checked, \
                  date: document.getElementById('date-value').textContent };",
    )
    .await?;
    check_eq!(restored["weight"], json!(x.weight.to_string()));
    check_eq!(restored["conflict"], json!(false));
    check_eq!(restored["date"], json!(x.mid_date));
    Ok(())
}

#[test]
#[cfg_attr(
    not(entente_browser),
    ignore = "needs chromedriver and chromium when the tests are built (.ci/run installs them)"
)]
fn the_page_stays_readable_at_three_thousand_articles() {
    let Some((driver_program, chromium)) = browser_programs() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let db = store_with(dir.path(), &generated(3000, 17));
    let server = TestServer::start(&db);
    let x = expected_of(&server);
    let driver = Driver::start(&driver_program, &dir.path().join("chromedriver.log"))
        .unwrap_or_else(|e| panic!("{e}"));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let outcome: Outcome<()> = runtime.block_on(async {
        let client = connect(&driver, &chromium, &dir.path().join("profile")).await?;
        let walk = async {
            let url = exercise_scale(&client, &server.url("/"), &x).await?;
            reopen(&client, &url, &x).await
        }
        .await;
        let _ = client.close().await;
        walk
    });
    drop(driver);
    if let Err(e) = outcome {
        panic!("browser test at scale failed: {e}");
    }
}

/// Not a check: refreshes `docs/screenshot.png` and `docs/map.png` from the repository's
/// samples (`cargo test -p entente-server --test browser -- --ignored`).
#[test]
#[ignore = "not a check: refreshes docs/screenshot.png, run by hand with --ignored"]
fn screenshot_of_the_samples() {
    use entente_ingest::{ReadItem, read_path};
    let Some((driver_program, chromium)) = browser_programs() else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let pipeline =
        entente_pipeline::Pipeline::new(entente_kb::Kb::embedded().expect("knowledge base"));
    let batch: Vec<_> = read_path(&root.join("samples"))
        .filter_map(|item| match item {
            ReadItem::Article(raw) => Some(pipeline.process(raw)),
            ReadItem::Skipped(_) => None,
        })
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let db = store_with(dir.path(), &batch);
    let server = TestServer::start(&db);
    let driver = Driver::start(&driver_program, &dir.path().join("chromedriver.log"))
        .unwrap_or_else(|e| panic!("{e}"));
    let out = std::env::var_os("ENTENTE_SCREENSHOT")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("docs/screenshot.png"));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let outcome: Outcome<()> = runtime.block_on(async {
        let client = connect(&driver, &chromium, &dir.path().join("profile")).await?;
        let shot = async {
            client
                .goto(&server.url("/"))
                .await
                .map_err(|e| e.to_string())?;
            wait_for(
                &client,
                "the page",
                "return document.body.dataset.ready === 'true';",
            )
            .await?;
            let node = client
                .find(Locator::Css("#network .node[data-id='JPN'] circle"))
                .await
                .map_err(|e| e.to_string())?;
            node.click().await.map_err(|e| e.to_string())?;
            wait_for(
                &client,
                "the timeline",
                "return document.getElementById('timeline-title').textContent.includes('JPN');",
            )
            .await?;
            let id = click_timeline_entry(&client, "agreement", "signed").await?;
            marks(&client, &id).await?;
            let png = client.screenshot().await.map_err(|e| e.to_string())?;
            std::fs::write(&out, png).map_err(|e| e.to_string())?;
            // the map view beside it (docs/map.png)
            client
                .find(Locator::Id("tab-map"))
                .await
                .map_err(|e| e.to_string())?
                .click()
                .await
                .map_err(|e| e.to_string())?;
            wait_for(
                &client,
                "the map",
                "const m = document.getElementById('map'); \
                 return m.dataset.spots !== undefined && !m.dataset.loading;",
            )
            .await?;
            let png = client.screenshot().await.map_err(|e| e.to_string())?;
            std::fs::write(out.with_file_name("map.png"), png).map_err(|e| e.to_string())
        }
        .await;
        let _ = client.close().await;
        shot
    });
    drop(driver);
    outcome.unwrap_or_else(|e| panic!("screenshot failed: {e}"));
}

/// Reject an event from the page of a server that accepts corrections,
/// then rebuild the record (a re-ingest of the same articles): the page no
/// longer finds the event.
#[test]
#[cfg_attr(
    not(entente_browser),
    ignore = "needs chromedriver and chromium when the tests are built (.ci/run installs them)"
)]
fn a_record_rejected_on_the_page_stays_rejected_after_a_rebuild() {
    use entente_store::Store;
    let Some((driver_program, chromium)) = browser_programs() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let db = store_with(dir.path(), &fixture());
    let token = "ana-0123456789abcdef";
    let path = db.to_str().expect("UTF-8");
    let editors =
        entente_server::editors::Editors::parse(&format!("ana {token}\n")).expect("editors");
    let server = TestServer::start_app(
        entente_server::App::open(path)
            .expect("open")
            .with_editors(path, editors),
    );
    let id = server.get("/api/events").json()["items"][0]["id"]
        .as_str()
        .expect("an event")
        .to_string();
    let driver = Driver::start(&driver_program, &dir.path().join("chromedriver.log"))
        .unwrap_or_else(|e| panic!("{e}"));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let outcome: Outcome<()> = runtime.block_on(async {
        let client = connect(&driver, &chromium, &dir.path().join("profile")).await?;
        let walk = async {
            client
                .goto(&server.url("/"))
                .await
                .map_err(|e| format!("cannot open the page: {e}"))?;
            wait_for(&client, "the page to load", "return document.body.dataset.ready === 'true';")
                .await?;
            client
                .execute(&format!("showEvent('{id}'); return true;"), vec![])
                .await
                .map_err(|e| e.to_string())?;
            wait_for(
                &client,
                "the event's panel with its review box",
                &format!(
                    "const p = document.getElementById('evidence'); \
                     return p.dataset.record === '{id}' && !!document.getElementById('review-reject');"
                ),
            )
            .await?;
            client
                .execute(
                    &format!(
                        "document.querySelector('details.review').open = true; \
                         document.getElementById('review-token').value = '{token}'; \
                         document.getElementById('review-comment').value = 'not an event'; \
                         document.getElementById('review-reject').click(); return true;"
                    ),
                    vec![],
                )
                .await
                .map_err(|e| e.to_string())?;
            let done = wait_for(
                &client,
                "the answer to the rejection",
                "const s = document.getElementById('review-status'); \
                 return s.dataset.done ? [s.dataset.done, s.textContent] : null;",
            )
            .await?;
            let done = strings(&done);
            check!(done[0] == "reject", "{done:?}");
            check!(done[1].contains("as ana"), "{done:?}");
            shoot(&client, "review-reject.png").await;
            Ok(())
        }
        .await;
        let _ = client.close().await;
        walk
    });
    drop(driver);
    if let Err(e) = outcome {
        panic!("browser test failed: {e}");
    }
    // a rebuild: the same articles again, the record fused anew
    {
        let mut store = entente_store::SqliteStore::open(&db).expect("open");
        store.put_batch(&fixture()).expect("re-ingest");
        store.refuse().expect("rebuild");
    }
    let r = server.get(&format!("/api/events/{id}"));
    assert_eq!(
        r.status, 404,
        "the rejected event is still served: {}",
        r.body
    );
    let store = entente_store::SqliteStore::open_read_only(&db).expect("open");
    let corrections = store.corrections().expect("corrections");
    assert_eq!(corrections.len(), 1);
    assert_eq!(corrections[0].correction.author, "ana");
    assert_eq!(
        corrections[0].correction.comment.as_deref(),
        Some("not an event")
    );
    assert_eq!(corrections[0].record.as_deref(), Some(id.as_str()));
}

/// What the evidence panel shows now: the record's id, its badge (type),
/// its Date fact and how many sentences its review box lists.
const PANEL: &str = "const p = document.getElementById('evidence'); \
     const badge = p.querySelector('h3 .badge'); \
     const dt = [...p.querySelectorAll('dt')].find(d => d.textContent === 'Date'); \
     return [p.dataset.record || '', badge ? badge.textContent : '', \
             dt ? dt.nextElementSibling.textContent : '', \
             String(p.querySelectorAll('ul.review-evidence li').length)];";

#[test]
#[cfg_attr(
    not(entente_browser),
    ignore = "needs chromedriver and chromium when the tests are built (.ci/run installs them)"
)]
fn a_record_edited_and_split_on_the_page_shows_the_change_after_a_rebuild() {
    use entente_store::Store;
    let Some((driver_program, chromium)) = browser_programs() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let db = store_with(dir.path(), &fixture());
    let token = "ana-0123456789abcdef";
    let path = db.to_str().expect("UTF-8");
    let editors =
        entente_server::editors::Editors::parse(&format!("ana {token}\n")).expect("editors");
    let server = TestServer::start_app(
        entente_server::App::open(path)
            .expect("open")
            .with_editors(path, editors),
    );
    let items = server.get("/api/events").json()["items"].clone();
    let id = items[0]["id"].as_str().expect("an event").to_string();
    let other = items[1]["id"].as_str().expect("an event").to_string();
    let coded = items[0]["type"].as_str().expect("type").to_string();
    let new_type = if coded == "ACCUSE" {
        "REJECT"
    } else {
        "ACCUSE"
    };
    let raa = server.get("/api/agreements?party=PHL").json()["items"][0]["id"]
        .as_str()
        .expect("an agreement")
        .to_string();
    // another event merged into it first, so that it has a sentence to split off
    let merge = json!({"record": id, "action": "merge", "other": other}).to_string();
    let r = common::http_with(
        server.addr,
        "POST",
        "/api/corrections",
        &[
            "Content-Type: application/json",
            &format!("Authorization: Bearer {token}"),
        ],
        &merge,
    );
    assert_eq!(r.status, 201, "{}", r.body);
    let driver = Driver::start(&driver_program, &dir.path().join("chromedriver.log"))
        .unwrap_or_else(|e| panic!("{e}"));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let show = |id: &str| format!("showEvent('{id}'); return true;");
    let outcome: Outcome<String> = runtime.block_on(async {
        let client = connect(&driver, &chromium, &dir.path().join("profile")).await?;
        let walk = async {
            client
                .goto(&server.url("/"))
                .await
                .map_err(|e| format!("cannot open the page: {e}"))?;
            wait_for(
                &client,
                "the page to load",
                "return document.body.dataset.ready === 'true';",
            )
            .await?;
            js(&client, &show(&id)).await?;
            wait_for(
                &client,
                "the event's panel with its edit form",
                &format!(
                    "return document.getElementById('evidence').dataset.record === '{id}' \
                     && !!document.getElementById('review-save');"
                ),
            )
            .await?;
            let panel = strings(&js(&client, PANEL).await?);
            check_eq!(panel[1], coded);
            check_eq!(panel[3], "2");
            // change the type and the date, with a comment, and save
            js(
                &client,
                &format!(
                    "document.querySelector('details.review').open = true; \
                     document.getElementById('review-token').value = '{token}'; \
                     document.getElementById('review-comment').value = 'a charge, in May'; \
                     document.getElementById('edit-type').value = '{new_type}'; \
                     document.getElementById('edit-date').value = '2023-05'; return true;"
                ),
            )
            .await?;
            click(&client, Locator::Id("review-save"), "the save button").await?;
            let done = strings(
                &wait_for(
                    &client,
                    "the answer to the edit",
                    "const s = document.getElementById('review-status'); \
                     return s && s.dataset.done ? [s.dataset.done, s.textContent] : null;",
                )
                .await?,
            );
            check!(done[0] == "edit", "{done:?}");
            check!(done[1].contains("as ana"), "{done:?}");
            let panel = strings(&js(&client, PANEL).await?);
            check_eq!(panel[1], new_type);
            check_eq!(panel[2], "2023-05 (month)");
            shoot(&client, "review.png").await;
            // the merged-in sentence split off again, from beside it
            js(
                &client,
                "document.querySelector('details.review').open = true; \
                 document.querySelectorAll('ul.review-evidence button.split-off')[1].click(); \
                 return true;",
            )
            .await?;
            let done = strings(
                &wait_for(
                    &client,
                    "the answer to the split",
                    "const s = document.getElementById('review-status'); \
                     return s && s.dataset.done ? [s.dataset.done, s.textContent] : null;",
                )
                .await?,
            );
            check!(done[0] == "split", "{done:?}");
            let panel = strings(&js(&client, PANEL).await?);
            check_eq!(panel[3], "1");
            let edited = panel[0].clone();
            // an agreement: its type and its first history step
            js(&client, &format!("showAgreement('{raa}'); return true;")).await?;
            wait_for(
                &client,
                "the agreement's panel with its history steps",
                &format!(
                    "return document.getElementById('evidence').dataset.record === '{raa}' \
                     && !!document.getElementById('edit-step-0-status');"
                ),
            )
            .await?;
            js(
                &client,
                "document.querySelector('details.review').open = true; \
                 document.getElementById('edit-type').value = 'logistics'; \
                 document.getElementById('edit-step-0-status').value = 'proposed'; \
                 document.getElementById('edit-step-0-date').value = '2023-10'; return true;",
            )
            .await?;
            click(&client, Locator::Id("review-save"), "the save button").await?;
            let done = strings(
                &wait_for(
                    &client,
                    "the answer to the agreement's edit",
                    "const s = document.getElementById('review-status'); \
                     return s && s.dataset.done ? [s.dataset.done, s.textContent] : null;",
                )
                .await?,
            );
            check!(done[0] == "edit", "{done:?}");
            let shown = strings(
                &js(
                    &client,
                    "const p = document.getElementById('evidence'); \
                     return [p.querySelector('h3').textContent, \
                             p.querySelector('ol.history li').textContent];",
                )
                .await?,
            );
            check!(shown[0].contains("logistics agreement"), "{shown:?}");
            check!(shown[1].starts_with("proposed 2023-10"), "{shown:?}");
            Ok(edited)
        }
        .await;
        let _ = client.close().await;
        walk
    });
    let edited = match outcome {
        Ok(id) => id,
        Err(e) => {
            drop(driver);
            panic!("browser test failed: {e}");
        }
    };
    // a rebuild: the same articles again, the record fused anew
    {
        let mut store = entente_store::SqliteStore::open(&db).expect("open");
        store.put_batch(&fixture()).expect("re-ingest");
        store.refuse().expect("rebuild");
    }
    let after: Outcome<Vec<String>> = runtime.block_on(async {
        let client = connect(&driver, &chromium, &dir.path().join("profile2")).await?;
        let walk = async {
            client
                .goto(&server.url("/"))
                .await
                .map_err(|e| format!("cannot open the page: {e}"))?;
            wait_for(
                &client,
                "the page to load",
                "return document.body.dataset.ready === 'true';",
            )
            .await?;
            js(&client, &show(&edited)).await?;
            wait_for(
                &client,
                "the edited event after the rebuild",
                &format!(
                    "return document.getElementById('evidence').dataset.record === '{edited}';"
                ),
            )
            .await?;
            Ok(strings(&js(&client, PANEL).await?))
        }
        .await;
        let _ = client.close().await;
        walk
    });
    drop(driver);
    let panel = after.unwrap_or_else(|e| panic!("browser test failed: {e}"));
    assert_eq!(panel[1], new_type, "{panel:?}");
    assert_eq!(panel[2], "2023-05 (month)", "{panel:?}");
    assert_eq!(panel[3], "1", "{panel:?}");
    let store = entente_store::SqliteStore::open_read_only(&db).expect("open");
    let actions: Vec<&str> = store
        .corrections()
        .expect("corrections")
        .iter()
        .map(|c| c.correction.action.as_str())
        .collect();
    assert_eq!(actions, ["merge", "edit", "split", "edit"]);
    let a = server.get(&format!("/api/agreements/{raa}")).json();
    assert_eq!(a["agreement_type"], "logistics", "{a}");
    assert_eq!(a["history"][0]["status"], "proposed", "{a}");
}
