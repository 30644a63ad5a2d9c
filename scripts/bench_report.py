#!/usr/bin/env python3
"""Turns the benchmark measurements in target/bench/ into a table: prints it, writes it
into docs/perf.md between the "bench" markers, and exits with 1 when a budget is missed.
Usage: python3 scripts/bench_report.py target/bench docs/perf.md"""
import datetime
import json
import os
import platform
import re
import sys

START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def cpu():
    try:
        with open("/proc/cpuinfo") as f:
            names = [l.split(":", 1)[1].strip() for l in f if l.startswith("model name")]
        return f"{len(names)} x {names[0]}" if names else platform.machine()
    except OSError:
        return platform.machine()


def main():
    folder, doc = sys.argv[1], sys.argv[2]
    rows, missed = [], []
    size = open(os.path.join(folder, "size.txt")).read()
    # The per-page table (five columns), not the per-file one.
    for page, kb in re.findall(r"^\| (\w+\.html) \| [\d.]+ \| [\d.]+ \| ([\d.]+) \| [\d.]+ \|$", size, re.M):
        ok = float(kb) <= 200
        rows.append((f"wasm + JS of {page}, brotli", f"{kb} KB", "200 KB", ok))
    browser = json.load(open(os.path.join(folder, "browser.json")))
    for r in browser["results"]:
        if "median_ms" in r:
            budget = r.get("budget_ms")
            ok = budget is None or r["median_ms"] <= budget
            runs = f" (runs: {', '.join(map(str, r['runs']))})" if "runs" in r else ""
            rows.append((r["name"], f"{r['median_ms']} ms{runs}", f"{budget} ms" if budget else "–", ok))
        else:
            ok = r["value"] <= r["budget"]
            rows.append((r["name"], f"{r['value']} {r['unit']}", f"{r['budget']} MB", ok))
    criterion = open(os.path.join(folder, "criterion.txt")).read()
    m = re.search(r"time:\s+\[[\d.]+ \w+ ([\d.]+) (\w+) [\d.]+ \w+\]", criterion)
    if m:
        rows.append(("engine: analyse a round of 1,000 x 49 (criterion median)", f"{m.group(1)} {m.group(2)}", "5 ms", m.group(2) in ("µs", "us", "ns") or (m.group(2) == "ms" and float(m.group(1)) <= 5)))
    missed = [r[0] for r in rows if not r[3]]
    when = datetime.date.today().isoformat()
    lines = [
        START,
        f"Measured {when} with `scripts/bench` on {platform.system()} ({cpu()}), headless Chromium, "
        f"localhost, median of {browser['runs']} runs.",
        "",
        "| measure | result | budget | |",
        "|---|---:|---:|---|",
    ]
    lines += [f"| {n} | {v} | {b} | {'met' if ok else '**missed**'} |" for n, v, b, ok in rows]
    lines += ["", f"Budgets missed: {', '.join(missed) if missed else 'none'}.", END]
    table = "\n".join(lines)
    print(table)
    text = open(doc).read()
    if START in text and END in text:
        text = text[: text.index(START)] + table + text[text.index(END) + len(END):]
    else:
        text += "\n## Benchmark\n\n" + table + "\n"
    open(doc, "w").write(text)
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
