import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:net";

export const ISSUING_PATH = "/accounts/67b300e30a4c3db1b01a3699/cards/issuing";
export const VALID_BODY = { bin_id: "67ade1eef9f79c20b4e78899", name: "Team", amount: 1 };

export function issueCards(baseUrl: string, init: { headers?: Record<string, string>; body?: unknown } = {}): Promise<Response> {
  return fetch(`${baseUrl}${ISSUING_PATH}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": "test", ...init.headers },
    body: JSON.stringify(init.body ?? VALID_BODY),
  });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function procEntries(): { pid: number; read: (file: string) => string }[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => ({
      pid: Number(name),
      read: (file: string) => {
        try {
          return readFileSync(`/proc/${name}/${file}`, "utf8");
        } catch {
          return ""; // the process ended while we looked
        }
      },
    }));
}

/** Live processes whose process group is `pgid` (Prism and anything it forked). */
export function processGroupMembers(pgid: number): number[] {
  return procEntries()
    .filter(({ read }) => {
      // `pid (comm) state ppid pgrp ...`: comm may hold spaces, so read after its ")".
      const fields = read("stat")
        .slice(read("stat").lastIndexOf(")") + 2)
        .split(" ");
      return fields[0] !== "Z" && Number(fields[2]) === pgid;
    })
    .map(({ pid }) => pid);
}

/** Live Prism processes started with `--port <port>`. */
export function prismProcessesOn(port: number): number[] {
  return procEntries()
    .filter(({ read }) => {
      const args = read("cmdline").split("\0");
      return args.some((arg) => arg.includes("prism-cli")) && args.join(" ").includes(`--port ${port}`);
    })
    .map(({ pid }) => pid);
}

/** Holds a port. Connections are dropped at once, so close() never waits on a client. */
export function listen(port = 0, host = "127.0.0.1"): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer((socket) => socket.destroy());
    server.once("error", reject).listen(port, host, () => resolve(server));
  });
}

export function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("not a TCP server");
  return address.port;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
