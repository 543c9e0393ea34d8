#!/usr/bin/env python3
"""Writes the small xlsx fixtures of ParleyMatchTests, with the standard library only.

Each workbook is a zip of hand-written SpreadsheetML parts, so the tests exercise exactly the
features named here (shared strings with rich-text runs, inline strings, date serials under
built-in and custom date styles, gap cells, the 1904 date system, sheet resolution through the
workbook's relationships). All names are invented. Run from the repository root:

    python3 scripts/make-xlsx-fixtures.py
"""
import datetime
import os
import zipfile

OUT = os.path.join("Tests", "ParleyMatchTests", "Fixtures")
STAMP = (2024, 1, 1, 0, 0, 0)

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL_SHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"


def serial(y, m, d, date1904=False):
    """The spreadsheet serial number of a date."""
    base = datetime.date(1904, 1, 1) if date1904 else datetime.date(1899, 12, 30)
    return (datetime.date(y, m, d) - base).days


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def content_types(sheets):
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/{s}" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for s in sheets)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + overrides + '</Types>')


ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" '
             'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
             'Target="xl/workbook.xml"/></Relationships>')


def workbook(sheets, date1904=False):
    """sheets: [(name, relationship id)] in tab order."""
    pr = '<workbookPr date1904="1"/>' if date1904 else '<workbookPr/>'
    items = "".join(f'<sheet name="{esc(n)}" sheetId="{i + 1}" r:id="{rid}"/>' for i, (n, rid) in enumerate(sheets))
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {NS} {NS_R}>{pr}<sheets>{items}</sheets></workbook>'


def workbook_rels(targets):
    """targets: [(relationship id, target)]."""
    items = "".join(f'<Relationship Id="{rid}" Type="{REL_SHEET}" Target="{t}"/>' for rid, t in targets)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>')


# Cell formats: 0 general, 1 built-in date (14), 2 custom date "dd.mm.yyyy" (164), 3 number "0.00".
STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          f'<styleSheet {NS}>'
          '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy;@"/></numFmts>'
          '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
          '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
          '<borders count="1"><border/></borders>'
          '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
          '<cellXfs count="4">'
          '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
          '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
          '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
          '</cellXfs></styleSheet>')


class Sheet:
    """Collects cells as (reference, xml) and shared strings in first-use order."""

    def __init__(self, shared):
        self.rows = {}
        self.shared = shared

    def s(self, ref, text):
        if text not in self.shared:
            self.shared.append(text)
        self._put(ref, f'<c r="{ref}" t="s"><v>{self.shared.index(text)}</v></c>')

    def inline(self, ref, text):
        self._put(ref, f'<c r="{ref}" t="inlineStr"><is><t>{esc(text)}</t></is></c>')

    def num(self, ref, value, style=0):
        st = f' s="{style}"' if style else ""
        self._put(ref, f'<c r="{ref}"{st}><v>{value}</v></c>')

    def raw(self, ref, xml):
        self._put(ref, xml)

    def _put(self, ref, xml):
        row = int("".join(ch for ch in ref if ch.isdigit()))
        self.rows.setdefault(row, []).append(xml)

    def xml(self):
        rows = "".join(f'<row r="{r}">{"".join(cells)}</row>' for r, cells in sorted(self.rows.items()))
        return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {NS}><sheetData>{rows}</sheetData></worksheet>'


def shared_strings(strings, rich=None):
    """rich: {text: [run, run...]} writes that string as rich-text runs."""
    rich = rich or {}
    items = []
    for s in strings:
        if s in rich:
            runs = "".join(f'<r><rPr><b/></rPr><t xml:space="preserve">{esc(r)}</t></r>' for r in rich[s])
            items.append(f"<si>{runs}</si>")
        else:
            items.append(f"<si><t>{esc(s)}</t></si>")
    n = len(strings)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<sst {NS} count="{n}" uniqueCount="{n}">{"".join(items)}</sst>')


