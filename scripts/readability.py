#!/usr/bin/env python3
"""Plain-English check for the Trellis instrument files.

Usage:
    python3 scripts/readability.py [PATH_TO_INSTRUMENT_JSON ...] [--all]

Standard library only. Without a path it checks every shipped instrument,
crates/trellis-core/instruments/*.json (relative to the repo root), each file on
its own: every file must pass, because old rounds are still shown in the wording
of the version they were answered against. For each file it scores the text that
respondents see:

  * the instrument summary,
  * scale labels (the five points, "Don't know" and "Not applicable"),
  * mode summaries and each mode's time frame (the sentence shown above its
    statements, format 3),
  * level names and level summaries (the central maturity levels),
  * the partner map's steps: names and summaries (format 3),
  * domain titles and summaries, readiness domains included,
  * each domain's level descriptors (readiness domains may have none),
  * every statement.

For each item it computes:

  Flesch Reading Ease   = 206.835 - 1.015 * (words / sentences) - 84.6 * (syllables / words)
  Flesch-Kincaid grade  = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59
  UK reading age        = Flesch-Kincaid grade + 5   (US grade 1 is roughly age 6)

Overall figures are given two ways, and both must pass:
  * pooled:  the formulas applied to all respondent text taken as one passage;
  * mean:    the average reading age of the individual items that are long
             enough to score (see MIN_WORDS below).

Items shorter than MIN_WORDS words (scale labels, level names, domain titles)
count towards the pooled figure but are not ranked or judged one by one, because
the formulas give meaningless results for two or three words ("Established" on
its own would score as a university text).

Exit status is 1 (fail) when, in any one file:
  * the pooled or the mean reading age is above 14, or
  * any single statement has a reading age above 16.
Other items above 16 are flagged as warnings in the output.

With --all it also reports, for information only, the facilitator-facing text
(context questions and help, action titles, details, reasons and signs). That
text is not part of the pass/fail test.

Syllable heuristic (documented because every readability score depends on it):
  1. Lower-case the word and keep letters only.
  2. Words of three letters or fewer count as one syllable.
  3. Count groups of consecutive vowels (a, e, i, o, u, y).
  4. Subtract one for a silent final "e" (as in "make"), but not for a final
     "le" after a consonant (as in "table"), which is voiced.
  5. Subtract one for a final "es" or "ed" that is not voiced (as in "shares",
     "helped"); "ed" after "t" or "d" ("wanted") and "es" after a hissing
     sound ("pushes", "faces") keep their syllable.
  6. Add one for vowel pairs that are usually split ("ia" as in "media",
     "io" as in "period", "eo", "ua", "uo") and for the ending "ism", but not
     in "tion", "sion", "cial", "tial" or "cious", where the "i" is silent.
  6a. Subtract one for a silent "e" before the suffixes "ment", "ly", "ness"
     and "ful" ("statement", "safely", "useful").
  7. Every word has at least one syllable.
  A small exception list corrects common words the rules get wrong.
Numbers count as one word of two syllables. Hyphenated words count as one word.
Sentences end at ".", "!", "?" or ";"; text without an ending counts as one
sentence. The heuristic is within about one syllable per ten words of a
dictionary count for the vocabulary used here, which is enough to compare
wordings and to catch long, Latinate sentences.
"""
import json
import os
import re
import sys

READING_AGE_OVERALL_LIMIT = 14.0
READING_AGE_STATEMENT_LIMIT = 16.0
MIN_WORDS = 5
GRADE_TO_AGE = 5.0

INSTRUMENTS_DIR = os.path.join(
    os.path.dirname(os.path.abspath(__file__)),
    "..", "crates", "trellis-core", "instruments",
)

# Words the rules below miscount.
SYLLABLE_EXCEPTIONS = {
    "people": 2, "every": 2, "business": 2, "different": 3, "evening": 2,
    "being": 2, "doing": 2, "going": 2, "seeing": 2, "agreeing": 3,
    "area": 3, "areas": 3, "idea": 3, "ideas": 3, "create": 2, "created": 3,
    "someone": 2, "something": 2, "sometimes": 2, "everyone": 3,
    "whether": 2, "where": 1, "there": 1, "here": 1, "were": 1, "more": 1,
    "once": 1, "one": 1, "done": 1, "gone": 1, "none": 1, "some": 1,
    "come": 1, "came": 1, "become": 2, "whole": 1, "therefore": 2,
    "service": 2, "services": 3, "organisation": 5, "organisations": 5,
    "organisation's": 5, "collaboration": 5, "collaborations": 5,
    "naive": 2, "science": 2, "quiet": 2, "via": 2, "being's": 2,
    "real": 1, "really": 2, "client": 2, "clients": 2, "prior": 2,
    "user": 2, "users": 2, "useful": 2, "used": 1, "uses": 2,
    "leave": 1, "carers": 2, "carer": 2, "lives": 1, "toward": 2,
}

VOWELS = "aeiouy"


