"""Time each Plotly slider step and button on the built site in headless Chromium.

Targets (issue 11): the median step of a 2-D explorer < 50 ms, of a 3-D explorer < 100 ms.
For every figure with sliders or button menus on every built page, this replays the step's
own ``method``/``args`` through plotly.js (exactly what a click does) and times the returned
promise, which resolves after the redraw. Prints min / median / max per figure, whether the
figure is 3-D, its target and whether its median meets it.

Usage: ``python benchmarks/bench_site_sliders.py [_build/html] [--chromium PATH]``
(build the site first with ``./scripts/build``).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import statistics
import threading
from pathlib import Path

JS_TIME_STEPS = """async (el) => {
  const out = [];
  const groups = [...(el.layout.sliders || []).map(s => s.steps || []),
                  ...(el.layout.updatemenus || []).map(m => m.buttons || [])];
  for (const steps of groups) {
    for (const st of steps.slice(0, 40)) {
      if (!st.method || st.method === 'skip') continue;
      const t0 = performance.now();
      await Plotly[st.method](el, ...(st.args || []));
      out.push(performance.now() - t0);
    }
  }
  return {times: out, is3d: !!(el._fullLayout && el._fullLayout._has &&
                                el._fullLayout._has("gl3d"))};
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=Path("_build/html"))
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(args.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    pages = sorted(p for p in args.site.rglob("*.html") if "Plotly.newPlot" in p.read_text())
    worst = 0.0
    missed = 0
    print(f"{'page / figure':52} {'kind':>4} {'steps':>5} {'min ms':>7} {'median':>7} "
          f"{'max':>7} {'target':>7}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium,
                                    args=["--headless=new", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for html in pages:
            rel = html.relative_to(args.site).as_posix()
            page.goto(f"{base}/{rel}", wait_until="networkidle")
            graphs = page.locator(".plotly-graph-div")
            for i in range(graphs.count()):
                got = graphs.nth(i).evaluate(JS_TIME_STEPS)
                times = got["times"]
                if not times:
                    continue
                worst = max(worst, max(times))
                target = 100.0 if got["is3d"] else 50.0
                median = statistics.median(times)
                missed += median >= target
                print(f"{rel + ' #' + str(i):52} {'3-D' if got['is3d'] else '2-D':>4} "
                      f"{len(times):5d} {min(times):7.1f} {median:7.1f} {max(times):7.1f} "
                      f"{'< ' + f'{target:.0f}':>7} {'ok' if median < target else 'MISSED'}")
        browser.close()
    server.shutdown()
    print(f"worst single step: {worst:.1f} ms; figures over their median target: {missed}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
