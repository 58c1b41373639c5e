// The same POST with axios.
import axios from "axios";
import { accountId, apiKey, baseUrl, body } from "./request.js";

const { data } = await axios.post<{ result: unknown[] }>(`${baseUrl}/accounts/${encodeURIComponent(accountId)}/cards/issuing`, body, {
  headers: { "x-api-key": apiKey },
});
console.log(data.result.length);
