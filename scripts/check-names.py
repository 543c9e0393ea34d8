#!/usr/bin/env python3
"""Check the name table in Sources/ParleyMatch/Matching/NameTable+Data.swift.

Usage: python3 scripts/check-names.py [path/to/NameTable+Data.swift]
The table is the text between the raw-string delimiters #""" and """#.
Exit status 0 if the file is valid, 1 otherwise (each problem is printed).

Checks: UTF-8 without BOM, LF line endings, NFC; line syntax `key: a, b | p, q`;
keys unique lowercase ASCII; every spelling (given names and patronymics) on one line only,
case-insensitively; each spelling is a single script (Cyrillic or Latin, plus apostrophe /
hyphen; catches look-alike letters); each line has a Cyrillic and a Latin given-name spelling;
lines in the `# [male]` section have patronymics (Cyrillic and Latin, Ukrainian and Russian
male and female forms), lines in the `# [female]` section have none.
"""
import re
import sys
import unicodedata
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent.parent / "Sources/ParleyMatch/Matching/NameTable+Data.swift"
KEY_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
CYR_RE = re.compile(r"^[\u0400-\u04FF]+(?:[\u02BC'\-][\u0400-\u04FF]+)*$")
LAT_RE = re.compile(r"^[A-Za-z]+(?:['\-][A-Za-z]*)*$")
# Ukrainian male/female and Russian male/female patronymic endings
UA_M = ("ович", "ич")
UA_F = ("івна", "ївна")
RU_M = ("ович", "евич", "ич")
RU_F = ("овна", "евна", "ична")


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    raw = path.read_bytes()
    errors = []
    if raw.startswith(b"\xef\xbb\xbf"):
        errors.append("file starts with a BOM")
    if b"\r" in raw:
        errors.append("file contains CR characters (use LF line endings)")
    text = raw.decode("utf-8")
    if '#"""' in text:
        text = text.split('#"""\n', 1)[1].split('\n"""#', 1)[0]
    if unicodedata.normalize("NFC", text) != text:
        errors.append("file is not in Unicode NFC (e.g. й or ё written as two code points)")

    keys = {}
    owner = {}  # casefolded spelling -> (key, lineno)
    section = None
    counts = {"male": 0, "female": 0}
    for lineno, line in enumerate(text.split("\n"), 1):
        s = line.strip()
        if not s:
            continue
        if s.startswith("#"):
            m = re.match(r"#\s*\[(male|female)\]", s)
            if m:
                section = m.group(1)
            continue

        def err(msg):
            errors.append(f"line {lineno}: {msg}")

        if ":" not in s:
            err("missing ':' after key"); continue
        key, rest = s.split(":", 1)
        key = key.strip()
        if not KEY_RE.match(key):
            err(f"key {key!r} is not lowercase ASCII")
        if key in keys:
            err(f"key {key!r} already used on line {keys[key]}")
        keys[key] = lineno
        if rest.count("|") > 1:
            err("more than one '|'"); continue
        given_s, _, patr_s = rest.partition("|")
        given = [x.strip() for x in given_s.split(",")]
        patr = [x.strip() for x in patr_s.split(",")] if patr_s.strip() else []
        if "" in given or "" in patr:
            err("empty spelling (stray comma?)")
        given = [g for g in given if g]
        patr = [p for p in patr if p]

        for sp in given + patr:
            if not (CYR_RE.match(sp) or LAT_RE.match(sp)):
                err(f"spelling {sp!r} mixes scripts or has unexpected characters")
            k = sp.casefold()
            if k in owner and owner[k][0] != key:
                err(f"spelling {sp!r} also on line {owner[k][1]} ({owner[k][0]})")
            elif k in owner:
                err(f"spelling {sp!r} repeated on the same line")
            else:
                owner[k] = (key, lineno)

        if not any(CYR_RE.match(g) for g in given):
            err("no Cyrillic given-name spelling")
        if not any(LAT_RE.match(g) for g in given):
            err("no Latin given-name spelling")

        if section is None:
            err("line is before any '# [male]' / '# [female]' section marker")
        elif section == "female":
            counts["female"] += 1
            if patr:
                err("female name has patronymics")
        else:
            counts["male"] += 1
            cyr = [p.lower() for p in patr if CYR_RE.match(p)]
            if not patr:
                err("male name has no patronymics")
            else:
                if not any(LAT_RE.match(p) for p in patr):
                    err("no Latin patronymic")
                if not any(p.endswith(UA_F) for p in cyr):
                    err("no Ukrainian female patronymic (-івна/-ївна)")
                if not any(p.endswith(RU_F) for p in cyr):
                    err("no Russian female patronymic (-овна/-евна/-ична)")
                if not any(p.endswith(RU_M + UA_M) for p in cyr):
                    err("no male patronymic (-ович/-евич/-ич)")

    for e in errors:
        print(e)
    status = "FAIL" if errors else "OK"
    print(f"{status}: {path.name}: {counts['male']} male + {counts['female']} female = "
          f"{len(keys)} names, {len(owner)} distinct spellings, {len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
