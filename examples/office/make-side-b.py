#!/usr/bin/env python3
"""Writes side-b.xlsx: side B's list as an office sends it, a covering letter on the first sheet
and the list, under a title, on the second. Every person is invented. Standard library only:

    python3 examples/office/make-side-b.py
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def col(i):
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def sheet(rows):
    """rows: {row number: [cell text, ...]}, inline strings."""
    out = []
    for r, cells in sorted(rows.items()):
        cs = "".join(f'<c r="{col(i)}{r}" t="inlineStr"><is><t>{esc(v)}</t></is></c>'
                     for i, v in enumerate(cells) if v)
        out.append(f'<row r="{r}">{cs}</row>')
    return f'{HEAD}<worksheet {NS}><sheetData>{"".join(out)}</sheetData></worksheet>'


letter = sheet({1: ["Сопроводительное письмо"], 3: ["Направляем список лиц, предлагаемых к освобождению."]})
people = sheet({
    1: ["Список лиц, предлагаемых к освобождению"],
    3: ["№ записи", "Фамилия", "Имя", "Отчество", "Дата рождения", "Личный номер", "Звание"],
    4: ["РФ-101", "Коваленко", "Александр", "Сергеевич", "12.05.1990", "С212578", "рядовой"],
    5: ["РФ-102", "Шевчук", "Вячеслав", "Григорьевич", "02.11.1985", "", "сержант"],
    6: ["РФ-103", "Бондарь", "Игорь", "Петрович", "07.03.1988", "", "рядовой"],
    7: ["РФ-104", "Ткачук", "Роман", "Иванович", "15.01.1979", "А-58392", "младший сержант"],
    8: ["РФ-105", "Литвиненко", "Тарас", "Богданович", "30.09.1993", "М-400172", "рядовой"],
    9: ["1/15", "Мельник", "Юрий", "Степанович", "19.06.1984", "Р-771203", "ефрейтор"],
    10: ["1-15", "Мельник", "Юрий", "Степанович", "19.06.1984", "Р-390561", "рядовой"],
    12: ["Итого: 7 человек"],
    13: ["Исполнитель", "", "Петров П.П."],
})
workbook = (f'{HEAD}<workbook {NS} {NS_R}><workbookPr/><sheets>'
            '<sheet name="Письмо" sheetId="1" r:id="rId1"/><sheet name="Список" sheetId="2" r:id="rId2"/>'
            '</sheets></workbook>')
rels = (f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                  f'relationships/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in (1, 2))
        + '</Relationships>')
types = (f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" '
         'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in (1, 2))
         + '</Types>')
root = (f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>')

with zipfile.ZipFile(os.path.join(HERE, "side-b.xlsx"), "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in [("[Content_Types].xml", types), ("_rels/.rels", root), ("xl/workbook.xml", workbook),
                       ("xl/_rels/workbook.xml.rels", rels), ("xl/worksheets/sheet1.xml", letter),
                       ("xl/worksheets/sheet2.xml", people)]:
        info = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text)
