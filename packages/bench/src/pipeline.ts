// Pipeline timings, taken in a fresh clone in a temporary folder so that the working tree
// (and whoever is working in it) is left alone: install on a warm store, cold and warm
// builds and tests, the mock's start, and the time from saving a spec file to regenerated
// types under `pnpm dev`. Everything started here is stopped here.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { median } from "./stats.js";

export interface PipelineRow {
  step: string;
  /** Median seconds; undefined when the step was not measured. */
  seconds: number | undefined;
  /** Every run, in seconds. */
  runs: number[];
  note: string;
}

// The clone's tools must not see the variables of the pnpm and turbo run that started us.
const childEnv: NodeJS.ProcessEnv = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !/^(npm_|TURBO_|PNPM_SCRIPT|INIT_CWD$)/i.test(key)),
);

/** Runs a command to completion, its output appended to `log`; throws with the log's tail if it fails. */
async function run(command: string, args: string[], cwd: string, log: string, stdout?: (text: string) => void): Promise<number> {
  const out = createWriteStream(log, { flags: "a" });
  out.write(`\n$ ${command} ${args.join(" ")}\n`);
  const start = process.hrtime.bigint();
  const child = spawn(command, args, { cwd, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  if (stdout) child.stdout.on("data", (chunk: Buffer) => stdout(chunk.toString()));
  const [code] = (await once(child, "close")) as [number | null];
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  out.end();
  await once(out, "close");
  if (code !== 0) {
    const tail = readFileSync(log, "utf8").split("\n").slice(-40).join("\n");
    throw new Error(`\`${command} ${args.join(" ")}\` exited with ${code} in ${cwd}:\n${tail}`);
  }
  return seconds;
}

async function repeat(times: number, step: () => Promise<number>): Promise<number[]> {
  const runs: number[] = [];
  for (let i = 0; i < times; i++) runs.push(await step());
  return runs;
}

const measured = (step: string, runs: number[], note: string): PipelineRow => ({ step, seconds: median(runs), runs, note });

function removeNodeModules(repo: string): void {
  const dirs = [join(repo, "node_modules"), join(repo, "spec", "node_modules")];
  for (const name of readdirSync(join(repo, "packages"))) dirs.push(join(repo, "packages", name, "node_modules"));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

export interface PipelineOptions {
  /** The repository to clone. */
  source: string;
  /** An empty temporary folder; the clone goes in it. */
  workDir: string;
  /** Prints progress. */
  progress: (line: string) => void;
  installRuns?: number;
  warmRuns?: number;
  mockRuns?: number;
  devRuns?: number;
}

export async function measurePipeline(options: PipelineOptions): Promise<PipelineRow[]> {
  const { source, workDir, progress } = options;
  const repo = join(workDir, "repo");
  const log = join(workDir, "pipeline.log");
  const sh = (command: string, ...args: string[]) => run(command, args, repo, log);
  await run("git", ["clone", "-q", source, repo], workDir, log);
  const rows: PipelineRow[] = [];

  progress("pipeline: pnpm install on a warm store");
  const installs = await repeat(options.installRuns ?? 3, async () => {
    removeNodeModules(repo);
    return sh("pnpm", "install", "--frozen-lockfile", "--offline");
  });
  rows.push(measured("`pnpm install --frozen-lockfile --offline` (warm store, no node_modules)", installs, runsNote(installs)));

  progress("pipeline: cold pnpm build");
  rows.push(measured("`pnpm build`, cold (fresh clone, empty turbo cache)", [await sh("pnpm", "build")], "1 run"));
  progress("pipeline: warm pnpm build");
  const warmBuilds = await repeat(options.warmRuns ?? 3, () => sh("pnpm", "build"));
  rows.push(measured("`pnpm build`, warm (everything cached)", warmBuilds, runsNote(warmBuilds)));

  progress("pipeline: cold pnpm test");
  rows.push(measured("`pnpm test`, cold (after the build, no test cached)", [await sh("pnpm", "test")], "1 run"));
  progress("pipeline: warm pnpm test");
  const warmTests = await repeat(options.warmRuns ?? 3, () => sh("pnpm", "test"));
  rows.push(measured("`pnpm test`, warm (everything cached)", warmTests, runsNote(warmTests)));

  progress("pipeline: mock start-to-ready");
  rows.push(await measureMockStart(repo, log, options.mockRuns ?? 5));

  progress("pipeline: spec save to regenerated types under pnpm dev");
  rows.push(await measureDev(repo, log, options.devRuns ?? 3));
  return rows;
}

function runsNote(runs: number[]): string {
  return `median of ${runs.length} (${runs.map((s) => s.toFixed(1)).join(", ")} s)`;
}

// Each run is a new Node.js process that times `startMockServer()` until it resolves, then closes it.
export async function measureMockStart(repo: string, log: string, runs: number): Promise<PipelineRow> {
  const entry = pathToFileURL(join(repo, "packages", "mock", "dist", "index.js")).href;
  const script = [
    `const { startMockServer } = await import(${JSON.stringify(entry)});`,
    "const start = performance.now();",
    "const mock = await startMockServer();",
    "const ms = performance.now() - start;",
    "await mock.close();",
    "console.log('MOCK_READY_MS=' + ms);",
  ].join("\n");
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) {
    let printed = "";
    await run(process.execPath, ["--input-type=module", "-e", script], repo, log, (text) => {
      printed += text;
    });
    const found = printed.match(/MOCK_READY_MS=([\d.]+)/);
    if (!found?.[1]) throw new Error(`The mock's start time is missing from its output: ${printed}`);
    seconds.push(Number(found[1]) / 1000);
  }
  return measured("mock start-to-ready (`startMockServer()` until it resolves)", seconds, runsNote(seconds));
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  if (!address || typeof address === "string") throw new Error("No free port");
  return address.port;
}

async function until(what: string, check: () => boolean, timeoutMs: number, everyMs = 20): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(everyMs);
  }
}

