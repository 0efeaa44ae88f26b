// entente's page: the alliance network as SVG with a small force layout,
// a date slider, timelines of an actor or a pair, and the evidence behind
// each event or agreement highlighted inside its article.
//
// Reads the JSON API only; builds every element with the DOM (never from
// HTML strings), so no text from an article is ever run as markup.
'use strict';

const QUADS = {
  'verbal-cooperation': 'verbal cooperation',
  'material-cooperation': 'material cooperation',
  'verbal-conflict': 'verbal conflict',
  'material-conflict': 'material conflict',
};

const FLAG_NOTES = {
  'elided-name': ['Names were cut out of this text by the site or scraper: a participant may be missing from the record.', false],
  'mt-artefact': ['Machine-translation artefacts (such as "XNUMX" for a number): some words may be wrong.', false],
  'mixed-language': ['Parts of this text are in another language.', false],
  'encoding-repaired': ['The character encoding was repaired.', true],
  'debris-removed': ['Site debris (menus, sign-up prompts) was removed.', true],
};

// Short names of agreement types for edge labels.
const AGREEMENT_SHORT = {
  alliance: 'alliance',
  reciprocal_access: 'access',
  logistics: 'logistics',
  information_security: 'info sharing',
  equipment_transfer: 'arms transfer',
  joint_development: 'joint dev.',
  defence_cooperation: 'defence coop.',
  other: 'agreement',
};

const SVG_NS = 'http://www.w3.org/2000/svg';
const DAY_MS = 86400000;

const view = {
  firstDay: null, // day number of the slider's first position
  lastDay: null, // day number of the last dated position; one more means "all"
  positions: new Map(), // actor id -> {x, y}, kept between redraws
  network: null,
  selected: [], // one actor, or a pair
  timer: null,
  mode: 'network', // or 'map'
  outlines: null, // the country outlines, fetched once for the map
  zoom: { k: 1, x: 0, y: 0 }, // the network's zoom and pan
  minWeight: 1, // event links with fewer events are not drawn
  hidden: new Set(), // quad classes, 'agreement' and 'igo' switched off
};

// How many node labels the network shows at most: beyond, the busiest
// actors keep theirs and the others show theirs on hover.
const MAX_LABELS = 60;

// ---------------------------------------------------------------- helpers

function $(id) {
  return document.getElementById(id);
}

