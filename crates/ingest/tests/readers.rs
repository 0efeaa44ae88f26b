//! Readers on the fixtures of our own: every good file read, every bad one
//! reported with a reason, the walk going on after each.

use entente_ingest::{Article, RawArticle, ReadItem, Skipped, clean, original_offset, read_path};
use std::io::Write;
use std::path::{Path, PathBuf};

fn fixtures(sub: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(sub)
}

fn split(items: impl Iterator<Item = ReadItem>) -> (Vec<RawArticle>, Vec<Skipped>) {
    let (mut articles, mut skipped) = (Vec::new(), Vec::new());
    for item in items {
        match item {
            ReadItem::Article(a) => articles.push(a),
            ReadItem::Skipped(s) => skipped.push(s),
        }
    }
    (articles, skipped)
}

fn by_source<'a>(articles: &'a [RawArticle], source: &str) -> &'a RawArticle {
    articles
        .iter()
        .find(|a| a.source == source)
        .unwrap_or_else(|| {
            panic!(
                "no article {source}; have {:?}",
                articles.iter().map(|a| &a.source).collect::<Vec<_>>()
            )
        })
}

fn skip_for<'a>(skipped: &'a [Skipped], needle: &str) -> &'a Skipped {
    skipped
        .iter()
        .find(|s| s.source.contains(needle))
        .unwrap_or_else(|| panic!("no skip for {needle}; have {skipped:#?}"))
}

fn assert_offsets_hold(raw: &RawArticle, article: &Article) {
    let original: Vec<char> = raw.text.chars().collect();
    for (c, ch) in article.text.chars().enumerate() {
        if !ch.is_whitespace() {
            let o = original_offset(&article.offset_map, c).expect("mapped");
            assert_eq!(
                original.get(o),
                Some(&ch),
                "{} clean offset {c}",
                raw.source
            );
        }
    }
}

#[test]
fn html_page_loses_its_chrome_and_keeps_its_metadata() {
    let (articles, skipped) = split(read_path(&fixtures("good/sweden-nato.html")));
    assert!(skipped.is_empty(), "{skipped:?}");
    let raw = &articles[0];
    assert_eq!(
        raw.title.as_deref(),
        Some("Sweden joins NATO as 32nd member")
    );
    assert_eq!(
        raw.published.map(|d| d.to_string()).as_deref(),
        Some("2024-03-07")
    );
    assert_eq!(
        raw.url.as_deref(),
        Some("https://news.example.org/world/sweden-nato")
    );
    assert_eq!(raw.lang.as_deref(), Some("en-GB"));
    for chrome in [
        "cookies",
        "Home",
        "Share on",
        "Most read",
        "rights reserved",
        "Back to top",
    ] {
        assert!(!raw.text.contains(chrome), "{chrome:?} in {:?}", raw.text);
    }
    assert!(
        raw.text
            .contains("32nd member of the North Atlantic Treaty Organization")
    );
    assert!(raw.text.contains("\n\n"), "paragraphs kept as blank lines");
    let a = clean(raw.clone());
    assert_eq!(a.lang, "en");
    assert!(!a.text.contains("Read also"));
    assert!(a.flags.iter().any(|f| f.0 == "debris-removed"));
    assert_eq!(
        a.dateline.as_ref().map(|d| d.places.clone()),
        Some(vec!["WASHINGTON".to_string()])
    );
    assert_offsets_hold(raw, &a);
}

#[test]
fn windows_1252_italian_page_is_decoded() {
    let (articles, skipped) = split(read_path(&fixtures("good/filippine-1252.html")));
    assert!(skipped.is_empty(), "{skipped:?}");
    let raw = &articles[0];
    assert!(
        raw.text.contains("lunedì") && raw.text.contains("È il secondo"),
        "{}",
        raw.text
    );
    assert_eq!(
        raw.published.map(|d| d.to_string()).as_deref(),
        Some("2024-07-08")
    );
    let a = clean(raw.clone());
    assert_eq!(a.lang, "it");
    assert!(!a.text.contains("Tempo di lettura") && !a.text.contains("Leggi anche"));
    assert_eq!(
        a.dateline
            .as_ref()
            .and_then(|d| d.agency.clone())
            .as_deref(),
        Some("Agenzia Esempio")
    );
}

