#!/usr/bin/env python3
"""Synthetic names written under every transliteration standard people use, for tests and benchmarks.

usage:
  python3 scripts/make-translit-fixture.py
      writes Tests/ParleyMatchTests/Fixtures/transliteration-standards.tsv (committed): one row per
      name and standard, `standard  language  kind  cyrillic  latin`.
  python3 scripts/make-translit-fixture.py --lists DIR [--size N] [--seed S]
      writes benchmark lists (not committed): DIR/{uk,ru}-cyrillic.csv and DIR/{uk,ru}-STANDARD.csv,
      the same invented people, one file per script or standard, ids equal across files.

Every name is invented: given names and patronymics come from Parley's own name table
(Sources/ParleyMatch/Matching/NameTable+Data.swift), surnames from the syllables of
Sources/ParleyBench/SyntheticLists.swift (plus a few that bring in every letter of both alphabets).

The romanizers below are used only to make test data; the engine never reads them. Each follows
its standard's table, with the contextual rules the standard has (initial forms, ц before front
vowels, ss between vowels, -ий at the end of a word). Where two standards share a table (ISO 9:1995
and GOST 7.79 System A; UNGEGN's Ukrainian system and the national KMU 2010 one) both are listed,
so each shows in the benchmark under its own name. ISO/R 9:1954 is written as the 1968
recommendation with its sub-standard forms (й = ĭ, э = è); its other differences from 1968 could
not be checked here.
"""
import argparse
import csv
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "Sources/ParleyMatch/Matching/NameTable+Data.swift"
FIXTURE = ROOT / "Tests/ParleyMatchTests/Fixtures/transliteration-standards.tsv"

VOWELS = set("аеєиіїоуюяыэё")
UK_ONLY = set("іїєґ")

# --- the standards --------------------------------------------------------------------------
# Base letters every table writes alike.
BASE = dict(а="a", б="b", в="v", д="d", е="e", з="z", к="k", л="l", м="m", н="n", о="o",
            п="p", р="r", с="s", т="t", у="u", ф="f")
APOS = "\u02bc"  # the Ukrainian apostrophe ʼ as it stands in Cyrillic text

ISO95 = dict(г="g", ґ="g\u0300", ё="ë", є="ê", ж="ž", и="i", і="ì", ї="ï", й="j", х="h", ц="c",
             ч="č", ш="š", щ="ŝ", ъ="ʺ", ы="y", ь="ʹ", э="è", ю="û", я="â")
ISO68 = dict(г="g", ґ="g", ё="ë", ж="ž", и="i", й="j", х="ch", ц="c", ч="č", ш="š", щ="šč",
             ъ="ʺ", ы="y", ь="ʹ", э="ė", ю="ju", я="ja")
ISO68_UK = dict(ISO68, г="h", є="je", и="y", і="i", ї="ï")
SCIENTIFIC = dict(г="g", ё="ë", ж="ž", и="i", й="j", х="x", ц="c", ч="č", ш="š", щ="šč", ъ="ʺ",
                  ы="y", ь="ʹ", э="è", ю="ju", я="ja")
SCIENTIFIC_UK = dict(SCIENTIFIC, г="h", ґ="g", є="je", и="y", і="i", ї="ji")
GOST16876_1 = dict(г="g", ё="ë", ж="ž", и="i", й="j", х="h", ц="c", ч="č", ш="š", щ="šč",
                   ъ="ʺ", ы="y", ь="ʹ", э="è", ю="ju", я="ja")
GOST16876_2 = dict(г="g", ё="jo", ж="zh", и="i", й="jj", х="kh", ц="c", ч="ch", ш="sh", щ="shh",
                   ъ="\"", ы="y", ь="'", э="eh", ю="ju", я="ja")
GOST779B = dict(г="g", ё="yo", ж="zh", и="i", й="j", х="x", ц="cz", ч="ch", ш="sh", щ="shh",
                ъ="``", ы="y`", ь="`", э="e`", ю="yu", я="ya")
DSTU_A = dict(г="ğ", ґ="g", є="je", ж="ž", и="y", і="i", ї="ï", й="j", х="x", ц="c", ч="č",
              ш="š", щ="ŝ", ь="j", ю="ju", я="ja")
