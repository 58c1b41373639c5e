// Property-based: bodies generated from the request schema's own constraints are accepted;
// a valid body with exactly one constraint broken is rejected.
import fc from "fast-check";
import { describe, expect, inject, it } from "vitest";
import { arbitraryFor, breakersFor } from "../src/arbitrary.js";
import { exampleAccountId, issuingUrl, requestSchema, validator } from "../src/contract.js";

const seed = 20251125;
const numRuns = 200;
const send = (body: unknown) =>
  fetch(issuingUrl(inject("mockUrl"), exampleAccountId), {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": "contract-test-key" },
    body: JSON.stringify(body),
  });
const validBody = arbitraryFor(requestSchema) as fc.Arbitrary<Record<string, unknown>>;

describe("bodies generated from IssueCardsRequest", () => {
  it(`are accepted with 201 (${numRuns} runs, seed ${seed})`, async () => {
    await fc.assert(
      fc.asyncProperty(validBody, async (body) => {
        expect(validator.schema("IssueCardsRequest", body).violations).toEqual([]);
        const response = await send(body);
        expect(response.status, `${JSON.stringify(body)} → ${await response.clone().text()}`).toBe(201);
      }),
      { seed, numRuns },
    );
  });

  it(`are rejected with a 4xx once one constraint is broken (${numRuns} runs, seed ${seed})`, async () => {
    const breakers = breakersFor(requestSchema);
    await fc.assert(
      fc.asyncProperty(validBody, fc.constantFrom(...breakers), async (body, breaker) => {
        const broken = breaker.apply(body);
        expect(validator.schema("IssueCardsRequest", broken).valid, breaker.name).toBe(false);
        const response = await send(broken);
        expect(response.status, `${breaker.name}: ${JSON.stringify(broken).slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { seed, numRuns },
    );
  });
});
