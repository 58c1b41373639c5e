// The lint must catch what a person editing spec/ gets wrong. Each case copies
// the real spec into a temporary folder, breaks one thing, and runs the same
// `redocly lint` with the same config as `pnpm lint`.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";

const run = promisify(execFile);
const specDir = join(import.meta.dirname, "..");
const redocly = join(specDir, "node_modules", ".bin", "redocly");
const made: string[] = [];

function copyOfSpec(): string {
  const dir = mkdtempSync(join(tmpdir(), "finup-spec-"));
  made.push(dir);
  for (const entry of ["openapi.yaml", "redocly.yaml", "paths", "components"])
    cpSync(join(specDir, entry), join(dir, entry), { recursive: true });
  return dir;
}

function edit(dir: string, file: string, from: string, to: string) {
  const text = readFileSync(join(dir, file), "utf8");
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${JSON.stringify(from)}: update this test.`);
  writeFileSync(join(dir, file), text.replace(from, to));
}

async function lint(dir: string, format = "codeframe"): Promise<{ code: number; output: string; stdout: string }> {
  try {
    const { stdout, stderr } = await run(redocly, ["lint", "openapi.yaml", `--format=${format}`], {
      cwd: dir,
      env: { ...process.env, REDOCLY_TELEMETRY: "off", NO_COLOR: "1" },
    });
    return { code: 0, output: stdout + stderr, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr, stdout: e.stdout };
  }
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("redocly lint", () => {
  it("passes the spec as it is, with no warning", async () => {
    const { code, stdout } = await lint(copyOfSpec(), "json");
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { totals: Record<string, number> };
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it("fails on a broken $ref, naming the file and the reference", async () => {
    const dir = copyOfSpec();
    edit(dir, "components/schemas/IssueCardsResponse.yaml", "$ref: ./Card.yaml", "$ref: ./Crad.yaml");
    const { code, output } = await lint(dir);
    expect(code).not.toBe(0);
    expect(output).toContain("components/schemas/IssueCardsResponse.yaml");
    expect(output).toContain("Can't resolve $ref");
    expect(output).toContain("./Crad.yaml");
  });

  it("fails on an example that breaks its schema, naming the example and the field", async () => {
    const dir = copyOfSpec();
    edit(dir, "components/examples/IssueCardsRequestOneCard.yaml", "amount: 1", 'amount: "1"');
    const { code, output } = await lint(dir);
    expect(code).not.toBe(0);
    expect(output).toContain("components/examples/IssueCardsRequestOneCard.yaml");
    expect(output).toContain("no-invalid-media-type-examples");
    expect(output).toMatch(/amount.*must be integer/);
  });

  it("fails on a schema without a description", async () => {
    const dir = copyOfSpec();
    edit(dir, "components/schemas/Money.yaml", "description: |", "x-note: |");
    const { code, output } = await lint(dir);
    expect(code).not.toBe(0);
    expect(output).toContain("components/schemas/Money.yaml");
    expect(output).toContain("Every schema and property has a description.");
  });
});