DSTU_B = dict(г="gh", ґ="g", є="je", ж="zh", и="y", і="i", ї="ji", й="j", х="kh", ц="c", ч="ch",
              ш="sh", щ="shch", ь="j", ю="ju", я="ja")
BGN = dict(г="g", ё="ë", ж="zh", и="i", й="y", х="kh", ц="ts", ч="ch", ш="sh", щ="shch",
           ъ="\u201d", ы="y", ь="\u2019", э="e", ю="yu", я="ya")
BGN_UK = dict(BGN, г="h", ґ="g", є="ye", и="y", і="i", ї="yi", ь="\u2019")
ALA = dict(г="g", ё="ë", ж="zh", и="i", й="ĭ", х="kh", ц="t\u0361s", ч="ch", ш="sh", щ="shch",
           ъ="ʺ", ы="y", ь="ʹ", э="ė", ю="i\u0361u", я="i\u0361a")
ALA_UK = dict(ALA, г="h", ґ="g", є="i\u0361e", и="y", і="i", ї="ï")
ICAO = dict(г="g", ё="e", ж="zh", и="i", й="i", х="kh", ц="ts", ч="ch", ш="sh", щ="shch",
            ъ="ie", ы="y", ь="", э="e", ю="iu", я="ia")
ICAO_UK = dict(ICAO, г="h", ґ="g", є="ie", и="y", і="i", ї="i")
KMU = dict(г="h", ґ="g", є="ie", ж="zh", и="y", і="i", ї="i", й="i", х="kh", ц="ts", ч="ch",
           ш="sh", щ="shch", ь="", ю="iu", я="ia")
BS2979 = dict(г="g", ё="ë", ж="zh", и="i", й="ĭ", х="kh", ц="ts", ч="ch", ш="sh", щ="shch",
              ъ="ʺ", ы="ȳ", ь="ʹ", э="é", ю="yu", я="ya")
BS2979_UK = dict(BS2979, г="h", ґ="g", є="ye", и="y", і="i", ї="ï")
FRENCH = dict(г="g", ё="io", ж="j", и="i", й="ï", х="kh", ц="ts", ч="tch", ш="ch", щ="chtch",
              ъ="", ы="y", ь="", э="e", ю="iou", я="ia", у="ou")
FRENCH_UK = dict(FRENCH, г="h", ґ="g", є="ie", и="y", і="i", ї="ï")
GERMAN = dict(в="w", г="g", ё="jo", ж="sh", з="s", и="i", й="j", х="ch", ц="z", ч="tsch",
              ш="sch", щ="schtsch", ъ="", ы="y", ь="", э="e", ю="ju", я="ja")
GERMAN_UK = dict(GERMAN, г="h", ґ="g", є="je", и="y", і="i", ї="ji")


def _ctx(word, i):
    prev = word[i - 1] if i > 0 else ""
    nxt = word[i + 1] if i + 1 < len(word) else ""
    return prev, nxt


def initial_or_after_vowel(word, i):
    prev, _ = _ctx(word, i)
    return prev == "" or prev in VOWELS or prev in "ьъй" or prev in "'\u02bc"


def kmu_rule(word, i, c, lang):
    """KMU 2010: initial ye yi y yu ya; зг is zgh."""
    if i == 0:
        return {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}.get(c)
    if c == "г" and word[i - 1] == "з":
        return "gh"
    return None


def bgn_rule(word, i, c, lang):
    if initial_or_after_vowel(word, i):
        return {"е": "ye", "ё": "yë"}.get(c)
    return None


def gost779b_rule(word, i, c, lang):
    if c == "ц":
        _, nxt = _ctx(word, i)
        return "c" if nxt and nxt in "еиіыйєїюяё" else "cz"
    return None


def french_rule(word, i, c, lang):
    prev, nxt = _ctx(word, i)
    if c == "г" and nxt and nxt in "еиіыэєї" and lang == "ru":
        return "gu"
    if c == "с" and prev in VOWELS and nxt in VOWELS:
        return "ss"
    if c == "й" and prev not in VOWELS:
        return "i"
    if c == "е" and prev in VOWELS:
        return "ie"
    return None


