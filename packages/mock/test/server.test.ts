import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSpecPath, type MockServer, MockServerStartError, startMockServer } from "../src/index.js";
import { closeServer, ISSUING_PATH, isAlive, issueCards, listen, portOf, processGroupMembers, VALID_BODY } from "./helpers.js";

// Read from the bundle rather than restated here, so a status added to the spec is tested too.
const bundle = JSON.parse(readFileSync(defaultSpecPath(), "utf8")) as {
  paths: Record<string, { post: { responses: Record<string, unknown> } }>;
};
const documentedStatuses = Object.keys(bundle.paths["/accounts/{account_id}/cards/issuing"]?.post.responses ?? {});

describe("the mock answers as the spec says", () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer();
  });
  afterAll(() => server?.close());

  it("listens on loopback, on the port it reports", () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it("issues cards: 201 with a result array", async () => {
    const response = await issueCards(server.url);
    expect(response.status).toBe(201);
    const body = (await response.json()) as { result: unknown };
    expect(Array.isArray(body.result)).toBe(true);
    expect(body.result).not.toHaveLength(0);
  });

  it("refuses a request without x-api-key with 401", async () => {
    const response = await fetch(`${server.url}${ISSUING_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(VALID_BODY),
    });
    expect(response.status).toBe(401);
  });

  it("refuses amount 0 with a 4xx", async () => {
    const response = await issueCards(server.url, { body: { ...VALID_BODY, amount: 0 } });
    expect([400, 422]).toContain(response.status);
  });

  it("answers Prefer: code=429 with 429", async () => {
    const response = await issueCards(server.url, { headers: { prefer: "code=429" } });
    expect(response.status).toBe(429);
  });

  it("serves every documented status on request, each valid against the spec", async () => {
    expect(documentedStatuses).toContain("201");
    for (const status of documentedStatuses) {
      const response = await issueCards(server.url, { headers: { prefer: `code=${status}` } });
      // A response that broke the spec would be a 500 VIOLATIONS problem instead (see below).
      expect({ status, got: response.status, violations: response.headers.get("sl-violations") }).toEqual({
        status,
        got: Number(status),
        violations: null,
      });
    }
  });
});

describe("strictness", () => {
  it("turns a response that breaks the spec into a 500 rather than serving it", async () => {
    const specPath = fileURLToPath(new URL("fixtures/contradicting-example.json", import.meta.url));
    const server = await startMockServer({ specPath });
    try {
      const response = await fetch(`${server.url}/thing`);
      expect(response.status).toBe(500);
      expect(await response.json()).toMatchObject({ type: "https://stoplight.io/prism/errors#VIOLATIONS" });
    } finally {
      await server.close();
    }
  });
});

describe("lifecycle", () => {
  it("close() frees the port and leaves no Prism process behind", async () => {
    const server = await startMockServer();
    try {
      expect(isAlive(server.pid)).toBe(true);
      expect(processGroupMembers(server.pid)).toContain(server.pid);
    } finally {
      await server.close();
    }

    expect(isAlive(server.pid)).toBe(false);
    expect(processGroupMembers(server.pid)).toEqual([]);
    await closeServer(await listen(server.port)); // throws EADDRINUSE if anything still listens
  });

  it("close() can be called twice", async () => {
    const server = await startMockServer();
    await Promise.all([server.close(), server.close()]);
    await server.close();
    expect(isAlive(server.pid)).toBe(false);
  });

  it("rejects when the port is already in use, naming the port", async () => {
    const blocker = await listen();
    const port = portOf(blocker);
    try {
      const start = startMockServer({ port });
      await expect(start).rejects.toThrow(MockServerStartError);
      await expect(start).rejects.toThrow(new RegExp(`Port ${port} .*already in use.*EADDRINUSE`));
      await expect(start).rejects.toMatchObject({ code: "EADDRINUSE", port });
    } finally {
      await closeServer(blocker);
    }
  });

  it("rejects with Prism's own error when the spec does not exist", async () => {
    await expect(startMockServer({ specPath: "/nonexistent/openapi.json" })).rejects.toThrow(
      /Error opening file "\/nonexistent\/openapi.json".*ENOENT/,
    );
  });
});
