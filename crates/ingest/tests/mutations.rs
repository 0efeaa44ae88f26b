//! Large mutated inputs through every reader, in `cargo test` (so in
//! `.ci/run`), on the stable toolchain: the coverage-guided fuzz targets in
//! `fuzz/` run by hand, and libFuzzer's default input size (4 KB) could not
//! find the quadratic HTML parse of the second hardening pass. Here each
//! reader gets inputs of about a megabyte, grown from the samples and the
//! test fixtures and then damaged at random (bytes flipped, markup and
//! record headers spliced in, ranges doubled, the end cut), from a fixed
//! seed so that a failure reproduces. Each must be read or skipped with a
//! reason, never panic, and every article must clean.

use entente_ingest::{ReadItem, clean, read_bytes};
use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::Write;
use std::path::Path;

/// Inputs per reader: a few seconds in all on two cores.
const ROUNDS: usize = 24;
/// The size each input is grown to before it is damaged.
const SIZE: usize = 1 << 20;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces spliced into inputs: markup, entities, record and HTTP headers,
/// bad UTF-8, controls.
const PIECES: &[&[u8]] = &[
    b"<div>",
    b"</div>",
    b"<div/>",
    b"<p>",
    b"<b>",
    b"</b>",
    b"<table><tr><td>",
    b"<svg><g>",
    b"<!--",
    b"-->",
    b"--!>",
    b"<![CDATA[",
    b"]]>",
    b"<script>",
    b"</script>",
    b"&amp;",
    b"&#x0;",
    b"&lol;",
    b"\xff\xfe",
    b"\xc3",
    b"\xe0\x80",
    b"\x00",
    b"\x1b[31m",
    b"\r\n\r\n",
    b"WARC/1.0\r\n",
    b"Content-Length: 99999999\r\n",
    b"Content-Length: 12\r\n",
    b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n",
    b"Transfer-Encoding: chunked\r\n",
    b"{\"text\": \"",
    b"\"}\n",
    b"\n",
    b"<item><title>",
    b"</item>",
    b"<entry>",
    b"\xe2\x80\xae",
    b"\xef\xbb\xbf",
];

fn seeds(ext: &[&str]) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        root.join("../../samples"),
        root.join("tests/fixtures/good"),
        root.join("tests/regressions/html"),
        root.join("tests/regressions/feed"),
        root.join("tests/regressions/jsonl"),
        root.join("tests/regressions/warc"),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let name = p.to_string_lossy().to_lowercase();
            if ext.iter().any(|e| name.ends_with(e))
                && let Ok(bytes) = std::fs::read(&p)
            {
                out.push(bytes);
            }
        }
    }
    out
}

/// Grow `seeds` to about [`SIZE`] bytes, then damage the result.
fn mutate(rng: &mut Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut data = Vec::with_capacity(SIZE + 4096);
    while data.len() < SIZE {
        let seed = &seeds[rng.below(seeds.len())];
        data.extend_from_slice(seed);
    }
    for _ in 0..1 + rng.below(40) {
        let at = rng.below(data.len());
        match rng.below(5) {
            0 => data[at] ^= 1 << rng.below(8),
            1 => {
                let piece = PIECES[rng.below(PIECES.len())];
                let times = 1 + rng.below(20_000);
                let insert: Vec<u8> = piece.repeat(times);
                data.splice(at..at, insert);
            }
            2 => {
                let len = rng.below(4096).min(data.len() - at);
                let copy = data[at..at + len].to_vec();
                data.splice(at..at, copy);
            }
            3 => data.truncate(at.max(1)),
            _ => {
                let len = rng.below(64).min(data.len() - at);
                data.drain(at..at + len);
            }
        }
    }
    data
}

fn check(name: &str, data: &[u8]) {
    for item in read_bytes(name, data) {
        match item {
            ReadItem::Article(raw) => {
                let article = clean(raw);
                assert!(article.text.len() <= 2 * data.len() + 1024, "{name}");
            }
            ReadItem::Skipped(s) => assert!(!s.reason.trim().is_empty(), "{name}: {s:?}"),
        }
    }
}

fn run(name: &str, ext: &[&str], seed: u64) {
    let seeds = seeds(ext);
    assert!(!seeds.is_empty(), "no seeds for {name}");
    let mut rng = Rng(seed);
    for _ in 0..ROUNDS {
        let data = mutate(&mut rng, &seeds);
        check(name, &data);
    }
}

#[test]
fn large_mutated_html_pages_are_read_or_skipped() {
    run("page.html", &[".html", ".htm"], 0x1111_2222_3333_4444);
}

#[test]
fn large_mutated_feeds_are_read_or_skipped() {
    run(
        "feed.xml",
        &[".xml", ".rss", ".atom"],
        0x5555_6666_7777_8888,
    );
}

#[test]
fn large_mutated_jsonl_files_are_read_or_skipped() {
    run("articles.jsonl", &[".jsonl"], 0x9999_aaaa_bbbb_cccc);
}

#[test]
fn large_mutated_text_files_are_read_or_skipped() {
    run("article.txt", &[".txt"], 0xdddd_eeee_ffff_1234);
}

#[test]
fn large_mutated_warc_files_plain_and_gzip_are_read_or_skipped() {
    let seeds = seeds(&[".warc"]);
    assert!(!seeds.is_empty());
    let mut rng = Rng(0x2468_ace0_1357_9bdf);
    for round in 0..ROUNDS {
        let data = mutate(&mut rng, &seeds);
        if round % 2 == 0 {
            check("crawl.warc", &data);
        } else {
            let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
            gz.write_all(&data).expect("gzip");
            check("crawl.warc.gz", &gz.finish().expect("gzip"));
        }
    }
}
