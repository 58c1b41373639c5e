// `pnpm verify:provider` run as people run it, against the two stand-in providers.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { exampleAccountId, positiveCases } from "../../src/contract.js";
import { brokenProvider, honestProvider, type StandIn } from "./stand-ins.js";

const packageDir = join(import.meta.dirname, "..", "..");
const tsx = join(packageDir, "node_modules", ".bin", "tsx");
const running: StandIn[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((p) => p.close()));
});

async function verify(args: string[], env: Record<string, string | undefined> = { FINUP_API_KEY: "provider-key" }) {
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, ["src/verify-provider.ts", ...args], {
      cwd: packageDir,
      env: { ...process.env, ...env, NO_COLOR: "1" },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe("pnpm verify:provider", () => {
  it("passes a provider that honours the contract, sending the key through the proxy", async () => {
    const provider = await honestProvider();
    running.push(provider);
    const { code, output } = await verify(["--upstream", provider.url]);
    expect(output).toContain(`All ${positiveCases.length} cases kept the contract.`);
    expect(code).toBe(0);
    expect(provider.received).toHaveLength(positiveCases.length);
    expect(provider.received[0]).toEqual({ method: "POST", path: `/accounts/${exampleAccountId}/cards/issuing`, apiKey: "provider-key" });
  });

  it("fails a provider that breaks it, naming each violation: the field, what the spec expects, what came back", async () => {
    const provider = await brokenProvider();
    running.push(provider);
    const { code, output } = await verify(["--upstream", provider.url]);
    expect(code).toBe(1);
    expect(output).toContain('/result/0/balance: expected type number, got "0"');
    expect(output).toContain("/result/0/masked_PAN: expected required property masked_PAN, got nothing");
    expect(output).toMatch(/\(status\): expected a documented status \(201, 400, 401, 403, 404, 422, 429, 500\), got 418/);
    expect(output).toContain(`${positiveCases.length} of ${positiveCases.length} cases broke the contract.`);
  });

  it.each([
    ["no --upstream", [], {}, /--upstream <url> is required/],
    ["a bad URL", ["--upstream", "not a url"], {}, /--upstream must be an http\(s\) URL, not "not a url"/],
    ["no key", ["--upstream", "http://127.0.0.1:9"], { FINUP_API_KEY: "" }, /FINUP_API_KEY is not set/],
    [
      "a remote host without --yes",
      ["--upstream", "https://api.finup.io"],
      {},
      /would issue real cards on api.finup.io[\s\S]*--yes to confirm/,
    ],
    ["an unknown option", ["--upstream", "http://127.0.0.1:9", "--force"], {}, /Unknown option '--force'/],
  ])("refuses %s with a clear message", async (_what, args, env, message) => {
    const { code, output } = await verify(args, { FINUP_API_KEY: "provider-key", ...env });
    expect(code).toBe(2);
    expect(output).toMatch(message);
    expect(output).not.toMatch(/\n\s+at /);
  });
});
