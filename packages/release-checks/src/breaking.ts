// The breaking-change gate: Optic compares two bundled OpenAPI documents with its
// `breaking-changes` ruleset plus ours (optic-rules/), and a breaking change passes
// only when info.version goes up a major version.
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, extname, join, posix, resolve } from "node:path";
import { parse as parseYaml } from "yaml";

const packageDir = resolve(import.meta.dirname, "..");
const workspaceRoot = resolve(packageDir, "../..");
const require = createRequire(import.meta.url);

/** Optic's CLI entry point, run with this Node.js rather than through a shell wrapper. */
export const opticBin = join(dirname(require.resolve("@useoptic/optic/package.json")), "build", "index.js");
/** The same Redocly the spec package bundles with (`spec/package.json`). */
export const redoclyBin = join(workspaceRoot, "spec", "node_modules", ".bin", "redocly");
/** Optic's rulesets, in the order they run. Local rulesets must be absolute paths ending in `.js`. */
export const rulesetFiles = [join(packageDir, "optic-rules", "narrowing.js"), join(packageDir, "optic-rules", "security.js")];

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program without a shell; never throws on a non-zero exit. */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((done) => {
    execFile(command, args, { ...options, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      done({ code, stdout, stderr: stderr || (error && typeof error.code !== "number" ? error.message : "") });
    });
  });
}

const quietEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  // No usage reports, error reports or update checks from the tools: CI has no business with them.
  OPTIC_TELEMETRY_LEVEL: "off",
  NO_UPDATE_NOTIFIER: "1",
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
});

/** Bundles a (split) OpenAPI document into one JSON file, as `spec/package.json` does. */
export async function bundleSpec(root: string, output: string): Promise<void> {
  const result = await run(redoclyBin, ["bundle", root, "--output", output], { env: quietEnv() });
  if (result.code !== 0) {
    throw new Error(`redocly bundle ${root} failed (exit ${result.code}):\n${result.stdout}${result.stderr}`);
  }
}

export interface OpticReport {
  /** Optic's own report, minus its hint about the web view; `before.json:12:3` and `after.json:…` are the compared files' lines. */
  output: string;
  passed: number;
  total: number;
}

/** Optic's `diff --check` of two documents with the gate's rulesets. Throws when Optic could not check them. */
export async function opticDiff(before: string, after: string): Promise<OpticReport> {
  const work = await mkdtemp(join(tmpdir(), "finup-optic-"));
  const standard = join(work, "standard.yml");
  // Every breaking change is reported, major bump or not: the policy is ours (see checkSpecs).
  const rulesets = [
    "  - breaking-changes:",
    "      skip_when_major_version_changes: false",
    ...rulesetFiles.map((file) => `  - ${JSON.stringify(file)}`),
  ];
  await writeFile(standard, `ruleset:\n${rulesets.join("\n")}\n`);
  // Optic names the files and lines of what it reports: short names it is.
  const names = [`before${extname(before)}`, `after${extname(after)}`] as const;
  await Promise.all([copyFile(before, join(work, names[0])), copyFile(after, join(work, names[1]))]);
  // Run outside any git repository, so that Optic picks up no optic.dev.yml of its own.
  const result = await run(process.execPath, [opticBin, "diff", names[0], names[1], "--check", "--standard", "standard.yml"], {
    cwd: work,
    env: quietEnv(),
  });
  await rm(work, { recursive: true, force: true });
  const text = `${result.stdout}${result.stderr}`;
  const checks = /Checks: (\d+)\/(\d+) passed/.exec(text);
  // Optic reports a ruleset it could not load as a warning and goes on without it.
  const unloaded = /Constructing ruleset .* failed|Ruleset .* does not exist|Cannot find module/.exec(text);
  if (!checks || unloaded) {
    throw new Error(`Optic could not compare ${before} with ${after} (exit ${result.code}):\n${text}`);
  }
  return {
    output: result.stdout.replace(/^Rerun this command with the --web flag.*\n?/m, "").trimEnd(),
    passed: Number(checks[1]),
    total: Number(checks[2]),
  };
}

async function infoVersion(file: string): Promise<string> {
  const document = parseYaml(await readFile(file, "utf8")) as { info?: { version?: unknown } };
  return String(document.info?.version ?? "");
}

const major = (version: string): number | undefined => {
  const match = /^v?(\d+)\./.exec(version);
  return match ? Number(match[1]) : undefined;
};

export interface Verdict extends OpticReport {
  breaking: number;
  beforeVersion: string;
  afterVersion: string;
  majorBump: boolean;
  ok: boolean;
  /** One paragraph for a person: what was found and what to do. */
  summary: string;
}

