//! Lines, paragraphs and the offset map: builds the cleaned body from kept
//! lines of the reader's text. Owns whitespace normalisation and the map
//! back to original character offsets; it does not decide what to keep.

/// One line of the reader's text, without its line break.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// Offset of the line's first character in the reader's text (characters).
    pub start: usize,
    pub text: &'a str,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// The text split at `\n`, each line with its character offset.
pub(crate) fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in text.split('\n') {
        out.push(Line { start, text: piece });
        start += piece.chars().count() + 1;
    }
    out
}

/// True when a line ends a sentence (so the next line of the same block
/// starts a new paragraph rather than continuing a hard-wrapped one).
pub(crate) fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end();
    let Some(last) = t.chars().last() else {
        return true;
    };
    ".!?:;\"”»’)…*".contains(last) || t.chars().count() < 40
}

/// The cleaned body under construction.
#[derive(Debug, Default)]
pub(crate) struct Body {
    pub text: String,
    /// Length of `text` in characters.
    pub chars: usize,
    /// `(clean offset, original offset)` at every discontinuity.
    pub map: Vec<(usize, usize)>,
    /// Character ranges of the paragraphs in `text`.
    pub paragraphs: Vec<(usize, usize)>,
    /// The same paragraphs as byte ranges, for slicing `text`.
    pub paragraph_bytes: Vec<(usize, usize)>,
}

impl Body {
    /// The text of every paragraph with its character range.
    pub fn paragraph_texts(&self) -> impl Iterator<Item = (&str, (usize, usize))> {
        self.paragraph_bytes
            .iter()
            .zip(&self.paragraphs)
            .map(|(&(bs, be), &chars)| (self.text.get(bs..be).unwrap_or(""), chars))
    }
}

impl Body {
    /// Append one paragraph made of `lines` (joined by a space), with runs of
    /// whitespace collapsed to one space and the ends trimmed.
    pub fn push_paragraph(&mut self, lines: &[Line<'_>]) {
        let mut started = false;
        let mut pending_space = false;
        let mut para_start = self.chars;
        let mut para_start_byte = self.text.len();
        for line in lines {
            if started {
                pending_space = true;
            }
            for (i, c) in line.text.chars().enumerate() {
                if c.is_whitespace() {
                    if started {
                        pending_space = true;
                    }
                    continue;
                }
                if !started {
                    if self.chars > 0 {
                        self.push_separator("\n\n");
                    }
                    para_start = self.chars;
                    para_start_byte = self.text.len();
                    started = true;
                } else if pending_space {
                    self.push_separator(" ");
                }
                pending_space = false;
                self.push_char(c, line.start + i);
            }
        }
        if started {
            self.paragraphs.push((para_start, self.chars));
            self.paragraph_bytes
                .push((para_start_byte, self.text.len()));
        }
    }

    fn push_separator(&mut self, sep: &str) {
        self.text.push_str(sep);
        self.chars += sep.chars().count();
    }

    fn push_char(&mut self, c: char, orig: usize) {
        let expected = self.map.last().map(|&(c0, o0)| o0 + (self.chars - c0));
        if expected != Some(orig) {
            self.map.push((self.chars, orig));
        }
        self.text.push(c);
        self.chars += 1;
    }
}

/// The original offset of clean offset `c` under `map`.
pub fn original_offset(map: &[(usize, usize)], c: usize) -> Option<usize> {
    let i = map.partition_point(|&(c0, _)| c0 <= c);
    let (c0, o0) = *map.get(i.checked_sub(1)?)?;
    Some(o0 + (c - c0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_and_offsets_follow() {
        let raw = "Title\n\n  Uno  due\ttre \n\nquattro\ncinque";
        let ls = lines(raw);
        let mut body = Body::default();
        body.push_paragraph(&ls[2..3]);
        body.push_paragraph(&ls[4..6]);
        assert_eq!(body.text, "Uno due tre\n\nquattro cinque");
        let raw_chars: Vec<char> = raw.chars().collect();
        for (c, ch) in body.text.chars().enumerate() {
            if !ch.is_whitespace() {
                let o = original_offset(&body.map, c).unwrap();
                assert_eq!(raw_chars[o], ch, "clean offset {c}");
            }
        }
        assert_eq!(body.paragraphs, vec![(0, 11), (13, 27)]);
    }
}
