// What a reader would see wrong with the text of every Plotly figure on the page:
// [problem, figure index, text, its class, detail...] for
//   "overlap"        two visible text boxes overlap by more than 1.5 px (rotated boxes
//                    compared as drawn: separating-axis test on their four corners);
//   "cut"            a text box reaches past the figure, or past the clip path that holds it
//                    (a legend's scroll box, a plot area) while partly inside it;
//   "under-toolbar"  a text box lies under Plotly's toolbar (shown on hover).
// Text wholly outside its clip path is not drawn and is skipped, so is hidden text.
() => {
  const out = [];
  const shown = (el) => {
    for (let e = el; e && e.nodeType === 1; e = e.parentNode) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
    }
    return true;
  };
  const screenBox = (m, x, y, w, h) => {
    const xs = [m.a * x + m.c * y + m.e, m.a * (x + w) + m.c * (y + h) + m.e];
    const ys = [m.b * x + m.d * y + m.f, m.b * (x + w) + m.d * (y + h) + m.f];
    return {left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys)};
  };
  const clipBox = (el) => {  // the clip rectangle nearest above el, on the screen
    for (let e = el; e && e.nodeType === 1; e = e.parentNode) {
      const c = e.getAttribute('clip-path');
      const id = c && c.match(/#([^)'"]+)/);
      const r = id && document.getElementById(id[1]) && document.getElementById(id[1]).querySelector('rect');
      if (r) return screenBox(e.getScreenCTM(), +r.getAttribute('x') || 0, +r.getAttribute('y') || 0,
                              +r.getAttribute('width'), +r.getAttribute('height'));
    }
    return null;
  };
  const corners = (t) => {
    const b = t.getBBox(), m = t.getScreenCTM();
    return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
      .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
  };
  const depth = (P, Q) => {  // overlap along the least-overlapping edge normal (<= 0: apart)
    let best = Infinity;
    for (const poly of [P, Q]) for (let i = 0; i < 4; i++) {
      const [x1, y1] = poly[i], [x2, y2] = poly[(i + 1) % 4];
      let nx = y2 - y1, ny = x1 - x2; const L = Math.hypot(nx, ny) || 1; nx /= L; ny /= L;
      const a = P.map(([x, y]) => x * nx + y * ny), b = Q.map(([x, y]) => x * nx + y * ny);
      best = Math.min(best, Math.min(Math.max(...a), Math.max(...b)) - Math.max(Math.min(...a), Math.min(...b)));
    }
    return best;
  };
  const r0 = (v) => Math.round(v);
  document.querySelectorAll('.plotly-graph-div').forEach((g, gi) => {
    const G = g.getBoundingClientRect(), texts = [];
    g.querySelectorAll('svg text').forEach((t) => {
      if (!t.textContent.trim() || !shown(t)) return;
      const P = corners(t), xs = P.map((p) => p[0]), ys = P.map((p) => p[1]);
      const r = {left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys)};
      if (r.right - r.left <= 0 || r.bottom - r.top <= 0) return;
      const c = clipBox(t);
      if (c && (r.right < c.left || r.left > c.right || r.bottom < c.top || r.top > c.bottom)) return;
      const kind = (t.getAttribute('class') || t.parentNode.getAttribute('class') || '').replace(/[0-9a-f]{6,}/, '');
      texts.push({text: t.textContent.trim().slice(0, 40), P, r, c, kind});
    });
    texts.forEach((a, i) => {
      const r = a.r, c = a.c;
      if (c && (r.left < c.left - 1 || r.right > c.right + 1 || r.top < c.top - 1 || r.bottom > c.bottom + 1))
        out.push(['cut', gi, a.text, a.kind, 'by its clip box', r0(r.left - c.left), r0(r.right - c.right), r0(r.top - c.top), r0(r.bottom - c.bottom)]);
      const v = c ? {left: Math.max(r.left, c.left), right: Math.min(r.right, c.right), top: Math.max(r.top, c.top), bottom: Math.min(r.bottom, c.bottom)} : r;
      if (v.left < G.left - 1 || v.right > G.right + 1 || v.top < G.top - 1 || v.bottom > G.bottom + 1)
        out.push(['cut', gi, a.text, a.kind, 'by the figure edge', r0(v.left - G.left), r0(v.right - G.right), r0(v.top - G.top), r0(v.bottom - G.bottom)]);
      for (let j = i + 1; j < texts.length; j++) {
        const d = depth(a.P, texts[j].P);
        if (d > 1.5) out.push(['overlap', gi, a.text, a.kind, texts[j].text, texts[j].kind, r0(d)]);
      }
    });
    const bar = g.querySelector('.modebar');
    const m = bar && bar.getBoundingClientRect();
    if (m && m.width) texts.forEach((a) => {
      if (Math.min(a.r.right, m.right) - Math.max(a.r.left, m.left) > 1 && Math.min(a.r.bottom, m.bottom) - Math.max(a.r.top, m.top) > 1)
        out.push(['under-toolbar', gi, a.text, a.kind]);
    });
  });
  return out;
}