def german_rule(word, i, c, lang):
    prev, nxt = _ctx(word, i)
    if c == "с" and prev in VOWELS and nxt in VOWELS:
        return "ss"
    if c == "е" and initial_or_after_vowel(word, i):
        return "je"
    if c == "ё" and prev and prev in "жчшщ":
        return "o"
    if c == "й" and nxt == "" and prev in "иы":
        return ""  # Достоевский → Dostojewski
    if c == "ь" and nxt and nxt in "оеи":
        return "j"  # Ильич → Iljitsch, Ковальов → Kowaljow
    return None


# standard id → (title, {language: (table, rule or None)})
STANDARDS = {
    "iso9-1954": ("ISO/R 9:1954", {"uk": (dict(ISO68_UK, й="ĭ"), None), "ru": (dict(ISO68, й="ĭ", э="è"), None)}),
    "iso9-1968": ("ISO/R 9:1968", {"uk": (ISO68_UK, None), "ru": (ISO68, None)}),
    "iso9-1995": ("ISO 9:1995", {"uk": (ISO95, None), "ru": (ISO95, None)}),
    "gost779-a": ("GOST 7.79-2000 System A", {"uk": (ISO95, None), "ru": (ISO95, None)}),
    "gost779-b": ("GOST 7.79-2000 System B", {
        "uk": (dict(GOST779B, г="g", ґ="g`", є="ye", и="y`", і="i", ї="yi"), gost779b_rule),
        "ru": (GOST779B, gost779b_rule)}),
    "gost16876-1": ("GOST 16876-71 table 1", {"uk": (dict(GOST16876_1, ґ="g", є="je", и="y", і="i", ї="ji"), None),
                                             "ru": (GOST16876_1, None)}),
    "gost16876-2": ("GOST 16876-71 table 2", {"uk": (dict(GOST16876_2, ґ="g", є="je", и="y", і="i", ї="ji"), None),
                                             "ru": (GOST16876_2, None)}),
    "dstu9112-a": ("DSTU 9112:2021 System A", {"uk": (DSTU_A, None)}),
    "dstu9112-b": ("DSTU 9112:2021 System B", {"uk": (DSTU_B, None)}),
    "scientific": ("scientific", {"uk": (SCIENTIFIC_UK, None), "ru": (SCIENTIFIC, None)}),
    "ungegn": ("UNGEGN", {"uk": (KMU, kmu_rule), "ru": (GOST16876_1, None)}),
    "bgn-pcgn": ("BGN/PCGN", {"uk": (BGN_UK, None), "ru": (BGN, bgn_rule)}),
    "ala-lc": ("ALA-LC", {"uk": (ALA_UK, None), "ru": (ALA, None)}),
    "icao9303": ("ICAO 9303", {"uk": (ICAO_UK, None), "ru": (ICAO, None)}),
    "kmu2010": ("KMU 2010", {"uk": (KMU, kmu_rule)}),
    "bs2979": ("BS 2979", {"uk": (BS2979_UK, None), "ru": (BS2979, None)}),
    "french": ("French passport", {"uk": (FRENCH_UK, french_rule), "ru": (FRENCH, french_rule)}),
    "german": ("German passport (Duden)", {"uk": (GERMAN_UK, german_rule), "ru": (GERMAN, german_rule)}),
}


def romanize(text, standard, lang):
    """`text` (a Cyrillic name, any case) under `standard`'s table for `lang`."""
    table, rule = STANDARDS[standard][1][lang]
    out = []
    for word in re.split(r"(\s+|-)", text):
        if not word or not re.match(r"[\u0400-\u04ff]", word):
            out.append(word)
            continue
        low = word.lower()
        parts = []
        for i, c in enumerate(low):
            if c in "'\u02bc\u2019":
                parts.append({"dstu9112-a": APOS, "dstu9112-b": "'", "scientific": "ʺ", "ala-lc": "ʺ",
                              "bgn-pcgn": "\u201d", "gost779-b": "''", "iso9-1995": APOS,
                              "gost779-a": APOS}.get(standard, ""))
                continue
            r = rule(low, i, c, lang) if rule else None
            if r is None:
                r = table.get(c, BASE.get(c, c))
            parts.append(r)
        latin = "".join(parts)
        out.append(latin[:1].upper() + latin[1:])
    return "".join(out)


