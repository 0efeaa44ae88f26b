//! A load test of `entente serve`, run by hand (it is `#[ignore]`d): the
//! shared seeds ingested into a temporary database, the server started as
//! a second process on loopback, then a bounded number of requests from
//! a few client threads. Prints throughput and latency percentiles and
//! checks that every answer was right and the server is still up.
//!
//! `cargo test --release -p entente --test load -- --ignored --nocapture`

mod common;

use common::*;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

const CLIENTS: usize = 8;
const REQUESTS_PER_CLIENT: usize = 500;
/// The whole run stops here even if requests remain.
const TIME_LIMIT: Duration = Duration::from_secs(120);

const PATHS: &[&str] = &[
    "/healthz",
    "/api/events",
    "/api/events?actor=JPN",
    "/api/agreements",
    "/api/actors",
    "/api/documents",
    "/api/network",
    "/api/network?as_of=2024-12-31",
    "/api/timeline?actor=JPN",
    "/api/search?q=defence",
    "/",
];

/// One GET on a fresh connection: status and body length.
fn get(addr: SocketAddr, path: &str) -> std::io::Result<(u16, usize)> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let status = String::from_utf8_lossy(&raw[..raw.len().min(16)])
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Ok((status, raw.len()))
}

fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    l.local_addr().expect("address").port()
}

#[test]
#[ignore = "a load test, run by hand in release"]
fn the_server_under_load() {
    let Some(shared) = shared_dir() else {
        eprintln!("no ../shared beside the repository: nothing to load");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("seeds.db");
    let corpus = shared.join("eval/seeds/corpus.jsonl");
    run_ok(&["ingest", "--db", path_str(&db), path_str(&corpus)]);
    let port = free_port();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().expect("address");
    let mut server = entente()
        .args(["serve", "--db", path_str(&db), "--addr", &addr.to_string()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start entente serve");
    let up = Instant::now();
    while get(addr, "/healthz").ok().map(|r| r.0) != Some(200) {
        assert!(
            up.elapsed() < Duration::from_secs(30),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let expected: Vec<(u16, usize)> = PATHS
        .iter()
        .map(|p| get(addr, p).expect("a first answer"))
        .collect();

    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let expected = expected.clone();
            std::thread::spawn(move || {
                let mut latencies = Vec::with_capacity(REQUESTS_PER_CLIENT);
                let mut wrong = 0;
                for i in 0..REQUESTS_PER_CLIENT {
                    if started.elapsed() > TIME_LIMIT {
                        break;
                    }
                    let k = (c * 7 + i) % PATHS.len();
                    let t = Instant::now();
                    let answer = get(addr, PATHS[k]);
                    latencies.push(t.elapsed());
                    if answer.ok() != Some(expected[k]) {
                        wrong += 1;
                    }
                }
                (latencies, wrong)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut wrong = 0;
    for c in clients {
        let (l, w) = c.join().expect("client thread");
        latencies.extend(l);
        wrong += w;
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 - 1.0) * q) as usize];
    eprintln!(
        "{} requests from {CLIENTS} clients in {:.2} s: {:.0} requests/s; latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {wrong} wrong",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        at(0.50).as_secs_f64() * 1000.0,
        at(0.90).as_secs_f64() * 1000.0,
        at(0.99).as_secs_f64() * 1000.0,
        at(1.0).as_secs_f64() * 1000.0,
    );
    let still_up = get(addr, "/healthz");
    let _ = server.kill();
    let _ = server.wait();
    assert_eq!(wrong, 0, "answers differed from the first ones");
    assert_eq!(
        still_up.map(|r| r.0).ok(),
        Some(200),
        "the server is still up"
    );
}
