// @ts-check
// Redoc 3 draws its "API docs by Redocly" logo from cdn.redoc.ly, and no option
// turns it off. The page must load nothing from another host, so the logo URLs
// in the inlined bundle become a data: URI of the same wordmark, as text.
import { readFileSync, writeFileSync } from "node:fs";

const [file] = process.argv.slice(2);
if (!file) throw new Error("usage: node scripts/inline-logo.mjs <index.html>");

const wordmark =
  '<svg xmlns="http://www.w3.org/2000/svg" width="58" height="16" viewBox="0 0 58 16">' +
  '<text x="0" y="12" font-family="sans-serif" font-size="13" font-weight="600" fill="#0044D4">Redocly</text></svg>';
// Percent-encoding keeps the URI free of quotes and backticks: it lands inside a JS string.
const dataUri = `data:image/svg+xml,${encodeURIComponent(wordmark)}`;
const logoUrl = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(-full)?\.svg/g;

const html = readFileSync(file, "utf8");
const count = html.match(logoUrl)?.length ?? 0;
// A Redoc upgrade that moves the logo must fail here, not in a reader's browser.
if (count === 0) throw new Error(`${file}: no cdn.redoc.ly logo URL found; check how this Redoc version loads its logo`);
writeFileSync(file, html.replace(logoUrl, dataUri));
console.log(`${file}: ${count} logo URL(s) inlined`);
