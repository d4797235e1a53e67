"""Bytes and first paint of every page of the built site, cold, in headless Chromium.

Targets (issue 13): every page <= 3 MiB on a cold, uncompressed load; lesson pages paint their
first content in <= 0.6 s on this machine, before their figures are drawn. Each page is loaded
``--repeat`` times in a fresh browser context (no cache); bytes are from the first load, times
are medians. Prints one row per page and the five largest files of the heaviest page.

Usage: ``python benchmarks/bench_site_weight.py [_build/html] [--chromium PATH] [--repeat N]``
(build the site first with ``./scripts/build``).
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import statistics
from pathlib import Path

from coursekit import siteaudit

BUDGET_MIB = 3.0
LESSON_PAINT_MS = 600.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path("_build/html"))
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    runs = [siteaudit.audit_site(args.site, args.chromium) for _ in range(max(1, args.repeat))]

    def median(values):
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    costs = [dataclasses.replace(
        first, first_paint_ms=median(r[i].first_paint_ms for r in runs),
        figures_drawn_ms=median(r[i].figures_drawn_ms for r in runs))
        for i, first in enumerate(runs[0])]
    print(siteaudit.summary_table(costs))
    heaviest = max(costs, key=lambda c: c.bytes_total)
    print(f"\nheaviest page {heaviest.page}: " + ", ".join(
        f"{path.rsplit('/', 1)[-1]} {size / siteaudit.MIB:.2f} MiB"
        for path, size in heaviest.largest))
    over = [c.page for c in costs if c.mib > BUDGET_MIB]
    slow = [c.page for c in costs if c.page.startswith("notebooks/")
            and (c.first_paint_ms or 1e9) > LESSON_PAINT_MS]
    early = [c.page for c in costs if c.figures and c.first_paint_ms and c.figures_drawn_ms
             and c.first_paint_ms < c.figures_drawn_ms]
    print(f"pages over {BUDGET_MIB} MiB: {len(over)} {over}")
    print(f"lessons painting later than {LESSON_PAINT_MS:.0f} ms: {len(slow)} {slow}")
    print(f"pages with figures that paint before their figures are drawn: {len(early)} of "
          f"{sum(1 for c in costs if c.figures)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
