//! HTML pages → raw articles: main content by dom_smoothie (a readability
//! port) with a scraper fallback, title, publication date, canonical URL and
//! language from the page. Also HTML fragments → text for feeds and JSONL.
//! Site chrome (navigation, footers, share bars, cookie banners) is dropped.

use super::depth;
use crate::clean::dates::parse_date_text;
use ego_tree::iter::Edge;
use entente_model::{PartialDate, RawArticle};
use scraper::{Html, Node, Selector};

/// Elements whose whole subtree is never article text.
const SKIPPED_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "head", "nav", "footer", "aside",
    "form", "button", "select", "menu", "dialog", "object", "canvas", "figure",
];

/// Elements that start a new paragraph.
const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "dd",
    "dt",
    "dl",
    "figcaption",
    "hr",
    "address",
    "body",
];

/// Words in a `class` or `id` that mark site chrome.
const CHROME_MARKERS: &[&str] = &[
    "cookie",
    "consent",
    "share",
    "social",
    "newsletter",
    "subscribe",
    "comment",
    "related",
    "breadcrumb",
    "banner",
    "promo",
    "advert",
    "sidebar",
    "menu",
    "navbar",
    "popup",
    "modal",
    "paywall",
    "footer",
    "masthead",
    "toolbar",
    "signup",
];

fn is_chrome(el: &scraper::node::Element) -> bool {
    if el.attr("role").is_some_and(|r| {
        matches!(
            r,
            "navigation" | "banner" | "contentinfo" | "complementary" | "dialog"
        )
    }) || el.attr("aria-hidden") == Some("true")
        || el.attr("hidden").is_some()
    {
        return true;
    }
    let marks = |v: Option<&str>| {
        v.is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            CHROME_MARKERS.iter().any(|m| v.contains(m))
        })
    };
    marks(el.attr("class")) || marks(el.attr("id"))
}

/// The text of `root`: block elements become paragraphs separated by a
/// blank line, `<br>` a line break, chrome skipped, inline whitespace collapsed.
fn element_text(root: ego_tree::NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    let mut skip_depth = 0usize;
    let mut pending_space = false;
    let break_line = |out: &mut String, sep: &str| {
        let trimmed = out.trim_end_matches([' ', '\n']).len();
        out.truncate(trimmed);
        if !out.is_empty() {
            out.push_str(sep);
        }
    };
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if skip_depth > 0 || SKIPPED_ELEMENTS.contains(&name) || is_chrome(el) {
                        skip_depth += 1;
                    } else if name == "br" {
                        break_line(&mut out, "\n");
                        pending_space = false;
                    } else if BLOCK_ELEMENTS.contains(&name) {
                        break_line(&mut out, "\n\n");
                        pending_space = false;
                    }
                }
                Node::Text(t) if skip_depth == 0 => {
                    for (i, word) in t.split_whitespace().enumerate() {
                        let at_line_start = out.is_empty() || out.ends_with('\n');
                        if (i > 0 || pending_space || t.starts_with(char::is_whitespace))
                            && !at_line_start
                        {
                            out.push(' ');
                        }
                        out.push_str(word);
                        pending_space = false;
                    }
                    if t.ends_with(char::is_whitespace) {
                        pending_space = true;
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                    } else if BLOCK_ELEMENTS.contains(&el.name()) {
                        break_line(&mut out, "\n\n");
                        pending_space = false;
                    }
                }
            }
        }
    }
    out.trim().to_string()
}

/// Text of an HTML fragment (feed content, JSONL `html`), or plain text as is.
pub(crate) fn fragment_text(html: &str) -> String {
    if !html.contains('<') {
        return html.trim().to_string();
    }
    match depth::parse_fragment(html, MAX_HTML_DEPTH) {
        Ok((doc, _)) => element_text(doc.tree.root()),
        // Too deep to parse in good time: the text between the tags.
        Err(_) => tag_free_text(html),
    }
}

/// `html` without its tags, comments and the content of scripts and styles:
/// the text of a fragment too deeply nested to parse.
fn tag_free_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let tag = &rest[lt..];
        let lower = tag.get(..8).unwrap_or(tag).to_ascii_lowercase();
        let end = if lower.starts_with("<script") || lower.starts_with("<style") {
            let close = if lower.starts_with("<script") {
                "</script"
            } else {
                "</style"
            };
            tag.to_ascii_lowercase().find(close).unwrap_or(tag.len())
        } else if tag.starts_with("<!--") {
            tag.find("-->").map_or(tag.len(), |e| e + 3)
        } else {
            tag.find('>').map_or(tag.len(), |e| e + 1)
        };
        out.push(' ');
        rest = &tag[end.max(1)..];
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn selector(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

fn first_attr(doc: &Html, selectors: &[&str], attr: &str) -> Option<String> {
    selectors.iter().find_map(|s| {
        let sel = selector(s)?;
        doc.select(&sel)
            .filter_map(|e| e.value().attr(attr))
            .map(str::trim)
            .find(|v| !v.is_empty())
            .map(str::to_string)
    })
}

fn first_text(doc: &Html, s: &str) -> Option<String> {
    let sel = selector(s)?;
    doc.select(&sel)
        .map(|e| e.text().collect::<Vec<_>>().join(" "))
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|t| !t.is_empty())
}