/** Compares two single-file documents (bundled, or fixtures) and applies the gate's policy. */
export async function checkSpecs(before: string, after: string): Promise<Verdict> {
  const report = await opticDiff(before, after);
  const [beforeVersion, afterVersion] = await Promise.all([infoVersion(before), infoVersion(after)]);
  const beforeMajor = major(beforeVersion);
  const afterMajor = major(afterVersion);
  const majorBump = beforeMajor !== undefined && afterMajor !== undefined && afterMajor > beforeMajor;
  const breaking = report.total - report.passed;
  const versions = `info.version ${beforeVersion} → ${afterVersion}`;
  let summary: string;
  if (breaking === 0) {
    summary = `No breaking change (${report.passed} checks passed; ${versions}).`;
  } else if (majorBump) {
    summary = `${breaking} breaking change(s) above, allowed: ${versions} is a major bump.`;
  } else {
    const next = `${(beforeMajor ?? 0) + 1}.0.0`;
    summary = [
      `${breaking} breaking change(s) above, and ${versions} is not a major bump.`,
      "Clients built on the old spec would break. Either keep the old behaviour (add, do not remove or tighten),",
      `or release it as a major version: add a major changeset (pnpm changeset) and run pnpm release:version, which sets info.version to ${next}.`,
    ].join("\n");
  }
  return { ...report, breaking, beforeVersion, afterVersion, majorBump, ok: breaking === 0 || majorBump, summary };
}

export interface GitCheckOptions {
  /** A directory inside the git work tree. */
  cwd: string;
  /** The revision to compare with; default: the merge-base of HEAD and main (or origin/main). */
  base?: string | undefined;
  /** The spec's root document, relative to the top of the work tree. */
  spec?: string | undefined;
  log?: (line: string) => void;
}

async function git(cwd: string, args: string[]): Promise<string> {
  const result = await run("git", args, { cwd });
  if (result.code !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

async function defaultBase(cwd: string): Promise<string> {
  for (const branch of ["main", "origin/main"]) {
    const result = await run("git", ["merge-base", "HEAD", branch], { cwd });
    if (result.code === 0) return result.stdout.trim();
  }
  throw new Error("No branch main or origin/main to take the merge-base with: pass --base <git-ref>.");
}

/** Writes the files of `dir` as they are at `commit` under `dest`; false when the commit has no `specFile`. */
async function extractSpecAt(top: string, commit: string, specFile: string, dest: string): Promise<boolean> {
  const dir = posix.dirname(specFile);
  const listed = await git(top, ["ls-tree", "-r", "-z", "--name-only", commit, "--", dir === "." ? specFile : dir]);
  const files = listed.split("\0").filter(Boolean);
  if (!files.includes(specFile)) return false;
  for (const file of files) {
    const content = await git(top, ["show", `${commit}:${file}`]);
    await mkdir(dirname(join(dest, file)), { recursive: true });
    await writeFile(join(dest, file), content);
  }
  return true;
}

/**
 * Compares the spec in the work tree (committed or not) with the spec at a git
 * revision, both bundled by Redocly first since the spec is split into many files.
 */
export async function checkAgainstGit(options: GitCheckOptions): Promise<Verdict | undefined> {
  const log = options.log ?? console.log;
  const specFile = posix.normalize(options.spec ?? "spec/openapi.yaml");
  const top = (await git(options.cwd, ["rev-parse", "--show-toplevel"])).trim();
  const baseRef = options.base ?? (await defaultBase(top));
  const resolved = await run("git", ["rev-parse", "--verify", "--quiet", `${baseRef}^{commit}`], { cwd: top });
  if (resolved.code !== 0)
    throw new Error(`No commit ${JSON.stringify(baseRef)} in ${top}: pass --base <git-ref> (fetch it first in a shallow clone).`);
  const commit = resolved.stdout.trim();

  const work = await mkdtemp(join(tmpdir(), "finup-breaking-"));
  if (!(await extractSpecAt(top, commit, specFile, join(work, "base")))) {
    log(`check:breaking: ${specFile} does not exist at ${baseRef} (${commit.slice(0, 10)}): nothing to compare with.`);
    return undefined;
  }
  const beforeJson = join(work, "before.json");
  const afterJson = join(work, "after.json");
  await Promise.all([bundleSpec(join(work, "base", specFile), beforeJson), bundleSpec(join(top, specFile), afterJson)]);

  log(`check:breaking: ${specFile} at ${baseRef} (${commit.slice(0, 10)}) → the work tree, bundled by Redocly, compared by Optic.`);
  const verdict = await checkSpecs(beforeJson, afterJson);
  log(verdict.output);
  log("");
  log(verdict.summary);
  if (verdict.breaking > 0) {
    log(`(before.json and after.json are the two bundles, kept in ${work} for the line numbers above.)`);
  } else {
    await rm(work, { recursive: true, force: true });
  }
  return verdict;
}
