//! HTML parsing that gives up on a page nested too deeply. The HTML tree
//! builder and the readability pass both take time that grows with the
//! page's size times its nesting depth, so a hostile page of a few hundred
//! kilobytes nested tens of thousands deep would take minutes. Rather than
//! guess the depth from the tags (the HTML parsing rules are too involved
//! to follow outside the parser: void elements, implied ends, misnested
//! formatting, foreign content), the page is parsed by html5ever itself, in
//! slices, through a tree sink that records the depth of every node it
//! inserts; the parse stops at the end of the slice where the tree first
//! grows too deep. The tree that is kept is measured again whole, since the
//! parser may move nodes after inserting them.

use ego_tree::NodeId;
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName, driver, local_name, ns};
use scraper::Html;
use scraper::html::HtmlTreeSink;
use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

/// How much of the page the parser is given at a time.
const SLICE_BYTES: usize = 4 * 1024;

/// A page parsed whole with its depth, or the depth it reached before the
/// parse stopped.
pub(crate) type Parsed = Result<(Html, usize), usize>;

/// Parse `html` as a document, unless its tree grows deeper than `limit`.
pub(crate) fn parse_document(html: &str, limit: usize) -> Parsed {
    let deepest = Rc::new(Cell::new(0));
    let sink = DepthSink::new(Html::new_document(), deepest.clone());
    let parser = driver::parse_document(sink, Default::default());
    run(parser, html, limit, &deepest)
}

/// Parse `html` as a fragment (the content of a `body`), unless its tree
/// grows deeper than `limit`.
pub(crate) fn parse_fragment(html: &str, limit: usize) -> Parsed {
    let deepest = Rc::new(Cell::new(0));
    let sink = DepthSink::new(Html::new_fragment(), deepest.clone());
    let context = QualName::new(None, ns!(html), local_name!("body"));
    let parser = driver::parse_fragment(sink, Default::default(), context, Vec::new(), false);
    run(parser, html, limit, &deepest)
}

fn run(
    mut parser: impl TendrilSink<html5ever::tendril::fmt::UTF8, Output = Html>,
    html: &str,
    limit: usize,
    deepest: &Cell<usize>,
) -> Parsed {
    let mut rest = html;
    while !rest.is_empty() {
        let mut cut = rest.len().min(SLICE_BYTES);
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (slice, after) = rest.split_at(cut);
        parser.process(StrTendril::from_slice(slice));
        if deepest.get() > limit {
            return Err(deepest.get());
        }
        rest = after;
    }
    let doc = parser.finish();
    match tree_depth(&doc) {
        depth if depth > limit => Err(depth),
        depth => Ok((doc, depth)),
    }
}

/// The number of elements on the longest path from the root of `doc`.
pub(crate) fn tree_depth(doc: &Html) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(doc.tree.root(), 0usize)];
    while let Some((node, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        for child in node.children() {
            stack.push((child, depth + usize::from(child.value().is_element())));
        }
    }
    deepest
}

/// scraper's tree sink, noting the depth of each node as it is inserted.
struct DepthSink {
    inner: HtmlTreeSink,
    depth: RefCell<HashMap<NodeId, usize>>,
    deepest: Rc<Cell<usize>>,
}

impl DepthSink {
    fn new(html: Html, deepest: Rc<Cell<usize>>) -> Self {
        DepthSink {
            inner: HtmlTreeSink::new(html),
            depth: RefCell::new(HashMap::new()),
            deepest,
        }
    }

    fn depth_of(&self, node: &NodeId) -> usize {
        self.depth.borrow().get(node).copied().unwrap_or(0)
    }

    fn place(&self, child: &NodeOrText<NodeId>, depth: usize) {
        if let NodeOrText::AppendNode(id) = child {
            self.depth.borrow_mut().insert(*id, depth);
            self.deepest.set(self.deepest.get().max(depth));
        }
    }
}

impl TreeSink for DepthSink {
    type Output = Html;
    type Handle = NodeId;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Html {
        self.inner.finish()
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg);
    }

    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        self.inner.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        self.inner.create_element(name, attrs, flags)
    }

    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.inner.create_comment(text)
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.place(&child, self.depth_of(parent) + 1);
        self.inner.append(parent, child);
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        let depth = self.depth_of(element).max(self.depth_of(prev_element) + 1);
        self.place(&child, depth);
        self.inner
            .append_based_on_parent_node(element, prev_element, child);
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.inner
            .append_doctype_to_document(name, public_id, system_id);
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.inner.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode);
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        self.place(&new_node, self.depth_of(sibling));
        self.inner.append_before_sibling(sibling, new_node);
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs);
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.inner.remove_from_parent(target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.inner.reparent_children(node, new_parent);
    }

    fn mark_script_already_started(&self, node: &NodeId) {
        self.inner.mark_script_already_started(node);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_depth_is_the_parsed_trees() {
        let (doc, depth) = parse_document("<div><div><p>a<p>b</div></div>", 100).unwrap();
        // html, body, div, div, p
        assert_eq!(depth, 5);
        assert_eq!(tree_depth(&doc), 5);
        assert!(matches!(parse_document(&"<div/>".repeat(300), 100), Err(d) if d > 100));
        assert!(parse_document(&"<br/>".repeat(300), 100).is_ok());
        assert!(parse_fragment(&"<span>".repeat(300), 100).is_err());
    }
}
