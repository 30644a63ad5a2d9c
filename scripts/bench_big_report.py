#!/usr/bin/env python3
"""Turns the big-rounds measurements (target/bench/big.json from scripts/bench-big.js and
target/bench/criterion-big.txt from cargo bench) into the table of docs/perf.md's "Big
rounds" section, between the "big" markers, and prints it. The figures have no budgets:
issue 20 asks for them to be known, not met.
Usage: python3 scripts/bench_big_report.py target/bench docs/perf.md"""
import datetime
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_report import cpu  # noqa: E402

START, END = "<!-- big:start -->", "<!-- big:end -->"


def rows(big, criterion):
    out = []
    for r in big["results"]:
        if "median_ms" in r:
            runs = f" (runs: {', '.join(str(x) for x in r['runs'])})" if "runs" in r else ""
            out.append((r["name"], f"{r['median_ms']} ms{runs}"))
        else:
            out.append((r["name"], f"{r['value']:,} {r['unit']}"))
    for m in re.finditer(r"analyse (\d+) respondents.*?\n?\s*time:\s+\[[\d.]+ \S+ ([\d.]+) (\S+)", criterion or "", re.S):
        out.append((f"engine: analyse a round of {int(m.group(1)):,} respondents, full mode (criterion median, native)", f"{m.group(2)} {m.group(3)}"))
    return out


def main(folder, doc):
    with open(os.path.join(folder, "big.json")) as f:
        big = json.load(f)
    path = os.path.join(folder, "criterion-big.txt")
    criterion = open(path).read() if os.path.exists(path) else ""
    head = (
        f"Measured {datetime.date.today().isoformat()} with `scripts/bench-big` on Linux ({cpu()}), headless Chromium, "
        f"served by `scripts/bench_server.js` on localhost. Desktop profile unless a row says otherwise; the phone profile "
        f"is 375 x 667 with the CPU 4x slower (no network throttling: nothing is downloaded). Median of {big['runs']} runs. "
        f"Load average when the measurement started (1, 5, 15 minutes): {', '.join(big['load'])}."
    )
    table = ["| measure | figure |", "|---|---:|"] + [f"| {a} | {b} |" for a, b in rows(big, criterion)]
    block = "\n".join([START, head, "", *table, END])
    print(block)
    with open(doc) as f:
        text = f.read()
    if START in text and END in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    with open(doc, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
