import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import getPort from "get-port";

export interface MockServerOptions {
  /** Port to listen on. A free one is picked when it is omitted. */
  port?: number;
  /** Interface to listen on. Loopback by default: the mock is for this machine only. */
  host?: string;
  /** The OpenAPI document to serve. The bundle of `@finup/spec` by default. */
  specPath?: string;
  /**
   * A real deployment to forward to. Prism then runs as a validating proxy: it checks each
   * request and each upstream response against the spec and reports what breaks it in an
   * `sl-violations` header, instead of answering from examples.
   */
  upstream?: string;
  /**
   * Receives Prism's log (requests, violations) once the server is ready. What Prism prints
   * before that goes into the error when it fails to start.
   */
  onOutput?: (text: string) => void;
  /** How long Prism gets to answer HTTP, in milliseconds. */
  startTimeoutMs?: number;
}

export interface MockServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  /** Process id of Prism, which also leads its own process group. */
  pid: number;
  /** Stops Prism and everything it started; resolves once Prism has exited. */
  close(): Promise<void>;
}

export type MockServerStartErrorCode = "EADDRINUSE" | "PRISM_EXITED" | "TIMEOUT";

export class MockServerStartError extends Error {
  override name = "MockServerStartError";

  constructor(
    message: string,
    readonly code: MockServerStartErrorCode,
    readonly port: number,
  ) {
    super(message);
  }
}

const require = createRequire(import.meta.url);
const READINESS_PATH = "/__finup_mock_readiness__";
// Plain CommonJS beside src/ and dist/, so it loads the same from either.
const EXIT_WITH_PARENT = fileURLToPath(new URL("../exit-with-parent.cjs", import.meta.url));

/** The bundled spec that `pnpm build` writes to `spec/dist/openapi.json`. */
export function defaultSpecPath(): string {
  try {
    return require.resolve("@finup/spec/openapi.json");
  } catch (cause) {
    throw new Error("spec/dist/openapi.json is missing: run `pnpm build` first.", { cause });
  }
}

// Run Prism's entry point with this Node directly: no shell, no PATH lookup, and the pid we
// hold is Prism's own rather than a wrapper script's.
function prismEntryPoint(): string {
  const manifestPath = require.resolve("@stoplight/prism-cli/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin: { prism: string } };
  return join(dirname(manifestPath), manifest.bin.prism);
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? (await getPort({ host }));
  const specPath = options.specPath ?? defaultSpecPath();
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;

  // As a mock, `--errors` turns a response that breaks the spec (an example that contradicts
  // its own schema) into a 500; invalid requests get a 4xx with or without it. As a proxy it
  // would replace the upstream's broken response with a 500 too, hiding what came back, so
  // it is left off: the response passes through and its violations are in `sl-violations`.
  const mode = options.upstream ? ["proxy", specPath, options.upstream] : ["mock", specPath, "--errors"];
  const args = ["--require", EXIT_WITH_PARENT, prismEntryPoint(), ...mode, "--host", host, "--port", String(port)];
  const child = spawn(process.execPath, args, {
    // A process group of its own, so one signal reaches Prism and anything it forks.
    detached: true,
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  // "close" comes after "exit" once Prism's output is all read, which the error message needs.
  const exited = new Promise<void>((resolve) => {
    child.once("close", () => resolve());
    child.once("error", () => resolve());
  });

  let ready = false;
  const startup = { stdout: [] as string[], stderr: [] as string[] };
  for (const stream of ["stdout", "stderr"] as const) {
    createInterface({ input: child[stream] }).on("line", (line) => {
      // The readiness probe is ours, not the user's: keep it out of the request log.
      if (line.includes(READINESS_PATH)) return;
      if (ready) options.onOutput?.(`${line}\n`);
      else startup[stream].push(line);
    });
  }

  const pid = child.pid;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= stop(child, exited);
    return closing;
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  const hasExited = exited.then(() => "exited" as const);
  while (pid !== undefined) {
    const outcome = await Promise.race([hasExited, answersAsPrism(url)]);
    if (outcome === true) {
      ready = true;
      for (const line of startup.stdout) options.onOutput?.(`${line}\n`);
      return { url, port, pid, close };
    }
    if (outcome === "exited") break;
    if (Date.now() > deadline) {
      await close();
      throw new MockServerStartError(
        `Prism did not answer on ${url} within ${options.startTimeoutMs ?? 30_000} ms. Its output:\n${clean([...startup.stdout, ...startup.stderr].join("\n"))}`,
        "TIMEOUT",
        port,
      );
    }
    await Promise.race([hasExited, delay(100)]);
  }

  await close();
  const detail = prismError(startup.stdout, startup.stderr) || `it exited with code ${child.exitCode ?? child.signalCode}`;
  if (detail.includes("EADDRINUSE")) {
    throw new MockServerStartError(`Port ${port} on ${host} is already in use. Prism said: ${detail}`, "EADDRINUSE", port);
  }
  throw new MockServerStartError(`Prism could not start the mock on ${url}: ${detail}`, "PRISM_EXITED", port);
}

// Prism answers a path that the spec lacks with its own problem document. Waiting for that,
// rather than for any HTTP answer, means that another server already on the port is never
// taken for Prism.
async function answersAsPrism(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}${READINESS_PATH}`, { signal: AbortSignal.timeout(2_000) });
    // A proxy forwards the probe upstream and marks the unknown path in `sl-violations`.
    return response.headers.has("sl-violations") || (await response.text()).includes("stoplight.io/prism/errors#");
  } catch {
    return false;
  }
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (child.exitCode === null && child.signalCode === null) signalGroup(pid, "SIGTERM");
  const escalate = setTimeout(() => signalGroup(pid, "SIGKILL"), 5_000);
  await exited;
  clearTimeout(escalate);
  // Anything Prism forked shares its group and may outlive it.
  signalGroup(pid, "SIGKILL");
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

function clean(text: string): string {
  return stripVTControlCharacters(text).trim();
}

// Prism logs `fatal <message>` on stdout, then its usage text and the error on stderr. When
// the message is empty (a busy port), the cause is the last line on stderr.
function prismError(stdout: string[], stderr: string[]): string {
  const fatal = /\bfatal\s+([\s\S]*)$/.exec(clean(stdout.join("\n")))?.[1];
  if (fatal) return fatal.replace(/\s*\n\s*/g, " ");
  return clean(stderr.join("\n")).split("\n").at(-1) ?? "";
}
