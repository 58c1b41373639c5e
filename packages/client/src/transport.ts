// The fetch that openapi-fetch calls: timeouts, the caller's abort, and the retry policy.
//
// Issuing cards moves money and Finup documents no idempotency key, so a request is
// re-sent only when it certainly was not processed: the connection failed before
// anything was sent, or the server answered 429. A timeout, a reset after sending
// or a 5xx may have issued cards, and is never retried.
import { FinupAbortError, FinupConnectionError, FinupTimeoutError, retryAfterMs } from "./errors.js";

export type Fetch = (input: Request) => Promise<Response>;

export interface TransportOptions {
  fetch: Fetch;
  timeoutMs: number;
  maxRetries: number;
}

/** The longest `Retry-After` the client waits for; a longer one is handed to the caller. */
export const maxRetryAfterMs = 60_000;
const initialBackoffMs = 500;
const maxBackoffMs = 8_000;

// Error codes (Node.js and undici) that mean no connection was made, so nothing was sent.
const notSentCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

// What the client's Request class (below) records when openapi-fetch builds a request.
const prepared = Symbol("finup.prepared");

interface Prepared {
  /** Aborts the first attempt; the request's signal already follows it. */
  timeout: AbortController;
  /** The caller's own signal, if any. */
  caller: AbortSignal | undefined;
  /** Whether the body can be made again from `body` for a re-send. */
  replayable: boolean;
  /** The body's source, a string or none. */
  body: string | null | undefined;
}

type PreparedRequest = Request & { [prepared]?: Prepared };

/**
 * The Request class the client gives openapi-fetch. Each request is born with the signal its
 * first attempt needs (the timeout's, joined with the caller's when there is
 * one) and a note of what its body was made from. The common case, one attempt, then sends
 * the request as it is: no `clone()`, whose tee'd body stream costs more than openapi-fetch's
 * whole call, no second Request wrapping the body in yet another stream, no `AbortSignal.any`
 * unless the caller passed a signal.
 */
export function createRequestClass(): typeof Request {
  return class FinupRequest extends Request {
    // openapi-fetch accepts a middleware's replacement only if it is an instance of the Request
    // class it was given; any Request will do, as it did before this class existed.
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof Request;
    }

    [prepared]: Prepared;

    constructor(input: RequestInfo | URL, init: RequestInit = {}) {
      const timeout = new AbortController();
      const caller = init.signal ?? (input instanceof Request ? input.signal : undefined);
      super(input, { ...init, signal: caller ? AbortSignal.any([caller, timeout.signal]) : timeout.signal });
      // Only a body made from a string (JSON, as openapi-fetch serialises it) or no body is made
      // again for a re-send. Anything else, a stream that can be read once, form data whose
      // boundary is already in the headers, a body taken over from another Request, is re-sent
      // from a clone, as any other request is.
      const body = init.body;
      const replayable = !(input instanceof Request) && (body == null || typeof body === "string");
      this[prepared] = { timeout, caller, replayable, body: replayable ? (body as string | null | undefined) : undefined };
    }
  };
}

export function createTransport({ fetch, timeoutMs, maxRetries }: TransportOptions): Fetch {
  return async function finupFetch(request: PreparedRequest) {
    const ready = request[prepared];
    // A request the client's Request class did not build (a middleware's replacement) has the
    // caller's signal only.
    const caller = ready ? ready.caller : request.signal;
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= maxRetries;
      // The first attempt of a request FinupRequest built is sent as it is, with its own signal.
      const asBuilt = attempt === 0 && ready?.replayable === true;
      const timeout = asBuilt && ready ? ready.timeout : new AbortController();
      let sent = request;
      if (!asBuilt) {
        const signal = caller ? AbortSignal.any([caller, timeout.signal]) : timeout.signal;
        // A body can be read once: make it again from its string, or send a clone and keep the
        // original for a possible next attempt.
        sent = ready?.replayable
          ? new Request(request, { body: ready.body ?? null, signal })
          : new Request(last ? request : request.clone(), { signal });
      }
      let response: Response;
      try {
        response = await withTimeout(fetch, sent, caller, timeout, timeoutMs);
      } catch (error) {
        if (!last && error instanceof FinupConnectionError && !(error instanceof FinupTimeoutError) && notSent(error.cause)) {
          await sleep(backoffMs(attempt), request.signal);
          continue;
        }
        throw error;
      }
      if (response.status === 429 && !last) {
        const wait = retryAfterMs(response.headers) ?? backoffMs(attempt);
        if (wait <= maxRetryAfterMs) {
          // Not awaited: a tee'd body's cancel settles only when every branch is cancelled.
          response.body?.cancel().catch(() => {});
          await sleep(wait + jitter(wait), request.signal);
          continue;
        }
      }
      return response;
    }
  };
}

async function withTimeout(
  fetch: Fetch,
  request: Request,
  caller: AbortSignal | undefined,
  timeout: AbortController,
  timeoutMs: number,
): Promise<Response> {
  if (caller?.aborted) throw abortError(caller);
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  try {
    return await fetch(request);
  } catch (error) {
    if (timeout.signal.aborted) throw new FinupTimeoutError(`No response within ${timeoutMs} ms.`, { cause: error });
    if (caller?.aborted) throw abortError(caller, error);
    throw new FinupConnectionError(`Connection error: ${reason(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

// A caller's `AbortSignal.timeout()` is a timeout too.
function abortError(signal: AbortSignal, cause: unknown = signal.reason): FinupAbortError | FinupTimeoutError {
  const isTimeout = signal.reason instanceof Error && signal.reason.name === "TimeoutError";
  return isTimeout
    ? new FinupTimeoutError("The caller's signal timed out.", { cause })
    : new FinupAbortError("The request was aborted by the caller.", { cause });
}

function notSent(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && notSentCodes.has(code)) return true;
  }
  return false;
}

function reason(error: unknown): string {
  const messages: string[] = [];
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) messages.push(e.message);
  return messages.join(": ") || String(error);
}

const backoffMs = (attempt: number) => Math.min(initialBackoffMs * 2 ** attempt, maxBackoffMs) * (1 - Math.random() * 0.25);
const jitter = (ms: number) => Math.random() * Math.min(ms * 0.1, 1_000);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
