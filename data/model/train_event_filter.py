#!/usr/bin/env python3
"""Train entente's event filter (crates/extract/src/filter.rs).

The coder records features of every event it codes (events::event_features);
this script labels each coded event of the team's own annotated articles
(eval/train/<code>: corpus.jsonl + gold/*.json, in ../shared/eval/FORMAT.md's
format) as a report of an annotated event or not, fits an L2-regularised
logistic model on the features, picks the threshold that maximises event F1
in five-fold cross-validation, and writes data/model/event_filter.tsv.

    cargo run --release -p entente-pipeline --example candidates -- \\
        eval/train/*/corpus.jsonl > /tmp/candidates.jsonl
    python3 data/model/train_event_filter.py --candidates /tmp/candidates.jsonl \\
        --gold eval/train/*/gold --out data/model/event_filter.tsv

Never train on an evaluation set (news-dev, holdout, seeds, plover-gsr).
"""
import argparse
import json
import math
import random
from datetime import date
from pathlib import Path


def participants(e):
    return set(e.get("actor") or []) | set(e.get("recipient") or [])


def dates_fit(pred, gold):
    """A predicted date can be the gold one: within a day, or equal at the
    coarser precision; a missing date on either side fits."""
    if not pred or not gold:
        return True
    if len(pred) == 10 and len(gold) == 10:
        return abs((date.fromisoformat(pred) - date.fromisoformat(gold)).days) <= 1
    n = min(len(pred), len(gold))
    return pred[:n] == gold[:n]


def matches(cand, g):
    if cand["type"] not in {g["type"], *(g.get("alt_types") or [])}:
        return False
    gp, cp = participants(g), participants(cand)
    if gp and len(gp & cp) / len(gp | cp) < 0.5:
        return False
    return dates_fit(cand.get("date"), g.get("date"))


def load(candidates_path, gold_dirs):
    gold = {}
    for d in gold_dirs:
        for f in Path(d).glob("*.json"):
            g = json.loads(f.read_text(encoding="utf-8"))
            gold[Path(g["source"]).name] = g["events"]
    rows = []  # (features, label, doc, index of the required gold event matched or None)
    for line in open(candidates_path, encoding="utf-8"):
        c = json.loads(line)
        events = gold.get(Path(c["source"]).name)
        if events is None:
            continue
        hits = [i for i, g in enumerate(events) if matches(c, g)]
        required = [i for i in hits if not events[i].get("optional")]
        if hits and not required:
            continue  # matches an optional event only: neither right nor wrong
        rows.append((c["features"], 1 if required else 0, c["source"], required))
    n_required = sum(1 for evs in gold.values() for g in evs if not g.get("optional"))
    return rows, n_required


def fit(rows, l2=1.0, epochs=300, rate=0.1):
    w, b = {}, 0.0
    n = len(rows)
    for _ in range(epochs):
        gw, gb = {}, 0.0
        for feats, y, _, _ in rows:
            z = b + sum(w.get(f, 0.0) for f in feats)
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            d = p - y
            gb += d
            for f in feats:
                gw[f] = gw.get(f, 0.0) + d
        b -= rate * gb / n
        for f in set(gw) | set(w):
            w[f] = w.get(f, 0.0) - rate * (gw.get(f, 0.0) / n + l2 * w.get(f, 0.0) / n)
    return w, b


def score(w, b, feats):
    z = b + sum(w.get(f, 0.0) for f in feats)
    return 1 / (1 + math.exp(-max(-30, min(30, z))))


def f1_at(scored, n_required, threshold):
    """Event F1 when candidates under the threshold are dropped: a kept
    candidate that matches a required event is right, others are false
    alarms; a required event is found when one kept candidate matches it."""
    kept = [(y, doc, req) for p, y, doc, req in scored if p >= threshold]
    found = {(doc, i) for y, doc, req in kept for i in req}
    fp = sum(1 for y, _, _ in kept if not y)
    tp = len(found)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / n_required if n_required else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--candidates", required=True)
    ap.add_argument("--gold", nargs="+", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--l2", type=float, default=1.0)
    args = ap.parse_args()
    rows, n_required = load(args.candidates, args.gold)
    docs = sorted({r[2] for r in rows})
    random.Random(7).shuffle(docs)
    folds = [set(docs[k::5]) for k in range(5)]
    scored = []
    for fold in folds:
        train = [r for r in rows if r[2] not in fold]
        w, b = fit(train, args.l2)
        scored += [(score(w, b, r[0]), r[1], r[2], r[3]) for r in rows if r[2] in fold]
    grid = [t / 100 for t in range(0, 96, 5)]
    best = max(grid, key=lambda t: (round(f1_at(scored, n_required, t), 4), -t))
    keep_all = f1_at(scored, n_required, 0.0)
    w, b = fit(rows, args.l2)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("# The learned event filter (crates/extract/src/filter.rs), written by\n")
        out.write("# data/model/train_event_filter.py from the team's annotated articles in eval/train/.\n")
        out.write(f"# {len(rows)} coded events of {len(docs)} articles, {sum(r[1] for r in rows)} of them reports of an annotated event.\n")
        out.write(f"# Five-fold cross-validated event F1 on them: {keep_all:.3f} keeping every event, "
                  f"{f1_at(scored, n_required, best):.3f} at the threshold below.\n")
        out.write(f"bias\t{b:.4f}\nthreshold\t{best:.2f}\n")
        for f, v in sorted(w.items(), key=lambda kv: (-abs(kv[1]), kv[0])):
            if abs(v) >= 0.01:
                out.write(f"{f}\t{v:.4f}\n")
    print(f"{len(rows)} events, threshold {best:.2f}: cross-validated F1 {keep_all:.3f} → {f1_at(scored, n_required, best):.3f}")


if __name__ == "__main__":
    main()
