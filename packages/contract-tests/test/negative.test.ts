// Requests the typed client would refuse to compile, sent with plain fetch: each must be
// rejected with a 4xx, never accepted and never answered with a 5xx.
import { describe, expect, inject, it } from "vitest";
import { breakersFor } from "../src/arbitrary.js";
import { exampleAccountId, issuingUrl, positiveCases, requestSchema, validator } from "../src/contract.js";

const valid = positiveCases.find((c) => c.name === "oneCard")?.body ?? positiveCases[0]?.body ?? {};
const url = () => issuingUrl(inject("mockUrl"), exampleAccountId);
const send = (body: string | undefined, headers: Record<string, string> = {}) =>
  fetch(url(), {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": "contract-test-key", ...headers },
    body: body ?? null,
  });

// The body-level cases; the field-level ones come from the schema's own constraints.
const malformed: [string, string | undefined, Record<string, string>?][] = [
  ["a JSON array", JSON.stringify([valid])],
  ["a JSON string", JSON.stringify("issue cards")],
  ["a JSON number", "42"],
  ["JSON null", "null"],
  ["an empty body", undefined],
  ["malformed JSON", '{"bin_id": "67ade1eef9f79c20b4e78899", "name": '],
  ["a wrong content type", JSON.stringify(valid), { "content-type": "text/plain" }],
  ["form data", new URLSearchParams(valid as Record<string, string>).toString(), { "content-type": "application/x-www-form-urlencoded" }],
];

describe("invalid requests", () => {
  it("accepts the valid body they are derived from", async () => {
    expect((await send(JSON.stringify(valid))).status).toBe(201);
  });

  it("rejects a request without x-api-key with 401", async () => {
    const response = await fetch(url(), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(valid) });
    expect(response.status).toBe(401);
  });

  it.each(breakersFor(requestSchema).map((b) => [b.name, b] as const))("rejects a body breaking %s with a 4xx", async (_name, breaker) => {
    const body = breaker.apply(valid);
    expect(validator.schema("IssueCardsRequest", body).valid).toBe(false);
    const response = await send(JSON.stringify(body));
    expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it.each(malformed)("rejects %s with a 4xx", async (_name, body, headers) => {
    const response = await send(body, headers);
    expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it("covers every documented constraint of the request", () => {
    const names = breakersFor(requestSchema).map((b) => b.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "bin_id: required",
        "name: required",
        "amount: required",
        "additionalProperties: false",
        "amount: minimum 1",
        "amount: maximum 1000",
        "amount: integer, not 1.5",
        'amount: type integer, not "1"',
        "amount: type integer, not null",
        "notes: maxLength 500",
        "promo: maxLength 64",
      ]),
    );
  });
});
