#!/usr/bin/env python3
"""Expands curated_states.txt (hand-written everyday names, demonyms and
capitals) into rows of data/kb/states.tsv, inflecting adjectives by simple
per-language rules. Run once; the output is committed below the ISO section.
"""
import sys
import unicodedata

LANGS = ["en", "it", "fr", "es", "de"]


def strip_acute(w):
    return "".join(c for c in unicodedata.normalize("NFD", w) if unicodedata.category(c) != "Mn") if w.endswith(("és", "án", "ín", "ón", "ún", "ís")) else w


def inflect(lang, w):
    if w.startswith(("=", "^")) or " " in w:
        return [w]
    if lang == "it":
        if w.endswith("co"):
            b = w[:-1]
            return [w, b + "a", b + "i", b + "hi", b + "he"]
        if w.endswith("o"):
            return [w, w[:-1] + "a", w[:-1] + "i", w[:-1] + "e"]
        if w.endswith("e"):
            return [w, w[:-1] + "i"]
        if w.endswith("a"):  # belga, cipriota, vietnamita
            return [w, w[:-1] + "i", w[:-1] + "e"]
        return [w]
    if lang == "fr":
        if w.endswith("e"):
            return [w, w + "s"]
        if w.endswith(("ien", "éen")):
            return [w, w + "ne", w + "s", w + "nes"]
        if w.endswith("on"):  # letton
            return [w, w + "ne", w + "s", w + "nes"]
        if w.endswith(("s", "x")):
            return [w, w + "e", w + "es"]
        if w.endswith("é"):
            return [w, w + "s"]
        return [w, w + "e", w + "s", w + "es"]
    if lang == "es":
        if w.endswith("o"):
            return [w, w[:-1] + "a", w + "s", w[:-1] + "as"]
        if w.endswith(("e", "a")):
            return [w, w + "s"]
        if w.endswith("í"):
            return [w, w + "es", w + "s"]
        base = strip_acute(w)
        if w.endswith(("és", "án", "ín", "ón", "ún", "ol", "or")):
            return [w, base + "a", base + "es", base + "as"]
        return [w, w + "es"]
    if lang == "de":
        if w.endswith("-"):
            return [w]
        return [w, w + "e", w + "en", w + "er", w + "es"]
    return [w]


def main():
    out = sys.stdout
    for line in open(sys.argv[1], encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        f = line.split(";")
        if len(f) != 12:
            sys.exit(f"bad line ({len(f)} fields): {line}")
        code = f[0]
        for i, lang in enumerate(LANGS):
            names = [x.strip() for x in f[1 + 2 * i].split(",") if x.strip()]
            adjs = [x.strip() for x in f[2 + 2 * i].split(",") if x.strip()]
            if names:
                out.write(f"{code}\tname\t{lang}\t{'|'.join(names)}\n")
            if adjs:
                forms = []
                for a in adjs:
                    for x in inflect(lang, a):
                        if x not in forms:
                            forms.append(x)
                out.write(f"{code}\tadj\t{lang}\t{'|'.join(forms)}\n")
        caps = [x.strip() for x in f[11].split(",") if x.strip()]
        if caps:
            out.write(f"{code}\tcapital\t*\t{'|'.join(dict.fromkeys(caps))}\n")


if __name__ == "__main__":
    main()
