// Prism's generated responses (Prefer: dynamic=true) must validate too: they exercise
// the schema far beyond its examples.
import { expect, inject, it } from "vitest";
import { exampleAccountId, issuingPath, issuingUrl, positiveCases, validator } from "../src/contract.js";

const runs = 100;

it(`validates ${runs} generated 201 responses against the spec`, async () => {
  const failures: string[] = [];
  let cards = 0;
  for (let i = 0; i < runs; i++) {
    const response = await fetch(issuingUrl(inject("mockUrl"), exampleAccountId), {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": "contract-test-key", Prefer: "dynamic=true" },
      body: JSON.stringify(positiveCases[0]?.body),
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { result: unknown[] };
    cards += body.result.length;
    const { violations } = validator.response(issuingPath, "post", 201, body);
    if (violations.length) failures.push(`response ${i}: ${violations.map((v) => `${v.path} ${v.expected}, got ${v.actual}`).join("; ")}`);
  }
  expect(failures).toEqual([]);
  expect(cards).toBeGreaterThan(0);
});
