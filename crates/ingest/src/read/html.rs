//! HTML pages → raw articles: main content by dom_smoothie (a readability
//! port) with a scraper fallback, title, publication date, canonical URL and
//! language from the page. Also HTML fragments → text for feeds and JSONL.
//! Site chrome (navigation, footers, share bars, cookie banners) is dropped.

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
    let doc = Html::parse_fragment(html);
    element_text(doc.tree.root())
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

/// The deepest element nesting a page may have. Both the HTML parser and
/// the readability pass take time quadratic in the depth; real pages stay
/// below a hundred, and a page deeper than this is refused, not parsed.
pub(crate) const MAX_HTML_DEPTH: usize = 1000;

/// Elements that are void or whose end tag may be left out: they are not
/// counted as nesting, so an old page of unclosed `<p>`s is not deep.
const UNCOUNTED_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead",
    "tbody", "tfoot", "colgroup", "caption", "rt", "rp", "html", "head", "body",
];

/// Raw-text elements whose content is skipped when estimating depth.
const RAW_TEXT_ELEMENTS: &[&str] = &["script", "style", "textarea", "title", "xmp"];

/// An upper estimate of the element nesting of `html`, from its tags alone
/// (linear time, no tree), stopping once it exceeds `limit`.
pub(crate) fn nesting_depth(html: &str, limit: usize) -> usize {
    let b = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(lt) = b[i..].iter().position(|&c| c == b'<') {
        let start = i + lt + 1;
        if b[start..].starts_with(b"!--") {
            i = find_from(b, start, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        let closing = b.get(start) == Some(&b'/');
        let name_start = start + usize::from(closing);
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
            .count();
        let tag_end = b[name_start..]
            .iter()
            .position(|&c| c == b'>')
            .map_or(b.len(), |e| name_start + e);
        i = (tag_end + 1).min(b.len());
        if name_len == 0 {
            continue;
        }
        let name = &b[name_start..name_start + name_len];
        let is = |list: &[&str]| list.iter().any(|n| n.as_bytes().eq_ignore_ascii_case(name));
        if is(UNCOUNTED_ELEMENTS) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        if tag_end > 0 && b.get(tag_end - 1) == Some(&b'/') {
            continue;
        }
        if is(RAW_TEXT_ELEMENTS) {
            // Skip to the element's end tag: its content is not markup.
            i = find_end_tag(b, i, name).unwrap_or(b.len());
            continue;
        }
        depth += 1;
        deepest = deepest.max(depth);
        if deepest > limit {
            break;
        }
    }
    deepest
}

fn find_from(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// Where `</name` starts at or after `from`, in any case.
fn find_end_tag(hay: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(p) = find_from(hay, at, b"</") {
        let rest = &hay[p + 2..];
        if rest.len() >= name.len() && rest[..name.len()].eq_ignore_ascii_case(name) {
            return Some(p);
        }
        at = p + 2;
    }
    None
}

/// One HTML page as a raw article. `url` is where it came from (a WARC
/// target), used when the page names no canonical URL.
pub(crate) fn read_page(
    html: &str,
    source: String,
    url: Option<String>,
) -> Result<RawArticle, String> {
    if nesting_depth(html, MAX_HTML_DEPTH) > MAX_HTML_DEPTH {
        return Err(format!(
            "HTML nested deeper than {MAX_HTML_DEPTH} elements: a broken or hostile page, not parsed"
        ));
    }
    let doc = Html::parse_document(html);
    let meta = page_meta(&doc);
    let url = meta.canonical.or(url);
    let (text, smoothie_title) = match readability_text(html, url.as_deref()) {
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

    #[test]
    fn nesting_depth_counts_only_elements_that_must_close() {
        assert_eq!(nesting_depth("<div><div><p>a<p>b</div></div>", 100), 2);
        assert_eq!(nesting_depth("<ul><li>a<li>b<br><img src=x></ul>", 100), 1);
        let script = "<script>for(;;){s+='<div><div><div>'}</script><div>x</div>";
        assert_eq!(nesting_depth(script, 100), 1);
        assert_eq!(
            nesting_depth("<!-- <div><div> --><svg><path/><path/></svg>", 100),
            1
        );
        assert_eq!(nesting_depth(&"<span>".repeat(50_000), 10), 11);
        assert_eq!(nesting_depth("<", 10), 0);
        assert_eq!(nesting_depth("<div", 10), 1);
    }
}
