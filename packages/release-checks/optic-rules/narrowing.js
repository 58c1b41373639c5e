// Optic ruleset: a request constraint that got stricter breaks clients that sent
// what the old spec allowed. Optic's own `breaking-changes` ruleset covers types,
// enums, required fields and parameters; it does not look at bounds, formats or
// patterns, which this ruleset adds for request bodies and parameters.
const { Ruleset, RequestRule, OperationRule, RuleError } = require("@useoptic/rulesets-base");

const upperBounds = ["maxLength", "maxItems", "maxProperties", "maximum"];
const lowerBounds = ["minLength", "minItems", "minProperties", "minimum"];

const show = (value) => (value === undefined ? "none" : JSON.stringify(value));

/** How `after` accepts less than `before`, one phrase per keyword; empty when it does not. */
function narrowings(before, after) {
  const b = before && typeof before === "object" ? before : {};
  const a = after && typeof after === "object" ? after : {};
  const found = [];
  const narrowed = (keyword) => found.push(`${keyword} ${show(b[keyword])} → ${show(a[keyword])}`);
  for (const k of upperBounds) if (typeof a[k] === "number" && !(typeof b[k] === "number" && a[k] >= b[k])) narrowed(k);
  for (const k of lowerBounds) if (typeof a[k] === "number" && !(typeof b[k] === "number" && a[k] <= b[k])) narrowed(k);
  // OpenAPI 3.1 (JSON Schema 2020-12) writes exclusive bounds as numbers, 3.0 as booleans.
  if (typeof a.exclusiveMaximum === "number" && !(typeof b.exclusiveMaximum === "number" && a.exclusiveMaximum >= b.exclusiveMaximum)) {
    narrowed("exclusiveMaximum");
  }
  if (typeof a.exclusiveMinimum === "number" && !(typeof b.exclusiveMinimum === "number" && a.exclusiveMinimum <= b.exclusiveMinimum)) {
    narrowed("exclusiveMinimum");
  }
  if (a.exclusiveMaximum === true && b.exclusiveMaximum !== true) narrowed("exclusiveMaximum");
  if (a.exclusiveMinimum === true && b.exclusiveMinimum !== true) narrowed("exclusiveMinimum");
  if (a.format !== undefined && a.format !== b.format) narrowed("format");
  if (a.pattern !== undefined && a.pattern !== b.pattern) narrowed("pattern");
  if (typeof a.multipleOf === "number" && !(typeof b.multipleOf === "number" && b.multipleOf % a.multipleOf === 0)) narrowed("multipleOf");
  if (a.uniqueItems === true && b.uniqueItems !== true) narrowed("uniqueItems");
  if (a.additionalProperties === false && b.additionalProperties !== false) narrowed("additionalProperties");
  if (b.nullable === true && a.nullable !== true) narrowed("nullable");
  return found;
}

function refuse(what, found) {
  if (found.length > 0) {
    throw new RuleError({ message: `${what} accepts less than before: ${found.join(", ")}. This is a breaking change.` });
  }
}

/** `/paths/~1x/post/requestBody/content/application~1json/schema/properties/tags/items` → `field 'tags[]'`. */
function describeSchemaPath(jsonPath) {
  const parts = jsonPath.split("/").map((p) => p.replaceAll("~1", "/").replaceAll("~0", "~"));
  const trail = parts.slice(parts.indexOf("schema") + 1);
  if (trail.length === 0) return "the request body";
  let name = "";
  for (let i = 0; i < trail.length; i++) {
    if (trail[i] === "properties") name += `${name ? "." : ""}${trail[++i]}`;
    else if (trail[i] === "items") name += "[]";
    else if (["anyOf", "oneOf", "allOf"].includes(trail[i])) name += `(${trail[i]} ${trail[++i]})`;
    else name += `/${trail[i]}`;
  }
  return `request field '${name}'`;
}

// Schema facts cover the body's root, every property and every array's items.
const preventRequestNarrowing = new RequestRule({
  name: "prevent narrowing request constraints",
  rule: (request) => {
    request.schema.changed((before, after) => refuse(describeSchemaPath(after.location.jsonPath), narrowings(before.raw, after.raw)));
  },
});

const parameterKinds = [
  ["pathParameter", "path"],
  ["queryParameter", "query"],
  ["headerParameter", "header"],
  ["cookieParameter", "cookie"],
];

const preventParameterNarrowing = new OperationRule({
  name: "prevent narrowing parameter constraints",
  rule: (operation) => {
    for (const [assertions, kind] of parameterKinds) {
      operation[assertions].changed((before, after) =>
        refuse(`${kind} parameter '${after.raw.name}'`, narrowings(before.raw.schema, after.raw.schema)),
      );
    }
  },
});

module.exports = {
  name: "finup-request-narrowing",
  description: "Refuses request bounds, formats and patterns that got stricter.",
  configSchema: {},
  rulesetConstructor: () =>
    new Ruleset({
      name: "Request narrowing",
      rules: [preventRequestNarrowing, preventParameterNarrowing],
    }),
  narrowings,
  describeSchemaPath,
};