# --- the names ------------------------------------------------------------------------------
ONSETS = ["Ко", "Пе", "Ша", "Бо", "Гри", "Тка", "Мель", "Сав", "Кра", "Лев", "Ра", "Дми", "Ли", "Ос",
          "Гу", "Ба", "Ва", "За", "Мо", "Ни", "Ру", "Фе", "Хо", "Ця", "Чу", "Ю", "Я", "Ду", "Ке", "Лу",
          "Ма", "Па", "Се", "Ти"]
MIDDLES = ["ва", "ро", "лен", "ще", "нь", "ди", "ба", "ту", "ла", "ми", "пи", "ре", "со", "ха", "ви", ""]
ENDINGS = ["ленко", "нко", "чук", "ук", "ак", "ич", "ович", "енко", "ко", "ин", "ов", "ян", "юк", "ець", "ан"]
# Onsets and endings that bring in the letters the syllables above lack.
UK_EXTRA_ONSETS = ["Жу", "Щер", "Зі", "Ґу", "Єр", "Їж", "Шу", "Хри", "Ци", "Ге", "Бі", "Ві", "Ем"]
UK_EXTRA_ENDINGS = ["ський", "цький", "ів", "їв", "єнко", "ьов", "ишин", "ій"]
RU_EXTRA_ONSETS = ["Жу", "Щер", "Зи", "Эр", "Шу", "Хри", "Цы", "Ге", "Бы", "Вя", "Подъя", "Е"]
RU_EXTRA_ENDINGS = ["ский", "цкий", "ев", "ьев", "ых", "ышев", "ой", "кин", "ина"]


def table_names():
    """(male given, female given, male patronymic, female patronymic) per language, from the name table."""
    text = TABLE.read_text(encoding="utf-8").split('#"""\n', 1)[1].split('\n"""#', 1)[0]
    cyr = re.compile(r"^[\u0400-\u04ff\u02bc']+$")
    out = {lang: {"given-m": [], "given-f": [], "patronymic-m": [], "patronymic-f": []} for lang in ("uk", "ru")}
    section = None
    for line in text.split("\n"):
        m = re.match(r"#\s*\[(male|female)\]", line)
        if m:
            section = m.group(1)
        if not line.strip() or line.startswith("#") or ":" not in line:
            continue
        rest = line.split(":", 1)[1]
        given, _, pats = rest.partition("|")
        g = [s.strip() for s in given.split(",") if cyr.match(s.strip())]
        p = [s.strip() for s in pats.split(",") if cyr.match(s.strip())]
        if not g:
            continue
        ru = next((s for s in g[1:] if not (set(s.lower()) & UK_ONLY)), g[0])
        sex = "m" if section == "male" else "f"
        out["uk"]["given-" + sex].append(g[0])
        out["ru"]["given-" + sex].append(ru)
        if sex == "m" and p:
            uk_m = next((s for s in p if s.endswith("ич")), None)
            uk_f = next((s for s in p if s.endswith(("івна", "ївна"))), None)
            ru_m = next((s for s in p if s.endswith("ич") and not (set(s.lower()) & UK_ONLY)), None)
            ru_f = next((s for s in p if s.endswith(("овна", "евна", "ична"))), None)
            for lang, mm, ff in (("uk", uk_m, uk_f), ("ru", ru_m, ru_f)):
                if mm and ff:
                    out[lang]["patronymic-m"].append(mm)
                    out[lang]["patronymic-f"].append(ff)
    return out


def surnames(rng, lang, count):
    onsets = ONSETS + (UK_EXTRA_ONSETS if lang == "uk" else RU_EXTRA_ONSETS)
    endings = ENDINGS + (UK_EXTRA_ENDINGS if lang == "uk" else RU_EXTRA_ENDINGS)
    seen, out = set(), []
    while len(out) < count:
        s = rng.choice(onsets) + rng.choice(MIDDLES) + rng.choice(endings)
        if re.search(r"[аеєиіїоуюяыэё][ьъ]|[ьъ][ьъ]|[аеиіоуы]у", s):
            continue  # a sign after a vowel, or у after a vowel, is not a name of either language
        if lang == "ru":
            s = s.replace("є", "е").replace("ї", "и").replace("і", "и")
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out


