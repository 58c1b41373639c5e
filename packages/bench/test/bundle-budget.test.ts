// The client's weight in a browser bundle, held to its budget: it may add at most 3 KiB
// gzipped to what bare openapi-fetch needs for the same call. `pnpm bench` prints the same
// figures from the same bundling code.
import { describe, expect, it } from "vitest";
import { budgetGzippedBytes, bundleConsumer } from "../src/bundle.js";

describe("the browser bundle of a consumer of @finup/client", () => {
  it(`adds at most ${budgetGzippedBytes} gzipped bytes over bare openapi-fetch`, async () => {
    const finup = await bundleConsumer("@finup/client");
    const bare = await bundleConsumer("bare openapi-fetch");
    const over = finup.gzippedBytes - bare.gzippedBytes;
    console.log(
      `@finup/client ${finup.gzippedBytes} B gzip, bare openapi-fetch ${bare.gzippedBytes} B gzip: +${over} B of ${budgetGzippedBytes}`,
    );
    expect(over, `@finup/client ${finup.gzippedBytes} B vs bare openapi-fetch ${bare.gzippedBytes} B gzipped`).toBeLessThanOrEqual(
      budgetGzippedBytes,
    );
  });

  it("holds the whole client and the call, with nothing left to import", async () => {
    const { code, imports } = await bundleConsumer("@finup/client");
    expect(imports).toEqual([]);
    expect(code).toContain("x-api-key");
    expect(code).toContain("/accounts/{account_id}/cards/issuing");
    expect(code).toContain("dangerouslyAllowBrowser");
  });
});
