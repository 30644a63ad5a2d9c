#!/usr/bin/env python3
"""Turns the benchmark measurements in target/bench/ into tables: each measure now and
before (the build before issue 15), its budget and whether this build meets it; then the
transfer size of every file and of each entry. Prints them, writes them into docs/perf.md
between the "bench" markers, and exits with 1 when a budget is missed.

Reads (from the folder given): phone.json and phone-before.json (scripts/phone.js),
browser.json and browser-before.json (scripts/bench.js), size.txt and size-before.txt
(scripts/size.js), criterion.txt (cargo bench). A missing "before" file leaves that
column empty.
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


def load(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f) if name.endswith(".json") else f.read()


def number(x):
    if x is None:
        return "–"
    return f"{x:.1f}" if isinstance(x, float) and not x.is_integer() else f"{int(x)}"


def phone_rows(now, before):
    """One row per measure of scripts/phone.js: (name, now, before, budget, met)."""
    old = {m["id"]: m for m in (before or {}).get("measures", [])}
    rows = []
    for m in now["measures"]:
        b = old.get(m["id"])
        unit = "" if m["unit"] == "score" else f" {m['unit']}"

        def cell(x):
            if x is None:
                return "–"
            text = f"{number(x['value'])}{unit}"
            if x.get("page_load"):
                text += " (page load)"
            return text

        value = cell(m)
        if len(m.get("runs", [])) > 1:
            value += f" (runs: {', '.join(number(r) for r in m['runs'])})"
        if m["budget"] is None:
            rows.append((m["name"], value, cell(b), "–", None))
            continue
        sign = "≤" if m["at_most"] else "≥"
        met = m["value"] is not None and (m["value"] <= m["budget"] if m["at_most"] else m["value"] >= m["budget"])
        if m.get("page_load"):
            met = False
        budget = f"{sign} {number(m['budget'])}{unit}" + (", no page load" if m["id"].startswith("move.") else "")
        rows.append((m["name"], value, cell(b), budget, met))
    return rows


def browser_rows(now, before):
    """One row per timing of scripts/bench.js."""
    old = {r["name"]: r for r in (before or {}).get("results", [])}
    rows = []
    for r in now["results"]:
        b = old.get(r["name"])
        if "median_ms" in r:
            budget = r.get("budget_ms")
            runs = f" (runs: {', '.join(map(str, r['runs']))})" if "runs" in r else ""
            then = f"{b['median_ms']} ms" if b else "–"
            rows.append((r["name"], f"{r['median_ms']} ms{runs}", then, f"≤ {budget} ms" if budget else "–", None if budget is None else r["median_ms"] <= budget))
        else:
            then = f"{b['value']} {b['unit']}" if b else "–"
            rows.append((r["name"], f"{r['value']} {r['unit']}", then, f"≤ {r['budget']} MB", r["value"] <= r["budget"]))
    return rows


def criterion_row(text):
    name = "engine: analyse a round of 1,000 respondents, full mode (criterion median)"
    m = re.search(r"time:\s+\[[\d.]+ \S+ ([\d.]+) (\S+) [\d.]+ \S+\]", text or "")
    if not m:
        return [(name, "not measured this time", "–", "≤ 5 ms", None)]
    value, unit = float(m.group(1)), m.group(2)
    met = unit in ("µs", "us", "ns") or (unit == "ms" and value <= 5)
    return [(name, f"{m.group(1)} {unit}", "–", "≤ 5 ms", met)]


def main():
    folder, doc = sys.argv[1], sys.argv[2]
    phone, phone_before = load(folder, "phone.json"), load(folder, "phone-before.json")
    browser, browser_before = load(folder, "browser.json"), load(folder, "browser-before.json")
    size, size_before = load(folder, "size.txt") or "", load(folder, "size-before.txt") or ""
    rows = phone_rows(phone, phone_before) + browser_rows(browser, browser_before) + criterion_row(load(folder, "criterion.txt"))
    missed = [r[0] for r in rows if r[4] is False]
    when = datetime.date.today().isoformat()
    net = phone["phone"]["network"]
    lines = [
        START,
        f"Measured {when} with `scripts/bench` on {platform.system()} ({cpu()}), headless Chromium, "
        f"served by `scripts/bench_server.js` on localhost (brotli 11, as the README asks of a host). "
        f"Phone: {phone['phone']['viewport']['width']} x {phone['phone']['viewport']['height']}, touch, "
        f"{net['latency']} ms latency, {net['downloadThroughput'] * 8 / 1e6:g} Mbit/s down, "
        f"{net['uploadThroughput'] * 8 / 1e3:g} kbit/s up, CPU {phone['phone']['cpu_slowdown']}x slower, "
        f"service worker given the same network conditions, fresh profile each run. Median of {phone['runs']} runs "
        f"(Lighthouse: {phone['lighthouse_runs']}). \"Before\" is the eight-page build (commit 732ab64) measured "
        f"the same way{'' if phone_before else ' (not measured this time)'}.",
        "",
        "| measure | now | before | budget | |",
        "|---|---:|---:|---:|---|",
    ]
    status = {True: "met", False: "**missed**", None: "–"}
    lines += [f"| {n} | {v} | {b} | {budget} | {status[ok]} |" for n, v, b, budget, ok in rows]
    lines += ["", f"Budgets missed: {', '.join(missed) if missed else 'none'}.", ""]
    lines += ["Transfer size of each file of this build (`scripts/size.js`):", "", size.split("\n\n")[0].strip(), ""]
    entries = size.split("\n\n")[1].strip() if "\n\n" in size else ""
    if entries:
        lines += ["What each entry loads when opened (this build):", "", entries, ""]
    if "\n\n" in size_before:
        lines += ["What each page loaded in the build before:", "", size_before.split("\n\n")[1].strip(), ""]
    lines.append(END)
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
