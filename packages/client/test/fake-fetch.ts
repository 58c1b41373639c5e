// A scripted fetch for unit tests: records every request it receives and answers
// each with the next step of a script.
import { createRequire } from "node:module";
import type { Card } from "@finup/types";

export type Step = Response | Error | ((request: Request) => Promise<Response> | Response);

export function fakeFetch(...script: Step[]) {
  const requests: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    requests.push(request);
    const step = script[Math.min(requests.length, script.length) - 1];
    if (step === undefined) throw new Error("fakeFetch: empty script");
    if (step instanceof Error) throw step;
    if (typeof step === "function") return step(request);
    return step.clone();
  };
  return { fetch, requests };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** A fetch failure as undici reports it: a TypeError whose cause carries the system error code. */
export function networkError(code: string): TypeError {
  return new TypeError("fetch failed", { cause: Object.assign(new Error(`connect ${code} 127.0.0.1:443`), { code }) });
}

/** Never answers; rejects when the request's signal aborts, as fetch does. */
export const hang = (request: Request) =>
  new Promise<Response>((_, reject) => {
    request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
  });

// The docs' example card, read from the spec rather than written again here.
const spec = createRequire(import.meta.url)("@finup/spec/openapi.json") as {
  components: { examples: { IssueCardsResponseDocs: { value: { result: Card[] } } } };
};
export const card = spec.components.examples.IssueCardsResponseDocs.value.result[0] as Card;

export const accountId = "67b300e30a4c3db1b01a3699";
export const body = { bin_id: "67ade1eef9f79c20b4e78899", name: "Team", amount: 1 };
export const apiKey = "fk_live_s3cr3t-key-0123456789";
