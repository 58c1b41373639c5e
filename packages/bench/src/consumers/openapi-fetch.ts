// The same call with bare openapi-fetch and the same generated types.
import type { paths } from "@finup/types";
import createClient from "openapi-fetch";
import { accountId, apiKey, baseUrl, body } from "./request.js";

const client = createClient<paths>({ baseUrl, headers: { "x-api-key": apiKey } });
const { data, error } = await client.POST("/accounts/{account_id}/cards/issuing", {
  params: { path: { account_id: accountId } },
  body,
});
if (error) throw new Error(`Finup answered ${JSON.stringify(error)}`);
console.log(data.result.length);
