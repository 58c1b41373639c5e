// What every per-call variant sends and what the fake server answers: the response is the
// docs' example from the bundled spec, never written again here.
import { createRequire } from "node:module";
import type { IssueCardsResponse } from "@finup/types";

const spec = createRequire(import.meta.url)("@finup/spec/openapi.json") as {
  components: { examples: { IssueCardsResponseDocs?: { value: IssueCardsResponse } } };
};
const example = spec.components.examples.IssueCardsResponseDocs;
if (!example) throw new Error("spec/dist/openapi.json has no components.examples.IssueCardsResponseDocs: run `pnpm build`.");

export const docsExample: IssueCardsResponse = example.value;
// The same call the browser consumers make.
export { accountId, apiKey, body } from "./consumers/request.js";
export const issuingPath = "/accounts/{account_id}/cards/issuing" as const;
