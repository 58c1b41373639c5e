// `pnpm start` as people run it: the built CLI, a real Prism and a real docs server.
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const cli = join(import.meta.dirname, "..", "dist", "start.js");
const children: ChildProcess[] = [];
const blockers: Server[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  await Promise.all(blockers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function occupy(port: number) {
  // Hangs up on whoever connects, so closing it never waits for a client.
  const server = createServer((socket) => socket.destroy());
  blockers.push(server);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
}

/** Processes whose command line mentions `text`: a Prism left behind would. */
function processesMentioning(text: string): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
    .filter((name) => {
      try {
        return readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0").includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

function start(args: string[]) {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = async () => {
    const deadline = Date.now() + 60_000;
    while (!output.includes("Ctrl-C stops both")) {
      if (child.exitCode !== null) throw new Error(`start exited early:\n${output}`);
      if (Date.now() > deadline) throw new Error(`start was not ready in time:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return { child, exited, ready, output: () => output };
}

describe("pnpm start", () => {
  it("serves the mock and the docs, prints a curl that works, and leaves nothing behind on Ctrl-C", async () => {
    const [mockPort, docsPort] = [await freePort(), await freePort()];
    // With the separator, as `pnpm start -- --mock-port N` passes it.
    const run = start(["--", "--mock-port", String(mockPort), "--docs-port", String(docsPort)]);
    await run.ready();
    expect(run.output()).toContain(`Mock (Prism):  http://127.0.0.1:${mockPort}`);
    expect(run.output()).toContain(`Docs:          http://127.0.0.1:${docsPort}`);

    const docs = await fetch(`http://127.0.0.1:${docsPort}/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("Issue cards");

    // The printed curl, parsed back: its URL, headers and body issue cards on the mock.
    const curl = run.output().slice(run.output().indexOf("curl"));
    const url = /-X POST (\S+)/.exec(curl)?.[1];
    const headers = Object.fromEntries([...curl.matchAll(/-H '([^:]+): ([^']+)'/g)].map((m) => [m[1], m[2]]));
    const body = /-d '([^']+)'/.exec(curl)?.[1];
    const issued = await fetch(url ?? "", { method: "POST", headers, body: body ?? "" });
    expect(issued.status).toBe(201);

    run.child.kill("SIGINT");
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain("start: stopped the mock and the docs server.");
    await expect(fetch(`http://127.0.0.1:${mockPort}/`)).rejects.toThrow();
    await expect(fetch(`http://127.0.0.1:${docsPort}/`)).rejects.toThrow();
    expect(processesMentioning(String(mockPort))).toEqual([]);
  });

  it.each([
    ["mock", "mock-port"],
    ["docs server", "docs-port"],
  ])("names the busy port of the %s and how to choose another", async (what, flag) => {
    const [mockPort, docsPort] = [await freePort(), await freePort()];
    const busy = flag === "mock-port" ? mockPort : docsPort;
    await occupy(busy);
    const run = start(["--mock-port", String(mockPort), "--docs-port", String(docsPort)]);
    expect(await run.exited).toBe(1);
    expect(run.output().trim()).toBe(
      `start: Port ${busy} on 127.0.0.1 is already in use, so the ${what} cannot start. Stop what is using it, or choose another: pnpm start --${flag} ${busy + 1}`,
    );
    expect(processesMentioning(String(mockPort))).toEqual([]);
  });

  it.each([
    [["--mock-port", "abc"], 'start: --mock-port must be a port number from 1 to 65535, not "abc".'],
    [["--docs-port", "70000"], 'start: --docs-port must be a port number from 1 to 65535, not "70000".'],
    [["--port", "1"], "start: Unknown option '--port'"],
  ])("refuses %j with one line", async (args, message) => {
    const run = start(args);
    expect(await run.exited).toBe(1);
    expect(run.output().trim().startsWith(message)).toBe(true);
    expect(run.output()).not.toMatch(/\n\s+at /);
  });
});
