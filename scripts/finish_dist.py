#!/usr/bin/env python3
"""Finishes the built site in dist/ after Trunk (called by build_release in setup.sh):

- adds subresource integrity (sha384) to each page's boot.js script tag, which Trunk's
  script pattern cannot compute;
- writes sw.js from its template with this build's file list and a version made from
  the contents of every file, so each build changes the worker and replaces old caches.

Usage: python3 scripts/finish_dist.py [dist-dir]"""
import base64
import hashlib
import json
import os
import sys

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
            if rel not in ("sw.js", "config.json"):
                found.append(rel)
    return sorted(found)


def main():
    pages = [f for f in files() if f.endswith(".html")]
    if "index.html" not in pages or "boot.js" not in files():
        sys.exit(f"finish_dist: {DIST} has no index.html or boot.js; run the Trunk build first")
    sri = "sha384-" + base64.b64encode(hashlib.sha384(read("boot.js")).digest()).decode()
    for page in pages:
        html = read(page).decode("utf-8")
        if html.count(BOOT) != 1:
            sys.exit(f"finish_dist: {page} should load boot.js exactly once (see Trunk.toml)")
        html = html.replace(BOOT, f'{BOOT} integrity="{sri}"')
        with open(os.path.join(DIST, page), "w", encoding="utf-8") as f:
            f.write(html)
    listed = files()
    version = hashlib.sha256(b"".join(f.encode() + b"\0" + read(f) for f in listed)).hexdigest()[:16]
    template = read("sw.js").decode("utf-8")
    if "__TRELLIS_VERSION__" not in template or "__TRELLIS_FILES__" not in template:
        sys.exit("finish_dist: sw.js is not the template (already finished?)")
    worker = template.replace("__TRELLIS_VERSION__", version).replace(
        "__TRELLIS_FILES__", json.dumps(["./"] + [f"./{f}" for f in listed])
    )
    with open(os.path.join(DIST, "sw.js"), "w", encoding="utf-8") as f:
        f.write(worker)
    print(f"finish_dist: {len(pages)} pages with boot.js integrity; sw.js version {version}, {len(listed) + 1} files")


if __name__ == "__main__":
    main()
