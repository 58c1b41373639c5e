import { describe, expectTypeOf, it } from "vitest";
import { type Card, createFinupClient } from "../src/index.js";

const finup = createFinupClient({ apiKey: "k" });
const path = { account_id: "67b300e30a4c3db1b01a3699" };

describe("client.POST", () => {
  it("infers the body and the response from the path", async () => {
    const { data } = await finup.POST("/accounts/{account_id}/cards/issuing", {
      params: { path },
      body: { bin_id: "b", name: "n", amount: 1, notes: "x" },
    });
    expectTypeOf(data).toEqualTypeOf<{ result: Card[] } | undefined>();
  });

  it("refuses a body without bin_id", () => {
    // @ts-expect-error bin_id is required
    finup.POST("/accounts/{account_id}/cards/issuing", { params: { path }, body: { name: "n", amount: 1 } });
  });

  it("refuses amount as a string", () => {
    // @ts-expect-error amount is a number
    finup.POST("/accounts/{account_id}/cards/issuing", { params: { path }, body: { bin_id: "b", name: "n", amount: "2" } });
  });

  it("refuses an unknown path", () => {
    // @ts-expect-error no such path
    finup.POST("/accounts/{account_id}/cards", { params: { path }, body: { bin_id: "b", name: "n", amount: 1 } });
  });

  it("refuses a call without account_id", () => {
    // @ts-expect-error account_id is a required path parameter
    finup.POST("/accounts/{account_id}/cards/issuing", { params: { path: {} }, body: { bin_id: "b", name: "n", amount: 1 } });
    // @ts-expect-error params are required
    finup.POST("/accounts/{account_id}/cards/issuing", { body: { bin_id: "b", name: "n", amount: 1 } });
  });

  it("refuses GET on a path that only has POST", () => {
    // @ts-expect-error the path has no GET
    finup.GET("/accounts/{account_id}/cards/issuing", { params: { path } });
  });
});

describe("client.issueCards", () => {
  it("resolves to Card[]", () => {
    expectTypeOf(finup.issueCards("a", { bin_id: "b", name: "n", amount: 1 })).toEqualTypeOf<Promise<Card[]>>();
  });

  it("checks its body and options", () => {
    // @ts-expect-error bin_id is required
    finup.issueCards("a", { name: "n", amount: 1 });
    // @ts-expect-error amount is a number
    finup.issueCards("a", { bin_id: "b", name: "n", amount: "2" });
    // @ts-expect-error the request schema has no promocode
    finup.issueCards("a", { bin_id: "b", name: "n", amount: 1, promocode: "X" });
    // @ts-expect-error unknown request option
    finup.issueCards("a", { bin_id: "b", name: "n", amount: 1 }, { retries: 3 });
    finup.issueCards("a", { bin_id: "b", name: "n", amount: 1 }, { timeoutMs: 5, signal: AbortSignal.timeout(5), headers: { "x-a": "b" } });
  });

  it("types a card's fields as the API sends them", async () => {
    const cards = await finup.issueCards("a", { bin_id: "b", name: "n", amount: 1 });
    expectTypeOf<(typeof cards)[number]["3ds"]>().toEqualTypeOf<boolean>();
    expectTypeOf<(typeof cards)[number]["masked_PAN"]>().toEqualTypeOf<string>();
    expectTypeOf<"Hibernating">().toExtend<Card["status"]>();
  });
});

describe("createFinupClient", () => {
  it("refuses unknown options", () => {
    // @ts-expect-error no such option
    createFinupClient({ apiKey: "k", retries: 2 });
  });
});
