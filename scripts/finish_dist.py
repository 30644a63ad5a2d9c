#!/usr/bin/env python3
"""Finishes the built site in dist/ after Trunk (called by build_release in setup.sh):

- adds subresource integrity (sha384) to each entry's boot.js script tag, which Trunk's
  script pattern cannot compute;
- writes a small forwarding page under each page name of earlier builds (one page per
  section), so their links and bookmarks open the same route of the one app;
- writes sw.js from its template with, for each entry (and the .xlsx reader's worker,
  stored once used), the files it loads, the list of
  every file, and a version made from the contents of every file, so each build changes
  the worker and replaces old caches.

Usage: python3 scripts/finish_dist.py [dist-dir]"""
import base64
import hashlib
import json
import os
import re
import sys

# The two entries of the site (see src/route.rs, Surface).
ENTRIES = ("index.html", "answer.html")
# The .xlsx reader: its web worker (index.html builds it) and static/xlsx.js, which starts
# it. Their names carry no hash (xlsx.js and boot.js name them).
XLSX_WORKER = ("trellis-xlsx-worker_loader.js", "trellis-xlsx-worker.js", "trellis-xlsx-worker_bg.wasm", "xlsx.js")
# Folders of answers and shared files: static/folder.js, fetched by boot.js on first use
# and stored then, like the .xlsx reader (its name carries no hash either).
FOLDER_GLUE = "folder.js"
# Page names of earlier builds, when each section was a page with its own bundle.
OLD_PAGES = ("facilitate.html", "plan.html", "reports.html", "progress.html", "collect.html", "data.html")
DIST = sys.argv[1] if len(sys.argv) > 1 else "dist"
BOOT = 'src="./boot.js"'


def read(path):
    with open(os.path.join(DIST, path), "rb") as f:
        return f.read()


def files():
    """Every file of the site except the worker itself and host-supplied settings."""
    found = []
    for folder, _, names in os.walk(DIST):
        for name in names:
            rel = os.path.relpath(os.path.join(folder, name), DIST).replace(os.sep, "/")
            if rel not in ("sw.js", "config.json", "forward.html"):
                found.append(rel)
    return sorted(found)


def sri(path):
    return "sha384-" + base64.b64encode(hashlib.sha384(read(path)).digest()).decode()


def write(path, text):
    with open(os.path.join(DIST, path), "w", encoding="utf-8") as f:
        f.write(text)


def without_wasm_preload(html):
    """The start page's static first screen paints first, and its bundle is fetched by
    boot.js once it has (docs/perf.md: a preloaded 350 KB bundle shares the phone's link
    with the page's own first paint, and Lighthouse then counts the page as painted
    only after the bundle). answer.html keeps its preload: a respondent waits for the
    bundle to answer, and its bundle is half the size."""
    found = re.findall(r'<link rel="preload" href="[^"]+\.wasm"[^>]*>', html)
    if len(found) != 1:
        sys.exit(f"finish_dist: expected one wasm preload in index.html, found {len(found)} (see Trunk's output)")
    return html.replace(found[0], "")


def loads(page):
    """The files of the site an entry page loads: its links, scripts and bundle."""
    html = read(page).decode("utf-8")
    found = {page}
    for attr in re.findall(r'(?:href|src|data-js|data-wasm)="([^"#?:]+)"', html):
        path = os.path.normpath(attr).replace(os.sep, "/")
        if os.path.isfile(os.path.join(DIST, path)):
            found.add(path)
    return found


def main():
    present = files()
    missing = [f for f in ENTRIES + ("boot.js", "forward.js") if f not in present]
    if not os.path.isfile(os.path.join(DIST, "forward.html")):
        missing.append("forward.html")
    if missing:
        sys.exit(f"finish_dist: {DIST} lacks {', '.join(missing)}; run the Trunk builds first")
    boot = sri("boot.js")
    for page in ENTRIES:
        html = read(page).decode("utf-8")
        if html.count(BOOT) != 1:
            sys.exit(f"finish_dist: {page} should load boot.js exactly once (see Trunk.toml)")
        html = html.replace(BOOT, f'{BOOT} integrity="{boot}"')
        if page == "index.html":
            html = without_wasm_preload(html)
        write(page, html)
    forward = read("forward.html").decode("utf-8")
    if "__FORWARD_SRI__" not in forward:
        sys.exit("finish_dist: forward.html is not the template (already finished?)")
    for page in OLD_PAGES:
        write(page, forward.replace("__FORWARD_SRI__", sri("forward.js")))
    os.remove(os.path.join(DIST, "forward.html"))

    listed = files()
    version = hashlib.sha256(b"".join(f.encode() + b"\0" + read(f) for f in listed)).hexdigest()[:16]
    entries = {}
    for page in ENTRIES:
        needed = loads(page)
        if page == "index.html":
            # Old addresses forward to the app, so whoever has the app has them offline too.
            needed |= set(OLD_PAGES) | {"forward.js"}
        entries[page] = [f"./{f}" for f in sorted(needed)]
    entries["index.html"].insert(0, "./")
    # Not an entry page: the worker's files, keyed by its loader. No one's first visit
    # stores them (they do not count towards it); the service worker stores them when the
    # app first uses them, and a new build's worker stores the new ones on install
    # wherever the old cache held the loader, so the reader stays available offline.
    missing = [f for f in XLSX_WORKER if f not in listed]
    if missing:
        sys.exit(f"finish_dist: {DIST} lacks the xlsx worker's {', '.join(missing)} (see index.html)")
    entries[XLSX_WORKER[0]] = [f"./{f}" for f in XLSX_WORKER]
    if FOLDER_GLUE not in listed:
        sys.exit(f"finish_dist: {DIST} lacks {FOLDER_GLUE} (see index.html)")
    entries[FOLDER_GLUE] = [f"./{FOLDER_GLUE}"]
    template = read("sw.js").decode("utf-8")
    for mark in ("__TRELLIS_VERSION__", "__TRELLIS_ENTRIES__", "__TRELLIS_FILES__"):
        if mark not in template:
            sys.exit(f"finish_dist: sw.js lacks {mark}: not the template (already finished?)")
    worker = (
        template.replace("__TRELLIS_VERSION__", version)
        .replace("__TRELLIS_ENTRIES__", json.dumps(entries))
        .replace("__TRELLIS_FILES__", json.dumps([f"./{f}" for f in listed]))
    )
    write("sw.js", worker)
    sizes = ", ".join(f"{page} {len(entries[page])} files" for page in ENTRIES)
    print(f"finish_dist: sw.js version {version}; stored on install: {sizes}; {len(listed)} files in all")


if __name__ == "__main__":
    main()