def count_syllables(word):
    """Estimate the syllables in one word (see the module docstring)."""
    w = word.lower().strip("'")
    if w in SYLLABLE_EXCEPTIONS:
        return SYLLABLE_EXCEPTIONS[w]
    if w.endswith("'s"):
        w = w[:-2]
    w = re.sub(r"[^a-z]", "", w)
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    groups = re.findall(r"[aeiouy]+", w)
    n = len(groups)
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and n > 1:
        n -= 1
    elif w.endswith("le") and len(w) > 2 and w[-3] not in VOWELS:
        pass  # "table", "people": final "le" is voiced
    elif w.endswith("le") and n > 1:
        n -= 1
    if w.endswith("ed") and n > 1 and not w.endswith(("ted", "ded")) and w[-3] not in VOWELS:
        n -= 1
    if w.endswith("es") and n > 1 and len(w) > 3:
        before = w[-3]
        hissing = w.endswith(("ses", "zes", "xes", "ches", "shes", "ges", "ces"))
        if not hissing and before not in VOWELS:
            n -= 1
    for pair in ("ia", "io", "eo", "ua", "uo"):
        n += len(re.findall(pair, w))
    # "tion"/"sion"/"cious"/"cial"/"tial": the "i" is not its own syllable
    n -= len(re.findall(r"(?:[st]io|cia|tia|cio)", w))
    if w.endswith("ism"):
        n += 1
    # silent "e" inside a word before a suffix: "statement", "safely", "useful"
    n -= len(re.findall(r"[^aeiouy]e(?:ment|ly|ness|ful)", w))
    return max(1, n)


WORD_RE = re.compile(r"[A-Za-z]+(?:[-'][A-Za-z]+)*|\d+(?:[.,]\d+)*")


def text_stats(text):
    """Return (sentences, words, syllables) for a piece of text."""
    words = WORD_RE.findall(text)
    sentences = len([s for s in re.split(r"[.!?;]+", text) if WORD_RE.search(s)])
    sentences = max(1, sentences)
    syllables = 0
    for w in words:
        if w[0].isdigit():
            syllables += 2
        else:
            syllables += sum(count_syllables(part) for part in w.split("-"))
    return sentences, len(words), syllables


def scores(sentences, words, syllables):
    if words == 0:
        return None
    wps = words / sentences
    spw = syllables / words
    ease = 206.835 - 1.015 * wps - 84.6 * spw
    grade = 0.39 * wps + 11.8 * spw - 15.59
    return {"ease": ease, "grade": grade, "age": grade + GRADE_TO_AGE, "wps": wps, "spw": spw}


def respondent_items(inst):
    """Yield (kind, id, text) for every respondent-facing piece of text."""
    yield ("summary", "instrument", inst.get("summary", ""))
    scale = inst.get("scale", {})
    for p in scale.get("points", []):
        yield ("scale", str(p.get("value")), p.get("label", ""))
    for key in ("dont_know", "not_applicable"):
        if scale.get(key):
            yield ("scale", key, scale[key])
    for m in inst.get("modes", []):
        yield ("mode", m["id"], m.get("summary", ""))
        if m.get("time_frame"):
            yield ("time-frame", m["id"], m["time_frame"])
    for lv in inst.get("levels", []):
        yield ("level-name", str(lv["level"]), lv.get("name", ""))
        yield ("level", str(lv["level"]), lv.get("summary", ""))
    for lv in inst.get("partner_levels", []):
        yield ("partner-name", str(lv["level"]), lv.get("name", ""))
        yield ("partner", str(lv["level"]), lv.get("summary", ""))
    for d in inst.get("domains", []):
        yield ("domain-title", d["id"], d.get("title", ""))
        yield ("domain", d["id"], d.get("summary", ""))
        for i, desc in enumerate(d.get("levels", []), start=1):
            yield ("descriptor", f"{d['id']}.L{i}", desc)
    for s in inst.get("statements", []):
        yield ("statement", s["id"], s.get("text", ""))


def facilitator_items(inst):
    for c in inst.get("context", []):
        yield ("context", c["id"], c.get("question", ""))
        if c.get("help"):
            yield ("context-help", c["id"], c["help"])
    for a in inst.get("actions", []):
        for field in ("title", "detail", "why", "signs"):
            if a.get(field):
                yield (f"action-{field}", a["id"], a[field])


def analyse(items):
    rows = []
    tot = [0, 0, 0]
    for kind, ident, text in items:
        st = text_stats(text)
        for i in range(3):
            tot[i] += st[i]
        sc = scores(*st)
        rows.append({"kind": kind, "id": ident, "text": text, "words": st[1], "sc": sc})
    pooled = scores(*tot) if tot[1] else None
    scored = [r for r in rows if r["sc"] and r["words"] >= MIN_WORDS]
    mean_age = sum(r["sc"]["age"] for r in scored) / len(scored) if scored else 0.0
    mean_ease = sum(r["sc"]["ease"] for r in scored) / len(scored) if scored else 0.0
    return rows, scored, pooled, mean_age, mean_ease, tot


