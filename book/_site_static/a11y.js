// Course site accessibility fix, loaded on every page (html_js_files in _config.yml).
// Sphinx writes the bibliography as <div role="list" class="citation-list"> whose entries
// carry role="doc-biblioentry", a role DPUB-ARIA 1.1 deprecated; a list must contain list
// items (axe rule "aria-required-children"), so each entry becomes a listitem.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll('.citation-list[role="list"] > .citation').forEach(function (entry) {
    entry.setAttribute("role", "listitem");
  });
});
