// Practice log (book/practice_log.md): a form, a table, an SVG chart, CSV export and import.
// Everything stays in this browser: one localStorage key holding versioned JSON,
//   {"version": 1, "entries": [{date, stage, holdSeconds, holds, irLeft, irRight, position,
//                               chairStands, note, id}, ...]}
// Nothing is sent anywhere. The script does nothing on pages without #pl-app.
(function () {
  "use strict";

  var KEY = "hipcourse-practice-log";
  var VERSION = 1;
  // The CSV header row, in this order (documented on the page).
  var HEADER = ["date", "stage", "hold_seconds", "holds", "ir_left_deg", "ir_right_deg",
    "position", "chair_stands_30s", "note"];
  var MAX_NOTE = 500;
  var MAX_FILE_BYTES = 1000000;
  var MAX_ROWS = 5000;
  var SVG_NS = "http://www.w3.org/2000/svg";
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
    "Dec"];

  // ---- values -------------------------------------------------------------------------------

  function todayString() {
    var d = new Date();
    return d.getFullYear() + "-" + pad2(d.getMonth() + 1) + "-" + pad2(d.getDate());
  }

  function pad2(n) { return (n < 10 ? "0" : "") + n; }

  function isRealDate(s) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) { return false; }
    var y = +m[1], mo = +m[2], d = +m[3];
    var t = new Date(Date.UTC(y, mo - 1, d));
    return y >= 1900 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 &&
      t.getUTCDate() === d;
  }

  // Numeric fields: [entry key, CSV column, words for messages, min, max, decimals allowed]
  var NUMBERS = [
    ["holdSeconds", "hold_seconds", "Hold seconds", 0, 600, false],
    ["holds", "holds", "Holds or sets", 0, 100, false],
    ["irLeft", "ir_left_deg", "Left internal rotation", 0, 90, true],
    ["irRight", "ir_right_deg", "Right internal rotation", 0, 90, true],
    ["chairStands", "chair_stands_30s", "Chair-stand count", 0, 60, false]
  ];

  function numberMessage(spec) {
    var what = spec[5] ? "a number" : "a whole number";
    var unit = spec[5] ? " degrees" : "";
    return spec[2] + " must be " + what + " from " + spec[3] + " to " + spec[4] + unit +
      (spec[5] ? " (one decimal place at most)." : ".");
  }

  // Check one entry given as strings {date, stage, holdSeconds, ..., note}. Returns
  // {entry} or {errors: [[key, message], ...]} (keys as in the entry; "entry" for the whole).
  function checkEntry(raw) {
    var errors = [];
    var entry = {};
    var date = String(raw.date || "").trim();
    if (!date) {
      errors.push(["date", "Enter the date (year-month-day, for example 2026-03-14)."]);
    } else if (!isRealDate(date)) {
      errors.push(["date", "\u201c" + date + "\u201d is not a date. Use year-month-day, " +
        "for example 2026-03-14."]);
    } else if (date > todayString()) {
      errors.push(["date", "The date " + date + " is after today. Enter the day you practised."]);
    }
    entry.date = date;

    var stage = String(raw.stage == null ? "" : raw.stage).trim().toLowerCase();
    if (stage === "none") { stage = "0"; }
    if (!/^[0-3]$/.test(stage)) {
      errors.push(["stage", "Stage must be 0 (no stretch), 1, 2 or 3; got \u201c" + stage +
        "\u201d."]);
    }
    entry.stage = +stage;

    NUMBERS.forEach(function (spec) {
      var text = String(raw[spec[0]] == null ? "" : raw[spec[0]]).trim();
      if (text === "") { entry[spec[0]] = null; return; }
      var ok = spec[5] ? /^\d+(\.\d)?$/.test(text) : /^\d+$/.test(text);
      var value = Number(text);
      if (!ok || value < spec[3] || value > spec[4]) {
        errors.push([spec[0], "\u201c" + text + "\u201d: " + numberMessage(spec)]);
      }
      entry[spec[0]] = value;
    });

    var position = String(raw.position || "").trim().toLowerCase();
    var hasIr = entry.irLeft !== null || entry.irRight !== null;
    if (position && position !== "seated" && position !== "prone") {
      errors.push(["position", "Position must be \u201cseated\u201d or \u201cprone\u201d; " +
        "got \u201c" + position + "\u201d."]);
    } else if (hasIr && !position) {
      errors.push(["position", "Choose the position you measured in: seated or prone. " +
        "Angles from the two positions are not comparable."]);
    }
    entry.position = hasIr ? position : "";

    var note = String(raw.note || "");
    if (note.length > MAX_NOTE) {
      errors.push(["note", "The note is " + note.length + " characters long; keep it to " +
        MAX_NOTE + "."]);
    }
    entry.note = note.trim();

    if (!errors.length && entry.stage === 0 && !hasIr && entry.chairStands === null &&
        entry.holdSeconds === null && entry.holds === null && !entry.note) {
      errors.push(["entry", "Nothing to save yet: record a stretch stage, a measurement, a " +
        "chair-stand count or a note."]);
    }
    return errors.length ? { errors: errors } : { entry: entry };
  }

  // Two entries are the same when every recorded value is the same (the id does not count).
  function identity(e) {
    return JSON.stringify([e.date, e.stage, e.holdSeconds, e.holds, e.irLeft, e.irRight,
      e.position, e.chairStands, e.note]);
  }

  function newId() {
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 10);
  }

  // ---- storage ------------------------------------------------------------------------------

  // {entries} or {error}; a missing key is an empty log.
  function load() {
    var text;
    try {
      text = window.localStorage.getItem(KEY);
    } catch (e) {
      return { error: "This browser does not let the page store data (storage is blocked), " +
        "so the log cannot be saved here." };
    }
    if (text === null) { return { entries: [] }; }
    try {
      var data = JSON.parse(text);
      if (!data || data.version !== VERSION || !Array.isArray(data.entries)) {
        throw new Error("unknown format");
      }
      var entries = data.entries.filter(function (e) {
        return e && typeof e.date === "string" && typeof e.id === "string";
      });
      return { entries: entries };
    } catch (e) {
      return { error: "The saved log in this browser could not be read (it is damaged or " +
        "from a newer version of this page). To protect it, nothing will be saved over it." };
    }
  }

  // Returns "" on success, else a message. One setItem: the whole log or nothing.
  function store(entries) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify({ version: VERSION, entries: entries }));
      return "";
    } catch (e) {
      return "The browser refused to save (its storage may be full or blocked). " +
        "Nothing was changed.";
    }
  }

  // ---- CSV ----------------------------------------------------------------------------------

  // A note starting with = + - @ would be run as a formula by a spreadsheet: it is written with
  // a leading apostrophe, which the import takes off again.
  function csvCell(value) {
    var s = value === null || value === undefined ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(s)) { s = "'" + s; }
    if (/[",\r\n]/.test(s) || s !== s.trim()) { s = "\"" + s.replace(/"/g, "\"\"") + "\""; }
    return s;
  }

  function toCsv(entries) {
    var rows = [HEADER.join(",")];
    sortedOldestFirst(entries).forEach(function (e) {
      rows.push([e.date, e.stage, e.holdSeconds, e.holds, e.irLeft, e.irRight, e.position,
        e.chairStands, e.note].map(csvCell).join(","));
    });
    return rows.join("\r\n") + "\r\n";
  }

  // RFC 4180 records: {rows: [[cell, ...], ...]} or {error}.
  function parseCsv(text) {
    var rows = [], row = [], cell = "", i = 0, quoted = false, n = text.length;
    if (text.charCodeAt(0) === 0xfeff) { i = 1; }
    for (; i < n; i++) {
      var c = text[i];
      if (quoted) {
        if (c === "\"") {
          if (text[i + 1] === "\"") { cell += "\""; i++; } else { quoted = false; }
        } else { cell += c; }
      } else if (c === "\"" && cell === "") {
        quoted = true;
      } else if (c === ",") {
        row.push(cell); cell = "";
      } else if (c === "\r" || c === "\n") {
        if (c === "\r" && text[i + 1] === "\n") { i++; }
        row.push(cell); rows.push(row); row = []; cell = "";
      } else {
        cell += c;
      }
    }
    if (quoted) {
      return { error: "The file ends inside a quoted value: a \" has no closing \"." };
    }
    if (cell !== "" || row.length) { row.push(cell); rows.push(row); }
    return { rows: rows };
  }

  // Check a whole CSV text. Returns {entries} (checked, in file order) or {error}: the first
  // problem, naming its row (the header is row 1).
  function checkCsv(text) {
    var parsed = parseCsv(text);
    if (parsed.error) { return { error: parsed.error }; }
    var rows = parsed.rows;
    if (!rows.length) { return { error: "The file is empty." }; }
    var header = rows[0].map(function (h) { return h.trim().toLowerCase(); });
    if (header.join(",") !== HEADER.join(",")) {
      return { error: "Row 1 (the header) must be exactly \u201c" + HEADER.join(",") +
        "\u201d, but it is \u201c" + rows[0].join(",").slice(0, 120) + "\u201d. " +
        "Is this a file exported from this log?" };
    }
    if (rows.length - 1 > MAX_ROWS) {
      return { error: "The file has more than " + MAX_ROWS + " entries." };
    }
    var entries = [];
    for (var r = 1; r < rows.length; r++) {
      var cells = rows[r];
      if (cells.length === 1 && cells[0].trim() === "") { continue; } // a blank line
      if (cells.length !== HEADER.length) {
        return { error: "Row " + (r + 1) + " has " + cells.length + " values; it needs " +
          HEADER.length + " (one for each column of the header)." };
      }
      var note = cells[8];
      if (/^'[=+\-@\t\r]/.test(note)) { note = note.slice(1); }
      var result = checkEntry({ date: cells[0], stage: cells[1], holdSeconds: cells[2],
        holds: cells[3], irLeft: cells[4], irRight: cells[5], position: cells[6],
        chairStands: cells[7], note: note });
      if (result.errors) {
        var err = result.errors[0];
        var column = { date: "date", stage: "stage", position: "position", note: "note",
          entry: "" }[err[0]];
        if (column === undefined) {
          column = NUMBERS.filter(function (s) { return s[0] === err[0]; })[0][1];
        }
        return { error: "Row " + (r + 1) + (column ? ", column " + column : "") + ": " +
          err[1] };
      }
      entries.push(result.entry);
    }
    return { entries: entries };
  }

  // ---- ordering -----------------------------------------------------------------------------

  // Newest date first; on the same date, the one added later first.
  function sortedNewestFirst(entries) {
    return entries.map(function (e, i) { return [e, i]; }).sort(function (a, b) {
      if (a[0].date !== b[0].date) { return a[0].date < b[0].date ? 1 : -1; }
      return b[1] - a[1];
    }).map(function (p) { return p[0]; });
  }

  function sortedOldestFirst(entries) { return sortedNewestFirst(entries).reverse(); }

  // ---- the page -----------------------------------------------------------------------------

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function fmt(v) { return v === null || v === undefined ? "" : String(v); }

  function stageText(s) { return s === 0 ? "none" : String(s); }

  function init(root) {
    var form = root.querySelector("#pl-form");
    var live = root.querySelector("#pl-live");
    var formMessage = root.querySelector("#pl-form-message");
    var tbody = root.querySelector("#pl-table tbody");
    var emptyRow = root.querySelector("#pl-empty");
    var count = root.querySelector("#pl-count");
    var chart = root.querySelector("#pl-chart");
    var chartSummary = root.querySelector("#pl-chart-summary");
    var importInput = root.querySelector("#pl-import-file");
    var importMessage = root.querySelector("#pl-import-message");
    var storageMessage = root.querySelector("#pl-storage-message");
    var dateInput = form.elements.date;
    var broken = "";
    var entries = [];

    root.hidden = false;

    function announce(text) {
      // a fresh text node each time, so a repeated message is announced again
      live.textContent = "";
      window.setTimeout(function () { live.textContent = text; }, 50);
    }

    function reload() {
      var got = load();
      broken = got.error || "";
      entries = got.entries || [];
      storageMessage.textContent = broken;
      storageMessage.hidden = !broken;
      render();
    }

    // -- form --
    var FIELD_IDS = { date: "pl-date", holdSeconds: "pl-hold", holds: "pl-holds",
      irLeft: "pl-ir-left", irRight: "pl-ir-right", chairStands: "pl-chair", note: "pl-note" };

    function fieldsFor(key) {
      if (key === "position") { return [].slice.call(form.querySelectorAll("[name=position]")); }
      if (key === "stage") { return [].slice.call(form.querySelectorAll("[name=stage]")); }
      var node = FIELD_IDS[key] && root.querySelector("#" + FIELD_IDS[key]);
      return node ? [node] : [];
    }

    function clearErrors() {
      [].slice.call(form.querySelectorAll("[aria-invalid]")).forEach(function (n) {
        n.removeAttribute("aria-invalid");
      });
      [].slice.call(form.querySelectorAll(".pl-error")).forEach(function (n) {
        n.textContent = "";
        n.hidden = true;
      });
      formMessage.textContent = "";
      formMessage.className = "";
    }

    function showError(key, message) {
      var box = root.querySelector("#pl-" + key + "-error");
      if (box) { box.textContent = message; box.hidden = false; }
      fieldsFor(key).forEach(function (n) { n.setAttribute("aria-invalid", "true"); });
    }

    function readForm() {
      var raw = {
        date: dateInput.value,
        stage: (form.querySelector("[name=stage]:checked") || {}).value || "0",
        position: (form.querySelector("[name=position]:checked") || {}).value || "",
        note: form.elements.note.value
      };
      var bad = [];
      NUMBERS.forEach(function (spec) {
        var input = root.querySelector("#" + FIELD_IDS[spec[0]]);
        raw[spec[0]] = input.value;
        // type=number gives "" for text it cannot read: say so instead of dropping it
        if (input.validity && input.validity.badInput) { bad.push(spec); }
      });
      if (dateInput.validity && dateInput.validity.badInput) { raw.date = "?"; }
      return { raw: raw, bad: bad };
    }

    function resetForm() {
      form.reset();
      dateInput.value = todayString();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearErrors();
      var read = readForm();
      var result = checkEntry(read.raw);
      var errors = result.errors || [];
      read.bad.forEach(function (spec) {
        errors = errors.filter(function (e) { return e[0] !== spec[0]; });
        errors.push([spec[0], "This is not a number. " + numberMessage(spec)]);
      });
      if (broken) {
        formMessage.textContent = "Not saved: " + broken;
        formMessage.className = "pl-import-error";
        announce(formMessage.textContent);
        return;
      }
      if (errors.length) {
        errors.forEach(function (e) {
          if (e[0] === "entry") { formMessage.textContent = e[1]; } else { showError(e[0], e[1]); }
        });
        var fieldErrors = errors.filter(function (e) { return e[0] !== "entry"; }).length;
        var summary = "Not saved. " + (fieldErrors ? fieldErrors + (fieldErrors === 1 ?
          " field needs" : " fields need") + " attention; see the message next to it." :
          formMessage.textContent);
        formMessage.textContent = summary;
        formMessage.className = "pl-import-error";
        announce(summary);
        var first = errors[0][0] === "entry" ? [] : fieldsFor(errors[0][0]);
        if (first.length) { first[0].focus(); }
        return;
      }
      var entry = result.entry;
      entry.id = newId();
      var next = entries.concat([entry]);
      var failed = store(next);
      if (failed) {
        formMessage.textContent = failed;
        formMessage.className = "pl-import-error";
        announce(failed);
        return;
      }
      entries = next;
      render();
      resetForm();
      formMessage.textContent = "Saved the entry for " + entry.date + ". The log has " +
        entries.length + (entries.length === 1 ? " entry." : " entries.");
      formMessage.className = "pl-import-ok";
      announce(formMessage.textContent);
    });

    // -- table --
    function render() {
      var sorted = sortedNewestFirst(entries);
      while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
      if (!sorted.length) { tbody.appendChild(emptyRow); }
      sorted.forEach(function (e) {
        var tr = el("tr", { "data-id": e.id });
        tr.appendChild(el("th", { scope: "row" }, e.date));
        [stageText(e.stage), fmt(e.holdSeconds), fmt(e.holds), fmt(e.irLeft), fmt(e.irRight),
          e.position, fmt(e.chairStands), e.note].forEach(function (v) {
          tr.appendChild(el("td", {}, v));
        });
        var td = el("td", { "class": "pl-noprint" });
        var del = el("button", { type: "button", "class": "pl-delete",
          "aria-label": "Delete the entry of " + e.date }, "Delete");
        del.addEventListener("click", function () { remove(e); });
        td.appendChild(del);
        tr.appendChild(td);
        tbody.appendChild(tr);
      });
      count.textContent = sorted.length === 1 ? "1 entry" : sorted.length + " entries";
      drawChart();
    }

    function remove(entry) {
      if (broken) { announce("Not deleted: " + broken); return; }
      if (!window.confirm("Delete the entry of " + entry.date + "? This cannot be undone.")) {
        return;
      }
      var next = entries.filter(function (e) { return e.id !== entry.id; });
      var failed = store(next);
      if (failed) { announce(failed); return; }
      entries = next;
      render();
      var region = root.querySelector("#pl-table-region");
      region.focus();
      announce("Deleted the entry of " + entry.date + ". The log has " + entries.length +
        (entries.length === 1 ? " entry." : " entries."));
    }

    // -- chart --
    var SERIES = [
      { key: "irLeft", position: "seated", label: "Left hip, seated", cls: "pl-s-left-seated" },
      { key: "irRight", position: "seated", label: "Right hip, seated",
        cls: "pl-s-right-seated" },
      { key: "irLeft", position: "prone", label: "Left hip, prone", cls: "pl-s-left-prone" },
      { key: "irRight", position: "prone", label: "Right hip, prone", cls: "pl-s-right-prone" }
    ];

    function seriesPoints(s) {
      return sortedOldestFirst(entries).filter(function (e) {
        return e[s.key] !== null && e[s.key] !== undefined && e.position === s.position;
      }).map(function (e) { return [e.date, e[s.key]]; });
    }

    function chairPoints() {
      return sortedOldestFirst(entries).filter(function (e) {
        return e.chairStands !== null && e.chairStands !== undefined;
      }).map(function (e) { return [e.date, e.chairStands]; });
    }

    function dayNumber(date) {
      var p = date.split("-");
      return Date.UTC(+p[0], +p[1] - 1, +p[2]) / 86400000;
    }

    function dateLabel(day, withYear) {
      var d = new Date(day * 86400000);
      return withYear ? MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear() :
        d.getUTCDate() + " " + MONTHS[d.getUTCMonth()];
    }

    // The chart's text alternative: first and last value of every line.
    function describe(series, chair) {
      var ir = [];
      series.forEach(function (s) {
        if (!s.points.length) { return; }
        var a = s.points[0], b = s.points[s.points.length - 1];
        ir.push(s.label + " " + (s.points.length === 1 ? a[1] + "\u00b0 on " + a[0] :
          "from " + a[1] + "\u00b0 on " + a[0] + " to " + b[1] + "\u00b0 on " + b[0] +
          " (" + s.points.length + " measurements)") + ".");
      });
      var text = "Chart over time. " + (ir.length ? "Internal rotation: " + ir.join(" ") :
        "No internal rotation recorded.");
      if (chair.length) {
        var c0 = chair[0], c1 = chair[chair.length - 1];
        text += " Chair stands in 30 seconds: " + (chair.length === 1 ? c0[1] + " on " + c0[0] :
          "from " + c0[1] + " on " + c0[0] + " to " + c1[1] + " on " + c1[0] + " (" +
          chair.length + " tests)") + ".";
      } else {
        text += " No chair-stand count recorded.";
      }
      return text;
    }

    function drawChart() {
      var series = SERIES.map(function (s) {
        return { label: s.label, cls: s.cls, key: s.key, points: seriesPoints(s) };
      });
      var chair = chairPoints();
      var summary = describe(series, chair);
      chartSummary.textContent = summary;
      while (chart.firstChild) { chart.removeChild(chart.firstChild); }
      var width = Math.max(280, Math.min(900, Math.floor(chart.parentNode.clientWidth || 600)));
      var all = [];
      series.forEach(function (s) { all = all.concat(s.points); });
      all = all.concat(chair);
      var left = 48, right = 26, irTop = 28, panel = width < 500 ? 150 : 190, gap = 74;
      var chairTop = irTop + panel + gap;
      var height = chairTop + panel + 48;
      chart.setAttribute("viewBox", "0 0 " + width + " " + height);
      chart.setAttribute("width", width);
      chart.setAttribute("height", height);
      chart.setAttribute("aria-label", summary);
      if (!all.length) {
        chart.setAttribute("height", 60);
        chart.setAttribute("viewBox", "0 0 " + width + " 60");
        chart.appendChild(svg("text", { x: width / 2, y: 34, "text-anchor": "middle",
          "class": "pl-axis-text" }, "Nothing to plot yet."));
        return;
      }
      var days = all.map(function (p) { return dayNumber(p[0]); });
      var d0 = Math.min.apply(null, days), d1 = Math.max.apply(null, days);
      if (d1 - d0 < 7) { d0 -= 3; d1 += 3; }
      var plotW = width - left - right;
      function x(day) { return left + (day - d0) / (d1 - d0) * plotW; }
      var withYear = d1 - d0 > 300;
      var nTicks = Math.max(2, Math.min(6, Math.floor(plotW / 80)));
      var ticks = [];
      for (var t = 0; t < nTicks; t++) {
        ticks.push(Math.round(d0 + (d1 - d0) * t / (nTicks - 1)));
      }

      function axes(top, yMax, yStep, title) {
        var g = svg("g", { "class": "pl-axes" });
        function y(v) { return top + panel - v / yMax * panel; }
        for (var v = 0; v <= yMax; v += yStep) {
          g.appendChild(svg("line", { x1: left, x2: width - right, y1: y(v), y2: y(v),
            "class": v === 0 ? "pl-axis-line" : "pl-grid" }));
          g.appendChild(svg("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end",
            "class": "pl-axis-text" }, String(v)));
        }
        ticks.forEach(function (day) {
          g.appendChild(svg("line", { x1: x(day), x2: x(day), y1: top + panel,
            y2: top + panel + 5, "class": "pl-axis-line" }));
          // the last label ends at its tick, so it is never cut at the right edge
          g.appendChild(svg("text", { x: x(day), y: top + panel + 19,
            "text-anchor": day === ticks[ticks.length - 1] ? "end" : "middle",
            "class": "pl-axis-text" }, dateLabel(day, withYear)));
        });
        g.appendChild(svg("text", { x: left, y: top - 10, "class": "pl-axis-title" }, title));
        g.appendChild(svg("text", { x: left + plotW / 2, y: top + panel + 38,
          "text-anchor": "middle", "class": "pl-axis-text" }, "Date"));
        chart.appendChild(g);
        return y;
      }

      function marker(g, shape, cx, cy, title) {
        var node;
        if (shape === "square") {
          node = svg("rect", { x: cx - 4.5, y: cy - 4.5, width: 9, height: 9 });
        } else if (shape === "diamond") {
          node = svg("path", { d: "M" + cx + " " + (cy - 6) + "l6 6l-6 6l-6 -6z" });
        } else {
          node = svg("circle", { cx: cx, cy: cy, r: 5 });
        }
        node.setAttribute("class", "pl-point");
        node.appendChild(svg("title", {}, title));
        g.appendChild(node);
      }

      function line(g, pts, y) {
        if (pts.length < 2) { return; }
        g.appendChild(svg("polyline", { "class": "pl-line", fill: "none",
          points: pts.map(function (p) { return x(dayNumber(p[0])) + "," + y(p[1]); }).join(" ")
        }));
      }

      var yIr = axes(irTop, 90, 15, "Internal rotation (degrees)");
      series.forEach(function (s) {
        var g = svg("g", { "class": "pl-series " + s.cls });
        line(g, s.points, yIr);
        s.points.forEach(function (p) {
          marker(g, s.key === "irLeft" ? "circle" : "square", x(dayNumber(p[0])), yIr(p[1]),
            s.label + ", " + p[0] + ": " + p[1] + "\u00b0");
        });
        chart.appendChild(g);
      });
      var cMax = Math.max(10, Math.ceil(Math.max.apply(null, chair.map(function (p) {
        return p[1];
      }).concat([0])) / 5) * 5);
      var yChair = axes(chairTop, cMax, cMax > 30 ? 10 : 5, "Chair stands in 30 seconds");
      var gc = svg("g", { "class": "pl-series pl-s-chair" });
      line(gc, chair, yChair);
      chair.forEach(function (p) {
        marker(gc, "diamond", x(dayNumber(p[0])), yChair(p[1]),
          "Chair stands, " + p[0] + ": " + p[1]);
      });
      chart.appendChild(gc);
    }

    var resizeTimer = 0;
    window.addEventListener("resize", function () {
      window.clearTimeout(resizeTimer);
      resizeTimer = window.setTimeout(drawChart, 150);
    });

    // -- export, import, print --
    root.querySelector("#pl-export").addEventListener("click", function () {
      if (!entries.length) { announce("The log is empty: there is nothing to export."); return; }
      var blob = new Blob(["\ufeff" + toCsv(entries)], { type: "text/csv;charset=utf-8" });
      var url = URL.createObjectURL(blob);
      var a = el("a", { href: url, download: "practice-log-" + todayString() + ".csv" });
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      announce("Exported " + entries.length + (entries.length === 1 ? " entry" : " entries") +
        " as a CSV file.");
    });

    function importDone(message, isError) {
      importMessage.textContent = message;
      importMessage.className = isError ? "pl-import-error" : "pl-import-ok";
      importMessage.hidden = false;
      if (isError) {
        importInput.setAttribute("aria-invalid", "true");
      } else {
        importInput.removeAttribute("aria-invalid");
      }
      announce(message);
      importInput.value = "";
    }

    importInput.addEventListener("change", function () {
      var file = importInput.files && importInput.files[0];
      if (!file) { return; }
      var name = file.name;
      if (file.size > MAX_FILE_BYTES) {
        importDone("Not imported: " + name + " is larger than 1 MB. Nothing was changed.", true);
        return;
      }
      var reader = new FileReader();
      reader.onerror = function () {
        importDone("Not imported: " + name + " could not be read. Nothing was changed.", true);
      };
      reader.onload = function () {
        if (broken) { importDone("Not imported: " + broken, true); return; }
        var checked = checkCsv(String(reader.result));
        if (checked.error) {
          importDone("Not imported: " + name + ". " + checked.error + " Nothing was changed.",
            true);
          return;
        }
        var current = load();
        if (current.error) { importDone("Not imported: " + current.error, true); return; }
        var seen = {};
        current.entries.forEach(function (e) { seen[identity(e)] = true; });
        var added = [];
        checked.entries.forEach(function (e) {
          var k = identity(e);
          if (seen[k]) { return; }
          seen[k] = true;
          e.id = newId();
          added.push(e);
        });
        var skipped = checked.entries.length - added.length;
        if (added.length) {
          var failed = store(current.entries.concat(added));
          if (failed) { importDone("Not imported: " + failed, true); return; }
        }
        entries = current.entries.concat(added);
        render();
        importDone("Imported " + added.length + (added.length === 1 ? " new entry" :
          " new entries") + " from " + name + (skipped ? "; " + skipped + (skipped === 1 ?
          " was" : " were") + " already in the log and " + (skipped === 1 ? "was" : "were") +
          " skipped." : "."), false);
      };
      reader.readAsText(file);
    });

    root.querySelector("#pl-print").addEventListener("click", function () { window.print(); });

    dateInput.value = todayString();
    dateInput.max = todayString();
    reload();
    // another tab changed the log
    window.addEventListener("storage", function (event) { if (event.key === KEY) { reload(); } });
  }

  function start() {
    var root = document.getElementById("pl-app");
    if (!root || !root.querySelector("#pl-form")) { return; }
    init(root);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
