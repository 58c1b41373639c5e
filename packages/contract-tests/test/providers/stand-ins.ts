// Two small local stand-ins for a Finup deployment: one honours the contract, one breaks it
// (a field of the wrong type, a missing required field, an undocumented status).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve, spec } from "../../src/contract.js";

const docsResponse = resolve(spec.components.examples.IssueCardsResponseDocs as { value: { result: Record<string, unknown>[] } }).value;
const docsCard = docsResponse.result[0] ?? {};

export interface StandIn {
  url: string;
  /** The requests it received: method, path and the x-api-key it was sent. */
  received: { method: string; path: string; apiKey: string | undefined }[];
  close(): Promise<void>;
}

async function serve(answer: (amount: number) => { status: number; body: unknown }): Promise<StandIn> {
  const received: StandIn["received"] = [];
  const server: Server = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk: Buffer) => {
      raw += chunk.toString();
    });
    request.on("end", () => {
      if (request.method !== "POST" || !request.url?.endsWith("/cards/issuing")) {
        response.writeHead(404).end();
        return;
      }
      received.push({ method: request.method ?? "", path: request.url ?? "", apiKey: request.headers["x-api-key"] as string | undefined });
      const { status, body } = answer(Number((JSON.parse(raw) as { amount?: number }).amount));
      response.writeHead(status, { "content-type": "application/json" });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** Answers every request with the docs' example card: it keeps the contract. */
export const honestProvider = () => serve(() => ({ status: 201, body: docsResponse }));

/**
 * Breaks the contract: a one-card request gets a card whose `balance` is a string and which
 * lacks `masked_PAN`; any other request gets 418, which the spec does not document.
 */
export const brokenProvider = () =>
  serve((amount) => {
    if (amount !== 1) return { status: 418, body: { message: "I'm a teapot" } };
    const { masked_PAN: _missing, ...card } = docsCard;
    return { status: 201, body: { result: [{ ...card, balance: "0" }] } };
  });
