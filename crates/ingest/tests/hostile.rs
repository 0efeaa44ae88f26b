//! Hostile inputs to the readers and the cleaner: each is read, or skipped
//! with a reason that says what was wrong, without a panic and within
//! bounds set by the input's structure (no timing asserts). The inputs are
//! generated here, not stored.

use entente_ingest::{RawArticle, ReadItem, Skipped, clean, read_bytes, read_path};
use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::Write;

fn split(items: impl IntoIterator<Item = ReadItem>) -> (Vec<RawArticle>, Vec<Skipped>) {
    let (mut articles, mut skipped) = (Vec::new(), Vec::new());
    for item in items {
        match item {
            ReadItem::Article(a) => articles.push(a),
            ReadItem::Skipped(s) => skipped.push(s),
        }
    }
    (articles, skipped)
}

const BODY: &str = "Japan and the Philippines signed a reciprocal access agreement in Manila on Monday, \
    the two foreign ministers said after their talks. The agreement lets troops of each country \
    train on the other's soil and was welcomed by Washington.";

fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>RAA signed</title></head><body>{body}</body></html>"
    )
}

/// A WARC `response` record holding `html`, with `declared` as its
/// Content-Length (the true length when `None`).
fn warc_record(html: &str, declared: Option<usize>) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    let len = declared.unwrap_or(http.len());
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/a\r\n\
         WARC-Date: 2024-07-08T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n\
         Content-Length: {len}\r\n\r\n"
    )
    .into_bytes();
    out.extend_from_slice(http.as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out
}