// An HTML element; string children become text nodes.
function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// An SVG element.
function s(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

// GET (or, with `init`, any request) a JSON endpoint; a failed request
// throws the server's error message.
async function api(path, init = {}) {
  const response = await fetch(path, { ...init, headers: { Accept: 'application/json', ...(init.headers || {}) } });
  let body = null;
  try {
    body = await response.json();
  } catch (_) {
    body = { error: response.statusText };
  }
  if (!response.ok) throw new Error((body && body.error) || response.statusText);
  return body;
}

function showError(err) {
  const box = $('status');
  box.textContent = String(err && err.message ? err.message : err);
  box.classList.add('visible');
  clearTimeout(showError.timer);
  showError.timer = setTimeout(() => box.classList.remove('visible'), 6000);
}

function dayOf(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
}

function isoOf(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function words(snake) {
  return String(snake).replace(/_/g, ' ');
}

function actorList(ids) {
  return (ids || []).join(', ');
}

// --------------------------------------------------------------- network

// Fruchterman-Reingold with gravity; positions already known are kept as
// the start, so a redraw after the slider moves only settles the change.
function layout(nodes, links, width, height) {
  const k = Math.max(60, Math.min(140, Math.sqrt((width * height) / Math.max(nodes.length, 1)) * 0.55));
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const fresh = nodes.filter((n) => !view.positions.has(n.id)).length;
  const iterations = fresh === 0 ? 60 : 320;
  nodes.forEach((n, i) => {
    const known = view.positions.get(n.id);
    if (known) {
      n.x = known.x;
      n.y = known.y;
      return;
    }
    const neighbour = links
      .map((l) => (l.source === n.id ? l.target : l.target === n.id ? l.source : null))
      .map((id) => id && view.positions.get(id))
      .find(Boolean);
    const angle = (2 * Math.PI * i) / nodes.length;
    if (neighbour) {
      n.x = neighbour.x + 30 * Math.cos(angle);
      n.y = neighbour.y + 30 * Math.sin(angle);
    } else {
      n.x = 0.35 * width * Math.cos(angle);
      n.y = 0.35 * height * Math.sin(angle);
    }
  });
  const reach2 = (2.2 * k) * (2.2 * k);
  for (let it = 0; it < iterations; it++) {
    const temperature = (fresh === 0 ? 8 : 40) * (1 - it / iterations) + 1;
    const dx = new Float64Array(nodes.length);
    const dy = new Float64Array(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        let x = nodes[i].x - nodes[j].x;
        let y = nodes[i].y - nodes[j].y;
        let d2 = x * x + y * y;
        if (d2 < 0.01) {
          x = 0.1 * (i - j);
          y = 0.1;
          d2 = x * x + y * y;
        }
        // k^3 / d^2 along the unit vector, none beyond 2.2 k: strong up
        // close, and separate components and lone nodes stay near.
        if (d2 > reach2) continue;
        const f = (k * k * k) / (d2 * Math.sqrt(d2));
        dx[i] += x * f;
        dy[i] += y * f;
        dx[j] -= x * f;
        dy[j] -= y * f;
      }
    }
    for (const l of links) {
      const a = index.get(l.source);
      const b = index.get(l.target);
      if (a === undefined || b === undefined) continue;
      const x = nodes[a].x - nodes[b].x;
      const y = nodes[a].y - nodes[b].y;
      const d = Math.sqrt(x * x + y * y) || 0.01;
      const f = (d / k) * l.strength;
      dx[a] -= x * f;
      dy[a] -= y * f;
      dx[b] += x * f;
      dy[b] += y * f;
    }
    nodes.forEach((n, i) => {
      dx[i] -= n.x * 0.1;
      dy[i] -= n.y * 0.1;
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      const step = Math.min(d, temperature);
      n.x += (dx[i] / d) * step;
      n.y += (dy[i] / d) * step;
    });
  }
  for (const n of nodes) view.positions.set(n.id, { x: n.x, y: n.y });
}

// A node's radius grows with its events and agreements, but the busiest
// actor's stays about 30 pixels however big the corpus.
function nodeRadius(n, most) {
  const c = n.events + n.agreements;
  return 6 + Math.min(3.2 * Math.sqrt(c), 24 * Math.sqrt(c / Math.max(most, 1)));
}

function edgeTitle(e) {
  if (e.kind === 'agreement') {
    const name = e.name ? e.name + ', ' : '';
    return `${e.source} – ${e.target}: ${name}${words(e.agreement_type)} agreement, ${words(e.status)}` +
      (e.status_date ? ` since ${e.status_date}` : '');
  }
  const types = Object.entries(e.types).map(([t, c]) => `${t} ${c}`).join(', ');
  return `${e.source} – ${e.target}: ${e.count} ${QUADS[e.quad]} event${e.count === 1 ? '' : 's'} (${types})`;
}

// The part of the network the controls let through: event links of the
// shown quad classes with at least the minimum of events, agreements if
// shown, and the actors on them (organisations if shown); a selected actor
// stays.
function visiblePart(all) {
  const hideIgo = view.hidden.has('igo');
  const kind = new Map(all.nodes.map((n) => [n.id, n.actor_type]));
  const edges = all.edges.filter((e) => {
    if (hideIgo && (kind.get(e.source) === 'igo' || kind.get(e.target) === 'igo')) return false;
    if (e.kind === 'agreement') return !view.hidden.has('agreement');
    return !view.hidden.has(e.quad) && e.count >= view.minWeight;
  });
  const linked = new Set(edges.flatMap((e) => [e.source, e.target]));
  const nodes = all.nodes.filter((n) => linked.has(n.id)
    || (view.selected.includes(n.id) && !(hideIgo && n.actor_type === 'igo'))
    || (view.minWeight === 1 && view.hidden.size === 0));
  return { ...all, nodes, edges };
}

// A node's label: its name when short, else its identifier.
function nodeLabel(n) {
  return n.name && n.name.length <= 16 ? n.name : n.id;
}

function setUpWeight(all) {
  const most = Math.max(1, ...all.edges.filter((e) => e.kind !== 'agreement').map((e) => e.count));
  const slider = $('min-weight');
  slider.max = String(most);
  if (view.minWeight > most) view.minWeight = most;
  slider.value = String(view.minWeight);
  $('min-weight-value').textContent = `${view.minWeight} event${view.minWeight === 1 ? '' : 's'}`;
}

// Zoom spreads the network, not its marks: nodes and labels keep their
// size (scaled back by 1/k), lines their width (non-scaling stroke).
function applyZoom() {
  const g = $('viewport');
  if (!g) return;
  const { k, x, y } = view.zoom;
  g.setAttribute('transform', `translate(${x.toFixed(1)},${y.toFixed(1)}) scale(${k.toFixed(3)})`);
  for (const m of g.querySelectorAll('.node, .edge-label-at')) {
    m.setAttribute('transform', `translate(${m.dataset.x},${m.dataset.y}) scale(${(1 / k).toFixed(4)})`);
  }
  $('network').dataset.zoom = k.toFixed(3);
}

// Zoom by `factor` around the point (px, py) of the box.
function zoomAt(factor, px, py) {
  const z = view.zoom;
  const k = Math.min(12, Math.max(0.25, z.k * factor));
  z.x = px - (px - z.x) * (k / z.k);
  z.y = py - (py - z.y) * (k / z.k);
  z.k = k;
  applyZoom();
}

function drawNetwork(all) {
  view.network = all;
  setUpWeight(all);
  const net = visiblePart(all);
  const svg = $('network');
  const width = svg.clientWidth || 800;
  const height = svg.clientHeight || 500;
  svg.replaceChildren();
  svg.dataset.asOf = all.as_of || 'all';
  svg.dataset.nodes = String(net.nodes.length);
  svg.dataset.edges = String(net.edges.length);
  const left = all.nodes.length - net.nodes.length;
  $('network-note').textContent = `${net.nodes.length} actors, ${net.edges.length} links` +
    (left > 0 ? ` (${left} actors filtered out)` : '') +
    (all.truncated ? ' (lightest links left out)' : '');
  if (net.nodes.length === 0) {
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.append(s('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'empty' },
      all.nodes.length ? 'Nothing passes the filters.'
        : all.as_of ? `Nothing recorded on or before ${all.as_of}.` : 'No events or agreements recorded yet.'));
    return;
  }
  // One spring per pair, stronger with more events.
  const springs = new Map();
  for (const e of net.edges) {
    const key = `${e.source}\u0000${e.target}`;
    const w = e.kind === 'agreement' ? 1.5 : Math.log2(1 + e.count);
    const l = springs.get(key) || { source: e.source, target: e.target, strength: 0 };
    l.strength = Math.min(3, l.strength + w);
    springs.set(key, l);
  }
  const placed = net.nodes.map((n) => ({ ...n }));
  layout(placed, [...springs.values()], width, height);

  // Fit the layout into the box in screen pixels, so that text, circles
  // and lines keep their size however far the layout spreads.
  const xs = placed.map((n) => n.x);
  const ys = placed.map((n) => n.y);
  const padX = 70;
  const padY = 40;
  const spanX = Math.max(...xs) - Math.min(...xs) || 1;
  const spanY = Math.max(...ys) - Math.min(...ys) || 1;
  const scale = Math.min((width - 2 * padX) / spanX, (height - 2 * padY) / spanY, 1.6);
  const midX = (Math.max(...xs) + Math.min(...xs)) / 2;
  const midY = (Math.max(...ys) + Math.min(...ys)) / 2;
  const nodes = placed.map((n) => ({ ...n, x: width / 2 + (n.x - midX) * scale, y: height / 2 + (n.y - midY) * scale }));
  const at = new Map(nodes.map((n) => [n.id, n]));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);

  // Several links between one pair are drawn as arcs side by side.
  const perPair = new Map();
  for (const e of net.edges) {
    const key = `${e.source}\u0000${e.target}`;
    perPair.set(key, (perPair.get(key) || []).concat([e]));
  }
  const edgeLayer = s('g', { class: 'edges' });
  const labelLayer = s('g', { class: 'labels' });
  const labelled = new Set();
  for (const group of perPair.values()) {
    group.forEach((e, i) => {
      const a = at.get(e.source);
      const b = at.get(e.target);
      if (!a || !b) return;
      const offset = (i - (group.length - 1) / 2) * 22;
      const mx = (a.x + b.x) / 2;
      const my = (a.y + b.y) / 2;
      const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
      const cx = mx + (-(b.y - a.y) / len) * offset * 2;
      const cy = my + ((b.x - a.x) / len) * offset * 2;
      const d = `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${b.x.toFixed(1)},${b.y.toFixed(1)}`;
      const onclick = () => (e.kind === 'agreement' ? selectAgreementEdge(e) : selectPair(e.source, e.target));
      const g = s('g', { class: 'link', 'data-source': e.source, 'data-target': e.target, 'data-kind': e.kind, onclick });
      if (e.kind === 'agreement') {
        g.append(s('path', { d, class: 'edge agreement-edge', 'stroke-width': 2.2, 'data-status': e.status }));
        // A multilateral agreement is labelled on one of its edges only.
        if (labelled.has(e.agreement)) {
          g.append(s('path', { d, class: 'edge-hit' }), s('title', {}, edgeTitle(e)));
          edgeLayer.append(g);
          return;
        }
        labelled.add(e.agreement);
        // The label sits beside the arc's middle, on its outer side.
        const side = offset === 0 ? 1 : Math.sign(offset);
        const lx = 0.25 * a.x + 0.5 * cx + 0.25 * b.x + (-(b.y - a.y) / len) * 12 * side;
        const ly = 0.25 * a.y + 0.5 * cy + 0.25 * b.y + ((b.x - a.x) / len) * 12 * side;
        labelLayer.append(s('g', { class: 'edge-label-at', 'data-x': lx.toFixed(1), 'data-y': (ly + 3).toFixed(1), transform: `translate(${lx.toFixed(1)},${(ly + 3).toFixed(1)})` },
          s('text', { 'text-anchor': 'middle', class: 'edge-label' },
            `${e.name || AGREEMENT_SHORT[e.agreement_type] || words(e.agreement_type)}: ${words(e.status)}`)));
      } else {
        g.append(s('path', {
          d,
          class: `edge event-edge q-${e.quad}`,
          'stroke-width': (1.5 + 1.8 * Math.log2(1 + e.count)).toFixed(2),
          'stroke-opacity': 0.8,
          'data-quad': e.quad,
        }));
      }
      g.append(s('path', { d, class: 'edge-hit' }), s('title', {}, edgeTitle(e)));
      edgeLayer.append(g);
    });
  }
  const nodeLayer = s('g', { class: 'nodes' });
  const busiest = new Set([...nodes]
    .sort((a, b) => (b.events + b.agreements) - (a.events + a.agreements))
    .slice(0, MAX_LABELS)
    .map((n) => n.id));
  const most = Math.max(...nodes.map((n) => n.events + n.agreements));
  for (const n of nodes) {
    const r = nodeRadius(n, most);
    const shape = n.actor_type === 'igo'
      ? s('rect', { x: -r, y: -r, width: 2 * r, height: 2 * r, rx: r * 0.35 })
      : s('circle', { r });
    const title = `${n.name} (${n.id}): ${n.events} event${n.events === 1 ? '' : 's'}, ` +
      `${n.agreements} agreement${n.agreements === 1 ? '' : 's'}`;
    nodeLayer.append(s('g', {
      class: `node ${n.actor_type}`,
      'data-id': n.id,
      'data-x': n.x.toFixed(1),
      'data-y': n.y.toFixed(1),
      transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`,
      onclick: (ev) => selectActor(n.id, ev.shiftKey),
    }, shape,
    busiest.has(n.id) || view.selected.includes(n.id) ? s('text', { x: r + 4, y: 4 }, nodeLabel(n)) : null,
    s('title', {}, title)));
  }
  svg.append(s('g', { id: 'viewport' }, edgeLayer, labelLayer, nodeLayer));
  applyZoom();
  markSelection();
}

// Wheel to zoom at the pointer, drag the background to pan.
function setUpZoom() {
  const svg = $('network');
  const point = (ev) => {
    const box = svg.getBoundingClientRect();
    const vb = svg.viewBox.baseVal;
    const sx = vb && vb.width ? vb.width / box.width : 1;
    const sy = vb && vb.height ? vb.height / box.height : 1;
    return [(ev.clientX - box.left) * sx, (ev.clientY - box.top) * sy];
  };
  svg.addEventListener('wheel', (ev) => {
    ev.preventDefault();
    const [px, py] = point(ev);
    zoomAt(ev.deltaY < 0 ? 1.2 : 1 / 1.2, px, py);
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', (ev) => {
    if (ev.target.closest('.node, .link')) return;
    drag = { start: point(ev), x: view.zoom.x, y: view.zoom.y };
    svg.classList.add('panning');
    svg.setPointerCapture(ev.pointerId);
  });
  svg.addEventListener('pointermove', (ev) => {
    if (!drag) return;
    const [px, py] = point(ev);
    view.zoom.x = drag.x + px - drag.start[0];
    view.zoom.y = drag.y + py - drag.start[1];
    applyZoom();
  });
  const stop = () => {
    drag = null;
    svg.classList.remove('panning');
  };
  svg.addEventListener('pointerup', stop);
  svg.addEventListener('pointercancel', stop);
  const centre = () => {
    const vb = svg.viewBox.baseVal;
    return [(vb && vb.width ? vb.width : 800) / 2, (vb && vb.height ? vb.height : 500) / 2];
  };
  $('zoom-in').addEventListener('click', () => zoomAt(1.5, ...centre()));
  $('zoom-out').addEventListener('click', () => zoomAt(1 / 1.5, ...centre()));
  $('zoom-fit').addEventListener('click', () => {
    view.zoom = { k: 1, x: 0, y: 0 };
    applyZoom();
  });
}

// ------------------------------------------------------------- filters

const FILTERS = [
  ...Object.entries(QUADS).map(([q, label]) => [q, label]),
  ['agreement', 'agreements'],
  ['igo', 'organisations'],
];

function setUpFilters() {
  $('filters').replaceChildren(...FILTERS.map(([key, label]) => h('label', {},
    h('input', {
      type: 'checkbox', 'data-filter': key, checked: !view.hidden.has(key),
      onchange: (ev) => {
        if (ev.target.checked) view.hidden.delete(key);
        else view.hidden.add(key);
        redraw();
      },
    }), label)));
  $('min-weight').addEventListener('input', (ev) => {
    view.minWeight = Number(ev.target.value) || 1;
    redraw();
  });
}

function redraw() {
  if (view.network) drawNetwork(view.network);
  saveState();
}

// --------------------------------------------------------------- the URL

// The view (tab, date, selection, filters) in the address, so that a link
// reproduces it: #view=map&as_of=2024-05-01&sel=JPN,PHL&min=2&hide=igo
function saveState() {
  const p = new URLSearchParams();
  if (view.mode === 'map') p.set('view', 'map');
  const date = sliderDate();
  if (date) p.set('as_of', date);
  if (view.selected.length) p.set('sel', view.selected.join(','));
  if (view.minWeight > 1) p.set('min', String(view.minWeight));
  if (view.hidden.size) p.set('hide', [...view.hidden].join(','));
  const hash = p.toString();
  history.replaceState(null, '', hash ? `#${hash}` : location.pathname + location.search);
}

function readState() {
  const p = new URLSearchParams(location.hash.slice(1));
  const min = Number(p.get('min'));
  view.minWeight = Number.isInteger(min) && min > 1 ? min : 1;
  const known = new Set(FILTERS.map(([k]) => k));
  view.hidden = new Set((p.get('hide') || '').split(',').filter((k) => known.has(k)));
  return {
    mode: p.get('view') === 'map' ? 'map' : 'network',
    asOf: /^\d{4}-\d{2}-\d{2}$/.test(p.get('as_of') || '') ? p.get('as_of') : null,
    selected: (p.get('sel') || '').split(',').filter(Boolean).slice(0, 2),
  };
}

function markSelection() {
  const svg = $('network');
  const chosen = new Set(view.selected);
  for (const g of svg.querySelectorAll('.node')) {
    g.classList.toggle('selected', chosen.has(g.dataset.id));
  }
  for (const g of svg.querySelectorAll('.link')) {
    const touches = chosen.has(g.dataset.source) || chosen.has(g.dataset.target);
    const both = chosen.has(g.dataset.source) && chosen.has(g.dataset.target);
    const lit = chosen.size === 0 || (chosen.size === 1 ? touches : both);
    g.classList.toggle('dim', !lit);
  }
}

function legend() {
  const sample = (cls) => s('svg', { viewBox: '0 0 28 12' }, s('line', { x1: 2, y1: 6, x2: 26, y2: 6, class: cls }));
  const items = Object.entries(QUADS).map(([q, label]) => h('span', {}, sample(`q-${q}`), label));
  items.push(h('span', {}, sample('agreement-line'), 'agreement (status)'));
  items.push(h('span', {}, '● state   ■ organisation; line width = number of events'));
  $('legend').replaceChildren(...items);
}

// Fetch into a view: only the newest request of that view is drawn, and
// the view says it is loading meanwhile.
const tickets = {};
async function loadInto(svgId, fetch, draw) {
  const ticket = (tickets[svgId] = (tickets[svgId] || 0) + 1);
  const svg = $(svgId);
  svg.dataset.loading = 'true';
  try {
    const answer = await fetch();
    if (ticket !== tickets[svgId]) return;
    draw(answer);
  } catch (err) {
    showError(err);
  } finally {
    if (ticket === tickets[svgId]) delete svg.dataset.loading;
  }
}

function loadNetwork(asOf) {
  return loadInto('network',
    () => api('/api/network' + (asOf ? `?as_of=${encodeURIComponent(asOf)}` : '')),
    drawNetwork);
}

// ---------------------------------------------------------------- slider

function setUpSlider(span) {
  const slider = $('date-slider');
  if (!span || !span.first || !span.last) {
    slider.disabled = true;
    $('date-value').textContent = 'all (undated)';
    return;
  }
  view.firstDay = dayOf(span.first);
  view.lastDay = dayOf(span.last);
  slider.min = '0';
  slider.max = String(view.lastDay - view.firstDay + 1);
  slider.value = slider.max;
  slider.disabled = false;
  sliderLabel();
}

// The slider's date, or null at its last position ("all", undated too).
function sliderDate() {
  const slider = $('date-slider');
  const v = Number(slider.value);
  if (view.firstDay === null || v > view.lastDay - view.firstDay) return null;
  return isoOf(view.firstDay + v);
}

function sliderLabel() {
  const date = sliderDate();
  $('date-value').textContent = date || 'all dates';
}

function onSlider() {
  sliderLabel();
  clearTimeout(view.timer);
  view.timer = setTimeout(() => {
    if (view.mode === 'map') loadMap(sliderDate());
    else loadNetwork(sliderDate());
    refreshLists();
    saveState();
  }, 120);
}

// Put the slider on a date (clamped to its range).
function setSliderDate(date) {
  const slider = $('date-slider');
  if (slider.disabled || !date) return;
  const v = Math.min(Math.max(dayOf(date) - view.firstDay, 0), Number(slider.max));
  slider.value = String(v);
  sliderLabel();
}

// ------------------------------------------------------------------- map

// Equirectangular: one SVG unit a degree, north up.
function project(lon, lat) {
  return [(lon + 180).toFixed(2), (90 - lat).toFixed(2)];
}

function ringPath(ring) {
  return 'M' + ring.map(([lon, lat]) => project(lon, lat).join(',')).join('L') + 'Z';
}

function outlinePaths(geojson) {
  const paths = [];
  for (const f of geojson.features) {
    const g = f.geometry;
    const polys = g.type === 'MultiPolygon' ? g.coordinates : [g.coordinates];
    const d = polys.map((p) => p.map(ringPath).join('')).join('');
    paths.push(s('path', { class: 'land', d, 'data-country': f.properties.ADM0_A3 },
      s('title', {}, f.properties.NAME)));
  }
  return paths;
}

const QUAD_ORDER = ['verbal-cooperation', 'material-cooperation', 'verbal-conflict', 'material-conflict'];

// The events of each state, as a circle at its point whose area grows with
// the count, coloured by the quad class most of them have.
function drawMap(answer) {
  const svg = $('map');
  svg.setAttribute('viewBox', '0 0 360 180');
  const spots = [];
  const highest = Math.max(1, ...answer.places.map((p) => p.events));
  for (const p of answer.places) {
    const quad = QUAD_ORDER.reduce((a, b) => ((p.quads[b] || 0) > (p.quads[a] || 0) ? b : a), QUAD_ORDER[0]);
    const [x, y] = project(p.longitude, p.latitude);
    const r = (1 + 5 * Math.sqrt(p.events / highest)).toFixed(2);
    const where = p.places.length ? ` (${p.places.slice(0, 5).join(', ')})` : '';
    spots.push(s('circle', {
      class: `spot q-${quad}${view.selected.includes(p.country) ? ' selected' : ''}`,
      cx: x, cy: y, r, 'data-country': p.country, 'data-events': p.events,
      onclick: () => selectActor(p.country),
    }, s('title', {}, `${nodeName(p.country)}: ${p.events} events${where}`)));
    if (p.events * 4 >= highest) spots.push(s('text', { class: 'spot-label', x, y: (Number(y) - Number(r) - 0.8).toFixed(2), 'text-anchor': 'middle' }, p.country));
  }
  const note = answer.places.length
    ? []
    : [s('text', { class: 'empty', x: 180, y: 90, 'text-anchor': 'middle' }, 'No event with a place at this date')];
  svg.replaceChildren(...outlinePaths(view.outlines), ...spots, ...note);
  svg.dataset.spots = String(answer.places.length);
  const placed = answer.places.reduce((n, p) => n + p.events, 0);
  $('network-note').textContent = `${placed} events in ${answer.places.length} states; ${answer.unplaced} with no place not shown`;
}

function loadMap(until) {
  return loadInto('map', async () => {
    if (!view.outlines) view.outlines = await api('/countries.geojson');
    return api('/api/places' + (until ? `?until=${encodeURIComponent(until)}` : ''));
  }, drawMap);
}

function showView(mode) {
  view.mode = mode;
  const map = mode === 'map';
  // (an SVG element has no `hidden` property: set the attribute)
  $('map').toggleAttribute('hidden', !map);
  $('network').toggleAttribute('hidden', map);
  $('tab-map').setAttribute('aria-selected', String(map));
  $('tab-network').setAttribute('aria-selected', String(!map));
  $('graph-title').textContent = map ? 'Events by place' : 'Alliance network';
  $('legend').hidden = map;
  $('controls').hidden = map;
  if (map) loadMap(sliderDate());
  else loadNetwork(sliderDate());
  saveState();
}

// -------------------------------------------------------------- timeline

function eventItem(e) {
  return {
    kind: 'event',
    id: e.id,
    date: e.date,
    type: e.type,
    quad: e.quad,
    status: e.status,
    actor: e.actor,
    recipient: e.recipient,
    sentence: e.evidence && e.evidence.length ? e.evidence[0].text : null,
  };
}

function agreementItem(a) {
  const last = a.history && a.history.length ? a.history[a.history.length - 1] : null;
  return {
    kind: 'agreement',
    id: a.id,
    date: a.status_date,
    agreement_type: a.agreement_type,
    name: a.name,
    status: a.status,
    step: a.history ? a.history.length - 1 : 0,
    parties: a.parties,
    sentence: last && last.evidence && last.evidence.length ? last.evidence[0].text : null,
  };
}

function timelineEntry(item) {
  const badge = item.kind === 'event'
    ? h('span', { class: `badge q-${item.quad}`, title: QUADS[item.quad] }, item.type)
    : h('span', { class: 'badge agreement' }, item.name || words(item.agreement_type));
  const who = item.kind === 'event'
    ? actorList(item.actor) + (item.recipient && item.recipient.length ? ' → ' + actorList(item.recipient) : '')
    : actorList(item.parties);
  const extra = item.kind === 'agreement'
    ? h('span', { class: 'badge status' }, words(item.status))
    : item.status !== 'reported' ? h('span', { class: 'badge status' }, item.status) : null;
  const li = h('li', {
    class: `item ${item.kind}`,
    dataset: { kind: item.kind, id: item.id },
    tabindex: '0',
    onclick: () => openItem(item, li),
    onkeydown: (ev) => { if (ev.key === 'Enter') openItem(item, li); },
  },
  h('div', { class: 'line1' }, h('span', { class: 'date' }, item.date || 'undated'), badge, extra, h('span', { class: 'who' }, who)),
  item.sentence ? h('div', { class: 'sentence' }, item.sentence) : null);
  return li;
}

function openItem(item, li) {
  for (const other of $('timeline').querySelectorAll('li.active')) other.classList.remove('active');
  li.classList.add('active');
  if (item.kind === 'event') showEvent(item.id);
  else showAgreement(item.id);
}

function sortByDate(items) {
  const key = (i) => (i.date ? String(i.date) : '~');
  return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function renderTimeline(title, items, total) {
  // as of a date, only what had happened by then (undated entries too are
  // left out, as in the network)
  const asOf = sliderDate();
  if (asOf) {
    const kept = items.filter((i) => i.date && i.date.slice(0, asOf.length) <= asOf);
    total -= items.length - kept.length;
    items = kept;
    title += ` as of ${asOf}`;
  }
  $('timeline-title').textContent = title;
  const list = $('timeline');
  if (items.length === 0) {
    list.replaceChildren(h('li', { class: 'section' }, 'Nothing recorded.'));
  } else {
    list.replaceChildren(...items.map(timelineEntry));
    if (total > items.length) list.append(h('li', { class: 'section' }, `… and ${total - items.length} more (use the API to page).`));
  }
  list.dataset.count = String(items.length);
}

// -------------------------------------------------------------- trends

// Events per month, stacked by quad class, as bars (from /api/trends),
// for everything, an actor or a pair; months without events are gaps.
async function showTrends(actor, other) {
  const params = new URLSearchParams({ by: 'quad', every: 'month' });
  if (actor) params.set('actor', actor);
  if (other) params.set('other', other);
  // as of a date, the chart stops there too
  const asOf = sliderDate();
  if (asOf) params.set('until', asOf);
  try {
    renderTrends(await api(`/api/trends?${params}`), actor, other);
  } catch (err) {
    showError(err);
  }
}

function monthIndex(period) {
  const [y, m] = period.split('-').map(Number);
  return y * 12 + (m - 1);
}

function renderTrends(t, actor, other) {
  const figure = $('trends-figure');
  const svg = $('trends');
  if (!t.rows.length) {
    figure.hidden = true;
    svg.replaceChildren();
    return;
  }
  figure.hidden = false;
  const first = monthIndex(t.rows[0].period);
  const last = monthIndex(t.rows[t.rows.length - 1].period);
  const months = last - first + 1;
  const totals = new Map();
  for (const r of t.rows) totals.set(r.period, (totals.get(r.period) || 0) + r.count);
  const highest = Math.max(...totals.values());
  const width = 300;
  const height = 80;
  const bar = width / months;
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  const stacked = new Map();
  const rects = [];
  for (const r of t.rows) {
    const below = stacked.get(r.period) || 0;
    stacked.set(r.period, below + r.count);
    const x = (monthIndex(r.period) - first) * bar;
    const h1 = (r.count / highest) * height;
    const y = height - ((below + r.count) / highest) * height;
    rects.push(s('rect', {
      class: `q-${r.key}`,
      x: x.toFixed(2), y: y.toFixed(2),
      width: Math.max(bar - 1, 0.5).toFixed(2), height: h1.toFixed(2),
      'data-period': r.period, 'data-key': r.key, 'data-count': r.count,
    }, s('title', {}, `${r.period}: ${r.count} ${QUADS[r.key] || r.key}`)));
  }
  svg.replaceChildren(...rects);
  const whose = other ? `${actor} and ${other}` : actor || 'all actors';
  const span = first === last ? t.rows[0].period : `${t.rows[0].period} to ${t.rows[t.rows.length - 1].period}`;
  const unplaced = t.unplaced ? `; ${t.unplaced} with no month not shown` : '';
  $('trends-caption').textContent = `Events per month, ${whose}, ${span} (at most ${highest} in a month${unplaced})`;
  svg.dataset.periods = String(totals.size);
}

// The list beside the network again, for the slider's new date.
function refreshLists() {
  if (view.selected.length === 2) selectPair(view.selected[0], view.selected[1]);
  else if (view.selected.length === 1) selectActor(view.selected[0]);
  else showAll();
}

async function showAll() {
  view.selected = [];
  markSelection();
  saveState();
  $('show-all').hidden = true;
  const date = sliderDate();
  try {
    const [events, agreements] = await Promise.all([
      api('/api/events?limit=500' + (date ? `&until=${date}` : '')),
      api('/api/agreements?limit=500'),
    ]);
    const items = sortByDate(events.items.map(eventItem).concat(agreements.items.map(agreementItem)));
    renderTimeline('All events and agreements', items, events.total + agreements.total);
    showTrends();
  } catch (err) {
    showError(err);
  }
}

function nodeName(id) {
  const n = view.network && view.network.nodes.find((x) => x.id === id);
  return n && n.name && n.name !== id ? `${n.name} (${id})` : id;
}

async function selectActor(id, addToPair) {
  if (addToPair && view.selected.length === 1 && view.selected[0] !== id) {
    return selectPair(view.selected[0], id);
  }
  view.selected = [id];
  markSelection();
  saveState();
  $('show-all').hidden = false;
  try {
    const t = await api(`/api/timeline?actor=${encodeURIComponent(id)}&limit=1000`);
    renderTimeline(`Timeline of ${nodeName(id)}`, t.items, t.total);
    showTrends(id);
  } catch (err) {
    showError(err);
  }
}

async function selectPair(a, b) {
  view.selected = [a, b];
  markSelection();
  saveState();
  $('show-all').hidden = false;
  try {
    const t = await api(`/api/timeline?actor=${encodeURIComponent(a)}&other=${encodeURIComponent(b)}&limit=1000`);
    renderTimeline(`Timeline of ${a} and ${b}`, t.items, t.total);
    showTrends(a, b);
  } catch (err) {
    showError(err);
  }
}

function selectAgreementEdge(e) {
  selectPair(e.source, e.target);
  showAgreement(e.agreement);
}

// -------------------------------------------------------------- evidence

// The article text with each [start, end) wrapped in <mark>. Offsets count
// Unicode code points, as the store does; JavaScript strings count UTF-16
// units, so the text is split into code points first.
function highlighted(text, spans) {
  const chars = Array.from(text);
  const sorted = spans
    .map((sp) => [Math.max(0, Math.min(chars.length, sp.start)), Math.max(0, Math.min(chars.length, sp.end))])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const merged = [];
  for (const [a, b] of sorted) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  const box = h('div', { class: 'doc-text' });
  let at = 0;
  for (const [a, b] of merged) {
    if (a > at) box.append(chars.slice(at, a).join(''));
    box.append(h('mark', { class: 'evidence' }, chars.slice(a, b).join('')));
    at = b;
  }
  if (at < chars.length) box.append(chars.slice(at).join(''));
  return box;
}

function flagList(flags) {
  if (!flags || flags.length === 0) return null;
  return h('ul', { class: 'flags' }, flags.map((f) => {
    const [note, quiet] = FLAG_NOTES[f] || ['', true];
    return h('li', { class: quiet ? 'quiet' : '', dataset: { flag: f } }, h('strong', {}, words(f).replace(/-/g, ' ')), note ? `: ${note}` : '');
  }));
}

function documentBlock(doc, spans) {
  const meta = [doc.source, doc.published ? `published ${doc.published}` : 'no publication date', doc.lang];
  const link = doc.url && /^https?:\/\//.test(doc.url) ? h('a', { href: doc.url, rel: 'noreferrer noopener', target: '_blank' }, 'original') : null;
  const text = highlighted(doc.text, spans);
  return h('article', { class: 'doc', dataset: { document: doc.id } },
    h('h4', {}, doc.title || '(untitled)'),
    h('p', { class: 'meta' }, meta.filter(Boolean).join(' · '), link ? ' · ' : '', link),
    flagList(doc.flags),
    text);
}

// Fetch each document the evidence cites and show it with its sentences marked.
async function evidenceDocuments(evidence) {
  const byDoc = new Map();
  for (const ev of evidence) byDoc.set(ev.document, (byDoc.get(ev.document) || []).concat([ev]));
  const blocks = await Promise.all([...byDoc.entries()].map(async ([id, spans]) => {
    try {
      return documentBlock(await api(`/api/documents/${encodeURIComponent(id)}`), spans);
    } catch (err) {
      return h('p', { class: 'muted' }, `Document ${id}: ${err.message}`);
    }
  }));
  return blocks;
}

function scrollToMarks(container) {
  for (const box of container.querySelectorAll('.doc-text')) {
    const mark = box.querySelector('mark');
    if (mark) box.scrollTop = Math.max(0, mark.offsetTop - 40);
  }
}

function facts(rows) {
  return h('dl', {}, rows.filter(([, v]) => v !== null && v !== undefined && v !== '').flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

async function showEvent(id) {
  const panel = $('evidence');
  try {
    const e = await api(`/api/events/${encodeURIComponent(id)}`);
    const place = e.location ? [e.location.place, e.location.country].filter(Boolean).join(', ') : null;
    // people with their names and the role they held at the event's date
    const persons = (e.persons || []).map((p) => {
      const role = p.role ? `, ${p.role}${p.affiliation ? ` (${p.affiliation})` : ''}` : '';
      return `${p.name || p.id}${role}`;
    }).join('; ');
    const head = [
      h('h3', {}, h('span', { class: `badge q-${e.quad}` }, e.type), ' ', QUADS[e.quad]),
      facts([
        ['Actors', actorList(e.actor)],
        ['Recipients', actorList(e.recipient)],
        ['People', persons],
        ['Mode', (e.mode || []).join(', ')],
        ['Context', (e.context || []).join(', ')],
        ['Date', e.date ? `${e.date} (${e.date_precision})` : 'unknown'],
        ['Place', place],
        ['Status', e.status],
        ['Confidence', typeof e.confidence === 'number' ? e.confidence.toFixed(2) : null],
        ['Sources', `${e.evidence.length} sentence${e.evidence.length === 1 ? '' : 's'}`],
      ]),
      e.why && e.why.length ? h('details', {}, h('summary', {}, 'Why this record'), h('ul', {}, e.why.map((w) => h('li', {}, w)))) : null,
      reviewBox(e, 'event', e.evidence),
    ];
    const docs = await evidenceDocuments(e.evidence);
    panel.replaceChildren(...head.filter(Boolean), ...docs);
    panel.dataset.record = e.id;
    scrollToMarks(panel);
  } catch (err) {
    showError(err);
  }
}

// ------------------------------------------------------------ corrections

const EVENT_TYPES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];
const EVENT_STATUSES = ['reported', 'planned', 'historical'];
const AGREEMENT_STATUSES = ['proposed', 'negotiating', 'agreed', 'signed', 'in_force', 'suspended', 'terminated'];

function select(id, options, value) {
  return h('select', { id }, options.map((o) => h('option', { value: o, selected: o === value ? 'selected' : false }, words(o))));
}

function textInput(id, value, placeholder) {
  return h('input', { type: 'text', id, value: value || '', placeholder });
}

// "JPN, PHL" -> ['JPN', 'PHL']
function listOf(text) {
  return text.split(',').map((x) => x.trim()).filter(Boolean);
}

function sameList(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

// The fields an analyst may change on the page, with the record's values:
// [label, input, read the new value (undefined when unchanged)].
function editFields(record, kind) {
  if (kind === 'event') {
    const place = record.location || {};
    const fields = [
      ['Type', select('edit-type', EVENT_TYPES, record.type), (v) => (v !== record.type ? v : undefined)],
      ['Date', textInput('edit-date', record.date || 'unknown', 'YYYY, YYYY-MM, YYYY-MM-DD or unknown'),
        (v) => (v.trim() !== (record.date || 'unknown') ? v.trim() : undefined)],
      ['Status', select('edit-status', EVENT_STATUSES, record.status), (v) => (v !== record.status ? v : undefined)],
      ['Actors', textInput('edit-actor', (record.actor || []).join(', '), 'JPN, PHL'),
        (v) => (sameList(listOf(v), record.actor || []) ? undefined : listOf(v))],
      ['Recipients', textInput('edit-recipient', (record.recipient || []).join(', '), 'none'),
        (v) => (sameList(listOf(v), record.recipient || []) ? undefined : listOf(v))],
      ['Place', textInput('edit-place', place.place, 'none'), (v) => (v.trim() !== (place.place || '') ? v.trim() : undefined)],
      ['Country', textInput('edit-place-country', place.country, 'none'),
        (v) => (v.trim() !== (place.country || '') ? v.trim() : undefined)],
    ];
    const keys = ['type', 'date', 'status', 'actor', 'recipient', 'place', 'place_country'];
    return fields.map((f, i) => [keys[i], ...f]);
  }
  return [
    ['agreement_type', 'Type', select('edit-type', Object.keys(AGREEMENT_SHORT), record.agreement_type),
      (v) => (v !== record.agreement_type ? v : undefined)],
    ['status', 'Status', select('edit-status', AGREEMENT_STATUSES, record.status), (v) => (v !== record.status ? v : undefined)],
    ['parties', 'Parties', textInput('edit-parties', (record.parties || []).join(', '), 'JPN, PHL'),
      (v) => (sameList(listOf(v).sort(), [...(record.parties || [])].sort()) ? undefined : listOf(v))],
  ];
}

// Confirm, reject or edit the record shown, or split a sentence off it.
// Only a server started with `entente serve --editors FILE` accepts this,
// from an analyst's token (kept for the tab's session); any other answers
// 401, shown as the reason. After an edit or a split the record is shown
// again as the rebuild made it.
function reviewBox(record, kind, evidence) {
  const id = record.id;
  const token = h('input', {
    type: 'password', id: 'review-token', placeholder: 'editor token', autocomplete: 'off',
    value: sessionStorage.getItem('entente-token') || '',
  });
  const comment = h('input', { type: 'text', id: 'review-comment', placeholder: 'why (optional)' });
  const status = h('p', { id: 'review-status', class: 'muted', role: 'status' });
  const done = { confirm: 'Confirmed', reject: 'Rejected', edit: 'Edited', split: 'Split' };
  const send = async (action, extra) => {
    sessionStorage.setItem('entente-token', token.value);
    status.textContent = 'Saving…';
    delete status.dataset.done;
    try {
      const body = await api('/api/corrections', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token.value}` },
        body: JSON.stringify({ record: id, action, comment: comment.value.trim() || undefined, ...extra }),
      });
      const said = `${done[action]} as ${body.correction.author}; kept through every rebuild.`;
      if ((action === 'edit' || action === 'split') && body.record) {
        await (kind === 'event' ? showEvent : showAgreement)(body.record);
        const fresh = $('review-status');
        if (fresh) {
          fresh.closest('details').open = true;
          fresh.textContent = said + (body.split_off ? ` The sentence is now ${body.split_off}.` : '');
          fresh.dataset.done = action;
        }
        return;
      }
      status.textContent = said;
      status.dataset.done = action;
    } catch (err) {
      status.textContent = `Not saved: ${err.message}`;
      status.dataset.done = 'error';
    }
  };
  const fields = editFields(record, kind);
  // an agreement's history steps, each named by its first sentence
  const stepFields = kind === 'agreement'
    ? (record.history || []).filter((step) => (step.evidence || []).length > 0).map((step, i) => [step,
      select(`edit-step-${i}-status`, AGREEMENT_STATUSES, step.status),
      textInput(`edit-step-${i}-date`, step.date || 'unknown', 'YYYY, YYYY-MM, YYYY-MM-DD or unknown')])
    : [];
  const save = (ev) => {
    ev.preventDefault();
    const edit = {};
    for (const [key, , input, read] of fields) {
      const v = read(input.value);
      if (v !== undefined) edit[key] = v;
    }
    const steps = stepFields.map(([step, statusInput, dateInput]) => {
      const change = {};
      if (statusInput.value !== step.status) change.status = statusInput.value;
      if (dateInput.value.trim() !== (step.date || 'unknown')) change.date = dateInput.value.trim();
      if (Object.keys(change).length === 0) return null;
      const ev = step.evidence[0];
      return { evidence: { document: ev.document, start: ev.start, end: ev.end }, ...change };
    }).filter(Boolean);
    if (steps.length > 1) {
      status.textContent = 'Change one history step at a time.';
      status.dataset.done = 'unchanged';
      return;
    }
    if (steps.length === 1) edit.step = steps[0];
    if (Object.keys(edit).length === 0) {
      status.textContent = 'Nothing changed: give a field a new value first.';
      status.dataset.done = 'unchanged';
      return;
    }
    send('edit', { edit });
  };
  const form = h('form', { id: 'review-edit', class: 'review-edit', onsubmit: save },
    h('dl', {}, fields.flatMap(([key, label, input]) => [h('dt', {}, h('label', { for: input.id }, label)), h('dd', { dataset: { field: key } }, input)]),
      stepFields.flatMap(([, statusInput, dateInput], i) => [h('dt', {}, h('label', { for: statusInput.id }, `Step ${i + 1}`)),
        h('dd', { dataset: { field: 'step' } }, statusInput, ' ', dateInput)])),
    h('button', { type: 'submit', id: 'review-save' }, 'Save changes'));
  // each evidence sentence, and (when there are several) a way to make it
  // a record of its own
  const sentences = h('ul', { class: 'review-evidence' }, evidence.map((ev) => h('li', { dataset: { document: ev.document, start: ev.start, end: ev.end } },
    h('span', { class: 'sentence' }, ev.text.length > 160 ? `${ev.text.slice(0, 160)}…` : ev.text), ' ',
    evidence.length > 1
      ? h('button', {
        type: 'button', class: 'split-off', title: `Make this sentence a ${kind} of its own`,
        onclick: () => send('split', { evidence: [{ document: ev.document, start: ev.start, end: ev.end }] }),
      }, 'Split off')
      : null)));
  return h('details', { class: 'review' }, h('summary', {}, 'Correct this record'),
    token, ' ', comment, ' ',
    h('button', { type: 'button', id: 'review-confirm', onclick: () => send('confirm') }, 'Confirm'), ' ',
    h('button', { type: 'button', id: 'review-reject', onclick: () => send('reject') }, 'Reject'),
    form,
    h('h4', {}, 'Evidence sentences'),
    sentences,
    status);
}

async function showAgreement(id) {
  const panel = $('evidence');
  try {
    const a = await api(`/api/agreements/${encodeURIComponent(id)}`);
    const history = h('ol', { class: 'history' }, (a.history || []).map((step) =>
      h('li', {}, h('strong', {}, words(step.status)), step.date ? ` ${step.date}` : ' (undated)',
        step.why && step.why.length ? h('span', { class: 'muted' }, ` — ${step.why.join('; ')}`) : null)));
    const evidence = (a.evidence || []).concat(...(a.history || []).map((step) => step.evidence || []));
    const unique = [...new Map(evidence.map((ev) => [`${ev.document}:${ev.start}:${ev.end}`, ev])).values()];
    const head = [
      h('h3', {}, h('span', { class: 'badge agreement' }, a.name || words(a.agreement_type)), ' ', `${words(a.agreement_type)} agreement`),
      facts([
        ['Parties', actorList(a.parties)],
        ['Status', words(a.status) + (a.status_date ? ` since ${a.status_date}` : '')],
        ['Sources', `${unique.length} sentence${unique.length === 1 ? '' : 's'}`],
      ]),
      h('h4', {}, 'History'),
      history,
      reviewBox(a, 'agreement', a.evidence || []),
    ];
    const docs = await evidenceDocuments(unique);
    panel.replaceChildren(...head, ...docs);
    panel.dataset.record = a.id;
    scrollToMarks(panel);
  } catch (err) {
    showError(err);
  }
}

async function showDocument(id) {
  const panel = $('evidence');
  try {
    const doc = await api(`/api/documents/${encodeURIComponent(id)}`);
    panel.replaceChildren(documentBlock(doc, []));
    panel.dataset.record = doc.id;
  } catch (err) {
    showError(err);
  }
}

// ---------------------------------------------------------------- search

function snippet(text) {
  const out = h('div', { class: 'sentence snippet' });
  const parts = String(text).split(/([\u0002\u0003])/);
  let marked = false;
  for (const p of parts) {
    if (p === '\u0002') marked = true;
    else if (p === '\u0003') marked = false;
    else if (p) out.append(marked ? h('mark', {}, p) : p);
  }
  return out;
}

async function search(ev) {
  ev.preventDefault();
  const q = $('search').value.trim();
  if (!q) return;
  try {
    const found = await api(`/api/search?q=${encodeURIComponent(q)}&limit=100`);
    $('timeline-title').textContent = found.actor
      ? `Articles with “${q}” or naming ${nodeName(found.actor)} otherwise: ${found.total}`
      : `Articles with “${q}”: ${found.total}`;
    $('show-all').hidden = false;
    const list = $('timeline');
    list.replaceChildren(...found.items.map((hit) => {
      const li = h('li', {
        class: 'item document',
        dataset: { kind: 'document', id: hit.document },
        tabindex: '0',
        onclick: () => {
          for (const other of list.querySelectorAll('li.active')) other.classList.remove('active');
          li.classList.add('active');
          showDocument(hit.document);
        },
      },
      h('div', { class: 'line1' }, h('span', { class: 'date' }, hit.published || 'undated'), h('span', { class: 'who' }, hit.title || hit.source),
        hit.mentions ? h('span', { class: 'muted' }, `names ${hit.mentions} (${hit.lang})`) : null),
      snippet(hit.snippet));
      return li;
    }));
    if (found.items.length === 0) list.append(h('li', { class: 'section' }, 'No article contains these words.'));
  } catch (err) {
    showError(err);
  }
}

// ------------------------------------------------------------------ start

async function start() {
  legend();
  $('date-slider').addEventListener('input', onSlider);
  $('show-all').addEventListener('click', showAll);
  $('search-form').addEventListener('submit', search);
  $('tab-network').addEventListener('click', () => showView('network'));
  $('tab-map').addEventListener('click', () => showView('map'));
  const state = readState();
  setUpFilters();
  setUpZoom();
  try {
    const health = await api('/healthz');
    $('stats').textContent = `${health.documents} articles · ${health.events} events · ${health.agreements} agreements`;
    const net = await api('/api/network');
    setUpSlider(net.span);
    setSliderDate(state.asOf);
    view.selected = state.selected;
    if (sliderDate()) await loadNetwork(sliderDate());
    else drawNetwork(net);
    if (state.mode === 'map') showView('map');
    if (state.selected.length) refreshLists();
    else await showAll();
  } catch (err) {
    showError(err);
  }
  document.body.dataset.ready = 'true';
}

let resizeTimer = null;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => view.network && drawNetwork(view.network), 200);
});

start();