def short(text, n=62):
    return text if len(text) <= n else text[: n - 3] + "..."


def print_table(scored, limit=10):
    worst = sorted(scored, key=lambda r: r["sc"]["age"], reverse=True)[:limit]
    print(f"{'kind':<11} {'id':<26} {'words':>5} {'ease':>6} {'FK':>5} {'age':>5}  text")
    for r in worst:
        sc = r["sc"]
        print(f"{r['kind']:<11} {short(r['id'], 26):<26} {r['words']:>5} {sc['ease']:>6.1f} "
              f"{sc['grade']:>5.1f} {sc['age']:>5.1f}  {short(r['text'])}")


def check(path, show_all):
    """Report on one instrument file; return True when it passes."""
    with open(path, encoding="utf-8") as f:
        inst = json.load(f)

    rows, scored, pooled, mean_age, mean_ease, tot = analyse(respondent_items(inst))
    print(f"Instrument: {inst.get('id')} {inst.get('version')}  ({os.path.relpath(path)})")
    print(f"Respondent-facing items: {len(rows)} ({len(scored)} with {MIN_WORDS}+ words scored one by one)")
    print()
    print("Worst 10 items by reading age:")
    print_table(scored)
    print()

    statements = [r for r in scored if r["kind"] == "statement"]
    st_short = [r for r in rows if r["kind"] == "statement" and r not in statements]
    st_ages = [r["sc"]["age"] for r in statements]
    failures = []
    warnings = []
    for r in scored:
        if r["sc"]["age"] > READING_AGE_STATEMENT_LIMIT:
            (failures if r["kind"] == "statement" else warnings).append(r)

    print("Summary")
    print(f"  words {tot[1]}, sentences {tot[0]}, syllables {tot[2]}")
    print(f"  pooled:      Flesch Reading Ease {pooled['ease']:.1f}, FK grade {pooled['grade']:.1f}, "
          f"reading age {pooled['age']:.1f}")
    print(f"  item mean:   Flesch Reading Ease {mean_ease:.1f}, reading age {mean_age:.1f}")
    if st_ages:
        print(f"  statements:  {len(st_ages)} scored, mean reading age {sum(st_ages) / len(st_ages):.1f}, "
              f"highest {max(st_ages):.1f}, mean words {sum(r['words'] for r in statements) / len(statements):.1f}")
    if st_short:
        print(f"  statements shorter than {MIN_WORDS} words (not scored one by one): "
              + ", ".join(r["id"] for r in st_short))
    for r in warnings:
        print(f"  WARNING: {r['kind']} {r['id']} has reading age {r['sc']['age']:.1f} (> {READING_AGE_STATEMENT_LIMIT:g})")
    for r in failures:
        print(f"  FAIL: statement {r['id']} has reading age {r['sc']['age']:.1f} (> {READING_AGE_STATEMENT_LIMIT:g}): {r['text']}")

    if show_all:
        frows, fscored, fpooled, fmean, fease, ftot = analyse(facilitator_items(inst))
        print()
        print("Facilitator-facing text (information only, not part of the test)")
        print(f"  {len(frows)} items, pooled reading age {fpooled['age']:.1f} "
              f"(Flesch Reading Ease {fpooled['ease']:.1f}), item mean {fmean:.1f}")
        print("  Worst 5:")
        print_table(fscored, 5)

    ok = True
    if pooled["age"] > READING_AGE_OVERALL_LIMIT:
        print(f"  FAIL: pooled reading age {pooled['age']:.1f} is above {READING_AGE_OVERALL_LIMIT:g}")
        ok = False
    if mean_age > READING_AGE_OVERALL_LIMIT:
        print(f"  FAIL: mean reading age {mean_age:.1f} is above {READING_AGE_OVERALL_LIMIT:g}")
        ok = False
    if failures:
        ok = False
    print()
    print(f"{inst.get('id')} {inst.get('version')}: {'PASS' if ok else 'FAIL'}")
    return ok


def main(argv):
    paths = [a for a in argv[1:] if not a.startswith("--")]
    show_all = "--all" in argv
    if not paths:
        paths = sorted(
            os.path.join(INSTRUMENTS_DIR, name)
            for name in os.listdir(INSTRUMENTS_DIR)
            if name.endswith(".json")
        )
    if not paths:
        print("No instrument files found.")
        print("RESULT: FAIL")
        return 1
    results = []
    for i, path in enumerate(paths):
        if i:
            print()
            print("-" * 72)
            print()
        results.append((path, check(path, show_all)))
    failed = [os.path.basename(p) for p, ok in results if not ok]
    print()
    if failed:
        print(f"RESULT: FAIL ({', '.join(failed)} of {len(results)} files)")
        return 1
    print(f"RESULT: PASS ({len(results)} file{'s' if len(results) != 1 else ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
