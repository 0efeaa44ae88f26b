#!/usr/bin/env python3
"""One-off generator of the ISO base section of data/kb/states.tsv.

Reads Debian's iso-codes (JSON + gettext catalogues for it, fr, es, de) and
prints rows `CODE<TAB>kind<TAB>lang<TAB>forms`. Forms in the formal ISO
style ("Korea, Republic of") are dropped; everyday names, demonyms and
capitals are curated by hand below the generated section of the table.
Usage: python3 gen_states.py ISO_3166-1_JSON LOCALE_DIR > base.tsv
(the Debian iso-codes package installs both under its share folders; run
once, the output is committed)
"""
import gettext
import json
import sys

ISO = sys.argv[1] if len(sys.argv) > 1 else "iso_3166-1.json"
LOCALES = sys.argv[2] if len(sys.argv) > 2 else "locale"


def usable(form):
    return form and "," not in form and "(" not in form


def main():
    entries = json.load(open(ISO, encoding="utf-8"))["3166-1"]
    cats = {}
    for lang in ("it", "fr", "es", "de"):
        try:
            cats[lang] = gettext.translation("iso_3166-1", LOCALES, languages=[lang])
        except OSError:
            print(f"no catalogue for {lang}", file=sys.stderr)
    out = sys.stdout
    for e in entries:
        code = e["alpha_3"]
        en = e.get("common_name") or e["name"]
        out.write(f"{code}\tcanonical\ten\t{en}\n")
        forms = {e["name"], e.get("common_name", "")}
        en_forms = sorted(f for f in forms if usable(f))
        if en_forms:
            out.write(f"{code}\tname\ten\t{'|'.join(en_forms)}\n")
        for lang, cat in cats.items():
            names = {cat.gettext(e["name"])}
            if e.get("common_name"):
                names.add(cat.gettext(e["common_name"]))
            names = sorted(n for n in names if usable(n) and n not in en_forms)
            if names:
                out.write(f"{code}\tname\t{lang}\t{'|'.join(names)}\n")


if __name__ == "__main__":
    main()
