// Every response the spec documents: the mock can be made to answer it, the client maps it,
// and the body validates against the spec's schema for that status.
import {
  AuthenticationError,
  BadRequestError,
  createFinupClient,
  type FinupApiError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "@finup/client";
import { describe, expect, inject, it } from "vitest";
import { exampleAccountId, issuingPath, positiveCases, validator } from "../src/contract.js";

// The client's promise for each status; a status the spec adds must be added here too.
const errorClass: Record<number, typeof FinupApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  422: UnprocessableEntityError,
  429: RateLimitError,
  500: InternalServerError,
};
const statuses = validator.statuses(issuingPath, "post");
const body = positiveCases[0]?.body as { bin_id: string; name: string; amount: number };
// No retries: a 429 that the mock repeats would otherwise be re-sent.
const finup = createFinupClient({ apiKey: "contract-test-key", baseUrl: inject("mockUrl"), maxRetries: 0 });

it("documents a success and the errors the client maps", () => {
  expect(statuses).toContain(201);
  for (const status of statuses.filter((s) => s >= 400)) expect(errorClass[status], `no error class expected for ${status}`).toBeDefined();
});

describe.each(statuses)("Prefer: code=%i", (status) => {
  const headers = { Prefer: `code=${status}` };

  it("makes the mock answer it, with a body that validates against the spec", async () => {
    const { data, error, response } = await finup.POST(issuingPath, { params: { path: { account_id: exampleAccountId } }, body, headers });
    expect(response.status).toBe(status);
    expect(validator.response(issuingPath, "post", status, data ?? error).violations).toEqual([]);
  });

  it("is turned by issueCards into data or the right error class", async () => {
    const outcome = await finup.issueCards(exampleAccountId, body, { headers }).catch((e: unknown) => e);
    if (status < 300) {
      expect(Array.isArray(outcome)).toBe(true);
      return;
    }
    expect(outcome).toBeInstanceOf(errorClass[status]);
    expect((outcome as FinupApiError).status).toBe(status);
    expect(validator.response(issuingPath, "post", status, (outcome as FinupApiError).body).violations).toEqual([]);
  });
});