def write(name, parts):
    path = os.path.join(OUT, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for part, text in parts:
            info = zipfile.ZipInfo(part, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    print(f"wrote {path} ({os.path.getsize(path)} bytes)")


def basic():
    """Ukrainian headers; shared, rich and inline strings; dates under both date styles; gaps."""
    shared = []
    sh = Sheet(shared)
    for ref, text in [("A1", "№"), ("B1", "Прізвище"), ("C1", "Ім'я"), ("D1", "По батькові"),
                      ("E1", "Дата народження"), ("F1", "Особистий номер"), ("G1", "Дата полону")]:
        sh.s(ref, text)
    # Row 2: everything present; the surname is a rich-text string of two runs.
    sh.num("A2", 1)
    sh.s("B2", "Тестенко")
    sh.s("C2", "Петро")
    sh.s("D2", "Іванович")
    sh.num("E2", serial(1990, 5, 17), style=1)
    sh.num("F2", 1234567)
    sh.num("G2", serial(2022, 4, 3), style=2)
    # Row 3: an inline string, gaps in D, F and G (cells simply absent), a date stored as text.
    sh.num("A3", 2)
    sh.inline("B3", "Вигаденко")
    sh.s("C3", "Марко")
    sh.s("E3", "01.02.1985")
    # Row 5 (row 4 is absent): a sparse row with values in A, B, C and G only.
    sh.num("A5", 3)
    sh.s("B5", "Зразков")
    sh.inline("C5", "Олег")
    sh.num("G5", serial(2023, 1, 9), style=1)
    # Row 6: no patronymic or dates; a service number stored as a fractional number.
    sh.num("A6", 4)
    sh.s("B6", "Примірний")
    sh.s("C6", "Андрій")
    sh.num("F6", "98765.5", style=3)
    sst = shared_strings(shared, rich={"Тестенко": ["Тест", "енко"]})
    write("basic.xlsx", [
        ("[Content_Types].xml", content_types(["sheet1.xml"])),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook([("Список", "rId1")])),
        ("xl/_rels/workbook.xml.rels", workbook_rels([("rId1", "worksheets/sheet1.xml")])),
        ("xl/styles.xml", STYLES),
        ("xl/sharedStrings.xml", sst),
        ("xl/worksheets/sheet1.xml", sh.xml()),
    ])


def gap():
    """A header with a gap (A1, C1); row 3's cells have no references and follow each other."""
    sh = Sheet([])
    sh.inline("A1", "Surname")
    sh.inline("C1", "First name")
    sh.inline("A2", "Testerson")
    sh.inline("C2", "Ivan")
    sh.raw("A3", '<c t="inlineStr"><is><t>Sampleby</t></is></c>')
    sh.raw("A3", '<c t="inlineStr"><is><t>unused</t></is></c>')
    sh.raw("A3", '<c t="inlineStr"><is><r><t>Ol</t></r><r><t>ena</t></r></is></c>')
    write("gap.xlsx", [
        ("[Content_Types].xml", content_types(["sheet1.xml"])),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook([("People", "rId1")])),
        ("xl/_rels/workbook.xml.rels", workbook_rels([("rId1", "worksheets/sheet1.xml")])),
        ("xl/worksheets/sheet1.xml", sh.xml()),
    ])


def second_part():
    """The first sheet in tab order is stored as sheet2.xml; sheet1.xml is a decoy."""
    real = Sheet([])
    real.inline("A1", "Фамилия")
    real.inline("B1", "Имя")
    real.inline("C1", "Дата рождения")
    real.inline("A2", "Выдумкин")
    real.inline("B2", "Семён")
    real.num("C2", serial(1979, 12, 31, date1904=True))  # no date style: a date by its column
    decoy = Sheet([])
    decoy.inline("A1", "Nothing")
    write("first-sheet-1904.xlsx", [
        ("[Content_Types].xml", content_types(["sheet1.xml", "sheet2.xml"])),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook([("Main", "rId7"), ("Other", "rId3")], date1904=True)),
        ("xl/_rels/workbook.xml.rels", workbook_rels([("rId3", "worksheets/sheet1.xml"),
                                                       ("rId7", "/xl/worksheets/sheet2.xml")])),
        ("xl/worksheets/sheet1.xml", decoy.xml()),
        ("xl/worksheets/sheet2.xml", real.xml()),
    ])


def no_workbook():
    """Only a sheet at the default path: read through the fallback."""
    sh = Sheet([])
    sh.inline("A1", "ПІБ")
    sh.inline("A2", "Коваленко Тарас Петрович")
    write("no-workbook.xlsx", [("xl/worksheets/sheet1.xml", sh.xml())])


def no_sheet():
    """A workbook whose only sheet is missing from the archive."""
    write("no-sheet.xlsx", [
        ("[Content_Types].xml", content_types([])),
        ("xl/workbook.xml", workbook([("Gone", "rId1")])),
        ("xl/_rels/workbook.xml.rels", workbook_rels([("rId1", "worksheets/gone.xml")])),
    ])


def errors():
    """A value outside the header (row 3) and, separately, an unreadable date (row 4)."""
    for name, ref, xml in [
        ("ragged.xlsx", "D3", '<c r="D3" t="inlineStr"><is><t>stray</t></is></c>'),
        ("bad-date.xlsx", "C4", '<c r="C4" t="inlineStr"><is><t>31.02.1990</t></is></c>'),
    ]:
        sh = Sheet([])
        for ref2, text in [("A1", "Surname"), ("B1", "Given name"), ("C1", "Date of birth"),
                           ("A2", "Testerson"), ("B2", "Ivan"), ("A3", "Sampleby"), ("B3", "Olena"),
                           ("A4", "Exampler"), ("B4", "Petra")]:
            sh.inline(ref2, text)
        sh.raw(ref, xml)
        write(name, [
            ("xl/workbook.xml", workbook([("S", "rId1")])),
            ("xl/_rels/workbook.xml.rels", workbook_rels([("rId1", "worksheets/sheet1.xml")])),
            ("xl/worksheets/sheet1.xml", sh.xml()),
        ])


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    basic()
    gap()
    second_part()
    no_workbook()
    no_sheet()
    errors()
