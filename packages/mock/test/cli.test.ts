import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import getPort from "get-port";
import { describe, expect, it } from "vitest";
import { closeServer, issueCards, listen, portOf, prismProcessesOn } from "./helpers.js";

// The built CLI, as `pnpm mock` runs it (turbo builds before it tests).
const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runCli(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (text: string) => {
    stdout += text;
  });
  child.stderr.setEncoding("utf8").on("data", (text: string) => {
    stderr += text;
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function expectOneLineError(run: Run): string {
  const lines = run.stderr().trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(run.stderr()).not.toMatch(/^\s+at /m);
  return lines[0] ?? "";
}

describe("pnpm mock (the CLI)", () => {
  it("on a free port prints the URL, answers, and on SIGINT exits 0 leaving no Prism", async () => {
    const port = await getPort({ host: "127.0.0.1" });
    const run = runCli(["--port", String(port)]);
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitFor(() => run.stdout().includes(`listening on ${url}`), "the URL");
      expect((await issueCards(url)).status).toBe(201);
      expect(prismProcessesOn(port)).toHaveLength(1);
      expect(run.stdout()).not.toContain("__finup_mock_readiness__");

      run.child.kill("SIGINT");
      expect(await run.exit).toEqual({ code: 0, signal: null });
      expect(prismProcessesOn(port)).toEqual([]);
      await closeServer(await listen(port));
    } finally {
      run.child.kill("SIGKILL");
    }
  });

  it("killed outright (SIGKILL), takes Prism down with it", async () => {
    const port = await getPort({ host: "127.0.0.1" });
    const run = runCli(["--port", String(port)]);
    await waitFor(() => run.stdout().includes("listening on"), "the URL");
    const [prism] = prismProcessesOn(port);
    expect(prism).toBeDefined();

    run.child.kill("SIGKILL");
    await run.exit;
    await waitFor(() => prismProcessesOn(port).length === 0, "Prism to stop", 10_000);
  });

  it("takes the port from PORT", async () => {
    const port = await getPort({ host: "127.0.0.1" });
    const run = runCli([], { PORT: String(port) });
    try {
      await waitFor(() => run.stdout().includes(`listening on http://127.0.0.1:${port}`), "the URL");
      run.child.kill("SIGTERM");
      expect(await run.exit).toEqual({ code: 0, signal: null });
    } finally {
      run.child.kill("SIGKILL");
    }
  });

  it("on a busy port exits 1 with one line naming the port and how to choose another", async () => {
    const blocker = await listen();
    const port = portOf(blocker);
    try {
      const run = runCli(["--port", String(port)]);
      expect((await run.exit).code).toBe(1);
      const line = expectOneLineError(run);
      expect(line).toContain(`port ${port} is already in use`);
      expect(line).toMatch(/pnpm mock --port \d+/);
      expect(prismProcessesOn(port)).toEqual([]);
    } finally {
      await closeServer(blocker);
    }
  });

  it.each([
    [["--port", "abc"], {}, /--port must be a whole number from 1 to 65535, not "abc"/],
    [["--port", "70000"], {}, /--port must be a whole number from 1 to 65535, not "70000"/],
    [[], { PORT: "x" }, /PORT must be a whole number from 1 to 65535, not "x"/],
    [["--colour"], {}, /Unknown option '--colour'/],
  ])("refuses %j %j with exit 1 and one line", async (args, env, message) => {
    const run = runCli(args, env);
    expect((await run.exit).code).toBe(1);
    expect(expectOneLineError(run)).toMatch(message);
  });
});
