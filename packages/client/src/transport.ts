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

export function createTransport({ fetch, timeoutMs, maxRetries }: TransportOptions): Fetch {
  return async function finupFetch(request) {
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= maxRetries;
      // A body can be read once: keep the original for a possible next attempt.
      const sent = last ? request : request.clone();
      let response: Response;
      try {
        response = await withTimeout(fetch, sent, timeoutMs);
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

async function withTimeout(fetch: Fetch, request: Request, timeoutMs: number): Promise<Response> {
  const caller = request.signal;
  if (caller.aborted) throw abortError(caller);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  try {
    return await fetch(new Request(request, { signal: AbortSignal.any([caller, timeout.signal]) }));
  } catch (error) {
    if (timeout.signal.aborted) throw new FinupTimeoutError(`No response within ${timeoutMs} ms.`, { cause: error });
    if (caller.aborted) throw abortError(caller, error);
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
