// The packages as consumers get them: `pnpm pack` both, install the tarballs with npm
// into a throwaway project outside the workspace, compile a strict consumer under
// NodeNext (as ESM and as CommonJS) and Bundler resolution, and run it.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const packages = join(import.meta.dirname, "..", "..");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
let project: string;

const run = (command: string, args: string[], cwd = project) =>
  execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FINUP_API_KEY: "" } });

const strict = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  skipLibCheck: false,
  target: "ES2022",
  lib: ["ES2022", "DOM"],
  types: [],
};

// One consumer, written once; the ESM and CommonJS builds differ only in file extension.
const consumer = `
import { createFinupClient, FinupError, RateLimitError, type Card } from "@finup/client";
import { knownCardStatusValues, type KnownCardStatus } from "@finup/types";

const card = { id: "67b37ed1be539510101fde99", status: "Processing", "3ds": false };
const fetch = async (request: Request): Promise<Response> =>
  request.headers.get("x-api-key") === "key"
    ? new Response(JSON.stringify({ result: [card] }), { status: 201, headers: { "content-type": "application/json" } })
    : new Response("{}", { status: 429, headers: { "retry-after": "9999" } });

async function main(): Promise<void> {
  const finup = createFinupClient({ apiKey: "key", fetch, baseUrl: "http://127.0.0.1:4010" });
  const cards: Card[] = await finup.issueCards("67b300e30a4c3db1b01a3699", { bin_id: "b", name: "n", amount: 1 });
  const known: readonly KnownCardStatus[] = knownCardStatusValues;
  const other = createFinupClient({ apiKey: "wrong", fetch, maxRetries: 0 });
  const error = await other.issueCards("a", { bin_id: "b", name: "n", amount: 1 }).catch((e: unknown) => e);
  console.log(JSON.stringify({
    threeDs: cards[0]?.["3ds"],
    known: known.includes("Processing"),
    rateLimited: error instanceof RateLimitError && error instanceof FinupError && error.retryAfter === 9999,
  }));
}
void main();
`;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), "finup-consumer-"));
  for (const name of ["types", "client"]) run("pnpm", ["pack", "--pack-destination", project], join(packages, name));
  const tarballs = readdirSync(project).filter((file) => file.endsWith(".tgz"));
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", "--no-package-lock", ...tarballs.map((t) => `./${t}`)]);
  for (const [dir, ext] of [
    ["esm", "mts"],
    ["cjs", "cts"],
    ["bundler", "ts"],
  ] as const) {
    mkdirSync(join(project, dir));
    writeFileSync(join(project, dir, `consumer.${ext}`), consumer);
  }
}, 300_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe("the packed packages", () => {
  it("ship only dist, README and package.json, with runtime dependencies openapi-fetch and @finup/types", () => {
    const manifest = JSON.parse(run("node", ["-p", "JSON.stringify(require('@finup/client/package.json'))"])) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(["@finup/types", "openapi-fetch"]);
    expect(manifest.dependencies["@finup/types"]).toMatch(/^\d+\.\d+\.\d+$/);
    const files = readdirSync(join(project, "node_modules", "@finup", "client")).sort();
    expect(files).toEqual(["README.md", "dist", "package.json"]);
  });

  it.each([
    ["ESM", "esm", "consumer.mts", "consumer.mjs"],
    ["CommonJS", "cjs", "consumer.cts", "consumer.cjs"],
  ])("compiles under NodeNext and runs as %s", (_what, dir, source, output) => {
    // verbatimModuleSyntax would demand `import x = require()` in a .cts file.
    const compilerOptions = {
      ...strict,
      verbatimModuleSyntax: dir === "esm",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      outDir: ".",
    };
    writeFileSync(join(project, dir, "tsconfig.json"), JSON.stringify({ compilerOptions, files: [source] }));
    run("node", [tsc, "-p", join(dir, "tsconfig.json")]);
    expect(JSON.parse(run("node", [join(dir, output)]))).toEqual({ threeDs: false, known: true, rateLimited: true });
  });

  it("compiles under Bundler resolution", () => {
    writeFileSync(
      join(project, "bundler", "tsconfig.json"),
      JSON.stringify({
        compilerOptions: { ...strict, module: "ESNext", moduleResolution: "Bundler", noEmit: true },
        files: ["consumer.ts"],
      }),
    );
    expect(run("node", [tsc, "-p", join("bundler", "tsconfig.json")])).toBe("");
  });
});
