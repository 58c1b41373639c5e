import type { Card, IssueCardsRequest, paths } from "@finup/types";
import openapiFetch, { type Client, type HeadersOptions } from "openapi-fetch";
import { FinupApiError, FinupError } from "./errors.js";
import { createRequestClass, createTransport, type Fetch } from "./transport.js";

// In the CommonJS build, esbuild follows Node's rule for an ES module importing CommonJS
// and hands over openapi-fetch's whole `module.exports`, whose `default` is createClient.
const createClient: typeof openapiFetch =
  typeof openapiFetch === "function" ? openapiFetch : (openapiFetch as unknown as { default: typeof openapiFetch }).default;

export const defaultBaseUrl = "https://api.finup.io";
export const defaultTimeoutMs = 60_000;
export const defaultMaxRetries = 2;

export interface FinupClientOptions {
  /** The account's API key. In Node.js it defaults to the `FINUP_API_KEY` environment variable. */
  apiKey?: string | undefined;
  /** Default `https://api.finup.io`. Plain `http:` is accepted for loopback hosts only. */
  baseUrl?: string | undefined;
  /** A fetch implementation; default `globalThis.fetch`. */
  fetch?: Fetch | undefined;
  /** Milliseconds to wait for each response; default 60 000. */
  timeoutMs?: number | undefined;
  /** Re-sends of a request that certainly was not processed (see the README); default 2. */
  maxRetries?: number | undefined;
  /** Headers sent with every request. They cannot replace `x-api-key`. */
  headers?: HeadersOptions | undefined;
  /** Allow construction in a browser. A key that can issue cards must not reach a browser. */
  dangerouslyAllowBrowser?: boolean | undefined;
}

export interface RequestOptions {
  /** Headers for this request only. */
  headers?: HeadersOptions | undefined;
  /** Aborts the request, or the wait before a retry. */
  signal?: AbortSignal | undefined;
  /** Milliseconds to wait for the response to this request. */
  timeoutMs?: number | undefined;
}

export type FinupClient = Client<paths, "application/json"> & {
  /** Issues cards on the account and resolves to the cards created; throws a `FinupError` otherwise. */
  issueCards(accountId: string, body: IssueCardsRequest, options?: RequestOptions): Promise<Card[]>;
};

const methods = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE", "request"] as const;

export function createFinupClient(options: FinupClientOptions = {}): FinupClient {
  if (!options.dangerouslyAllowBrowser && isBrowser()) {
    throw new FinupError(
      "createFinupClient refuses to run in a browser: the API key can issue cards and would be exposed to every visitor. " +
        "Call Finup from your server. If you understand the risk, pass `dangerouslyAllowBrowser: true`.",
    );
  }
  const apiKey = resolveApiKey(options.apiKey);
  const baseUrl = parseBaseUrl(options.baseUrl ?? defaultBaseUrl);
  const timeoutMs = checkNumber("timeoutMs", options.timeoutMs ?? defaultTimeoutMs, 1);
  const maxRetries = checkNumber("maxRetries", options.maxRetries ?? defaultMaxRetries, 0, true);
  const fetch = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const transport = createTransport({ fetch, timeoutMs, maxRetries });

  // The Request class lets the transport send a request as openapi-fetch built it, without a
  // clone or a second Request per call (see transport.ts).
  const client = createClient<paths, "application/json">({
    baseUrl,
    fetch: transport,
    Request: createRequestClass(),
    headers: options.headers ?? {},
  });
  // The key goes in through openapi-fetch's middleware, after the client's and the call's
  // headers are merged, so neither can replace it.
  client.use({
    onRequest({ request }) {
      request.headers.set("x-api-key", apiKey);
    },
  });

  // openapi-fetch lets JSON.parse's SyntaxError escape on a malformed success body;
  // the client's promise is that everything it throws is a FinupError.
  for (const method of methods) {
    const call = client[method] as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => call(...args).catch(toFinupError);
  }

  const redact = (text: string) => text.replaceAll(apiKey, "[redacted]");

  return Object.assign(client, {
    async issueCards(accountId: string, body: IssueCardsRequest, request: RequestOptions = {}): Promise<Card[]> {
      const { data, error, response } = await client.POST("/accounts/{account_id}/cards/issuing", {
        params: { path: { account_id: accountId } },
        body,
        ...(request.headers && { headers: request.headers }),
        ...(request.signal && { signal: request.signal }),
        ...(request.timeoutMs !== undefined && {
          fetch: createTransport({ fetch, maxRetries, timeoutMs: checkNumber("timeoutMs", request.timeoutMs, 1) }),
        }),
      });
      if (!response.ok) {
        // A server may echo the key back; it must not reach messages, logs or error trackers.
        const raw = typeof error === "string" ? error : JSON.stringify(error ?? "");
        const safe = redact(raw);
        const parsed = typeof error === "string" ? safe : (JSON.parse(safe) as Exclude<typeof error, string>);
        throw FinupApiError.from(response.status, parsed ?? "", response.headers);
      }
      if (!data || !Array.isArray(data.result)) {
        throw new FinupError(`Malformed ${response.status} response: the body has no \`result\` array.`);
      }
      return data.result;
    },
    [Symbol.for("nodejs.util.inspect.custom")]: () => `FinupClient { baseUrl: '${baseUrl}' }`,
    toJSON: () => ({ baseUrl }),
  });
}

function toFinupError(error: unknown): never {
  if (error instanceof FinupError) throw error;
  if (error instanceof SyntaxError)
    throw new FinupError(`Malformed response: the body is not valid JSON (${error.message}).`, { cause: error });
  throw error;
}

function isBrowser(): boolean {
  const g = globalThis as { window?: { document?: unknown }; navigator?: unknown; WorkerGlobalScope?: unknown; importScripts?: unknown };
  const page = typeof g.window === "object" && typeof g.window?.document === "object" && typeof g.navigator === "object";
  const worker = typeof g.WorkerGlobalScope === "function" && typeof g.importScripts === "function";
  return page || worker;
}

function resolveApiKey(given: unknown): string {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const key = given === undefined ? env?.FINUP_API_KEY : given;
  if (typeof key !== "string" || key.trim() === "") {
    const what = given === undefined ? "is missing" : typeof given === "string" ? "is empty" : `must be a string, not ${typeof given}`;
    throw new FinupError(`The API key ${what}: pass \`apiKey\` to createFinupClient or set FINUP_API_KEY.`);
  }
  if (/[\r\n]/.test(key)) throw new FinupError("The API key contains a line break; check how it was read.");
  return key;
}

function parseBaseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new FinupError(`baseUrl is not an absolute URL: ${JSON.stringify(value)}.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new FinupError(`baseUrl must use https: (got ${url.protocol}).`);
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new FinupError(`baseUrl must use https: plain http: is allowed for loopback hosts only (got ${url.host}).`);
  }
  if (url.username || url.password) throw new FinupError("baseUrl must not contain credentials; pass the key as `apiKey`.");
  if (url.search || url.hash) throw new FinupError("baseUrl must not contain a query or a fragment.");
  return url.href.replace(/\/+$/, "");
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname.endsWith(".localhost") || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function checkNumber(name: string, value: unknown, min: number, integer = false): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    throw new FinupError(`${name} must be ${integer ? "a whole number" : "a number"} of at least ${min}, not ${JSON.stringify(value)}.`);
  }
  return value;
}
