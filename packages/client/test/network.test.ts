// The retry policy against real sockets and Node's own fetch: what "nothing was
// sent" and "it may have arrived" look like outside a scripted fetch.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createFinupClient, FinupConnectionError, FinupTimeoutError } from "../src/index.js";
import { accountId, apiKey, body, card } from "./fake-fetch.js";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function counted() {
  const counter = {
    calls: 0,
    fetch: (request: Request) => {
      counter.calls++;
      return globalThis.fetch(request);
    },
  };
  return counter;
}

describe("over real sockets", () => {
  it("re-sends when the port refuses the connection, then fails with FinupConnectionError", async () => {
    const closed = await listen(() => {});
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const counter = counted();
    const finup = createFinupClient({ apiKey, baseUrl: closed, fetch: counter.fetch, maxRetries: 1 });
    const error = await finup.issueCards(accountId, body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FinupConnectionError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect(counter.calls).toBe(2);
  });

  it("never re-sends when the server drops the connection after reading the request", async () => {
    let received = 0;
    const url = await listen((request) => {
      received++;
      request.on("data", () => {});
      request.on("end", () => request.socket.destroy());
    });
    const counter = counted();
    const finup = createFinupClient({ apiKey, baseUrl: url, fetch: counter.fetch, maxRetries: 3 });
    const error = await finup.issueCards(accountId, body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FinupConnectionError);
    expect(error).not.toBeInstanceOf(FinupTimeoutError);
    expect(counter.calls).toBe(1);
    expect(received).toBe(1);
  });

  it("never re-sends after a timeout, although the server received the request", async () => {
    let received = 0;
    const url = await listen(() => {
      received++;
    });
    const finup = createFinupClient({ apiKey, baseUrl: url, timeoutMs: 100, maxRetries: 3 });
    await expect(finup.issueCards(accountId, body)).rejects.toBeInstanceOf(FinupTimeoutError);
    expect(received).toBe(1);
  });

  it("issues cards through Node's fetch end to end", async () => {
    const url = await listen((request, response) => {
      const ok = request.headers["x-api-key"] === apiKey && request.url === `/accounts/${accountId}/cards/issuing`;
      response.writeHead(ok ? 201 : 400, { "content-type": "application/json" });
      response.end(JSON.stringify(ok ? { result: [card] } : { message: "unexpected request" }));
    });
    await expect(createFinupClient({ apiKey, baseUrl: url }).issueCards(accountId, body)).resolves.toEqual([card]);
  });
});