#[test]
fn deeply_nested_html_is_read_or_refused_by_its_depth() {
    // Deep but within the limit: read.
    let html = page(&format!(
        "{}<p>{BODY}</p>{}",
        "<div>".repeat(200),
        "</div>".repeat(200)
    ));
    let (articles, skipped) = split(read_bytes("nested.html", html.as_bytes()));
    assert!(skipped.is_empty(), "{skipped:?}");
    assert!(articles[0].text.contains("reciprocal access"));
    // A hundred thousand levels, closed or not: refused before parsing.
    for html in [
        page(&format!(
            "{}<p>{BODY}</p>{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        )),
        page(&format!("{}<p>{BODY}", "<span><b>".repeat(50_000))),
    ] {
        let (articles, skipped) = split(read_bytes("deep.html", html.as_bytes()));
        assert!(articles.is_empty());
        assert!(
            skipped[0].reason.contains("nested deeper than"),
            "{skipped:?}"
        );
    }
    // Unclosed paragraphs and list items are not nesting.
    let html = page(&format!("{}<p>{BODY}", "<p>x<li>y".repeat(5_000)));
    let (articles, skipped) = split(read_bytes("flat.html", html.as_bytes()));
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(articles.len(), 1);
}

/// Finding 1 of the second hardening pass: pages that the old depth
/// estimate from the tags let through, each parsed in quadratic time. Each
/// is now refused as soon as the parser's tree grows too deep, and the good
/// page beside it in the same folder is read.
#[test]
fn pages_that_fooled_the_old_depth_estimate_are_refused_and_the_next_file_is_read() {
    let hostile = [
        ("div-self-closing.html", "<div/>".repeat(32_000)),
        ("div-self-closing-100k.html", "<div/>".repeat(100_000)),
        ("stray-end-tags.html", "<div></span>".repeat(20_000)),
        ("ruby-text.html", "<rt>".repeat(20_000)),
        ("dd-li.html", "<dd><li>".repeat(10_000)),
        (
            "svg-quoted-slash.html",
            format!("<svg>{}", "<g title=\"/>\">".repeat(20_000)),
        ),
        (
            "comment-bang.html",
            format!("<!-- a --!>{}-->", "<div>".repeat(20_000)),
        ),
        (
            "reopened-formatting.html",
            (0..20_000).map(|i| format!("<p><b id={i}></p>")).collect(),
        ),
    ];
    let dir = tempfile::tempdir().expect("temporary folder");
    for (name, body) in &hostile {
        std::fs::write(dir.path().join(name), page(&format!("{body}<p>{BODY}</p>")))
            .expect("write");
    }
    std::fs::write(
        dir.path().join("zz-good.html"),
        page(&format!("<p>{BODY}</p>")),
    )
    .expect("write");
    let (articles, skipped) = split(read_path(dir.path()));
    assert_eq!(articles.len(), 1, "{skipped:?}");
    assert!(articles[0].source.ends_with("zz-good.html"));
    assert_eq!(skipped.len(), hostile.len(), "{skipped:?}");
    for s in &skipped {
        assert!(s.reason.contains("nested deeper than"), "{s:?}");
    }
    // Deep but within the limit, and wide: read.
    let wide = format!(
        "{}{}<p>{BODY}</p>",
        "<div>".repeat(250),
        "<p>x</p>".repeat(5_000)
    );
    let (articles, skipped) = split(read_bytes("wide.html", page(&wide).as_bytes()));
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(articles.len(), 1);
}

#[test]
fn a_billion_laughs_feed_does_not_expand() {
    let mut feed =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
    feed.push_str("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
    for i in 2..=9 {
        let prev = format!("&lol{};", i - 1);
        feed.push_str(&format!("<!ENTITY lol{i} \"{}\">\n", prev.repeat(10)));
    }
    feed.push_str("]>\n<rss version=\"2.0\"><channel><title>Laughs</title>");
    feed.push_str("<item><title>&lol9;</title><description>&lol9; ");
    feed.push_str(BODY);
    feed.push_str("</description></item></channel></rss>");
    let items = read_bytes("laughs.xml", feed.as_bytes());
    assert_eq!(items.len(), 1, "{items:?}");
    match &items[0] {
        // Either refused with a reason, or read with the entity left alone.
        ReadItem::Skipped(s) => assert!(s.reason.contains("feed"), "{s:?}"),
        ReadItem::Article(a) => {
            let size = a.text.len() + a.title.as_ref().map_or(0, String::len);
            assert!(size < 10_000, "the entities were expanded: {size} bytes");
        }
    }
}

/// Finding 5 of the second hardening pass: a Content-Length too short stored
/// half a record as a whole article and dropped the valid record after it;
/// a truncated gzip HTTP payload was stored as binary text. Each is now
/// skipped and named, and the records after it are read.
#[test]
fn a_record_whose_length_lies_or_whose_payload_is_cut_is_skipped_and_the_next_is_read() {
    let html = page(&format!("<p>{BODY}</p><p>{BODY}</p>"));
    let good = warc_record(&html, None);
    let true_len = good.len() - "WARC/1.0".len(); // an upper bound, for the cuts
    for (name, declared) in [
        ("short", Some(true_len / 2)),
        ("long", Some(good.len() + 200)),
    ] {
        let mut bytes = good.clone();
        bytes.extend(warc_record(&html, declared));
        bytes.extend(good.clone());
        let (articles, skipped) = split(read_bytes(&format!("{name}.warc"), &bytes));
        assert_eq!(articles.len(), 2, "{name}: {skipped:?}");
        assert_eq!(skipped.len(), 1, "{name}: {skipped:?}");
        assert!(skipped[0].source.ends_with("#2"), "{skipped:?}");
        assert!(skipped[0].reason.contains("Content-Length"), "{skipped:?}");
        for a in &articles {
            assert!(
                a.text.matches("reciprocal access").count() == 2,
                "{}",
                a.text
            );
        }
    }
    // A gzip payload cut short, between two good records.
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(html.as_bytes()).expect("gzip");
    let mut compressed = gz.finish().expect("gzip");
    compressed.truncate(compressed.len() / 2);
    let mut http =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    http.extend_from_slice(&compressed);
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/b\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    record.extend_from_slice(&http);
    record.extend_from_slice(b"\r\n\r\n");
    let mut bytes = good.clone();
    bytes.extend(record);
    bytes.extend(good.clone());
    let (articles, skipped) = split(read_bytes("cut-gzip.warc", &bytes));
    assert_eq!(articles.len(), 2, "{skipped:?}");
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(
        skipped[0].reason.contains("does not decompress"),
        "{skipped:?}"
    );
}

#[test]
fn a_warc_record_whose_length_lies_ends_the_file_with_a_reason() {
    let good = warc_record(&page(BODY), None);
    // Longer than the file: truncated.
    let mut longer = good.clone();
    longer.extend(warc_record(&page(BODY), Some(1_000_000)));
    let (articles, skipped) = split(read_bytes("longer.warc", &longer));
    assert_eq!(articles.len(), 1, "the record before it is kept");
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0].reason.contains("truncated"), "{skipped:?}");
    assert!(skipped[0].reason.contains("record 2"), "{skipped:?}");
    // Shorter than the record: skipped, and the file goes on (below).
    // Not a number, or absurdly large.
    for length in ["-5", "99999999999999999999999", "0x10", ""] {
        let record = String::from_utf8_lossy(&good).into_owned();
        let true_length = format!(
            "Content-Length: {}\r\n",
            good.len() - 4 - record.find("HTTP/1.1").unwrap_or(0)
        );
        assert!(record.contains(&true_length), "{record}");
        let bad = record.replace(&true_length, &format!("Content-Length: {length}\r\n"));
        let (articles, skipped) = split(read_bytes("bad-length.warc", bad.as_bytes()));
        assert!(articles.is_empty(), "{length}");
        assert!(
            skipped[0].reason.contains("Content-Length"),
            "{length}: {skipped:?}"
        );
    }
}

/// A `.warc.gz` that would inflate to 4 GiB: one WARC header announcing a
/// 4 GiB resource, then 256 gzip members of 16 MiB of zeros each.
fn gzip_bomb() -> Vec<u8> {
    let mut out = Vec::new();
    let mut head = GzEncoder::new(Vec::new(), Compression::best());
    let four_gib = 4u64 << 30;
    head.write_all(
        format!(
            "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: application/octet-stream\r\n\
             Content-Length: {four_gib}\r\n\r\n"
        )
        .as_bytes(),
    )
    .expect("gzip header");
    out.extend(head.finish().expect("gzip"));
    let mut zeros = GzEncoder::new(Vec::new(), Compression::best());
    let block = vec![0u8; 1 << 20];
    for _ in 0..16 {
        zeros.write_all(&block).expect("gzip zeros");
    }
    let member = zeros.finish().expect("gzip");
    for _ in 0..256 {
        out.extend_from_slice(&member);
    }
    out
}

#[test]
fn a_gzip_bomb_is_refused_after_a_bounded_inflation() {
    let bomb = gzip_bomb();
    assert!(bomb.len() < 8 << 20, "{} bytes", bomb.len());
    let (articles, skipped) = split(read_bytes("bomb.warc.gz", &bomb));
    assert!(articles.is_empty());
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(
        skipped[0].reason.contains("decompression bomb"),
        "{skipped:?}"
    );
    // The same from a file on disk.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bomb.warc.gz");
    std::fs::write(&path, &bomb).expect("write bomb");
    let (articles, skipped) = split(read_path(&path));
    assert!(articles.is_empty());
    assert!(
        skipped[0].reason.contains("decompression bomb"),
        "{skipped:?}"
    );
}

#[test]
fn a_gzip_warc_of_ordinary_pages_is_read_whole() {
    // Highly repetitive but real pages stay under the inflation bound.
    let mut warc = Vec::new();
    for i in 0..50 {
        warc.extend(warc_record(
            &page(&format!("<p>{i}. {}</p>", BODY.repeat(20))),
            None,
        ));
    }
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(&warc).expect("gzip");
    let gz = gz.finish().expect("gzip");
    let (articles, skipped) = split(read_bytes("many.warc.gz", &gz));
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(articles.len(), 50);
}

#[test]
fn nul_bytes_are_refused_in_files_and_survive_in_records() {
    let (articles, skipped) = split(read_bytes("nul.txt", b"Title\n\nJapan\0and\0Italy met."));
    assert!(articles.is_empty());
    assert!(skipped[0].reason.contains("NUL"), "{skipped:?}");
    let line =
        serde_json::json!({ "text": format!("Title\n\nJapan\u{0}and Italy\u{0} met. {BODY}") });
    let (articles, skipped) = split(read_bytes("nul.jsonl", line.to_string().as_bytes()));
    assert!(skipped.is_empty(), "{skipped:?}");
    let article = clean(articles[0].clone());
    assert!(
        article.text.contains("reciprocal access"),
        "{}",
        article.text
    );
}

#[test]
fn right_to_left_overrides_are_read() {
    let text = format!(
        "Title \u{202E}devlos\u{202C}\n\nJapan\u{202E} and \u{2067}Italy\u{2069} met. {BODY}"
    );
    let (articles, skipped) = split(read_bytes("rtl.txt", text.as_bytes()));
    assert!(skipped.is_empty(), "{skipped:?}");
    let article = clean(articles[0].clone());
    assert!(article.text.contains("reciprocal access"));
}

#[test]
fn ten_megabytes_of_one_word_is_read_and_cleaned() {
    let word = "defence".repeat(10 * 1024 * 1024 / 7);
    let text = format!("One word\n\n{word}");
    let (articles, skipped) = split(read_bytes("word.txt", text.as_bytes()));
    assert!(skipped.is_empty(), "{skipped:?}");
    let article = clean(articles[0].clone());
    assert!(
        article.text.len() >= word.len() - 16,
        "{}",
        article.text.len()
    );
    // A file over the limit is refused by size, not read.
    let big = vec![b'a'; entente_ingest::MAX_ARTICLE_BYTES as usize + 1];
    let (_, skipped) = split(read_bytes("big.txt", &big));
    assert!(skipped[0].reason.contains("too large"), "{skipped:?}");
    // its size said exactly: "20 MiB, above the 20 MiB limit" said nothing
    assert!(
        skipped[0].reason.contains(&format!("{} bytes", big.len())),
        "{skipped:?}"
    );
}

#[test]
fn an_overlong_jsonl_line_is_skipped_and_the_file_goes_on() {
    let mut data = format!(
        "{{\"text\": \"{}\"}}\n",
        "x".repeat(entente_ingest::MAX_ARTICLE_BYTES as usize + 10)
    )
    .into_bytes();
    data.extend(
        serde_json::json!({ "text": format!("Title\n\n{BODY}") })
            .to_string()
            .bytes(),
    );
    let (articles, skipped) = split(read_bytes("long.jsonl", &data));
    assert_eq!(articles.len(), 1);
    assert!(skipped[0].reason.contains("longer than"), "{skipped:?}");
    assert_eq!(skipped[0].source, "long.jsonl:1");
}

/// Finding 6 of the second hardening pass: a FIFO in an input folder hung
/// the ingest forever (nothing ever writes to it). Only regular files are
/// read; a pipe or socket is skipped and named, and the walk goes on.
#[cfg(unix)]
#[test]
fn a_fifo_or_socket_in_the_input_folder_is_skipped_and_named() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let fifo = dir.path().join("a-pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("run mkfifo");
    assert!(made.success(), "mkfifo failed");
    let socket = dir.path().join("b-socket.txt");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("bind a socket");
    std::fs::write(
        dir.path().join("c-good.txt"),
        format!("RAA signed\n\n{BODY}"),
    )
    .expect("write");
    // Given whole, and inside a folder.
    let (articles, skipped) = split(read_path(dir.path()));
    assert_eq!(articles.len(), 1, "{skipped:?}");
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert!(skipped[0].source.ends_with("a-pipe.txt"), "{skipped:?}");
    assert!(skipped[0].reason.contains("named pipe"), "{skipped:?}");
    assert!(skipped[1].reason.contains("socket"), "{skipped:?}");
    let (articles, skipped) = split(read_path(&fifo));
    assert!(articles.is_empty());
    assert!(
        skipped[0].reason.contains("not a regular file"),
        "{skipped:?}"
    );
}

/// Finding 6, through a link: a symbolic link to a named pipe is followed
/// to what it names, and that is not a regular file either.
#[cfg(unix)]
#[test]
fn a_link_to_a_fifo_is_skipped_and_named() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("run mkfifo");
    assert!(made.success(), "mkfifo failed");
    let input = dir.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    std::os::unix::fs::symlink(&fifo, input.join("a-link.txt")).expect("symlink");
    std::fs::write(input.join("b-good.txt"), format!("RAA signed\n\n{BODY}")).expect("write");
    let (articles, skipped) = split(read_path(&input));
    assert_eq!(articles.len(), 1, "{skipped:?}");
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0].source.ends_with("a-link.txt"), "{skipped:?}");
    assert!(skipped[0].reason.contains("named pipe"), "{skipped:?}");
}

