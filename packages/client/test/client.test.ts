import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  createFinupClient,
  FinupAbortError,
  FinupApiError,
  FinupConnectionError,
  FinupError,
  FinupTimeoutError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "../src/index.js";
import { accountId, apiKey, body, card, fakeFetch, hang, json, networkError, type Step } from "./fake-fetch.js";

const created = () => json(201, { result: [card] });
const client = (steps: Step[], options: Parameters<typeof createFinupClient>[0] = {}) => {
  const fake = fakeFetch(...steps);
  return { ...fake, finup: createFinupClient({ apiKey, fetch: fake.fetch, ...options }) };
};
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable("resolved"),
    (error: unknown) => error,
  );

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

describe("issueCards", () => {
  it("posts the body to the account's issuing path and resolves to the cards", async () => {
    const { finup, requests } = client([created()]);
    await expect(finup.issueCards(accountId, body)).resolves.toEqual([card]);
    const [request] = requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe(`https://api.finup.io/accounts/${accountId}/cards/issuing`);
    expect(request?.headers.get("content-type")).toBe("application/json");
    expect(await request?.json()).toEqual(body);
  });

  it("escapes the account id in the path", async () => {
    const { finup, requests } = client([created()]);
    await finup.issueCards("a/b?c", body);
    expect(requests[0]?.url).toBe("https://api.finup.io/accounts/a%2Fb%3Fc/cards/issuing");
  });

  it("keeps a status it does not know", async () => {
    const { finup } = client([json(201, { result: [{ ...card, status: "Hibernating" }] })]);
    expect((await finup.issueCards(accountId, body))[0]?.status).toBe("Hibernating");
  });

  it("sends per-request headers beside the client's", async () => {
    const { finup, requests } = client([created()], { headers: { "x-team": "growth" } });
    await finup.issueCards(accountId, body, { headers: { "x-trace": "t-1" } });
    expect(requests[0]?.headers.get("x-team")).toBe("growth");
    expect(requests[0]?.headers.get("x-trace")).toBe("t-1");
  });
});

