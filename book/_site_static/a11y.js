// Course site accessibility helper, loaded on every page (html_js_files in _config.yml).
// The markup itself is made accessible at build time (coursekit.a11y_markup, book/_templates);
// this script only keeps one name up to date. The colour-mode button shows the current mode
// as an icon, so its spoken name says it too: "Color mode: Dark". The theme stores the mode
// in <html data-mode> ("light", "dark" or "auto") and changes it on each click.
(function () {
  "use strict";
  var NAMES = { light: "Light", dark: "Dark", auto: "System settings" };

  function nameButtons() {
    var mode = NAMES[document.documentElement.dataset.mode] || NAMES.auto;
    document.querySelectorAll(".theme-switch-button").forEach(function (button) {
      button.setAttribute("aria-label", "Color mode: " + mode);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameButtons();
    new MutationObserver(nameButtons).observe(document.documentElement,
      { attributes: true, attributeFilter: ["data-mode"] });
  });
})();
