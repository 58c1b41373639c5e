#!/usr/bin/env node
import { parseArgs } from "node:util";
import { type MockServer, MockServerStartError, startMockServer } from "./index.js";

const DEFAULT_PORT = 4010;
const HOST = "127.0.0.1";
const USAGE = "Usage: pnpm mock [--port N] (or PORT=N pnpm mock)";

function fail(message: string): never {
  process.stderr.write(`mock: ${message}\n`);
  process.exit(1);
}

function parsePort(raw: string, source: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65_535) {
    fail(`${source} must be a whole number from 1 to 65535, not "${raw}". ${USAGE}`);
  }
  return port;
}

function readPort(): number {
  let values: { port?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({ options: { port: { type: "string", short: "p" }, help: { type: "boolean", short: "h" } } }));
  } catch (error) {
    fail(`${(error as Error).message}. ${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\nServes spec/dist/openapi.json with Prism on http://${HOST}:${DEFAULT_PORT}.\n`);
    process.exit(0);
  }
  if (values.port !== undefined) return parsePort(values.port, "--port");
  if (process.env.PORT) return parsePort(process.env.PORT, "PORT");
  return DEFAULT_PORT;
}

const port = readPort();
let server: MockServer | undefined;

// Prism runs in a process group of its own, so Ctrl-C in the terminal does not reach it:
// stop it here. Before it is ready, exiting is enough: Prism stops when its parent does.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    void (server?.close() ?? Promise.resolve()).then(() => process.exit(0));
  });
}

try {
  server = await startMockServer({ port, host: HOST, onOutput: (text) => process.stdout.write(text) });
} catch (error) {
  if (error instanceof MockServerStartError && error.code === "EADDRINUSE") {
    const other = port < 65_535 ? port + 1 : DEFAULT_PORT + 1;
    fail(`port ${port} is already in use on ${HOST}. Stop what is using it, or choose another port: pnpm mock --port ${other}`);
  }
  fail(error instanceof Error ? error.message : String(error));
}
process.stdout.write(`\nFinup mock listening on ${server.url} (Ctrl-C to stop)\n`);