/// Finding 4 of the second hardening pass: one invalid UTF-8 byte made the
/// whole file decode as Windows-1252, so its actors were lost; UTF-16 with a
/// byte-order mark was refused as binary.
#[test]
fn a_bad_byte_keeps_utf8_and_utf16_with_a_bom_is_read() {
    let body = "Giovedì la Türkiye e la Grecia hanno firmato un accordo di difesa ad Atene, \
                così ha detto il ministro.";
    let mut bytes = format!("Accordo firmato\n\n{body}").into_bytes();
    let at = bytes.len() - "ministro.".len();
    bytes.insert(at, 0xff);
    let (articles, skipped) = split(read_bytes("bad-byte.txt", &bytes));
    assert!(skipped.is_empty(), "{skipped:?}");
    let text = &articles[0].text;
    assert!(
        text.contains("Giovedì") && text.contains("Türkiye"),
        "{text}"
    );
    assert!(!text.contains("Ã"), "{text}");
    let article = clean(articles[0].clone());
    assert!(
        article
            .flags
            .iter()
            .any(|f| f.0 == entente_model::Flag::ENCODING_REPAIRED),
        "{:?}",
        article.flags
    );
    for (bom, little) in [([0xff_u8, 0xfe], true), ([0xfe, 0xff], false)] {
        let mut utf16 = bom.to_vec();
        for unit in format!("Accordo firmato\n\n{body}").encode_utf16() {
            let pair = if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            utf16.extend_from_slice(&pair);
        }
        let (articles, skipped) = split(read_bytes("utf16.txt", &utf16));
        assert!(skipped.is_empty(), "{skipped:?}");
        assert!(articles[0].text.contains("Türkiye"), "{}", articles[0].text);
    }
}

