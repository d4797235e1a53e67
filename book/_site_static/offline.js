// The course site opened straight from its files (file://, e.g. from the unzipped
// course-site.zip) instead of from a web server. Loaded on every page (html_js_files in
// _config.yml), after Sphinx's documentation_options.js and before searchtools.js.
//
// - Search: Sphinx fetches every result page to show a snippet of its text. Browsers refuse
//   fetch() on file:// (one CORS error and one failed request per result), so on file:// the
//   results list page titles only, and a note says how to serve the site to get snippets.
// - Download: the theme's ".ipynb" (and ".md") buttons link to the file with target="_blank",
//   so the browser opens it as raw JSON. The link gets a download attribute (served over http, the
//   file is saved). Browsers ignore that attribute on file://, so there a click shows a note
//   instead: save the link, or serve the site.
(function () {
  "use strict";

  var fromFile = window.location.protocol === "file:";

  if (fromFile && typeof DOCUMENTATION_OPTIONS !== "undefined") {
    DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
  }

  // The site's folder on disk, from the page's content root (Sphinx sets data-content_root).
  function siteFolder() {
    var root = document.documentElement.dataset.content_root || "./";
    var path = decodeURIComponent(new URL(root, window.location.href).pathname);
    return path.length > 1 ? path.replace(/\/$/, "") : path;
  }

  function serveNote(id, lead) {
    var note = document.getElementById(id);
    if (note) return note;
    note = document.createElement("div");
    note.id = id;
    note.className = "admonition note coursekit-offline-note";
    note.setAttribute("role", "note");
    note.tabIndex = -1;
    var title = document.createElement("p");
    title.className = "admonition-title";
    title.textContent = "Opened from a file";
    var text = document.createElement("p");
    text.textContent = lead + " To use every part of the site, serve its folder with Python " +
      "and open http://127.0.0.1:8000/ :";
    var pre = document.createElement("pre");
    pre.style.whiteSpace = "pre-wrap";  // wrapped, not a scroll box (no keyboard scrolling)
    pre.style.overflowWrap = "anywhere";
    var code = document.createElement("code");
    code.textContent = "python3 -m http.server -d '" + siteFolder() + "' 8000 --bind 127.0.0.1";
    pre.appendChild(code);
    note.appendChild(title);
    note.appendChild(text);
    note.appendChild(pre);
    return note;
  }

  function onReady() {
    var links = document.querySelectorAll(
      "a.btn-download-source-button, a.btn-download-notebook-button");
    Array.prototype.forEach.call(links, function (link) {
      var href = link.getAttribute("href") || "";
      link.setAttribute("download", href.split("/").pop());
      link.removeAttribute("target");
      if (!fromFile) return;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var note = serveNote("coursekit-offline-download",
          "Your browser cannot download this page's files from a file. Right-click the " +
          "link and choose \u201cSave link as\u2026\u201d, or use the web server below.");
        var article = document.querySelector("article.bd-article") ||
          document.querySelector("main") || document.body;
        if (!note.parentNode) article.insertBefore(note, article.firstChild);
        note.scrollIntoView({block: "nearest"});
        note.focus({preventScroll: true});
      });
    });

    var results = document.getElementById("search-results");
    if (fromFile && results) {
      var note = serveNote("coursekit-offline-search",
        "Search shows page titles only here: your browser does not let a page read the " +
        "site's other files to show their text.");
      results.parentNode.insertBefore(note, results);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onReady);
  } else {
    onReady();
  }
})();