#[test]
fn feeds_give_one_article_per_item() {
    let (rss, skipped) = split(read_path(&fixtures("good/monde.rss")));
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(rss.len(), 2);
    let first = by_source(&rss, "monde.rss#1");
    assert_eq!(
        first.url.as_deref(),
        Some("https://exemple.org/france-inde")
    );
    assert_eq!(
        first.published.map(|d| d.to_string()).as_deref(),
        Some("2023-07-14")
    );
    assert!(first.text.contains("défilé du 14 juillet") && !first.text.contains("<p>"));
    let cleaned = clean(first.clone());
    assert!(!cleaned.text.contains("lire aussi"));
    assert_eq!(cleaned.lang, "fr");
    let second = by_source(&rss, "monde.rss#2");
    assert!(second.text.starts_with("Los jefes de Estado"));

    let (atom, skipped) = split(read_path(&fixtures("good/beispiel.atom")));
    assert!(skipped.is_empty(), "{skipped:?}");
    let entry = by_source(&atom, "beispiel.atom#1");
    assert_eq!(
        entry.title.as_deref(),
        Some("Gipfel in Vilnius: Ukraine erhält Zusagen")
    );
    assert_eq!(
        entry.published.map(|d| d.to_string()).as_deref(),
        Some("2023-07-12")
    );
    assert_eq!(entry.url.as_deref(), Some("https://beispiel.de/vilnius"));
    assert!(!clean(entry.clone()).text.contains("Lesen Sie auch"));
}

#[test]
fn jsonl_records_stream_and_bad_lines_are_named() {
    let (articles, skipped) = split(read_path(&fixtures("good/articles.jsonl")));
    assert_eq!(articles.len(), 3, "{articles:#?}");
    let summit = by_source(&articles, "kr-us-summit");
    assert!(!summit.title_in_text);
    assert_eq!(
        summit.published.map(|d| d.to_string()).as_deref(),
        Some("2023-08-18")
    );
    let page = by_source(&articles, "page-record");
    assert_eq!(page.title.as_deref(), Some("Acuerdo en Madrid"));
    assert_eq!(
        page.published.map(|d| d.to_string()).as_deref(),
        Some("2022-06-29")
    );
    let untitled = by_source(&articles, "articles.jsonl#4");
    assert!(untitled.title_in_text);
    let a = clean(untitled.clone());
    assert_eq!(
        a.title,
        "Australia e Regno Unito firmano un accordo di difesa"
    );
    assert!(!a.text.contains("Torna in alto"));
    assert_eq!(skipped.len(), 2, "{skipped:#?}");
    assert!(
        skipped[0].source.ends_with("articles.jsonl:3"),
        "{:?}",
        skipped[0]
    );
    assert!(skipped[0].reason.contains("not a JSON record"));
    assert!(skipped[1].source.ends_with("articles.jsonl:5"));
    assert!(skipped[1].reason.contains("neither"));
}

#[test]
fn plain_text_gives_title_date_and_dateline() {
    let (articles, _) = split(read_path(&fixtures("good/quad.txt")));
    let raw = &articles[0];
    let a = clean(raw.clone());
    assert_eq!(a.title, "Quad leaders meet in Wilmington");
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2024-09-21")
    );
    assert!(
        a.text
            .starts_with("WILMINGTON, Sept 21 (Example Wire) - The leaders")
    );
    assert!(!a.text.contains("Lascia un commento") && !a.text.contains("Published"));
    let d = a.dateline.clone().expect("dateline");
    assert_eq!(
        (d.places, d.agency, d.date_text),
        (
            vec!["WILMINGTON".into()],
            Some("Example Wire".into()),
            Some("Sept 21".into())
        )
    );
    assert_offsets_hold(raw, &a);
}

#[test]
fn good_folder_is_read_in_sorted_order() {
    let (articles, skipped) = split(read_path(&fixtures("good")));
    let sources: Vec<&str> = articles.iter().map(|a| a.source.as_str()).collect();
    assert_eq!(
        sources,
        [
            "kr-us-summit",
            "page-record",
            "articles.jsonl#4",
            "beispiel.atom#1",
            "filippine-1252.html",
            "monde.rss#1",
            "monde.rss#2",
            "quad.txt",
            "sweden-nato.html"
        ]
    );
    assert_eq!(skipped.len(), 2);
}

