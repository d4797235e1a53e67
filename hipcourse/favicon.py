"""The site's ``favicon.ico``, drawn by code from the same shapes as ``book/images/favicon.svg``.

Every page of the book links ``favicon.svg``, but a browser that opens the site's root
``index.html`` (a bare redirect written by Jupyter Book, with no ``<link rel="icon">``) asks the
server for ``/favicon.ico``; without that file the visit logs a 404 in the console. The file is
copied to the site root through ``html_extra_path`` (``_config.yml``).

The icon is a cup (the acetabulum, an arc) over a femoral head with its neck, rasterised with
numpy at 4x supersampling and stored as PNG images inside an ICO container (16, 32 and 48 px).

Run ``python -m hipcourse.favicon`` to rewrite the committed file, or with ``--check`` to
exit 1 when it differs from what this module draws (the test suite does the same check).
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
import tempfile
import zlib
from pathlib import Path

import numpy as np

__all__ = ["DEFAULT_PATH", "SIZES_PX", "ico_bytes", "icon_rgba", "main", "png_bytes"]

#: Where the committed icon lives (copied to the site root by ``html_extra_path``).
DEFAULT_PATH = Path(__file__).resolve().parents[1] / "book" / "_root" / "favicon.ico"
#: Image sizes stored in the ICO file (px).
SIZES_PX = (16, 32, 48)
_CUP = (0x00, 0x72, 0xB2)
_BONE = (0xE6, 0x9F, 0x00)
_SUPERSAMPLE = 4


def _segment_distance(px, py, ax, ay, bx, by):
    """Distance from points (px, py) to the segment a-b (same units)."""
    dx, dy = bx - ax, by - ay
    t = np.clip(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy), 0.0, 1.0)
    return np.hypot(px - (ax + t * dx), py - (ay + t * dy))


def _coverage(size_px: int):
    """Coverage masks (cup, bone) in [0, 1], shape (size_px, size_px), in the SVG's 32-unit box."""
    n = size_px * _SUPERSAMPLE
    c = (np.arange(n) + 0.5) * 32.0 / n
    x, y = np.meshgrid(c, c)
    # the cup: quadratic Bezier M4 22 Q16 4 28 22, stroke width 3
    t = np.linspace(0.0, 1.0, 65)
    bx = (1 - t) ** 2 * 4 + 2 * (1 - t) * t * 16 + t ** 2 * 28
    by = (1 - t) ** 2 * 22 + 2 * (1 - t) * t * 4 + t ** 2 * 22
    d = np.full(x.shape, np.inf)
    for i in range(t.size - 1):
        d = np.minimum(d, _segment_distance(x, y, bx[i], by[i], bx[i + 1], by[i + 1]))
    cup = d <= 1.5
    # the head: circle at (16, 17), r 7
    head = np.hypot(x - 16.0, y - 17.0) <= 7.0
    # the neck: rounded bar 4 x 11 at (19, 20), rotated -25 deg about (21, 25)
    a = np.deg2rad(25.0)
    u = (x - 21.0) * np.cos(a) - (y - 25.0) * np.sin(a) + 21.0
    v = (x - 21.0) * np.sin(a) + (y - 25.0) * np.cos(a) + 25.0
    neck = _segment_distance(u, v, 21.0, 22.0, 21.0, 29.0) <= 2.0

    def pool(m):
        return m.reshape(size_px, _SUPERSAMPLE, size_px, _SUPERSAMPLE).mean(axis=(1, 3))

    return pool(cup), pool(head | neck)


def icon_rgba(size_px: int) -> np.ndarray:
    """The icon as RGBA pixels, shape (size_px, size_px, 4), dtype uint8 (bone drawn over cup)."""
    if int(size_px) != size_px or not 8 <= size_px <= 256:
        raise ValueError(f"size_px must be an integer in [8, 256], got {size_px!r}")
    cup, bone = _coverage(int(size_px))
    alpha = bone + cup * (1.0 - bone)
    rgb = np.zeros(cup.shape + (3,))
    with np.errstate(invalid="ignore", divide="ignore"):
        for k in range(3):
            rgb[..., k] = np.where(alpha > 0, (_BONE[k] * bone + _CUP[k] * cup * (1 - bone))
                                   / alpha, 0.0)
    out = np.concatenate([rgb, 255.0 * alpha[..., None]], axis=-1)
    return np.round(out).astype(np.uint8)


def png_bytes(rgba: np.ndarray) -> bytes:
    """A minimal PNG (8-bit RGBA, no filtering) of pixels of shape (h, w, 4), dtype uint8."""
    h, w = rgba.shape[:2]
    raw = b"".join(b"\x00" + rgba[row].tobytes() for row in range(h))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def ico_bytes(sizes_px: tuple[int, ...] = SIZES_PX) -> bytes:
    """The ICO file: one PNG-compressed image per size (px)."""
    images = [png_bytes(icon_rgba(s)) for s in sizes_px]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for s, img in zip(sizes_px, images, strict=True):
        out += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(img), offset)
        offset += len(img)
    return out + b"".join(images)


def main(argv: list[str] | None = None) -> int:
    """Write (or ``--check``) the committed favicon.ico."""
    parser = argparse.ArgumentParser(prog="python -m hipcourse.favicon", description=__doc__
                                     .splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    parser.add_argument("--path", type=Path, default=DEFAULT_PATH)
    args = parser.parse_args(argv)
    data = ico_bytes()
    current = args.path.read_bytes() if args.path.is_file() else None
    if args.check:
        if current != data:
            print(f"favicon: error: {args.path} is stale; run python -m hipcourse.favicon",
                  file=sys.stderr)
            return 1
        return 0
    if current == data:
        return 0
    args.path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=args.path.parent, prefix=".favicon.", suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, args.path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
