// A browser consumer of @finup/client: one issueCards call.
import { createFinupClient } from "@finup/client";
import { accountId, apiKey, baseUrl, body } from "./request.js";

const finup = createFinupClient({ apiKey, baseUrl, dangerouslyAllowBrowser: true });
const cards = await finup.issueCards(accountId, body);
console.log(cards.length);
