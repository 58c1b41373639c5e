// Per-call cost of the client beside bare openapi-fetch and a raw fetch, with the same
// request and the same answer, once with an in-memory fetch (the libraries' own cost) and
// once against an HTTP server on loopback (what a caller sees, network stack included).
import { once } from "node:events";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Worker } from "node:worker_threads";
import { createFinupClient } from "@finup/client";
import type { paths } from "@finup/types";
import createClient from "openapi-fetch";
import { accountId, apiKey, body, docsExample, issuingPath } from "./fixtures.js";
import { median, quantile } from "./stats.js";

export interface Variant {
  name: string;
  call: () => Promise<unknown>;
}

export interface VariantResult {
  name: string;
  /** Median over the rounds of each round's calls per second. */
  opsPerSecond: number;
  /** Every round's figure, in the order they ran. */
  rounds: number[];
  /**
   * Against bare openapi-fetch, each taken within a round and then the median over the rounds,
   * so that a slow spell of the machine falls on both sides of a ratio.
   */
  vsBare: {
    ratio: number;
    extraMicroseconds: number;
    /** The middle half of the rounds' ratios: how much a single round says. */
    ratioQuartiles: [number, number];
  };
}

export interface InterleaveOptions {
  rounds: number;
  /** Roughly how long one variant's batch lasts in a round. */
  batchMs: number;
  /** How long each variant runs before any timing, to warm the JIT and size its batch. */
  warmupMs: number;
}

// A full collection before each batch, so that no batch pays for the garbage of the one before.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

async function runFor(call: () => Promise<unknown>, ms: number): Promise<number> {
  const end = process.hrtime.bigint() + BigInt(ms) * 1_000_000n;
  let calls = 0;
  while (process.hrtime.bigint() < end) {
    await call();
    calls++;
  }
  return (calls * 1000) / ms;
}

async function timeBatch(call: () => Promise<unknown>, calls: number): Promise<number> {
  collectGarbage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await call();
  return calls / (Number(process.hrtime.bigint() - start) / 1e9);
}

/**
 * Runs the variants in interleaved rounds (A, B, C, D, A, B, C, D, ...), so that whatever
 * else the machine is doing falls on all of them alike, and keeps each one's median.
 */
export async function interleave(variants: Variant[], options: InterleaveOptions): Promise<Omit<VariantResult, "vsBare">[]> {
  const batch = new Map<Variant, number>();
  for (const variant of variants) {
    const rate = await runFor(variant.call, options.warmupMs);
    batch.set(variant, Math.max(10, Math.round((rate * options.batchMs) / 1000)));
  }
  const rounds = new Map<Variant, number[]>(variants.map((v) => [v, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const variant of variants) rounds.get(variant)?.push(await timeBatch(variant.call, batch.get(variant) ?? 10));
  }
  return variants.map((v) => {
    const figures = rounds.get(v) ?? [];
    return { name: v.name, opsPerSecond: median(figures), rounds: figures };
  });
}

function compareToBare(results: Omit<VariantResult, "vsBare">[]): VariantResult[] {
  const bare = results.find((r) => r.name === variantNames.bare);
  if (!bare) throw new Error("No bare openapi-fetch figures");
  return results.map((r) => {
    const ratios = r.rounds.map((ops, i) => ops / (bare.rounds[i] as number));
    return {
      ...r,
      vsBare: {
        ratio: median(ratios),
        extraMicroseconds: median(r.rounds.map((ops, i) => 1e6 / ops - 1e6 / (bare.rounds[i] as number))),
        ratioQuartiles: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
      },
    };
  });
}

export const variantNames = {
  post: "@finup/client client.POST",
  issueCards: "@finup/client issueCards",
  bare: "bare openapi-fetch POST",
  raw: "raw fetch",
  bareWithTimeout: "bare openapi-fetch POST + AbortSignal.timeout",
} as const;

type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** The ways to make the call, each checked once before it is timed. */
export async function variantsFor(baseUrl: string, fetch: FetchLike): Promise<Variant[]> {
  const finup = createFinupClient({ apiKey, baseUrl, fetch: (request) => fetch(request) });
  const bare = createClient<paths>({ baseUrl, fetch: (request: Request) => fetch(request), headers: { "x-api-key": apiKey } });
  const rawUrl = `${baseUrl}/accounts/${encodeURIComponent(accountId)}/cards/issuing`;
  const params = { path: { account_id: accountId } };

  const variants: Variant[] = [
    {
      name: variantNames.post,
      call: async () => {
        const { data } = await finup.POST(issuingPath, { params, body });
        return data?.result;
      },
    },
    { name: variantNames.issueCards, call: () => finup.issueCards(accountId, body) },
    {
      name: variantNames.bare,
      call: async () => {
        const { data } = await bare.POST(issuingPath, { params, body });
        return data?.result;
      },
    },
    {
      name: variantNames.raw,
      call: async () => {
        const response = await fetch(rawUrl, {
          method: "POST",
          headers: { "content-type": "application/json", "x-api-key": apiKey },
          body: JSON.stringify(body),
        });
        if (response.status !== 201) throw new Error(`raw fetch: status ${response.status}`);
        return ((await response.json()) as typeof docsExample).result;
      },
    },
    {
      // What bare openapi-fetch costs once it too gives each request a timeout, as the client does.
      name: variantNames.bareWithTimeout,
      call: async () => {
        const { data } = await bare.POST(issuingPath, { params, body, signal: AbortSignal.timeout(60_000) });
        return data?.result;
      },
    },
  ];
  for (const variant of variants) {
    const cards = await variant.call();
    if (!Array.isArray(cards) || cards.length !== docsExample.result.length) throw new Error(`${variant.name} did not return the cards`);
  }
  return variants;
}

/** A fetch that never leaves the process: a fresh Response with the docs' example each time. */
export const inMemoryFetch: FetchLike = async () =>
  new Response(JSON.stringify(docsExample), { status: 201, headers: { "content-type": "application/json" } });

// The server runs in a worker thread, so its event loop is not the one being measured.
const serverSource = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const payload = workerData.payload;
const server = http.createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(201, { "content-type": "application/json", "content-length": Buffer.byteLength(payload) });
    res.end(payload);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
parentPort.on("message", () => server.close(() => parentPort.close()));
server.on("connection", (socket) => socket.setNoDelay(true));
`;

export async function startLoopbackServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const worker = new Worker(serverSource, { eval: true, workerData: { payload: JSON.stringify(docsExample) } });
  const [port] = (await once(worker, "message")) as [number];
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await worker.terminate();
    },
  };
}

export interface PerCallResults {
  inMemory: VariantResult[];
  loopback: VariantResult[];
  options: { inMemory: InterleaveOptions; loopback: InterleaveOptions };
}

export async function measurePerCall(
  options = {
    inMemory: { rounds: 31, batchMs: 150, warmupMs: 1500 },
    loopback: { rounds: 31, batchMs: 250, warmupMs: 1500 },
  },
): Promise<PerCallResults> {
  const inMemory = compareToBare(await interleave(await variantsFor("https://api.finup.io", inMemoryFetch), options.inMemory));
  const server = await startLoopbackServer();
  try {
    const loopback = compareToBare(await interleave(await variantsFor(server.url, globalThis.fetch), options.loopback));
    return { inMemory, loopback, options };
  } finally {
    await server.close();
  }
}