#[test]
fn bad_files_are_reported_and_the_walk_goes_on() {
    let (articles, skipped) = split(read_path(&fixtures("bad")));
    assert_eq!(
        skip_for(&skipped, "binary.bin").reason,
        "binary file (NUL bytes)"
    );
    assert_eq!(skip_for(&skipped, "empty.txt").reason, "empty file");
    assert!(
        skip_for(&skipped, "broken-feed.xml")
            .reason
            .contains("not a readable RSS/Atom feed")
    );
    let bad_lines: Vec<&Skipped> = skipped
        .iter()
        .filter(|s| s.source.contains("malformed.jsonl:"))
        .collect();
    assert_eq!(bad_lines.len(), 3, "{bad_lines:#?}");
    // Invalid UTF-8 is decoded, not skipped.
    let latin = by_source(&articles, "latin1.txt");
    assert!(
        latin.text.contains("perché i negoziati") && latin.text.contains("città"),
        "{}",
        latin.text
    );
    // Unknown extensions and hidden files are sniffed.
    assert!(by_source(&articles, "noext").text.contains("AUKUS"));
    assert!(
        by_source(&articles, ".hidden-notes")
            .text
            .contains("sniffed")
    );
    assert!(
        by_source(&articles, "malformed.jsonl#1")
            .text
            .contains("Quad summit")
    );
    for s in &skipped {
        assert!(!s.reason.is_empty() && s.source.contains("bad"), "{s:?}");
    }
}

/// A WARC record as bytes.
fn warc_record(kind: &str, uri: &str, date: &str, block: &[u8]) -> Vec<u8> {
    let content_type = if kind == "response" {
        "application/http; msgtype=response"
    } else {
        "application/warc-fields"
    };
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\nWARC-Record-ID: <urn:uuid:{:08}-0000-0000-0000-000000000000>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http_html(html: &str) -> Vec<u8> {
    format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}", html.len()).into_bytes()
}

fn warc_records() -> Vec<Vec<u8>> {
    let page = |title: &str, body: &str, meta_date: &str| {
        format!(
            "<html lang=\"en\"><head><title>{title}</title>{meta_date}</head><body><nav>Menu</nav><article><p>{body}</p></article><footer>Footer</footer></body></html>"
        )
    };
    vec![
        warc_record(
            "warcinfo",
            "",
            "2024-05-01T00:00:00Z",
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            "https://example.org/a",
            "2024-05-01T00:00:01Z",
            b"GET /a HTTP/1.1\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://example.org/a",
            "2024-05-01T00:00:02Z",
            &http_html(&page(
                "AUKUS pillar two",
                "Australia, the United Kingdom and the United States agreed to work together on advanced capabilities such as hypersonic weapons and quantum technologies.",
                "<meta property=\"article:published_time\" content=\"2023-12-02\">",
            )),
        ),
        warc_record(
            "response",
            "https://example.org/b",
            "2024-05-01T00:00:03Z",
            &http_html(&page(
                "Philippines and Japan hold talks",
                "The foreign and defence ministers of the Philippines and Japan met in Manila to discuss maritime security.",
                "",
            )),
        ),
        warc_record(
            "response",
            "https://example.org/logo.png",
            "2024-05-01T00:00:04Z",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\x00\x00",
        ),
    ]
}

fn check_warc_articles(articles: &[RawArticle], name: &str) {
    assert_eq!(articles.len(), 2, "{articles:#?}");
    let a = by_source(articles, &format!("{name}#3"));
    assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2023-12-02")
    );
    assert!(
        a.text.contains("hypersonic") && !a.text.contains("Menu") && !a.text.contains("Footer")
    );
    // No date in the page: the crawl date stands in.
    let b = by_source(articles, &format!("{name}#4"));
    assert_eq!(
        b.published.map(|d| d.to_string()).as_deref(),
        Some("2024-05-01")
    );
}

fn gzip_members(records: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for r in records {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(r).unwrap();
        out.extend(enc.finish().unwrap());
    }
    out
}

