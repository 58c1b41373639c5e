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
export const apiKey = "fk_test_bench-0123456789";
export const accountId = "67b300e30a4c3db1b01a3699";
export const body = { bin_id: "67ade1eef9f79c20b4e78899", name: "Marketing team", amount: 1 };
export const issuingPath = "/accounts/{account_id}/cards/issuing" as const;
