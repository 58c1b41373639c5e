import { describe, expect, it } from "vitest";
import { createSpecValidator } from "../src/validator.ts";
import docsRequest from "./fixtures/docs-request.json" with { type: "json" };
import docsResponse from "./fixtures/docs-response.json" with { type: "json" };

const v = createSpecValidator();
const path = "/accounts/{account_id}/cards/issuing";
const docsCard = docsResponse.result[0] as Record<string, unknown>;
const schemas = v.spec.components.schemas as Record<string, { required?: string[]; properties?: Record<string, unknown> }>;

describe("the docs' examples", () => {
  it("accepts the docs' example request", () => {
    expect(v.request(path, "post", docsRequest)).toEqual({ valid: true, violations: [] });
    expect(v.schema("IssueCardsRequest", docsRequest).valid).toBe(true);
  });

  it("accepts the docs' example response", () => {
    expect(v.response(path, "post", 201, docsResponse)).toEqual({ valid: true, violations: [] });
  });

  it("carries the docs' examples unchanged as named examples", () => {
    const examples = v.spec.components.examples as Record<string, { value: unknown }>;
    expect(examples.IssueCardsRequestDocs?.value).toEqual(docsRequest);
    expect(examples.IssueCardsResponseDocs?.value).toEqual(docsResponse);
  });
});

describe("the Card schema", () => {
  it("has exactly the 23 fields of the docs' example card, under their exact names", () => {
    expect(Object.keys(schemas.Card?.properties ?? {}).sort()).toEqual(Object.keys(docsCard).sort());
    expect(Object.keys(docsCard)).toHaveLength(23);
  });

  it("requires every field but notes and address", () => {
    const optional = ["address", "notes"];
    expect([...(schemas.Card?.required ?? [])].sort()).toEqual(
      Object.keys(docsCard)
        .filter((k) => !optional.includes(k))
        .sort(),
    );
  });

  it.each(["Pending", "Active", "Unfreezing", "Something Finup adds tomorrow"])("accepts the status %j", (status) => {
    expect(v.schema("Card", { ...docsCard, status }).valid).toBe(true);
  });

  it.each([
    ["status", 7],
    ["status", null],
    ["3ds", "false"],
    ["balance", "0"],
    ["id", "not-an-object-id"],
    ["created_at", "yesterday"],
  ])("rejects %s = %j", (field, value) => {
    const result = v.schema("Card", { ...docsCard, [field]: value });
    expect(result.valid).toBe(false);
    expect(result.violations.some((x) => x.path === `/${field}`)).toBe(true);
  });

  it("accepts fractional money and null or absent notes and address", () => {
    const { notes: _n, ...withoutNotes } = docsCard;
    expect(v.schema("Card", { ...docsCard, balance: 4500.5, spent: 1200.75 }).valid).toBe(true);
    expect(v.schema("Card", { ...docsCard, notes: null, address: null }).valid).toBe(true);
    expect(v.schema("Card", withoutNotes).valid).toBe(true);
  });

  it.each(Object.keys(docsCard).filter((k) => !["notes", "address"].includes(k)))("rejects a card without %s", (field) => {
    const { [field]: _omitted, ...card } = docsCard;
    const result = v.schema("Card", card);
    expect(result.violations).toContainEqual({ path: `/${field}`, expected: `required property ${field}`, actual: "nothing" });
  });
});