describe("the openapi-fetch client", () => {
  it("answers client.POST with openapi-fetch's { data, response }", async () => {
    const { finup, requests } = client([created()]);
    const { data, error, response } = await finup.POST("/accounts/{account_id}/cards/issuing", {
      params: { path: { account_id: accountId } },
      body,
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
    expect(data?.result[0]?.["3ds"]).toBe(false);
    expect(requests[0]?.headers.get("x-api-key")).toBe(apiKey);
  });

  it("returns an error status as { error } rather than throwing, as openapi-fetch does", async () => {
    const { finup } = client([json(404, { message: "Account not found" })]);
    const { data, error } = await finup.POST("/accounts/{account_id}/cards/issuing", { params: { path: { account_id: accountId } }, body });
    expect(data).toBeUndefined();
    expect(error).toEqual({ message: "Account not found" });
  });
});

describe("authentication", () => {
  it("sends the key in x-api-key, and no header can replace it", async () => {
    const { finup, requests } = client([created()], { headers: { "x-api-key": "other" } });
    await finup.issueCards(accountId, body, { headers: { "X-Api-Key": "another" } });
    expect(requests[0]?.headers.get("x-api-key")).toBe(apiKey);
  });

  it("falls back to FINUP_API_KEY in Node.js", async () => {
    vi.stubEnv("FINUP_API_KEY", "from-env");
    const fake = fakeFetch(created());
    await createFinupClient({ fetch: fake.fetch }).issueCards(accountId, body);
    expect(fake.requests[0]?.headers.get("x-api-key")).toBe("from-env");
  });

  it.each([
    ["missing", {}, /API key is missing: pass `apiKey` to createFinupClient or set FINUP_API_KEY/],
    ["empty", { apiKey: "" }, /API key is empty/],
    ["blank", { apiKey: "   " }, /API key is empty/],
    ["not a string", { apiKey: 42 as unknown as string }, /API key must be a string, not number/],
    ["with a line break", { apiKey: "abc\n" }, /line break/],
  ])("refuses a %s key at construction", (_what, options, message) => {
    vi.stubEnv("FINUP_API_KEY", undefined);
    expect(() => createFinupClient(options)).toThrow(FinupError);
    expect(() => createFinupClient(options)).toThrow(message);
  });
});

describe("API errors", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, FinupApiError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [502, InternalServerError],
    [503, InternalServerError],
  ])("turns %i into %s with the status, parsed body and headers", async (status, Class) => {
    const errorBody = { statusCode: status, message: "Something is wrong", error: "E" };
    const { finup } = client([json(status, errorBody, { "x-request-id": "req_1" })], { maxRetries: 0 });
    const error = (await rejection(finup.issueCards(accountId, body))) as FinupApiError;
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(FinupApiError);
    expect(error).toBeInstanceOf(FinupError);
    expect(error.constructor).toBe(Class);
    expect(error.name).toBe(Class.name);
    expect(error.status).toBe(status);
    expect(error.body).toEqual(errorBody);
    expect(error.headers.get("content-type")).toBe("application/json");
    expect(error.requestId).toBe("req_1");
    expect(error.message).toBe(`${status} Something is wrong`);
  });

  it("joins a list of messages and reads the request id from the body", async () => {
    const { finup } = client([json(422, { message: ["amount must be an integer", "name is required"], request_id: "req_body" })]);
    const error = (await rejection(finup.issueCards(accountId, body))) as FinupApiError;
    expect(error.message).toBe("422 amount must be an integer; name is required");
    expect(error.requestId).toBe("req_body");
  });

  it("keeps an HTML error page as raw text without putting it in the message", async () => {
    const page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    const { finup } = client([new Response(page, { status: 502, headers: { "content-type": "text/html" } })]);
    const error = (await rejection(finup.issueCards(accountId, body))) as FinupApiError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.body).toBe(page);
    expect(error.message).toBe("502 status code (no message in the body)");
  });

  it("keeps plain text and an empty body as raw text", async () => {
    const { finup } = client([new Response("upstream timed out", { status: 504 }), new Response("", { status: 403 })]);
    const first = (await rejection(finup.issueCards(accountId, body))) as FinupApiError;
    expect(first.body).toBe("upstream timed out");
    expect(first.message).toBe("504 upstream timed out");
    const second = (await rejection(finup.issueCards(accountId, body))) as FinupApiError;
    expect(second).toBeInstanceOf(PermissionDeniedError);
    expect(second.body).toBe("");
  });

  it("reads Retry-After into RateLimitError.retryAfter, in seconds", async () => {
    const { finup } = client([json(429, {}, { "retry-after": "7" })], { maxRetries: 0 });
    const error = (await rejection(finup.issueCards(accountId, body))) as RateLimitError;
    expect(error.retryAfter).toBe(7);
  });
});

describe("malformed success bodies", () => {
  it.each([
    ["not JSON", new Response("{not json", { status: 201, headers: { "content-type": "application/json" } }), /not valid JSON/],
    ["JSON without result", json(201, { cards: [] }), /no `result` array/],
    ["an empty body", new Response(null, { status: 201, headers: { "content-length": "0" } }), /no `result` array/],
  ])("rejects %s with a FinupError, never a bare SyntaxError", async (_what, response, message) => {
    const { finup } = client([response]);
    const error = await rejection(finup.issueCards(accountId, body));
    expect(error).toBeInstanceOf(FinupError);
    expect((error as Error).message).toMatch(message);
  });

  it("rejects client.POST too with a FinupError", async () => {
    const { finup } = client([new Response("<html>", { status: 201 })]);
    const error = await rejection(
      finup.POST("/accounts/{account_id}/cards/issuing", { params: { path: { account_id: accountId } }, body }),
    );
    expect(error).toBeInstanceOf(FinupError);
    expect((error as Error).cause).toBeInstanceOf(SyntaxError);
  });
});