/// `datePublished` anywhere in the page's JSON-LD blocks.
fn json_ld_date(doc: &Html) -> Option<String> {
    fn find(v: &serde_json::Value) -> Option<String> {
        match v {
            serde_json::Value::Object(m) => m
                .get("datePublished")
                .and_then(|d| d.as_str().map(str::to_string))
                .or_else(|| m.values().find_map(find)),
            serde_json::Value::Array(a) => a.iter().find_map(find),
            _ => None,
        }
    }
    let sel = selector(r#"script[type="application/ld+json"]"#)?;
    doc.select(&sel).find_map(|e| {
        let text: String = e.text().collect();
        serde_json::from_str::<serde_json::Value>(&text)
            .ok()
            .and_then(|v| find(&v))
    })
}

/// What the page says about itself.
#[derive(Debug, Default)]
struct PageMeta {
    title: Option<String>,
    published: Option<PartialDate>,
    canonical: Option<String>,
    lang: Option<String>,
}

fn page_meta(doc: &Html) -> PageMeta {
    let date = first_attr(
        doc,
        &[
            r#"meta[property="article:published_time"]"#,
            r#"meta[property="og:article:published_time"]"#,
            r#"meta[property="og:published_time"]"#,
            r#"meta[itemprop="datePublished"]"#,
            r#"meta[name="pubdate"]"#,
            r#"meta[name="publish-date"]"#,
            r#"meta[name="date"]"#,
            r#"meta[name="dc.date"]"#,
            r#"meta[name="DC.date.issued"]"#,
        ],
        "content",
    )
    .or_else(|| json_ld_date(doc))
    .or_else(|| {
        first_attr(
            doc,
            &["article time[datetime]", "time[datetime]"],
            "datetime",
        )
    });
    PageMeta {
        title: first_attr(doc, &[r#"meta[property="og:title"]"#], "content")
            .or_else(|| first_text(doc, "title"))
            .or_else(|| first_text(doc, "h1")),
        published: date.as_deref().and_then(parse_date_text),
        canonical: first_attr(doc, &[r#"link[rel="canonical"]"#], "href")
            .or_else(|| first_attr(doc, &[r#"meta[property="og:url"]"#], "content")),
        lang: first_attr(doc, &["html[lang]"], "lang")
            .or_else(|| first_attr(doc, &[r#"meta[http-equiv="content-language"]"#], "content")),
    }
}

/// Main content by the scraper fallback: `<article>`, else `<main>`, else
/// the body, with chrome skipped.
fn fallback_text(doc: &Html) -> String {
    for s in ["article", "main", "[role=main]", "body"] {
        if let Some(sel) = selector(s)
            && let Some(el) = doc.select(&sel).next()
        {
            let text = element_text(*el);
            if !text.is_empty() {
                return text;
            }
        }
    }
    element_text(doc.tree.root())
}

/// Main content by dom_smoothie, when it finds a substantial one. A panic
/// inside the library on a strange page falls back to our own extraction
/// instead of ending the whole ingest.
fn readability_text(html: &str, url: Option<&str>) -> Option<(String, String)> {
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let run = || {
        let mut reader = dom_smoothie::Readability::new(html, url, None).ok()?;
        let article = reader.parse().ok()?;
        Some((article.content.to_string(), article.title.to_string()))
    };
    let (content, title) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).ok()??;
    let text = fragment_text(&content);
    (text.chars().count() >= 200).then_some((text, title))
}

/// The deepest element nesting a page may have, counting `html` and `body`.
/// The HTML parser takes time that grows with size times depth; real pages
/// stay below a hundred, and a page deeper than this is refused, its parse
/// given up as soon as the tree grows past it.
pub(crate) const MAX_HTML_DEPTH: usize = 256;

/// The deepest page given to the readability pass, whose time grows much
/// faster with depth than the parser's; a deeper page is read by our own
/// extraction, in time linear in its size.
const READABILITY_MAX_DEPTH: usize = 96;

/// One HTML page as a raw article. `url` is where it came from (a WARC
/// target), used when the page names no canonical URL.
pub(crate) fn read_page(
    html: &str,
    source: String,
    url: Option<String>,
) -> Result<RawArticle, String> {
    let (doc, depth) = depth::parse_document(html, MAX_HTML_DEPTH).map_err(|_| {
        format!(
            "HTML nested deeper than {MAX_HTML_DEPTH} elements: a broken or hostile page, not read"
        )
    })?;
    let meta = page_meta(&doc);
    let url = meta.canonical.or(url);
    let readable = (depth <= READABILITY_MAX_DEPTH)
        .then(|| readability_text(html, url.as_deref()))
        .flatten();
    let (text, smoothie_title) = match readable {
        Some((t, title)) => (t, Some(title)),
        None => (fallback_text(&doc), None),
    };
    if text.trim().is_empty() {
        return Err("no article text found in the page".into());
    }
    let title = meta
        .title
        .or(smoothie_title)
        .filter(|t| !t.trim().is_empty());
    Ok(RawArticle {
        source,
        url,
        title,
        published: meta.published,
        lang: meta.lang,
        text,
        title_in_text: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_keep_paragraphs_and_drop_chrome() {
        let html = "<p>First  <b>para</b>graph.</p><div class=\"share-bar\">Share</div><p>Second<br>line</p><script>x()</script>";
        assert_eq!(fragment_text(html), "First paragraph.\n\nSecond\nline");
        assert_eq!(fragment_text("plain text"), "plain text");
    }
}
