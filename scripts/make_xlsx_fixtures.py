#!/usr/bin/env python3
"""Writes the .xlsx import fixtures as Microsoft Forms and SurveyMonkey lay out their
Excel exports, for one seven-person round of questionnaire 2.0.0's quick check, plus the
rows the xlsx reader must return for each (a JSON array of arrays of strings), which the
CSV layout logic and crates/trellis-xlsx/tests/fixtures.rs use.

Python's standard library only (zipfile), so nothing hides how the files are built: the
parts Excel writes (content types, relationships, workbook, styles, a shared string
table, one worksheet), cells referenced as `r="C7"`, empty answers left out of the sheet
(as Excel does), and the time columns as date serials with a date style.

Layouts (docs/collection.md has the steps a facilitator takes):
- Microsoft Forms, "Open in Excel": ID, Start time, Completion time, Email, Name, Last
  modified time, then a column per question; a Likert question has a column per
  statement, headed by the statement. Forms exports submitted responses only, so the
  half-finished respondent cannot appear; an optional question left blank can.
- SurveyMonkey, "All responses data" as XLSX: two header rows, as in its CSV. Row one has
  the metadata names and each question's text over its first column; row two has
  "Response" (or "Open-Ended Response") for a single column and the statement for each
  matrix row. A half-finished (partial) response has its later answers empty.

Usage: python3 scripts/make_xlsx_fixtures.py (from anywhere; writes into the repository)."""
import datetime
import json
import os
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "crates", "trellis-core", "tests", "fixtures", "import")
INSTRUMENT = os.path.join(ROOT, "crates", "trellis-core", "instruments", "trellis-2.0.0.json")
# A fixed time inside the archives, so the files are the same on every run.
ZIP_TIME = (2025, 3, 14, 12, 0, 0)

ORG_QUESTION = "Which organisation do you work for?"
ROLE_QUESTION = "What is your role?"
COMMENT_QUESTION = "Is there anything else you would like to tell us about this collaboration?"
LIKERT_QUESTION = "How much do you agree with each statement?"

SD, D, N, A, SA, DK, NA = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
                           "Strongly agree", "Don't know", "Not applicable")

# Seven people: organisation, role as they typed it, sixteen answers ("" left blank),
# comment, minute they started (on 10 March 2025, from 09:00) and minutes they took. The
# same round as the CSV fixtures (tests/reading.rs checks every platform against it).
PEOPLE = [
    ("Northshire Community Health NHS Trust", "District nurse",
     [A, A, DK, N, A, SA, A, N, N, D, A, N, A, A, N, N], "", 14, 6),
    ("Northshire County Council", "Head of Service - Adult Social Care",
     [N, A, A, N, "", A, N, D, N, D, N, D, A, N, N, D], "We need a clearer way to escalate problems.", 62, 4),
    ("Riverside Primary Care Network", "GP",
     [SA, A, A, A, A, SA, A, A, A, N, A, N, A, A, A, A], "", 95, 9),
    ("Northshire Community Health NHS Trust", "Exec director",
     [A, SA, A, A, SA, SA, A, A, N, N, A, A, SA, A, A, A],
     "Good start; funding is the risk, and we have not agreed it yet.", 131, 5),
    ("Northshire Carers Forum", "Service user representative",
     [D, N, N, D, N, A, DK, D, D, NA, N, D, N, N, D, D], "", 184, 7),
    ("Northshire County Council", "Social worker",
     [N, N, A, N, A, A, N, N, "", "", "", "", "", "", "", ""], "", 250, 3),
    ("Riverside Primary Care Network", "Practice manager",
     [A, A, N, A, A, A, N, N, N, N, A, N, A, N, N, N], "", 301, 8),
]
# SurveyMonkey only: the sixth person stopped after the first eight statements.
PARTIAL = 5
PARTIAL_ANSWERED = 8


def statements():
    with open(INSTRUMENT, encoding="utf-8") as f:
        instrument = json.load(f)
    return [s["text"] for s in instrument["statements"] if "quick" in s.get("modes", [])]


def column(n):
    """Excel's letters for a zero-based column."""
    letters = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def serial(moment):
    """Excel's 1900 date serial of a datetime (days since 1899-12-30, for dates after 1900-03-01)."""
    delta = moment - datetime.datetime(1899, 12, 30)
    return delta.days + delta.seconds / 86400


class Date:
    """A cell holding a date: a serial with the date style, read back as ISO 8601 text."""

    def __init__(self, moment):
        self.moment = moment


