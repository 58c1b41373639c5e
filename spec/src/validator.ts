// An independent reading of the bundle: Ajv, a JSON Schema 2020-12 validator,
// compiles the schemas of spec/dist/openapi.json as they are, so tests can check
// data against the spec without trusting Prism, Redocly or TypeScript.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS: its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export const bundlePath = fileURLToPath(new URL("../dist/openapi.json", import.meta.url));

// Only what the validator reads of an OpenAPI document.
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
}

export function loadSpec(path: string = bundlePath): OpenApiDocument {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new Error(`The bundled spec ${path} is missing: run \`pnpm build\` first.`);
  }
  return JSON.parse(text) as OpenApiDocument;
}

export interface Violation {
  /** Where in the data, as a JSON pointer ("" is the whole value). */
  path: string;
  /** What the spec expects there. */
  expected: string;
  /** What the data holds there. */
  actual: string;
}

export interface Result {
  valid: boolean;
  violations: Violation[];
}

const documentId = "https://finup.invalid/openapi.json";
// Keywords of the OpenAPI 3.1 base vocabulary and the document's top level, which
// Ajv must know so that its strict mode can still catch misspelt schema keywords.
const openApiKeywords = ["discriminator", "xml", "externalDocs", "example"];
const documentKeywords = ["openapi", "info", "jsonSchemaDialect", "servers", "paths", "webhooks", "components", "security", "tags"];

const escapePointer = (segment: string) => segment.replaceAll("~", "~0").replaceAll("/", "~1");

export function createSpecValidator(spec: OpenApiDocument = loadSpec()) {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, validateFormats: true });
  addFormats(ajv);
  const documentExtensions = Object.keys(spec).filter((key) => key.startsWith("x-"));
  ajv.addVocabulary([...openApiKeywords, ...documentKeywords, ...documentExtensions]);
  ajv.addSchema({ ...spec, $id: documentId });

  const compiled = new Map<string, ValidateFunction>();
  const compile = (pointer: string): ValidateFunction => {
    let fn = compiled.get(pointer);
    if (!fn) {
      fn = ajv.getSchema(`${documentId}#${pointer}`);
      if (!fn) throw new Error(`The spec has no schema at ${pointer}.`);
      compiled.set(pointer, fn);
    }
    return fn;
  };
  const run = (pointer: string, value: unknown): Result => {
    const fn = compile(pointer);
    const valid = fn(value) as boolean;
    return { valid, violations: valid ? [] : toViolations(fn.errors ?? [], value) };
  };

  // A response may be written in place or as a $ref to components/responses.
  const responsePointer = (path: string, method: string, status: number | string): string => {
    const operation = spec.paths[path]?.[method.toLowerCase()] as { responses?: Record<string, { $ref?: string }> } | undefined;
    if (!operation) throw new Error(`The spec has no operation ${method.toUpperCase()} ${path}.`);
    const response = operation.responses?.[String(status)];
    if (!response) throw new Error(`The spec documents no ${status} response for ${method.toUpperCase()} ${path}.`);
    return response.$ref ? response.$ref.slice(1) : `/paths/${escapePointer(path)}/${method.toLowerCase()}/responses/${status}`;
  };

  return {
    spec,
    /** Validates a value against `components.schemas[name]`. */
    schema: (name: string, value: unknown) => run(`/components/schemas/${escapePointer(name)}`, value),
    /** Validates a JSON request body against the operation's request schema. */
    request: (path: string, method: string, body: unknown) =>
      run(`/paths/${escapePointer(path)}/${method.toLowerCase()}/requestBody/content/application~1json/schema`, body),
    /** Validates a JSON response body against the schema documented for that status. */
    response: (path: string, method: string, status: number | string, body: unknown) =>
      run(`${responsePointer(path, method, status)}/content/application~1json/schema`, body),
    /** The statuses the spec documents for an operation, in order. */
    statuses: (path: string, method: string): number[] => {
      const operation = spec.paths[path]?.[method.toLowerCase()] as { responses?: Record<string, unknown> } | undefined;
      return Object.keys(operation?.responses ?? {})
        .map(Number)
        .sort((a, b) => a - b);
    },
  };
}

export type SpecValidator = ReturnType<typeof createSpecValidator>;

function valueAt(root: unknown, pointer: string): unknown {
  let current: unknown = root;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}

function expectation(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return `required property ${String(p.missingProperty)}`;
    case "additionalProperties":
      return `no property ${String(p.additionalProperty)}`;
    case "type":
      return `type ${String(p.type)}`;
    case "enum":
      return `one of ${describe(p.allowedValues)}`;
    default:
      return `${error.keyword}: ${error.message ?? ""}`.trim();
  }
}

function toViolations(errors: ErrorObject[], value: unknown): Violation[] {
  return errors.map((error) => {
    const p = error.params as Record<string, unknown>;
    const path =
      error.keyword === "required"
        ? `${error.instancePath}/${escapePointer(String(p.missingProperty))}`
        : error.keyword === "additionalProperties"
          ? `${error.instancePath}/${escapePointer(String(p.additionalProperty))}`
          : error.instancePath;
    const actual = error.keyword === "additionalProperties" ? valueAt(value, path) : valueAt(value, error.instancePath);
    return { path, expected: expectation(error), actual: error.keyword === "required" ? "nothing" : describe(actual) };
  });
}

/** One line per violation: where, what the spec expects, what came back. */
export function formatViolations(violations: Violation[]): string {
  return violations.map((v) => `${v.path || "(body)"}: expected ${v.expected}, got ${v.actual}`).join("\n");
}