/// Finding 8 of the second hardening pass, beyond Windows-1252: random high
/// bytes that a legacy encoding reads as letters were still stored, since
/// the language identifier named a language for them (GBK gave Chinese,
/// the accented letters of Windows-1252 Welsh, the top half of a Cyrillic
/// code page Russian). Each is now skipped as not language, while prose in
/// scripts with and without spaces between words is kept.
#[test]
fn random_bytes_read_as_letters_of_any_script_are_not_language() {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut random = |lo: u8, hi: u8, n: usize| -> Vec<u8> {
        (0..n)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                lo + ((state >> 32) % u64::from(hi - lo + 1)) as u8
            })
            .collect()
    };
    for (lo, hi) in [
        (0xa1, 0xfe),
        (0xb0, 0xf7),
        (0xc0, 0xff),
        (0xc0, 0xdf),
        (0x80, 0x9f),
        (0x80, 0xff),
    ] {
        let bytes = random(lo, hi, 20_000);
        let (articles, skipped) = split(read_bytes("random.txt", &bytes));
        assert!(skipped.is_empty(), "{skipped:?}");
        let article = clean(articles[0].clone());
        assert!(
            entente_ingest::not_language(&article.text, &article.lang).is_some(),
            "{lo:#x}..={hi:#x} read as {}: {:?}",
            article.lang,
            article.text.chars().take(40).collect::<String>()
        );
    }
    for prose in [
        "日本和菲律宾周一在马尼拉签署了互惠准入协定，两国外长会谈后表示，该协定允许两国军队在对方领土上训练。",
        "日本とフィリピンは月曜日、マニラで円滑化協定に署名した。協定により、両国の部隊は相手国の領土で訓練できる。",
        "ญี่ปุ่นและฟิลิปปินส์ลงนามในข้อตกลงการเข้าถึงซึ่งกันและกันที่กรุงมะนิลาเมื่อวันจันทร์ รัฐมนตรีต่างประเทศของทั้งสองประเทศกล่าวหลังการหารือ ",
        "일본과 필리핀은 월요일 마닐라에서 상호접근협정에 서명했다고 양국 외무장관이 회담 후 밝혔다. ",
        "Die Bundeswehrbeschaffungsbeschleunigungsverordnung wurde am Montag vom Verteidigungsausschuss beraten. ",
        BODY,
    ] {
        let text = format!("Title\n\n{}", prose.repeat(8));
        let article = clean(split(read_bytes("prose.txt", text.as_bytes())).0[0].clone());
        assert_eq!(
            entente_ingest::not_language(&article.text, &article.lang),
            None,
            "{} {prose}",
            article.lang
        );
    }
}

