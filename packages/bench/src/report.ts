// Turns the measurements into the one table `pnpm bench` prints and BENCHMARKS.md holds.
import { type BundleSize, budgetGzippedBytes } from "./bundle.js";
import { formatMachine, type Machine } from "./machine.js";
import { type PerCallResults, type VariantResult, variantNames } from "./per-call.js";
import type { PipelineRow } from "./pipeline.js";

export interface Report {
  date: Date;
  machine: Machine;
  /** os.loadavg() when the run started and when it ended: how busy the machine was. */
  load: { start: number[]; end?: number[] };
  /** The commit the pipeline's clone was made from, and whether the working tree differed from it. */
  commit: string;
  perCall?: PerCallResults | undefined;
  bundles?: BundleSize[] | undefined;
  pipeline?: PipelineRow[] | undefined;
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const us = (opsPerSecond: number) => 1e6 / opsPerSecond;
const signed = (n: number, digits = 0) =>
  `${n >= 0 ? "+" : "-"}${Math.abs(n).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })}`;

function perCallRows(area: string, results: VariantResult[]): string[][] {
  const bare = results.find((r) => r.name === variantNames.bare);
  if (!bare) throw new Error("No bare openapi-fetch figure");
  return results.map((r) => [
    area,
    r.name,
    `${int(r.opsPerSecond)} ops/s, ${us(r.opsPerSecond).toFixed(1)} µs/call`,
    r === bare ? "baseline" : `${r.vsBare.ratio.toFixed(2)}x bare's ops/s, ${signed(r.vsBare.extraMicroseconds, 1)} µs/call`,
  ]);
}

function bundleRows(bundles: BundleSize[]): string[][] {
  const bare = bundles.find((b) => b.name === "bare openapi-fetch");
  if (!bare) throw new Error("No bare openapi-fetch bundle");
  return bundles.map((b) => {
    const over = b.gzippedBytes - bare.gzippedBytes;
    const relative =
      b === bare
        ? "baseline"
        : b.name === "@finup/client"
          ? `${signed(over)} B gzip (budget +${int(budgetGzippedBytes)} B)`
          : `${signed(over)} B gzip`;
    return ["bundle, browser consumer", b.name, `${int(b.minifiedBytes)} B minified, ${int(b.gzippedBytes)} B gzip`, relative];
  });
}

function pipelineRows(rows: PipelineRow[]): string[][] {
  return rows.map((r) => ["pipeline, fresh clone", r.step, r.seconds === undefined ? "not measured" : `${r.seconds.toFixed(2)} s`, r.note]);
}

export function tableRows(report: Report): string[][] {
  const rows: string[][] = [["area", "what", "result (median)", "relative"]];
  if (report.perCall) {
    rows.push(...perCallRows("per call, in-memory fetch", report.perCall.inMemory));
    rows.push(...perCallRows("per call, loopback HTTP", report.perCall.loopback));
  }
  if (report.bundles) rows.push(...bundleRows(report.bundles));
  if (report.pipeline) rows.push(...pipelineRows(report.pipeline));
  return rows;
}

/** A Markdown table with padded columns, as Biome formats it. */
export function markdownTable(rows: string[][]): string {
  const cells = rows.map((row) => row.map((cell) => cell.replaceAll("|", "\\|")));
  const widths = cells[0]?.map((_, column) => Math.max(3, ...cells.map((row) => (row[column] ?? "").length))) ?? [];
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  const [header, ...body] = cells;
  if (!header) return "";
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}

export function heading(report: Report): string {
  const load = (figures: number[] | undefined) => figures?.map((n) => n.toFixed(2)).join(", ") ?? "?";
  return [
    `Run on ${report.date.toISOString().replace(/\.\d+Z$/, "Z")} at commit ${report.commit}.`,
    `Machine: ${formatMachine(report.machine)}.`,
    `Load average (1, 5, 15 min): ${load(report.load.start)} at the start, ${load(report.load.end)} at the end.`,
  ].join("\n");
}

function vsBare(results: VariantResult[], name: string): VariantResult["vsBare"] {
  const result = results.find((r) => r.name === name);
  if (!result) throw new Error(`No figures for ${name}`);
  return result.vsBare;
}

/** How much longer a call takes than bare openapi-fetch's, from the ratio of their ops/s. */
const slower = (ratio: number) => (ratio < 1 ? `${Math.round((1 / ratio - 1) * 100)}% slower` : "no slower");
const extra = (us: number) => `${us >= 0 ? `${us.toFixed(1)} µs more` : `${(-us).toFixed(1)} µs less`} per call`;
const x = (ratio: number) => `${ratio.toFixed(2)}x`;
const spread = ({ ratioQuartiles: [low, high] }: VariantResult["vsBare"]) => `${x(low)} to ${x(high)}`;

function perCallNotes(perCall: PerCallResults): string {
  const bareUs = us(perCall.inMemory.find((r) => r.name === variantNames.bare)?.opsPerSecond ?? Number.NaN);
  const [memoryPost, memoryIssue, memoryTimeout] = [variantNames.post, variantNames.issueCards, variantNames.bareWithTimeout].map((name) =>
    vsBare(perCall.inMemory, name),
  ) as [VariantResult["vsBare"], VariantResult["vsBare"], VariantResult["vsBare"]];
  const [loopPost, loopIssue, loopTimeout] = [variantNames.post, variantNames.issueCards, variantNames.bareWithTimeout].map((name) =>
    vsBare(perCall.loopback, name),
  ) as [VariantResult["vsBare"], VariantResult["vsBare"], VariantResult["vsBare"]];
  const worstLoopback = loopPost.ratio < loopIssue.ratio ? loopPost : loopIssue;
  const { inMemory: m, loopback: l } = perCall.options;
  return `## Per call

Each variant makes the same call: POST the same body with the same \`x-api-key\` to
\`/accounts/{account_id}/cards/issuing\` and read the cards from the answer, which is
\`components.examples.IssueCardsResponseDocs\` from \`spec/dist/openapi.json\` (status 201).
"In-memory fetch" hands every variant a \`fetch\` that returns a fresh
\`new Response(JSON.stringify(docsExample), { status: 201 })\`: it measures the libraries alone.
"Loopback HTTP" sends to a \`node:http\` server on 127.0.0.1 with keep-alive, in a worker thread,
through Node's own \`fetch\` (undici). Bare openapi-fetch is \`createClient<paths>()\` with the same
generated types and the key in its \`headers\`; raw fetch is \`fetch(url, { method, headers, body })\`
and \`response.json()\`.

The variants run in interleaved rounds (A, B, C, D, E, A, B, ...), one batch each per round, so
that whatever else the machine does falls on all of them alike, with a full garbage collection
before each batch so that none pays for the garbage of the one before. "result" is the median
over the rounds of each batch's calls per second; "relative" is the median over the rounds of the
ratio to bare openapi-fetch's batch in the same round. In memory: ${m.rounds} rounds of ~${m.batchMs} ms
batches after ${m.warmupMs} ms of warm-up each; loopback: ${l.rounds} rounds of ~${l.batchMs} ms batches after
${l.warmupMs} ms. The calls are sequential (one in flight), so µs/call is the latency of one call.

### Why the client costs more than bare openapi-fetch per call

With the in-memory fetch, \`client.POST\` runs at ${x(memoryPost.ratio)} bare openapi-fetch's ops/s
(${extra(memoryPost.extraMicroseconds)}, ${slower(memoryPost.ratio)}; the middle half of the rounds from ${spread(memoryPost)}) and
\`issueCards\` at ${x(memoryIssue.ratio)} (${extra(memoryIssue.extraMicroseconds)}, ${slower(memoryIssue.ratio)}; ${spread(memoryIssue)}). Over loopback
HTTP they run at ${x(loopPost.ratio)} (${spread(loopPost)}) and ${x(loopIssue.ratio)} (${spread(loopIssue)}).

Most of the in-memory difference is the \`AbortSignal\` every request carries so that its timeout
(\`timeoutMs\`, 60 s by default) and the caller's \`signal\` can abort it. Node's \`Request\`
(undici) makes a request's signal follow the one it is given with a \`WeakRef\`, a
\`FinalizationRegistry\` entry and an abort listener per request, which costs tens of
microseconds and more garbage collection. Bare openapi-fetch given a timeout the ordinary way,
\`signal: AbortSignal.timeout(60_000)\` (the "+ AbortSignal.timeout" rows), runs at
${x(memoryTimeout.ratio)} in memory and ${x(loopTimeout.ratio)} over loopback. The rest is the client's own work:
the openapi-fetch middleware that sets \`x-api-key\` after the client's and the call's headers are
merged (with any middleware, openapi-fetch also makes an id and an options object per request
and awaits each hook), the timer per attempt (\`setTimeout\` and \`clearTimeout\`), the \`.catch\`
that turns a malformed body's \`SyntaxError\` into a \`FinupError\`, and \`issueCards\`' checks. The signal cannot be left off
the \`Request\`: a custom \`fetch\` (a test double, a proxy, instrumentation) sees only the
\`Request\`, and a wrapper that calls \`globalThis.fetch(request)\` takes its signal from it, so a
timeout kept anywhere else would not stop the network request. With the in-memory fetch a whole
bare call is only ~${bareUs.toFixed(0)} µs of \`Request\`, \`Response\` and JSON work, so the client cannot come
within 5% of it without giving up timeouts. Against a server the network dominates: the slower
of the two client rows is ${slower(worstLoopback.ratio)} than bare openapi-fetch over loopback in this run, and a
single round on this shared machine says little (see the middle halves above).

Before issue #7 the transport also cloned every request (a tee of its body stream) and wrapped
the clone in a second \`Request\` with \`AbortSignal.any\`. Measured then over several runs (not
this one), \`issueCards\` ran at 0.35 to 0.46x bare openapi-fetch's ops/s with the in-memory fetch,
and at 0.70 to 0.78x over loopback. Now a request is sent as openapi-fetch built it, with the
signal it was born with; only a re-send (after a refused connection or a 429) builds a new
\`Request\`, from the same string body.
The retry policy, timeouts and aborts are unchanged and covered by \`packages/client\`'s tests.`;
}

function bundleNotes(bundles: BundleSize[]): string {
  const finup = bundles.find((b) => b.name === "@finup/client");
  const bare = bundles.find((b) => b.name === "bare openapi-fetch");
  const over = finup && bare ? finup.gzippedBytes - bare.gzippedBytes : Number.NaN;
  return `## Bundle size

Each consumer in \`packages/bench/src/consumers/\` makes the one call in a browser: \`createFinupClient\`
with \`dangerouslyAllowBrowser: true\` and \`issueCards\`; bare openapi-fetch's \`client.POST\`; and
\`axios.post\` with the \`x-api-key\` header. esbuild bundles each with everything included
(\`platform: "browser"\`, \`format: "esm"\`, \`minify: true\`); gzip is \`zlib.gzipSync\` at level 9.
The client adds ${int(over)} B gzipped over bare openapi-fetch; \`pnpm test\` fails past
${int(budgetGzippedBytes)} B (\`packages/bench/test/bundle-budget.test.ts\`, which uses the same bundling code).`;
}

function pipelineNotes(): string {
  return `## Pipeline

Timed in a fresh \`git clone\` of the repository in a temporary folder, so that the working tree
is not disturbed: the clone is of the last commit, not of uncommitted changes. The install
removes every \`node_modules\` first and installs offline from the warm pnpm store. "Cold" builds
and tests start from an empty turbo cache; "warm" ones replay everything from it. The mock's
start is \`startMockServer()\` in a new Node.js process until its promise resolves (Prism
answering HTTP). Under \`pnpm dev\`, each run appends a word to a schema description in the spec,
then polls the generated types until the word appears; the spec is restored and \`pnpm dev\` stopped
afterwards.`;
}

export function renderMarkdown(report: Report): string {
  const parts = [
    "# Benchmarks",
    "Written by `pnpm bench` (`packages/bench`); run it again to refresh. Timings vary with whatever else the machine is doing; sizes do not.",
    heading(report),
    markdownTable(tableRows(report)),
  ];
  if (report.perCall) parts.push(perCallNotes(report.perCall));
  if (report.bundles) parts.push(bundleNotes(report.bundles));
  if (report.pipeline) parts.push(pipelineNotes());
  return `${parts.join("\n\n")}\n`;
}
