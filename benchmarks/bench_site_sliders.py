"""Time each Plotly slider step and button on the built site in headless Chromium.

Issue target: the page stays responsive, < 100 ms per slider step. For every
figure with sliders or button menus on every built page, this replays the step's
own ``method``/``args`` through plotly.js (exactly what a click does) and times
the returned promise, which resolves after the redraw. Prints min / median /
max per figure and the worst figure.

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
  return out;
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
    print(f"{'page / figure':60} {'steps':>5} {'min ms':>7} {'median':>7} {'max':>7}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium,
                                    args=["--headless=new", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for html in pages:
            rel = html.relative_to(args.site).as_posix()
            page.goto(f"{base}/{rel}", wait_until="networkidle")
            graphs = page.locator(".plotly-graph-div")
            for i in range(graphs.count()):
                times = graphs.nth(i).evaluate(JS_TIME_STEPS)
                if not times:
                    continue
                worst = max(worst, max(times))
                print(f"{rel + ' #' + str(i):60} {len(times):5d} {min(times):7.1f} "
                      f"{statistics.median(times):7.1f} {max(times):7.1f}")
        browser.close()
    server.shutdown()
    print(f"worst single step: {worst:.1f} ms (target < 100 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
