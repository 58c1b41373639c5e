// The local environment shared by `pnpm start` and `pnpm dev`: the Prism mock and a static
// server for the rendered docs, on loopback.
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { type MockServer, MockServerStartError, startMockServer } from "@finup/mock";
import sirv from "sirv";

const require = createRequire(import.meta.url);
export const host = "127.0.0.1";
export const docsDir = join(dirname(require.resolve("@finup/docs/package.json")), "dist");

export interface Ports {
  mockPort: number;
  docsPort: number;
}

/** A problem the user can fix: printed as one line, without a stack trace. */
export class UsageError extends Error {}

export function parsePorts(command: string, argv = process.argv.slice(2)): Ports {
  let values: Record<string, string | undefined>;
  // `pnpm start -- --mock-port N` hands over the separator too.
  const args = argv[0] === "--" ? argv.slice(1) : argv;
  try {
    ({ values } = parseArgs({ args, options: { "mock-port": { type: "string" }, "docs-port": { type: "string" } } }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Usage: pnpm ${command} [--mock-port N] [--docs-port N]`);
  }
  const port = (name: string, fallback: number) => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < 1 || value > 65535)
      throw new UsageError(`--${name} must be a port number from 1 to 65535, not ${JSON.stringify(raw)}.`);
    return value;
  };
  return { mockPort: port("mock-port", 4010), docsPort: port("docs-port", 8080) };
}

function portInUse(command: string, what: string, port: number, flag: string): UsageError {
  return new UsageError(
    `Port ${port} on ${host} is already in use, so the ${what} cannot start. Stop what is using it, or choose another: pnpm ${command} --${flag} ${port + 1}`,
  );
}

export async function serveDocs(command: string, port: number): Promise<{ url: string; close(): Promise<void> }> {
  if (!existsSync(join(docsDir, "index.html")))
    throw new UsageError(`${join(docsDir, "index.html")} is missing: run \`pnpm build\` first.`);
  // dev mode reads each file on every request, so a rebuilt page is served at once.
  const server: Server = createServer(sirv(docsDir, { dev: true, etag: true }));
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? portInUse(command, "docs server", port, "docs-port") : error),
    );
    server.listen(port, host, resolve);
  });
  return {
    url: `http://${host}:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function startMock(command: string, port: number, onOutput?: (text: string) => void): Promise<MockServer> {
  try {
    return await startMockServer({ port, host, ...(onOutput && { onOutput }) });
  } catch (error) {
    if (error instanceof MockServerStartError && error.code === "EADDRINUSE") throw portInUse(command, "mock", port, "mock-port");
    throw error;
  }
}

/** A curl that issues cards against the mock, built from the spec's own examples. */
export function sampleCurl(mockUrl: string): string {
  const spec = JSON.parse(readFileSync(require.resolve("@finup/spec/openapi.json"), "utf8")) as {
    components: { parameters: { AccountId: { example: string } }; examples: { IssueCardsRequestOneCard: { value: unknown } } };
  };
  const account = spec.components.parameters.AccountId.example;
  const body = JSON.stringify(spec.components.examples.IssueCardsRequestOneCard.value);
  return [
    `curl -i -X POST ${mockUrl}/accounts/${account}/cards/issuing \\`,
    `  -H 'x-api-key: any-key-works-on-the-mock' -H 'content-type: application/json' \\`,
    `  -d '${body}'`,
  ].join("\n");
}

/** Runs `main`, turning a UsageError into one line on stderr and exit code 1. */
export function run(command: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(`${command}: ${error instanceof UsageError ? error.message : error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

/** Resolves on the first Ctrl-C or SIGTERM. */
export function interrupted(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve(signal));
  });
}