/// Finding 4 of the second hardening pass, the duplicate: one bad byte
/// outside the article (here in a comment) made the whole page decode as
/// Windows-1252, so the same article got another text and was stored a
/// second time under another id. The page, alone, in a WARC record whose
/// HTTP header declares windows-1252, or with a bad byte, is now one
/// article with one id.
#[test]
fn one_article_keeps_one_id_whatever_bad_byte_its_page_carries() {
    let body = "<p>Giovedì la Türkiye e la Grecia hanno firmato ad Atene un accordo di \
                cooperazione nella difesa, ha detto il ministro degli Esteri.</p>\
                <p>L'intesa, già annunciata a marzo, entrerà in vigore il mese prossimo; \
                così hanno confermato entrambe le capitali.</p>";
    let clean_page = page(&format!("<!-- menu -->{body}")).into_bytes();
    let mut bad_page = clean_page.clone();
    let at = bad_page
        .windows(4)
        .position(|w| w == b"menu")
        .expect("the comment");
    bad_page.insert(at, 0xff);
    let mut http =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\n\r\n".to_vec();
    http.extend_from_slice(&bad_page);
    let mut warc = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/it\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    warc.extend_from_slice(&http);
    warc.extend_from_slice(b"\r\n\r\n");
    let mut ids = Vec::new();
    for (name, bytes) in [
        ("clean.html", &clean_page),
        ("bad-byte.html", &bad_page),
        ("declared-1252.warc", &warc),
    ] {
        let (articles, skipped) = split(read_bytes(name, bytes));
        assert!(skipped.is_empty(), "{name}: {skipped:?}");
        let article = clean(articles[0].clone());
        assert!(
            article.text.contains("Giovedì") && article.text.contains("Türkiye"),
            "{name}: {}",
            article.text
        );
        ids.push(article.id);
    }
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
}