def workbook(rows, sheet_name, date_format):
    """The parts of an .xlsx file holding `rows` (cells: str, int, Date or None for
    empty), and the rows the reader returns for it."""
    strings, index = [], {}
    cells_xml, expected = [], []
    width = max(len(r) for r in rows)
    for r, row in enumerate(rows, start=1):
        cells, out = [], []
        for c, value in enumerate(row):
            ref = f"{column(c)}{r}"
            if value is None or value == "":
                out.append("")
                continue
            if isinstance(value, Date):
                # Excel writes the shortest text that gives the double back, like repr.
                cells.append(f'<c r="{ref}" s="1"><v>{repr(serial(value.moment))}</v></c>')
                out.append(value.moment.strftime("%Y-%m-%dT%H:%M:%S"))
            elif isinstance(value, int):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
                out.append(str(value))
            else:
                if value not in index:
                    index[value] = len(strings)
                    strings.append(value)
                cells.append(f'<c r="{ref}" t="s"><v>{index[value]}</v></c>')
                out.append(value)
        cells_xml.append(f'<row r="{r}" spans="1:{width}">{"".join(cells)}</row>')
        expected.append(out + [""] * (width - len(out)))
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    pkg = "http://schemas.openxmlformats.org/package/2006"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sheet_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<worksheet {ns} {rel_ns}><dimension ref="A1:{column(width - 1)}{len(rows)}"/>'
        f'<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>'
        f'<sheetData>{"".join(cells_xml)}</sheetData></worksheet>'
    )
    count = sum(1 for row in rows for v in row if isinstance(v, str) and v)
    sst = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<sst {ns} count="{count}" uniqueCount="{len(strings)}">'
        + "".join(f'<si><t xml:space="preserve">{esc(s)}</t></si>' for s in strings)
        + "</sst>"
    )
    fmt_id, custom = date_format
    num_fmts = f'<numFmts count="1"><numFmt numFmtId="{fmt_id}" formatCode="{esc(custom)}"/></numFmts>' if custom else ""
    styles = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f"<styleSheet {ns}>{num_fmts}"
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        f'<xf numFmtId="{fmt_id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            f'<Types xmlns="{pkg}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            f'<Relationships xmlns="{pkg}/relationships">'
            f'<Relationship Id="rId1" Type="{office}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            f'<workbook {ns} {rel_ns}><workbookPr/><bookViews><workbookView/></bookViews>'
            f'<sheets><sheet name="{esc(sheet_name)}" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            f'<Relationships xmlns="{pkg}/relationships">'
            f'<Relationship Id="rId1" Type="{office}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{office}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId3" Type="{office}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": sheet_xml,
        "xl/styles.xml": styles,
        "xl/sharedStrings.xml": sst,
    }
    return parts, expected


def write(name, parts, expected, rows_name):
    with zipfile.ZipFile(os.path.join(OUT, name), "w", zipfile.ZIP_DEFLATED) as z:
        for path, text in parts.items():
            info = zipfile.ZipInfo(path, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    with open(os.path.join(OUT, rows_name), "w", encoding="utf-8", newline="\n") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write("\n")


def times(person):
    start = datetime.datetime(2025, 3, 10, 9, 0, 0) + datetime.timedelta(minutes=person[4], seconds=17 * person[4] % 60)
    return start, start + datetime.timedelta(minutes=person[5], seconds=23)


def microsoft_forms(texts):
    header = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
              ORG_QUESTION, ROLE_QUESTION] + texts + [COMMENT_QUESTION]
    rows = [header]
    for i, person in enumerate(PEOPLE, start=1):
        start, end = times(person)
        # The form is anonymous: Forms writes "anonymous" and leaves the name and the
        # last modified time empty.
        rows.append([i, Date(start), Date(end), "anonymous", None, None, person[0], person[1]] + person[2] + [person[3]])
    return rows


def surveymonkey(texts):
    meta = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
            "Email Address", "First Name", "Last Name", "Custom Data 1"]
    first = meta + [ORG_QUESTION, ROLE_QUESTION, LIKERT_QUESTION] + [None] * (len(texts) - 1) + [COMMENT_QUESTION]
    second = [None] * len(meta) + ["Response", "Open-Ended Response"] + texts + ["Open-Ended Response"]
    rows = [first, second]
    for i, person in enumerate(PEOPLE):
        start, end = times(person)
        answers = list(person[2])
        comment = person[3]
        if i == PARTIAL:
            answers = answers[:PARTIAL_ANSWERED] + [""] * (len(answers) - PARTIAL_ANSWERED)
            comment = ""
        rows.append([11863540000 + 137 * i, 438210961, Date(start), Date(end), f"198.51.100.{20 + i}",
                     None, None, None, None, person[0], person[1]] + answers + [comment])
    return rows


def main():
    texts = statements()
    if len(texts) != 16:
        raise SystemExit(f"make_xlsx_fixtures: expected 16 quick-check statements, found {len(texts)}")
    os.makedirs(OUT, exist_ok=True)
    # Forms writes a custom date-time format; SurveyMonkey's export uses the built-in one (22).
    parts, expected = workbook(microsoft_forms(texts), "Sheet1", (164, "m/d/yy h:mm:ss"))
    write("microsoft-forms.xlsx", parts, expected, "microsoft-forms.rows.json")
    parts, expected = workbook(surveymonkey(texts), "Sheet", (22, None))
    write("surveymonkey.xlsx", parts, expected, "surveymonkey-xlsx.rows.json")
    print(f"make_xlsx_fixtures: wrote microsoft-forms.xlsx and surveymonkey.xlsx with their rows in {OUT}")


if __name__ == "__main__":
    main()
