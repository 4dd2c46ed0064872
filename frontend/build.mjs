// Builds Awaz's static assets from npm packages into build/static/ (git-ignored).
// Nothing third-party is committed: everything below is compiled or copied at build time.
import { cpSync, mkdirSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build", "static");
const nm = join(root, "node_modules");
mkdirSync(out, { recursive: true });

const css = sass.compile(join(root, "frontend", "scss", "awaz.scss"), {
  loadPaths: [join(nm, "govuk-frontend", "dist")],
  style: "compressed",
  sourceMap: false,
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin"],
});
writeFileSync(join(out, "awaz.css"), css.css);

const copies = [
  // GOV.UK Frontend's JavaScript (an ES module) and its images; not its fonts or crown favicons.
  ["govuk-frontend/dist/govuk/govuk-frontend.min.js", "govuk/govuk-frontend.min.js"],
  ["govuk-frontend/dist/govuk/govuk-frontend.min.js.map", "govuk/govuk-frontend.min.js.map"],
  ["leaflet/dist/leaflet.js", "leaflet/leaflet.js"],
  ["leaflet/dist/leaflet.js.map", "leaflet/leaflet.js.map"],
  ["leaflet/dist/leaflet.css", "leaflet/leaflet.css"],
  // Chart.js's UMD build (sets window.Chart), for the patterns dashboard's charts.
  ["chart.js/dist/chart.umd.min.js", "chartjs/chart.umd.min.js"],
];
for (const [src, dst] of copies) {
  const from = join(nm, src);
  if (!existsSync(from)) throw new Error(`missing ${from}: run npm ci`);
  mkdirSync(dirname(join(out, dst)), { recursive: true });
  cpSync(from, join(out, dst));
}
console.log(`built static assets into ${out}`);