describe("the IssueCardsRequest schema", () => {
  const valid = { bin_id: "67ade1eef9f79c20b4e78899", name: "Team", amount: 1 };

  it("requires exactly bin_id, name and amount", () => {
    expect([...(schemas.IssueCardsRequest?.required ?? [])].sort()).toEqual(["amount", "bin_id", "name"]);
    expect(Object.keys(schemas.IssueCardsRequest?.properties ?? {}).sort()).toEqual(Object.keys(docsRequest).sort());
  });

  it("accepts the smallest and the largest amount", () => {
    expect(v.schema("IssueCardsRequest", valid).valid).toBe(true);
    expect(v.schema("IssueCardsRequest", { ...valid, amount: 1000 }).valid).toBe(true);
  });

  it.each([0, -1, 1.5, "2", null, 1001])("rejects amount %j", (amount) => {
    const result = v.schema("IssueCardsRequest", { ...valid, amount });
    expect(result.valid).toBe(false);
    expect(result.violations.map((x) => x.path)).toContain("/amount");
  });

  it.each(["bin_id", "name", "amount"])("rejects a request without %s", (field) => {
    const { [field as keyof typeof valid]: _omitted, ...body } = valid;
    expect(v.schema("IssueCardsRequest", body).violations).toContainEqual({
      path: `/${field}`,
      expected: `required property ${field}`,
      actual: "nothing",
    });
  });

  it("rejects unknown properties and strings beyond their bounds", () => {
    expect(v.schema("IssueCardsRequest", { ...valid, promocode: "X" }).violations).toContainEqual({
      path: "/promocode",
      expected: "no property promocode",
      actual: '"X"',
    });
    expect(v.schema("IssueCardsRequest", { ...valid, bin_id: "" }).valid).toBe(false);
    expect(v.schema("IssueCardsRequest", { ...valid, name: "x".repeat(129) }).valid).toBe(false);
    expect(v.schema("IssueCardsRequest", { ...valid, notes: "x".repeat(501) }).valid).toBe(false);
    expect(v.schema("IssueCardsRequest", { ...valid, promo: "x".repeat(65) }).valid).toBe(false);
  });

  it("refuses control characters, except tab and line breaks in notes", () => {
    for (const field of ["bin_id", "name", "promo"]) {
      expect(v.schema("IssueCardsRequest", { ...valid, [field]: "a\u0000b" }).valid, field).toBe(false);
      expect(v.schema("IssueCardsRequest", { ...valid, [field]: "a\nb" }).valid, field).toBe(false);
    }
    expect(v.schema("IssueCardsRequest", { ...valid, notes: "line one\n\tline two\r\n" }).valid).toBe(true);
    expect(v.schema("IssueCardsRequest", { ...valid, notes: "bell\u0007" }).valid).toBe(false);
    expect(v.schema("IssueCardsRequest", { ...valid, name: "Zoë Ångström 💳" }).valid).toBe(true);
  });
});

describe("the error responses", () => {
  it("documents 400, 401, 403, 404, 422, 429 and 500 besides 201", () => {
    expect(v.statuses(path, "post")).toEqual([201, 400, 401, 403, 404, 422, 429, 500]);
  });

  it.each([400, 401, 403, 404, 422, 429, 500])("answers %i with the tolerant ErrorResponse", (status) => {
    expect(v.response(path, "post", status, {}).valid).toBe(true);
    expect(v.response(path, "post", status, { message: ["a", "b"], extra: { any: 1 } }).valid).toBe(true);
    expect(v.response(path, "post", status, { message: 42 }).valid).toBe(false);
    expect(schemas.ErrorResponse?.required).toBeUndefined();
  });

  it("documents an optional Retry-After on 429", () => {
    const headers = v.spec.components.headers as Record<string, { required?: boolean }>;
    const tooMany = v.spec.components.responses?.TooManyRequests as { headers: Record<string, { $ref: string }> };
    expect(tooMany.headers["Retry-After"]?.$ref).toBe("#/components/headers/Retry-After");
    expect(headers["Retry-After"]?.required).toBe(false);
  });
});

describe("every named example", () => {
  const doc = v.spec as unknown as {
    paths: Record<string, Record<string, Operation>>;
    components: Record<string, Record<string, unknown>>;
  };
  type MediaType = { examples?: Record<string, { $ref?: string; value?: unknown }> };
  type Operation = {
    requestBody: { content: Record<string, MediaType> };
    responses: Record<string, { $ref?: string; content?: Record<string, MediaType> }>;
  };
  const deref = <T>(x: T & { $ref?: string }): T =>
    x.$ref
      ? (x.$ref
          .split("/")
          .slice(1)
          .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], doc) as T)
      : x;
  const operation = doc.paths[path]?.post as Operation;
  const cases: [string, number | "request", unknown][] = [];
  for (const [name, ex] of Object.entries(operation.requestBody.content["application/json"]?.examples ?? {}))
    cases.push([name, "request", deref(ex).value]);
  for (const [status, response] of Object.entries(operation.responses))
    for (const [name, ex] of Object.entries(deref(response).content?.["application/json"]?.examples ?? {}))
      cases.push([name, Number(status), deref(ex).value]);

  it("exists for the request and for every response", () => {
    expect(new Set(cases.map(([, where]) => where)).size).toBe(1 + Object.keys(operation.responses).length);
  });

  it.each(cases)("%s (%s) validates against its schema", (_name, where, value) => {
    const result = where === "request" ? v.request(path, "post", value) : v.response(path, "post", where, value);
    expect(result.violations).toEqual([]);
  });
});
