// fast-check generators and constraint breakers derived from a JSON Schema, for the
// keywords the request schema uses. An unknown keyword is an error, so a spec change
// can never be silently left out of the property tests.
import fc from "fast-check";
import type { JsonSchema } from "./contract.js";

const annotations = new Set(["title", "description", "examples", "format", "$comment", "deprecated"]);
const handled: Record<string, Set<string>> = {
  object: new Set(["type", "properties", "required", "additionalProperties"]),
  string: new Set(["type", "minLength", "maxLength", "pattern"]),
  integer: new Set(["type", "minimum", "maximum", "format"]),
  number: new Set(["type", "minimum", "maximum", "format"]),
  boolean: new Set(["type"]),
};

function typeOf(schema: JsonSchema, where: string): string {
  if (typeof schema.type !== "string" || !handled[schema.type]) {
    throw new Error(`${where}: the generators do not handle type ${JSON.stringify(schema.type)}; extend src/arbitrary.ts.`);
  }
  for (const keyword of Object.keys(schema)) {
    if (!handled[schema.type]?.has(keyword) && !annotations.has(keyword)) {
      throw new Error(`${where}: the generators do not handle the keyword ${keyword}; extend src/arbitrary.ts.`);
    }
  }
  return schema.type;
}

/** Values that satisfy the schema. */
export function arbitraryFor(schema: JsonSchema, where = "#"): fc.Arbitrary<unknown> {
  switch (typeOf(schema, where)) {
    case "object": {
      const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, arbitraryFor(s, `${where}/${k}`)]));
      return fc.record(properties, { requiredKeys: schema.required ?? [] });
    }
    case "string": {
      const strings = fc.string({ minLength: schema.minLength ?? 0, maxLength: schema.maxLength ?? 1000 });
      // JSON Schema patterns are ECMA-262 regular expressions, unanchored, with Unicode.
      const pattern = typeof schema.pattern === "string" ? new RegExp(schema.pattern, "u") : undefined;
      return pattern ? strings.filter((s) => pattern.test(s)) : strings;
    }
    case "integer":
      return fc.integer({ min: schema.minimum ?? -(2 ** 31), max: schema.maximum ?? 2 ** 31 - 1 });
    case "number":
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    default:
      return fc.boolean();
  }
}

export interface Breaker {
  /** Which constraint, where: "amount: maximum 1000". */
  name: string;
  /** Returns a copy of a valid body with that one constraint broken. */
  apply(body: Record<string, unknown>): Record<string, unknown>;
}

const wrongTypeFor: Record<string, unknown> = { string: 123, integer: "1", number: "1", boolean: "true", object: [] };

/** One breaker per constraint of an object schema's own properties. */
export function breakersFor(schema: JsonSchema): Breaker[] {
  typeOf(schema, "#");
  const set = (key: string, value: unknown) => (body: Record<string, unknown>) => ({ ...body, [key]: value });
  const breakers: Breaker[] = [];
  for (const key of schema.required ?? []) {
    breakers.push({ name: `${key}: required`, apply: ({ [key]: _removed, ...rest }) => rest });
  }
  if (schema.additionalProperties === false) {
    breakers.push({ name: "additionalProperties: false", apply: set("unexpected_property", "x") });
  }
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const type = typeOf(property, `#/${key}`);
    breakers.push({ name: `${key}: type ${type}, not ${JSON.stringify(wrongTypeFor[type])}`, apply: set(key, wrongTypeFor[type]) });
    breakers.push({ name: `${key}: type ${type}, not null`, apply: set(key, null) });
    if (property.minLength)
      breakers.push({ name: `${key}: minLength ${property.minLength}`, apply: set(key, "x".repeat(property.minLength - 1)) });
    if (property.maxLength !== undefined)
      breakers.push({ name: `${key}: maxLength ${property.maxLength}`, apply: set(key, "x".repeat(property.maxLength + 1)) });
    if (property.minimum !== undefined)
      breakers.push({ name: `${key}: minimum ${property.minimum}`, apply: set(key, property.minimum - 1) });
    if (property.maximum !== undefined)
      breakers.push({ name: `${key}: maximum ${property.maximum}`, apply: set(key, property.maximum + 1) });
    if (typeof property.pattern === "string") {
      const pattern = new RegExp(property.pattern, "u");
      const pad = "x".repeat(property.minLength ?? 0);
      const breaking = ["\u0000", "\u0007", "\n", "\t", "<", " ", ""].map((c) => pad + c).find((s) => !pattern.test(s));
      if (breaking === undefined)
        throw new Error(`#/${key}: no candidate breaks the pattern ${property.pattern}; extend src/arbitrary.ts.`);
      breakers.push({ name: `${key}: pattern ${property.pattern}`, apply: set(key, breaking) });
    }
    if (type === "integer")
      breakers.push({ name: `${key}: integer, not ${(property.minimum ?? 0) + 0.5}`, apply: set(key, (property.minimum ?? 0) + 0.5) });
  }
  return breakers;
}