/// Finding 5 of the second hardening pass, at a blank line: a
/// Content-Length cut just before a blank line inside the page looked like
/// a record's proper end (the two line ends a record closes with), so the
/// first half of the page was stored as a whole article and the file ended
/// at the rest, dropping the good record after it. The record is now
/// skipped and named, and the record after it is read.
#[test]
fn a_length_cut_at_a_blank_line_inside_the_page_is_still_caught() {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n";
    for (name, blank) in [("crlf", "\r\n\r\n"), ("lf", "\n\n\n\n\n\n\n")] {
        let html = page(&format!("<p>{BODY}</p>{blank}<p>{BODY}</p>"));
        let cut = head.len() + html.find(blank).expect("a blank line");
        let good = warc_record(&html, None);
        let mut bytes = good.clone();
        bytes.extend(warc_record(&html, Some(cut)));
        bytes.extend(good.clone());
        let (articles, skipped) = split(read_bytes(&format!("{name}.warc"), &bytes));
        assert_eq!(skipped.len(), 1, "{name}: {skipped:?}");
        assert!(skipped[0].source.ends_with("#2"), "{name}: {skipped:?}");
        assert!(skipped[0].reason.contains("Content-Length"), "{skipped:?}");
        assert_eq!(articles.len(), 2, "{name}: {skipped:?}");
        for a in &articles {
            assert_eq!(a.text.matches("reciprocal access").count(), 2, "{}", a.text);
        }
    }
}

