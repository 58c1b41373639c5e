// The TypeScript code sample the docs show (x-codeSamples in the spec) is compiled against
// this client, so it cannot rot: a renamed export or option breaks this test.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const spec = require("@finup/spec/openapi.json") as {
  paths: Record<string, Record<string, { "x-codeSamples"?: { lang: string; label: string; source: string }[] }>>;
};
const samples = Object.values(spec.paths).flatMap((item) => Object.values(item).flatMap((operation) => operation["x-codeSamples"] ?? []));
const typescript = samples.filter((sample) => sample.lang === "TypeScript");

describe("the docs' TypeScript code samples", () => {
  it("exist", () => {
    expect(typescript.length).toBeGreaterThan(0);
  });

  it.each(typescript.map((s) => [s.label, s.source]))("%s compiles against @finup/client under strict settings", (_label, source) => {
    // Inside the package, so `@finup/client` resolves to this package's own exports (dist).
    const dir = mkdtempSync(join(import.meta.dirname, "..", ".sample-"));
    try {
      writeFileSync(join(dir, "sample.ts"), source);
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          extends: "../../../tsconfig.base.json",
          compilerOptions: { noEmit: true, types: ["node"] },
          files: ["sample.ts"],
        }),
      );
      const tsc = require.resolve("typescript/bin/tsc");
      try {
        execFileSync(process.execPath, [tsc, "-p", join(dir, "tsconfig.json")], { encoding: "utf8", stdio: "pipe" });
      } catch (error) {
        expect.fail(`The sample does not compile:\n${(error as { stdout: string }).stdout}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
