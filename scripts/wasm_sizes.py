#!/usr/bin/env python3
"""Sizes every function of a .wasm file from its name section (a build with names kept).

Usage: wasm_sizes.py FILE.wasm [N] prints "bytes name" per function, largest first;
wasm_sizes.py OLD.wasm NEW.wasm [N] prints the N largest growths between two builds,
by function and by crate (the first path segment of the demangled name).
"""
import re
import subprocess
import sys
from collections import defaultdict


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def text_at(b, i):
    """A length-prefixed name at i, and the position after it."""
    n, i = leb(b, i)
    return b[i : i + n].decode("utf-8", "replace"), i + n


def sections(b, i, end):
    """Each (id, start, end) of the sections (or name subsections) between i and end."""
    while i < end:
        sid = b[i]
        size, i = leb(b, i + 1)
        yield sid, i, i + size
        i += size


def parse(path):
    b = open(path, "rb").read()

    imports = 0
    bodies = []
    names = {}
    data = 0
    for sid, i, end in sections(b, 8, len(b)):
        if sid == 2:
            n, j = leb(b, i)
            for _ in range(n):
                _, j = text_at(b, j)
                _, j = text_at(b, j)
                kind = b[j]
                j += 1
                if kind == 0:
                    _, j = leb(b, j)
                    imports += 1
                elif kind == 1:
                    j += 1
                    flags, j = leb(b, j)
                    _, j = leb(b, j)
                    if flags & 1:
                        _, j = leb(b, j)
                elif kind == 2:
                    flags, j = leb(b, j)
                    _, j = leb(b, j)
                    if flags & 1:
                        _, j = leb(b, j)
                elif kind == 3:
                    j += 2
                else:
                    _, j = leb(b, j)
        elif sid == 10:
            n, j = leb(b, i)
            for _ in range(n):
                sz, j2 = leb(b, j)
                bodies.append(j2 - j + sz)
                j = j2 + sz
        elif sid == 11:
            data = end - i
        elif sid == 0:
            nl, j = leb(b, i)
            if b[j : j + nl] == b"name":
                for sub, k, _ in sections(b, j + nl, end):
                    if sub == 1:
                        n, k = leb(b, k)
                        for _ in range(n):
                            idx, k = leb(b, k)
                            names[idx], k = text_at(b, k)
    funcs = {}
    for n, sz in enumerate(bodies):
        name = demangle_one(names.get(imports + n, f"func{imports + n}"))
        funcs[name] = funcs.get(name, 0) + sz
    return funcs, data


ESC = {"$LT$": "<", "$GT$": ">", "$u20$": " ", "$RF$": "&", "$BP$": "*", "$LP$": "(", "$RP$": ")", "$C$": ",", "$u27$": "'", "$u5b$": "[", "$u5d$": "]", "$u7b$": "{", "$u7d$": "}", "$u3b$": ";", "$u7e$": "~", "$u21$": "!", "$u22$": '"', "$u2b$": "+", "$u3d$": "="}


def demangle_one(name):
    """Demangles a legacy Rust symbol (_ZN...E); other names are returned as they are."""
    if not name.startswith("_ZN"):
        return name
    i, parts = 3, []
    while i < len(name) and name[i].isdigit():
        j = i
        while name[j].isdigit():
            j += 1
        n = int(name[i:j])
        seg = name[j : j + n]
        i = j + n
        if seg.startswith("_$"):
            seg = seg[1:]
        seg = re.sub(r"\$[A-Za-z0-9]+\$", lambda m: ESC.get(m.group(0), m.group(0)), seg).replace("..", "::")
        parts.append(seg)
    return "::".join(parts)


def demangle(names):
    return {n: demangle_one(n) for n in names}


def crate_of(name):
    n = re.sub(r"^<", "", name)
    n = re.sub(r"^(impl |dyn )", "", n)
    m = re.match(r"&?(?:mut )?([A-Za-z_][A-Za-z0-9_]*)::", n)
    return m.group(1) if m else "(other)"


def generic(name):
    """The function's name without generic arguments or hash, to count instantiations."""
    n = re.sub(r"::h[0-9a-f]{16}$", "", name)
    n = re.sub(r"\.\d+$", "", n)
    # A trait method keeps its "<Type as Trait>" head; generic arguments inside are folded.
    keep = 1 if n.startswith("<") else 0
    out, depth = [], 0
    for c in n:
        if c == "<":
            depth += 1
            if depth == keep + 1:
                out.append("<..>")
            if depth > keep:
                continue
        elif c == ">":
            depth -= 1
            if depth >= keep:
                continue
        elif depth > keep:
            continue
        out.append(c)
    return "".join(out)


def main():
    args = sys.argv[1:]
    if len(args) >= 2 and args[1].endswith(".wasm"):
        top = int(args[2]) if len(args) > 2 else 60
        old, od = parse(args[0])
        new, nd = parse(args[1])
        print(f"code: {sum(old.values())} -> {sum(new.values())} (+{sum(new.values()) - sum(old.values())}); data: {od} -> {nd} (+{nd - od})")
        keys = set(old) | set(new)
        by = defaultdict(lambda: [0, 0])
        for k in keys:
            g = generic(k)
            by[g][0] += old.get(k, 0)
            by[g][1] += new.get(k, 0)
        rows = sorted(by.items(), key=lambda kv: -(kv[1][1] - kv[1][0]))
        print("\n## growth by function (generic arguments folded)")
        for g, (a, c) in rows[:top]:
            print(f"{c - a:+8d} {a:8d} -> {c:8d}  {g[:150]}")
        crates = defaultdict(lambda: [0, 0])
        for g, (a, c) in by.items():
            crates[crate_of(g)][0] += a
            crates[crate_of(g)][1] += c
        print("\n## growth by crate / top module")
        for cr, (a, c) in sorted(crates.items(), key=lambda kv: -(kv[1][1] - kv[1][0]))[:30]:
            print(f"{c - a:+8d} {a:8d} -> {c:8d}  {cr}")
        return
    funcs, data = parse(args[0])
    print(f"code {sum(funcs.values())} data {data} functions {len(funcs)}")
    for name, sz in sorted(funcs.items(), key=lambda kv: -kv[1])[: int(args[1]) if len(args) > 1 else 80]:
        print(sz, name[:160])


if __name__ == "__main__":
    main()