// The spec line the dev measurement edits: its description is carried into the generated types.
const specFile = join("spec", "components", "schemas", "Card.yaml");
const editedLine = "description: The card's id (a MongoDB ObjectId).";
const typesFile = join("packages", "types", "src", "openapi.generated.ts");

export async function measureDev(repo: string, log: string, runs: number): Promise<PipelineRow> {
  const step = "spec saved to regenerated types under `pnpm dev`";
  const manifest = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  if (!manifest.scripts?.dev) return { step, seconds: undefined, runs: [], note: "not measured: pnpm dev not available" };
  const spec = join(repo, specFile);
  const types = join(repo, typesFile);
  const original = readFileSync(spec, "utf8");
  if (!original.includes(editedLine)) throw new Error(`${specFile} no longer has the line the benchmark edits: ${editedLine}`);

  const ports = [await freePort(), await freePort()].map(String) as [string, string];
  let output = "";
  const out = createWriteStream(log, { flags: "a" });
  // A process group of its own, so that one signal stops pnpm, turbo, the watcher and Prism.
  const dev: ChildProcess = spawn("pnpm", ["dev", "--", "--mock-port", ports[0], "--docs-port", ports[1]], {
    cwd: repo,
    env: childEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let lastOutput = Date.now();
  for (const stream of [dev.stdout, dev.stderr]) {
    stream?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      lastOutput = Date.now();
      out.write(chunk);
    });
  }
  let running = true;
  const exited = once(dev, "close").finally(() => {
    running = false;
  });
  const alive = () => {
    if (!running) throw new Error(`pnpm dev exited early:\n${output.split("\n").slice(-20).join("\n")}`);
    return true;
  };
  const quiet = (ms: number) => until(`${ms} ms without output from pnpm dev`, () => alive() && Date.now() - lastOutput >= ms, 300_000, 50);
  // dev prints one of these at the end of each rebuild.
  const rebuilds = () => output.split(/dev: rebuilt|dev: the build failed/).length - 1;
  const failed = () => {
    if (output.includes("dev: the build failed"))
      throw new Error(`pnpm dev failed to rebuild:\n${output.split("\n").slice(-30).join("\n")}`);
  };

  const seconds: number[] = [];
  try {
    await until("pnpm dev to start watching", () => alive() && output.includes("dev: watching"), 300_000);
    await quiet(3_000);
    for (let i = 0; i < runs; i++) {
      const marker = `Bench edit ${i} ${Date.now()}.`;
      const before = rebuilds();
      const start = process.hrtime.bigint();
      writeFileSync(spec, original.replace(editedLine, `${editedLine} ${marker}`));
      await until("the regenerated types", () => alive() && readFileSync(types, "utf8").includes(marker), 300_000);
      seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
      // Let the rest of the rebuild (client, docs, mock restart) finish before the next edit.
      await until("pnpm dev to finish rebuilding", () => alive() && rebuilds() > before, 300_000);
      failed();
      await quiet(2_000);
    }
  } finally {
    // Restore the spec exactly, let the watcher rebuild from it, then stop everything.
    const before = rebuilds();
    writeFileSync(spec, original);
    await until("pnpm dev to rebuild the restored spec", () => alive() && rebuilds() > before, 300_000).catch(() => {});
    await stopGroup(dev, exited);
    out.end();
  }
  if (readFileSync(spec, "utf8") !== original) throw new Error(`${specFile} was not restored`);
  // dev reports each whole rebuild (bundle, types, client, docs, mock restart) itself.
  const whole = [...output.matchAll(/dev: rebuilt and restarted the mock in ([\d.]+) s/g)].slice(0, runs).map((m) => Number(m[1]));
  return measured(step, seconds, `${runsNote(seconds)}; the whole rebuild and mock restart: ${median(whole).toFixed(1)} s`);
}

async function stopGroup(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.pid === undefined) return;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), name);
    } catch {
      // Already gone.
    }
  };
  signal("SIGTERM");
  const stopped = await Promise.race([exited.then(() => true), delay(20_000).then(() => false)]);
  if (!stopped) signal("SIGKILL");
  // Children that outlive pnpm (Prism, the watcher) are in the same group: make sure of them too.
  await delay(500);
  signal("SIGKILL");
}
