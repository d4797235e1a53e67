// Printed pages (listed in _config.yml html_js_files): Plotly figures fit the paper.
// A Plotly figure is drawn at the width it had on the screen, and printing fires no resize, so
// a figure wider than the printable width was cut at the right. Before printing, each wider
// figure is redrawn at PRINT_WIDTH_PX, the width course.css leaves on A4 (210 mm less two
// 15 mm margins = 180 mm = 680 CSS px); after printing it gets its own width back.
// Paper is white: a page in the theme's dark mode prints in the light mode's colours (the
// theme's colours follow <html data-theme>), and gets its dark mode back after printing.
(function () {
  "use strict";
  var PRINT_WIDTH_PX = 680;
  var resized = [];
  var screenTheme = null;

  function fitForPrint() {
    var html = document.documentElement;
    if (screenTheme === null && html.dataset.theme && html.dataset.theme !== "light") {
      screenTheme = html.dataset.theme;
      html.dataset.theme = "light";
    }
    if (!window.Plotly || resized.length) return;
    document.querySelectorAll(".js-plotly-plot").forEach(function (gd) {
      // the width it is drawn at (print CSS may already have narrowed the box around it)
      var drawn = gd._fullLayout ? gd._fullLayout.width : gd.getBoundingClientRect().width;
      if (!(drawn > PRINT_WIDTH_PX)) return;
      resized.push({ gd: gd, width: gd.layout.width });
      window.Plotly.relayout(gd, { width: PRINT_WIDTH_PX });
    });
  }

  function restore() {
    if (screenTheme !== null) {
      document.documentElement.dataset.theme = screenTheme;
      screenTheme = null;
    }
    var done = resized;
    resized = [];
    done.forEach(function (item) {
      window.Plotly.relayout(item.gd, { width: item.width === undefined ? null : item.width })
        .then(function () { window.Plotly.Plots.resize(item.gd); });
    });
  }

  window.addEventListener("beforeprint", fitForPrint);
  window.addEventListener("afterprint", restore);
  // browsers that print without the events still switch the print media query
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    var onChange = function (e) { if (e.matches) { fitForPrint(); } else { restore(); } };
    if (print.addEventListener) { print.addEventListener("change", onChange); }
    else if (print.addListener) { print.addListener(onChange); }
  }
})();
