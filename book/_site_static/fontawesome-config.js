// Loaded on every page before the theme's deferred fontawesome.js (html_js_files in
// _config.yml). Font Awesome turns the page's <i class="fa-..."> icons into SVG once the page
// has loaded; by default it then also watches every change to the page for new icons. The
// theme adds no icon later, but the static explorers redraw hundreds of SVG nodes on each
// slider step, and that watching cost each step a few milliseconds. Icons are still replaced
// once, on load.
window.FontAwesomeConfig = Object.assign({observeMutations: false}, window.FontAwesomeConfig);
