// Build the partial plotly.js bundles listed in bundles.json into out/ with esbuild, using
// plotly.js's own esbuild settings (its esbuild-config.js) and its lib/ trace modules.
// Run by `coursekit vendor refresh` (npm ci, then node build.js); see README.md here.
"use strict";
const fs = require("fs");
const path = require("path");
const esbuild = require("esbuild");
const { environmentPlugin } = require("esbuild-plugin-environment");
const { glsl } = require("esbuild-plugin-glsl");
const crypto = require("crypto");

// plotly.js's esbuild config inlines its CSS with esbuild-plugin-inline-css, whose <style> id
// is a hash of the file's absolute path: the bundle's bytes then depend on where it is built.
// This plugin does the same with a hash of the path inside this folder, so they do not.
const inlineCSS = {
  name: "inline-css-reproducible",
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async (args) => {
      const rel = path.relative(__dirname, args.path).split(path.sep).join("/");
      const id = crypto.createHash("sha256").update(rel).digest("hex");
      const css = JSON.stringify(fs.readFileSync(args.path, "utf8"));
      return {
        loader: "js",
        contents: `(function(){ if (!document.getElementById("${id}")) {
  var e = document.createElement("style"); e.id = "${id}"; e.textContent = ${css};
  document.head.appendChild(e); } })();`,
      };
    });
  },
};

const version = require("plotly.js/package.json").version;
const bundles = JSON.parse(fs.readFileSync(path.join(__dirname, "bundles.json"), "utf8"));

async function main() {
  fs.mkdirSync(path.join(__dirname, "out"), { recursive: true });
  for (const [name, traces] of Object.entries(bundles)) {
    if (name.startsWith("_")) continue;
    const wanted = [...new Set(traces)].sort();
    const modules = wanted.filter((t) => t !== "scatter")  // core registers scatter
      .map((t) => `require("plotly.js/lib/${t}")`);
    const contents = `var Plotly = require("plotly.js/lib/core");\n` +
      `Plotly.register([${modules.join(", ")}]);\nmodule.exports = Plotly;\n`;
    await esbuild.build({
      stdin: { contents, resolveDir: __dirname, sourcefile: `${name}.entry.js` },
      outfile: path.join(__dirname, "out", name),
      banner: { js: `/*! plotly.js ${version} partial bundle; traces: ${wanted.join(",")} */\n` +
        "/*! plotly.js (c) Plotly, Inc., MIT License (see LICENSE beside this file) */" },
      format: "iife", globalName: "Plotly", bundle: true, minify: true, sourcemap: false,
      legalComments: "eof",
      plugins: [inlineCSS, glsl({ minify: true }), environmentPlugin({ NODE_DEBUG: false })],
      alias: { regl: "@plotly/regl", stream: "stream-browserify" },
      define: { global: "window", "define.amd": "false" },
      target: "es2016", logLevel: "warning",
    });
    console.log(`out/${name}: ${wanted.join(", ")}`);
  }
}
main().catch((e) => { console.error(e.message || e); process.exit(1); });