/// Finding 5 of the second hardening pass, for the other content codings:
/// only gzip was undone, so a payload sent as `br` (or any coding not read
/// here) was decoded as if its compressed bytes were the page, as the cut
/// gzip payload was. Such a record is skipped and named; a `deflate`
/// payload, zlib-wrapped or raw, is inflated and read; the records after
/// them are read.
#[test]
fn a_payload_in_a_coding_not_read_is_skipped_and_deflate_is_read() {
    use flate2::write::{DeflateEncoder, ZlibEncoder};
    let html = page(&format!("<p>{BODY}</p><p>{BODY}</p>"));
    let good = warc_record(&html, None);
    let record = |coding: &str, payload: &[u8]| -> Vec<u8> {
        let mut http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: {coding}\r\n\r\n"
        )
        .into_bytes();
        http.extend_from_slice(payload);
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/c\r\n\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            http.len()
        )
        .into_bytes();
        out.extend_from_slice(&http);
        out.extend_from_slice(b"\r\n\r\n");
        out
    };
    // bytes standing for a brotli stream: anything but the page
    let mut state: u32 = 0x1234_5678;
    let brotli: Vec<u8> = (0..3_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as u8
        })
        .collect();
    let mut zlib = ZlibEncoder::new(Vec::new(), Compression::default());
    zlib.write_all(html.as_bytes()).expect("zlib");
    let zlib = zlib.finish().expect("zlib");
    let mut raw = DeflateEncoder::new(Vec::new(), Compression::default());
    raw.write_all(html.as_bytes()).expect("deflate");
    let raw = raw.finish().expect("deflate");
    let mut bytes = good.clone();
    bytes.extend(record("br", &brotli));
    bytes.extend(record("deflate", &zlib));
    bytes.extend(record("deflate", &raw));
    bytes.extend(good.clone());
    let (articles, skipped) = split(read_bytes("codings.warc", &bytes));
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0].source.ends_with("#2"), "{skipped:?}");
    assert!(skipped[0].reason.contains("`br`"), "{skipped:?}");
    assert_eq!(articles.len(), 4, "{skipped:?}");
    for a in &articles {
        assert_eq!(a.text.matches("reciprocal access").count(), 2, "{}", a.text);
    }
}

/// Finding 4 of the second hardening pass, for feeds: UTF-16 with a
/// byte-order mark was decoded, but the parser was handed the UTF-8 text
/// with its `encoding="UTF-16"` declaration still on it, and refused the
/// feed. Both byte orders are now read.
#[test]
fn a_utf16_feed_with_a_bom_is_read() {
    let feed = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<rss version=\"2.0\"><channel>\
         <title>Difesa</title><item><title>Accordo firmato</title>\
         <description>Giovedì la Türkiye e la Grecia hanno firmato un accordo. {BODY}\
         </description></item></channel></rss>"
    );
    for (bom, little) in [([0xff_u8, 0xfe], true), ([0xfe, 0xff], false)] {
        let mut bytes = bom.to_vec();
        for unit in feed.encode_utf16() {
            bytes.extend_from_slice(&if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        let (articles, skipped) = split(read_bytes("feed.xml", &bytes));
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(articles.len(), 1);
        assert!(articles[0].text.contains("Türkiye"), "{}", articles[0].text);
        assert_eq!(articles[0].title.as_deref(), Some("Accordo firmato"));
    }
}

/// Finding 4 of the second hardening pass, for JSON Lines: a UTF-16 file
/// with a byte-order mark was refused (its lines end in a byte that UTF-16
/// splits). It is now decoded as it is streamed, from memory and from disk,
/// and each record is read.
#[test]
fn a_utf16_jsonl_file_with_a_bom_is_read() {
    let lines = format!(
        "{}\n{}\n",
        serde_json::json!({ "source": "uno", "text": format!("Giovedì la Türkiye ha firmato. {BODY}") }),
        serde_json::json!({ "source": "due", "text": format!("Second record. {BODY}") }),
    );
    let dir = tempfile::tempdir().expect("temporary folder");
    for (bom, little) in [([0xff_u8, 0xfe], true), ([0xfe, 0xff], false)] {
        let mut bytes = bom.to_vec();
        for unit in lines.encode_utf16() {
            bytes.extend_from_slice(&if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        let path = dir.path().join(format!("records-{little}.jsonl"));
        std::fs::write(&path, &bytes).expect("write");
        for items in [
            read_bytes("records.jsonl", &bytes),
            read_path(&path).collect(),
        ] {
            let (articles, skipped) = split(items);
            assert!(skipped.is_empty(), "{skipped:?}");
            assert_eq!(articles.len(), 2);
            assert!(articles[0].text.contains("Türkiye"), "{}", articles[0].text);
            assert!(articles[1].text.starts_with("Second record"));
        }
    }
}
