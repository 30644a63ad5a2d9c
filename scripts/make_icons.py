#!/usr/bin/env python3
"""Draws the app icons in static/icons/ (a white trellis lattice on the app's blue) as
PNG files, with the standard library only. Run once after changing the design:
python3 scripts/make_icons.py"""
import os
import struct
import zlib

BLUE = (11, 92, 173)
WHITE = (255, 255, 255)


def png(size, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y, size)) for x in range(size)) for y in range(size))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def lattice(margin):
    def pixel(x, y, size):
        inner = size * margin
        if not (inner <= x < size - inner and inner <= y < size - inner):
            return BLUE
        u, v = (x - inner) / (size - 2 * inner), (y - inner) / (size - 2 * inner)
        width = 0.045
        diagonal = max(abs(((u + v) * 3) % 1 - 0.5), abs(((u - v) * 3) % 1 - 0.5))
        return WHITE if diagonal > 0.5 - width else BLUE

    return pixel


def main():
    out = os.path.join(os.path.dirname(__file__), "..", "static", "icons")
    os.makedirs(out, exist_ok=True)
    for name, size, margin in [("icon-192.png", 192, 0.16), ("icon-512.png", 512, 0.16), ("icon-maskable-512.png", 512, 0.26)]:
        with open(os.path.join(out, name), "wb") as f:
            f.write(png(size, lattice(margin)))
        print(f"static/icons/{name}")


if __name__ == "__main__":
    main()
