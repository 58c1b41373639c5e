// pnpm bench: the per-call cost, the bundle sizes and the pipeline's timings in one run,
// printed as one table and written to BENCHMARKS.md at the repository root.
//
//   pnpm bench                       everything; writes BENCHMARKS.md
//   pnpm bench -- --only bundle      some sections (per-call, bundle, pipeline); prints only
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { measureBundles } from "./bundle.js";
import { describeMachine } from "./machine.js";
import { measurePerCall } from "./per-call.js";
import { measurePipeline } from "./pipeline.js";
import { heading, markdownTable, type Report, renderMarkdown, tableRows } from "./report.js";

const sections = ["per-call", "bundle", "pipeline"] as const;
type Section = (typeof sections)[number];

const { values } = parseArgs({ options: { only: { type: "string" } } });
const only = (values.only?.split(",").map((s) => s.trim()) ?? [...sections]) as Section[];
for (const section of only) {
  if (!sections.includes(section)) throw new Error(`Unknown section ${section}; choose from ${sections.join(", ")}`);
}
const all = sections.every((s) => only.includes(s));

const root = fileURLToPath(new URL("../../../", import.meta.url));
const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim();
const dirty = git("status", "--porcelain", "--untracked-files=no") !== "";
const progress = (line: string) => console.log(`bench: ${line}`);

const report: Report = {
  date: new Date(),
  machine: describeMachine(),
  load: { start: loadavg() },
  commit: `${git("rev-parse", "--short=12", "HEAD")}${dirty ? " (working tree with uncommitted changes; the pipeline used the commit)" : ""}`,
};

// The cheap, deterministic part first; then the timings, the per-call ones before the
// pipeline so that they do not share the machine with a build.
if (only.includes("bundle")) {
  progress("bundling the browser consumers");
  report.bundles = await measureBundles();
}
if (only.includes("per-call")) {
  progress("per-call cost, interleaved rounds (a minute or two)");
  report.perCall = await measurePerCall();
}
if (only.includes("pipeline")) {
  const workDir = mkdtempSync(join(tmpdir(), "finup-bench-"));
  try {
    report.pipeline = await measurePipeline({ source: root, workDir, progress });
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

report.load.end = loadavg();
console.log(`\n${heading(report)}\n\n${markdownTable(tableRows(report))}\n`);
if (all) {
  writeFileSync(join(root, "BENCHMARKS.md"), renderMarkdown(report));
  console.log("bench: wrote BENCHMARKS.md");
} else {
  console.log("bench: some sections only, so BENCHMARKS.md was left as it is");
}