#[test]
fn warc_files_plain_gzipped_and_truncated() {
    let dir = tempfile::tempdir().unwrap();
    let records = warc_records();
    std::fs::write(dir.path().join("crawl.warc"), records.concat()).unwrap();
    let gz = gzip_members(&records);
    std::fs::write(dir.path().join("crawl.warc.gz"), &gz).unwrap();
    // Cut inside the fourth record's gzip member: records 1-3 survive.
    let first_three = gzip_members(&records[..3]).len();
    std::fs::write(dir.path().join("cut.warc.gz"), &gz[..first_three + 40]).unwrap();
    // A plain WARC cut inside a record body.
    let plain = records.concat();
    let cut_at = records[..3].iter().map(Vec::len).sum::<usize>() + 300;
    std::fs::write(dir.path().join("cut.warc"), &plain[..cut_at]).unwrap();

    let (articles, skipped) = split(read_path(&dir.path().join("crawl.warc")));
    assert!(skipped.is_empty(), "{skipped:?}");
    check_warc_articles(&articles, "crawl.warc");
    let (articles, skipped) = split(read_path(&dir.path().join("crawl.warc.gz")));
    assert!(skipped.is_empty(), "{skipped:?}");
    check_warc_articles(&articles, "crawl.warc.gz");

    for name in ["cut.warc.gz", "cut.warc"] {
        let items: Vec<ReadItem> = read_path(&dir.path().join(name)).collect();
        assert_eq!(items.len(), 2, "{name}: {items:#?}");
        assert!(matches!(&items[0], ReadItem::Article(a) if a.source == format!("{name}#3")));
        let ReadItem::Skipped(s) = &items[1] else {
            panic!("{name}: no skip")
        };
        assert!(
            s.source.ends_with(name) && s.reason.contains("record 4"),
            "{s:?}"
        );
    }
}

fn write_big_line(path: &Path, bytes: usize, prefix: &[u8], suffix: &[u8]) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    f.write_all(prefix).unwrap();
    let chunk = vec![b'a'; 1024 * 1024];
    let mut left = bytes;
    while left > 0 {
        let n = left.min(chunk.len());
        f.write_all(&chunk[..n]).unwrap();
        left -= n;
    }
    f.write_all(suffix).unwrap();
}

#[test]
fn huge_single_line_files_are_skipped_without_reading_them_whole() {
    let dir = tempfile::tempdir().unwrap();
    // 200 MB on one line in a JSONL file, then a good record.
    write_big_line(
        &dir.path().join("huge.jsonl"),
        200 * 1024 * 1024,
        b"{\"text\": \"",
        b"\"}\n{\"text\": \"Title\\n\\nA short record after the huge one.\"}\n",
    );
    // A text file just above the limit.
    write_big_line(&dir.path().join("wide.txt"), 21 * 1024 * 1024, b"", b"\n");
    let (articles, skipped) = split(read_path(dir.path()));
    assert_eq!(articles.len(), 1);
    assert!(articles[0].text.contains("after the huge one"));
    assert_eq!(skipped.len(), 2, "{skipped:#?}");
    assert!(skipped[0].source.ends_with("huge.jsonl:1") && skipped[0].reason.contains("20 MiB"));
    assert!(skipped[1].source.ends_with("wide.txt") && skipped[1].reason.contains("too large"));
}

#[test]
fn reading_counts_the_bytes_of_each_file_once_its_articles_are_read() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU64, Ordering};
    let dir = tempfile::tempdir().expect("temp dir");
    let a = "Japan and the Philippines signed a pact.\n";
    let b =
        "{\"text\": \"France and India signed a contract.\"}\n{\"text\": \"Spain met Ukraine.\"}\n";
    std::fs::write(dir.path().join("a.txt"), a).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/b.jsonl"), b).unwrap();
    let total = (a.len() + b.len()) as u64;
    assert_eq!(entente_ingest::input_bytes(dir.path()), total);
    let read = Arc::new(AtomicU64::new(0));
    let mut items = entente_ingest::read_path_counting(dir.path(), Arc::clone(&read));
    let mut seen = Vec::new();
    for _ in 0..3 {
        items.next().expect("an article");
        seen.push(read.load(Ordering::Relaxed));
    }
    assert!(items.next().is_none());
    // a.txt is counted once its article is past; b.jsonl at the end
    assert_eq!(seen, [0, a.len() as u64, a.len() as u64]);
    assert_eq!(read.load(Ordering::Relaxed), total);
}