describe("timeouts and aborts", () => {
  it("fails with FinupTimeoutError when no response arrives in timeoutMs, without retrying", async () => {
    const { finup, requests } = client([hang], { timeoutMs: 50, maxRetries: 3 });
    const error = await rejection(finup.issueCards(accountId, body));
    expect(error).toBeInstanceOf(FinupTimeoutError);
    expect(error).toBeInstanceOf(FinupConnectionError);
    expect((error as Error).message).toBe("No response within 50 ms.");
    expect(requests).toHaveLength(1);
  });

  it("takes a per-request timeoutMs over the client's", async () => {
    const { finup } = client([hang], { timeoutMs: 60_000 });
    const started = Date.now();
    const error = await rejection(finup.issueCards(accountId, body, { timeoutMs: 30 }));
    expect((error as Error).message).toBe("No response within 30 ms.");
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("fails with FinupAbortError when the caller aborts, without retrying", async () => {
    const { finup, requests } = client([hang], { maxRetries: 3 });
    const controller = new AbortController();
    const promise = rejection(finup.issueCards(accountId, body, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 10);
    expect(await promise).toBeInstanceOf(FinupAbortError);
    expect(requests).toHaveLength(1);
  });

  it("does not send at all when the signal is already aborted", async () => {
    const { finup, requests } = client([created()]);
    const error = await rejection(finup.issueCards(accountId, body, { signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(FinupAbortError);
    expect(requests).toHaveLength(0);
  });

  it("reports a caller's AbortSignal.timeout() as a timeout", async () => {
    const { finup } = client([hang]);
    expect(await rejection(finup.issueCards(accountId, body, { signal: AbortSignal.timeout(20) }))).toBeInstanceOf(FinupTimeoutError);
  });

  it("stops waiting for a retry when the caller aborts", async () => {
    const { finup, requests } = client([json(429, {}, { "retry-after": "30" }), created()]);
    const controller = new AbortController();
    const promise = rejection(finup.issueCards(accountId, body, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);
    expect(await promise).toBeInstanceOf(FinupAbortError);
    expect(requests).toHaveLength(1);
  });

  it.each([
    ["timeoutMs", { timeoutMs: 0 }, /timeoutMs must be a number of at least 1, not 0/],
    ["timeoutMs", { timeoutMs: Number.NaN }, /timeoutMs must be a number/],
    ["maxRetries", { maxRetries: -1 }, /maxRetries must be a whole number of at least 0, not -1/],
    ["maxRetries", { maxRetries: 1.5 }, /maxRetries must be a whole number/],
  ])("refuses a bad %s at construction", (_name, options, message) => {
    expect(() => createFinupClient({ apiKey, ...options })).toThrow(message);
  });
});

describe("the retry policy", () => {
  // Time is faked so the backoff between attempts costs nothing.
  const run = async <T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> => {
    const settled = promise.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    await vi.runAllTimersAsync();
    return settled;
  };
  const attempts = async (steps: Step[], maxRetries = 2) => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { finup, requests } = client(steps, { maxRetries });
    const outcome = await run(finup.issueCards(accountId, body));
    return { ...outcome, count: requests.length, requests };
  };

  it("re-sends a request whose connection was refused, up to maxRetries times", async () => {
    const { error, count } = await attempts([networkError("ECONNREFUSED")], 2);
    expect(error).toBeInstanceOf(FinupConnectionError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect(count).toBe(3);
  });

  it("succeeds when a refused connection works on the next attempt, with the same body", async () => {
    const { value, count, requests } = await attempts([networkError("ECONNREFUSED"), created()]);
    expect(value).toEqual([card]);
    expect(count).toBe(2);
    expect(await requests[1]?.json()).toEqual(body);
  });

  it.each(["ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"])("re-sends after %s (nothing was sent)", async (code) => {
    expect((await attempts([networkError(code)], 1)).count).toBe(2);
  });

  it.each(["ECONNRESET", "UND_ERR_SOCKET", "EPIPE"])("never re-sends after %s (the request may have arrived)", async (code) => {
    const { error, count } = await attempts([networkError(code)], 3);
    expect(error).toBeInstanceOf(FinupConnectionError);
    expect(count).toBe(1);
  });

  it.each([500, 502, 503, 504])("never re-sends after a %i", async (status) => {
    const { error, count } = await attempts([json(status, {})], 3);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(count).toBe(1);
  });

  it.each([400, 401, 403, 404, 409, 422])("never re-sends after a %i", async (status) => {
    expect((await attempts([json(status, {})], 3)).count).toBe(1);
  });

  it("re-sends after a 429 and returns the cards once it passes", async () => {
    const { value, count } = await attempts([json(429, {}, { "retry-after": "1" }), created()]);
    expect(value).toEqual([card]);
    expect(count).toBe(2);
  });

  it("gives up after maxRetries 429s with a RateLimitError", async () => {
    const { error, count } = await attempts([json(429, {}, { "retry-after": "0" })], 2);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(count).toBe(3);
  });

  it("waits for Retry-After before re-sending", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const { finup, requests } = client([json(429, {}, { "retry-after": "5" }), created()]);
    const promise = finup.issueCards(accountId, body);
    await vi.advanceTimersByTimeAsync(4_900);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_200);
    expect(requests).toHaveLength(2);
    await expect(promise).resolves.toEqual([card]);
  });

  it("honours Retry-After as an HTTP date", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: new Date("2026-01-01T00:00:00Z") });
    const { finup, requests } = client([json(429, {}, { "retry-after": "Thu, 01 Jan 2026 00:00:10 GMT" }), created()]);
    const promise = finup.issueCards(accountId, body);
    await vi.advanceTimersByTimeAsync(9_900);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_200);
    await expect(promise).resolves.toEqual([card]);
  });

  it("does not wait for a Retry-After beyond the cap, and hands the 429 to the caller", async () => {
    const { error, count } = await attempts([json(429, {}, { "retry-after": "3600" })], 2);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(3600);
    expect(count).toBe(1);
  });

  it("sends once with maxRetries 0", async () => {
    expect((await attempts([networkError("ECONNREFUSED")], 0)).count).toBe(1);
    expect((await attempts([json(429, {})], 0)).count).toBe(1);
  });
});

// The client sends a request as openapi-fetch built it and makes a re-send from the same
// parts (see transport.ts); these pin that a re-send is the same request, still bounded by
// the timeout and the caller's signal, and that a request built elsewhere is handled too.
describe("re-sent requests", () => {
  const retryNow = () => json(429, {}, { "retry-after": "0" });

  it("re-send the same method, URL, headers and body", async () => {
    const { finup, requests } = client([retryNow(), created()], { headers: { "x-team": "growth" } });
    await finup.issueCards(accountId, body, { headers: { "x-trace": "t-1" } });
    const [first, second] = requests;
    expect(second).not.toBe(first);
    expect(second?.method).toBe(first?.method);
    expect(second?.url).toBe(first?.url);
    const entries = (request?: Request) => {
      const all: [string, string][] = [];
      request?.headers.forEach((value, name) => {
        all.push([name, value]);
      });
      return all;
    };
    expect(entries(second)).toEqual(entries(first));
    expect(second?.headers.get("x-api-key")).toBe(apiKey);
    expect(await second?.json()).toEqual(body);
  });

  it("time out on their own timeoutMs", async () => {
    const { finup, requests } = client([retryNow(), hang], { timeoutMs: 50 });
    expect(await rejection(finup.issueCards(accountId, body))).toBeInstanceOf(FinupTimeoutError);
    expect(requests).toHaveLength(2);
    expect(requests[1]?.signal.aborted).toBe(true);
    expect(requests[0]?.signal.aborted).toBe(false);
  });

  it("abort with the caller's signal", async () => {
    const { finup, requests } = client([retryNow(), hang]);
    const controller = new AbortController();
    const promise = rejection(finup.issueCards(accountId, body, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 30);
    expect(await promise).toBeInstanceOf(FinupAbortError);
    expect(requests).toHaveLength(2);
    expect(requests[1]?.signal.aborted).toBe(true);
  });

  it("work for a request a middleware built from the client's", async () => {
    const { finup, requests } = client([retryNow(), created()]);
    finup.use({
      onRequest: ({ request }) => {
        const replacement = new Request(request);
        replacement.headers.set("x-trace", "t-2");
        return replacement;
      },
    });
    await expect(finup.issueCards(accountId, body)).resolves.toEqual([card]);
    expect(requests).toHaveLength(2);
    for (const request of requests) {
      expect(request.headers.get("x-api-key")).toBe(apiKey);
      expect(request.headers.get("x-trace")).toBe("t-2");
      expect(await request.json()).toEqual(body);
    }
  });

  it("time out when a middleware built the request", async () => {
    const { finup } = client([hang], { timeoutMs: 50 });
    finup.use({ onRequest: ({ request }) => new Request(request) });
    expect(await rejection(finup.issueCards(accountId, body))).toBeInstanceOf(FinupTimeoutError);
  });
});

describe("the API key stays secret", () => {
  const everywhere = (error: unknown) => [
    (error as Error).message,
    String(error),
    (error as Error).stack ?? "",
    JSON.stringify(error),
    inspect(error, { depth: 10 }),
  ];

  it.each([
    ["a JSON body that echoes it", json(401, { message: `Invalid API key ${apiKey}`, key: apiKey })],
    ["a text body that echoes it", new Response(`bad key: ${apiKey}`, { status: 403 })],
  ])("is absent from an API error built from %s", async (_what, response) => {
    const { finup } = client([response]);
    const error = await rejection(finup.issueCards(accountId, body));
    for (const text of everywhere(error)) expect(text).not.toContain(apiKey);
    expect(JSON.stringify((error as FinupApiError).body)).toContain("[redacted]");
  });

  it("is absent from transport errors and from the client itself", async () => {
    const { finup } = client([networkError("ECONNRESET")], { timeoutMs: 1000 });
    const error = await rejection(finup.issueCards(accountId, body));
    for (const text of everywhere(error)) expect(text).not.toContain(apiKey);
    expect(inspect(finup, { depth: 10, showHidden: true })).not.toContain(apiKey);
    expect(JSON.stringify(finup)).not.toContain(apiKey);
    expect(String(finup)).not.toContain(apiKey);
  });

  it("is never logged", async () => {
    const logged: unknown[] = [];
    for (const level of ["log", "info", "warn", "error", "debug", "trace"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args));
    }
    const { finup } = client([json(401, { message: apiKey }), hang, created()], { timeoutMs: 20 });
    await rejection(finup.issueCards(accountId, body));
    await rejection(finup.issueCards(accountId, body));
    await finup.issueCards(accountId, body);
    expect(logged).toEqual([]);
    vi.restoreAllMocks();
  });
});

describe("the browser guard", () => {
  it("refuses to construct where a browser's globals are present", () => {
    vi.stubGlobal("window", { document: {} });
    vi.stubGlobal("navigator", { userAgent: "Mozilla/5.0" });
    expect(() => createFinupClient({ apiKey })).toThrow(FinupError);
    expect(() => createFinupClient({ apiKey })).toThrow(/refuses to run in a browser.*dangerouslyAllowBrowser: true/);
  });

  it("constructs there with dangerouslyAllowBrowser: true", async () => {
    vi.stubGlobal("window", { document: {} });
    vi.stubGlobal("navigator", { userAgent: "Mozilla/5.0" });
    const { finup } = client([created()], { dangerouslyAllowBrowser: true });
    await expect(finup.issueCards(accountId, body)).resolves.toHaveLength(1);
  });

  it("refuses a web worker too", () => {
    vi.stubGlobal("WorkerGlobalScope", class {});
    vi.stubGlobal("importScripts", () => {});
    expect(() => createFinupClient({ apiKey })).toThrow(/browser/);
  });
});

describe("baseUrl", () => {
  it.each([
    ["http://127.0.0.1:4010", "http://127.0.0.1:4010/accounts"],
    ["http://localhost:4010/", "http://localhost:4010/accounts"],
    ["http://[::1]:4010", "http://[::1]:4010/accounts"],
    ["https://sandbox.finup.io/v2/", "https://sandbox.finup.io/v2/accounts"],
  ])("accepts %s", async (baseUrl, prefix) => {
    const { finup, requests } = client([created()], { baseUrl });
    await finup.issueCards(accountId, body);
    expect(requests[0]?.url.startsWith(prefix)).toBe(true);
  });

  it.each([
    ["not a URL", "api.finup.io", /not an absolute URL: "api.finup.io"/],
    ["plain http to another host", "http://api.finup.io", /plain http: is allowed for loopback hosts only \(got api.finup.io\)/],
    ["another scheme", "ftp://api.finup.io", /must use https: \(got ftp:\)/],
    ["credentials", "https://user:pass@api.finup.io", /must not contain credentials/],
    ["a query", "https://api.finup.io/?x=1", /query or a fragment/],
  ])("refuses %s", (_what, baseUrl, message) => {
    expect(() => createFinupClient({ apiKey, baseUrl })).toThrow(FinupError);
    expect(() => createFinupClient({ apiKey, baseUrl })).toThrow(message);
  });
});
