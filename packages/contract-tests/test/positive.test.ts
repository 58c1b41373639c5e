import { createFinupClient } from "@finup/client";
import { describe, expect, inject, it } from "vitest";
import { issuingPath, positiveCases, validator } from "../src/contract.js";

const finup = createFinupClient({ apiKey: "contract-test-key", baseUrl: inject("mockUrl") });

describe.each(positiveCases)("issuing cards with the request example $name", ({ accountId, body }) => {
  it("answers 201 with a body that validates against IssueCardsResponse", async () => {
    const { data, error, response } = await finup.POST(issuingPath, {
      params: { path: { account_id: accountId } },
      body: body as { bin_id: string; name: string; amount: number },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(validator.response(issuingPath, "post", 201, data).violations).toEqual([]);
    expect(validator.schema("IssueCardsResponse", data).valid).toBe(true);
  });

  it("resolves issueCards to cards that each validate against Card", async () => {
    const cards = await finup.issueCards(accountId, body as { bin_id: string; name: string; amount: number });
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(validator.schema("Card", card).violations).toEqual([]);
  });
});

it("has at least the docs' example and one realistic request as positive cases", () => {
  expect(positiveCases.length).toBeGreaterThanOrEqual(2);
});