# Names that differ in exactly the letters standards spell differently: each pair must keep two
# skeletons under every standard that writes them differently.
CONTRAST = {
    "uk": [("Чуб", "Цуб"), ("Жученко", "Зученко"), ("Хоменко", "Гоменко"), ("Хоменко", "Коменко"),
           ("Цапенко", "Сапенко"), ("Чабан", "Шабан"), ("Шевчук", "Шевцук"), ("Ковальчук", "Ковалюк"),
           ("Яценко", "Аценко"), ("Юрченко", "Урченко"), ("Жила", "Шила"), ("Хижняк", "Кижняк"),
           ("Цимбал", "Чимбал"), ("Гаврищук", "Гаврилюк"), ("Оксенюк", "Охсенюк"), ("Зінченко", "Жінченко")],
    "ru": [("Чуб", "Цуб"), ("Жуков", "Зуков"), ("Хохлов", "Гохлов"), ("Цветков", "Светков"),
           ("Шилов", "Чилов"), ("Жилин", "Шилин"), ("Ханин", "Канин"), ("Ясин", "Асин"), ("Юдин", "Удин"),
           ("Щукин", "Чукин"), ("Зайцев", "Зайчев"), ("Махов", "Маков"), ("Рыжов", "Рызов"), ("Ершов", "Ерцов")],
}


def write_fixture(seed):
    rng = random.Random(seed)
    names = table_names()
    rows = []
    for lang in ("uk", "ru"):
        picked = [("surname", s) for s in surnames(rng, lang, 45)]
        for kind in ("given-m", "given-f", "patronymic-m", "patronymic-f"):
            pool = sorted(set(names[lang][kind]))
            for s in rng.sample(pool, min(len(pool), 12)):
                picked.append((kind.split("-")[0], s))
        for std, (_, langs) in STANDARDS.items():
            if lang not in langs:
                continue
            for kind, cyr in picked:
                rows.append((std, lang, kind, cyr, romanize(cyr, std, lang)))
            for x, y in CONTRAST[lang]:
                rows.append((std, lang, "contrast", f"{x}|{y}", f"{romanize(x, std, lang)}|{romanize(y, std, lang)}"))
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    with open(FIXTURE, "w", encoding="utf-8", newline="\n") as f:
        f.write("# standard\tlanguage\tkind\tcyrillic\tlatin  (made by scripts/make-translit-fixture.py; synthetic)\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{FIXTURE.relative_to(ROOT)}: {len(rows)} rows, {len(STANDARDS)} standards", file=sys.stderr)


def write_lists(out_dir, size, seed):
    """Lists of `size` people per language, in Cyrillic and under each standard.

    People come in cohorts of four sharing a date of birth, so only the names tell them apart: a
    skeleton that merges distinct names shows as lost precision. The Latin lists leave out every
    third date of birth, as real lists do, so those people are found by their names alone: a
    skeleton that misses shows as lost recall.
    """
    rng = random.Random(seed)
    names = table_names()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    header = ["record_id", "surname", "given_name", "patronymic", "date_of_birth", "sex"]
    for lang in ("uk", "ru"):
        pool = surnames(rng, lang, size * 2)
        people = []
        for i in range(size):
            if i % 4 == 0:
                dob = f"{rng.randint(1960, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            sex = "M" if rng.random() < 0.8 else "F"
            k = sex.lower()
            given = rng.choice(names[lang]["given-" + k])
            pat = rng.choice(names[lang]["patronymic-" + k])
            surname = pool[i]
            if sex == "F" and lang == "ru" and surname.endswith(("ов", "ев", "ин")):
                surname += "а"
            people.append([f"P{i + 1:06d}", surname, given, pat, dob, sex])
        with open(out_dir / f"{lang}-cyrillic.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(people)
        for std, (_, langs) in STANDARDS.items():
            if lang not in langs:
                continue
            with open(out_dir / f"{lang}-{std}.csv", "w", encoding="utf-8", newline="") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(header)
                for i, p in enumerate(people):
                    w.writerow([p[0], romanize(p[1], std, lang), romanize(p[2], std, lang),
                                romanize(p[3], std, lang), "" if i % 3 == 2 else p[4], p[5]])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lists", metavar="DIR")
    ap.add_argument("--size", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--standards", action="store_true", help="print the standard ids and languages")
    a = ap.parse_args()
    if a.standards:
        for std, (title, langs) in STANDARDS.items():
            print(std, ",".join(langs), title, sep="\t")
    elif a.lists:
        write_lists(a.lists, a.size, a.seed)
    else:
        write_fixture(a.seed)


if __name__ == "__main__":
    main()
