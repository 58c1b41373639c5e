// What the contract tests read of the spec: all of it from spec/dist/openapi.json.
import { createSpecValidator } from "@finup/spec/validator";

export const issuingPath = "/accounts/{account_id}/cards/issuing";
export const validator = createSpecValidator();
export const spec = validator.spec as unknown as OpenApi;

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  $ref?: string;
  [keyword: string]: unknown;
}

interface Example {
  value: unknown;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation | Parameter[]>>;
  components: { schemas: Record<string, JsonSchema>; examples: Record<string, Example>; parameters: Record<string, Parameter> };
}
interface Parameter {
  name: string;
  example?: string;
  $ref?: string;
}
interface Operation {
  requestBody: { content: Record<string, { schema: JsonSchema; examples: Record<string, Example & { $ref?: string }> }> };
}

export function resolve<T>(node: T & { $ref?: string }): T {
  if (!node.$ref) return node;
  const target = node.$ref
    .slice(2)
    .split("/")
    .reduce<unknown>((object, key) => (object as Record<string, unknown>)[key.replaceAll("~1", "/").replaceAll("~0", "~")], spec);
  return resolve(target as T & { $ref?: string });
}

const pathItem = spec.paths[issuingPath] as { parameters: Parameter[]; post: Operation };
const media = pathItem.post.requestBody.content["application/json"];
if (!media) throw new Error(`The spec has no application/json request body for POST ${issuingPath}.`);

/** IssueCardsRequest, as the operation references it. */
export const requestSchema: JsonSchema = resolve(media.schema);

/** The account id of the spec's parameter example. */
export const exampleAccountId: string = (() => {
  const parameter = pathItem.parameters.map((p) => resolve(p)).find((p) => p.name === "account_id");
  if (!parameter?.example) throw new Error("The spec's account_id parameter has no example.");
  return parameter.example;
})();

/** The positive contract cases: every named example of the request body. */
export const positiveCases = Object.entries(media.examples).map(([name, example]) => ({
  name,
  accountId: exampleAccountId,
  body: resolve(example).value as Record<string, unknown>,
}));

export const issuingUrl = (baseUrl: string, accountId: string) =>
  `${baseUrl}${issuingPath.replace("{account_id}", encodeURIComponent(accountId))}`;
