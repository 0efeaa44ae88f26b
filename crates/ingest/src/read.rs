//! Readers: path → stream of raw articles or named skips.

use entente_model::RawArticle;
use std::path::{Path, PathBuf};

/// An input that could not be read, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file (and record, `file:line` / `file#item`) that was skipped.
    pub source: String,
    pub reason: String,
}

/// What a reader yields: an article or a skipped input.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadItem {
    Article(RawArticle),
    Skipped(Skipped),
}

/// Every article under `path` (a file or a folder, recursively), streamed.
pub fn read_path(path: &Path) -> Box<dyn Iterator<Item = ReadItem>> {
    let mut files = Vec::new();
    collect_files(path, &mut files);
    Box::new(files.into_iter().flat_map(|f| read_file(&f)))
}

fn collect_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(_) => return,
        };
        entries.sort();
        for e in entries {
            collect_files(&e, out);
        }
    } else {
        out.push(path.to_path_buf());
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn read_file(path: &Path) -> Vec<ReadItem> {
    let name = file_name(path);
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return vec![ReadItem::Skipped(Skipped {
                source: path.display().to_string(),
                reason: e.to_string(),
            })];
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(_) => {
            return vec![ReadItem::Skipped(Skipped {
                source: path.display().to_string(),
                reason: "not UTF-8 text".into(),
            })];
        }
    };
    if name.ends_with(".jsonl") {
        return text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(
                |(i, l)| match serde_json::from_str::<serde_json::Value>(l) {
                    Ok(v) => ReadItem::Article(RawArticle {
                        source: v["source"]
                            .as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| format!("{name}:{}", i + 1)),
                        url: v["url"].as_str().map(str::to_string),
                        title: v["title"].as_str().map(str::to_string),
                        published: v["published"].as_str().and_then(|p| p.parse().ok()),
                        lang: v["lang"].as_str().map(str::to_string),
                        text: v["text"].as_str().unwrap_or_default().to_string(),
                        title_in_text: v["title"].is_null(),
                    }),
                    Err(e) => ReadItem::Skipped(Skipped {
                        source: format!("{}:{}", path.display(), i + 1),
                        reason: format!("not a JSON record: {e}"),
                    }),
                },
            )
            .collect();
    }
    vec![ReadItem::Article(RawArticle {
        source: name,
        text,
        title_in_text: true,
        ..Default::default()
    })]
}
