import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { watchAndRebuild } from "../src/rebuilder.js";

const dirs: string[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(condition: () => boolean, ms = 5_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(20);
  }
}

async function setup(rebuild: (changed: string) => Promise<boolean>) {
  const dir = mkdtempSync(join(tmpdir(), "finup-watch-"));
  dirs.push(dir);
  mkdirSync(join(dir, "components"));
  mkdirSync(join(dir, "dist"));
  const rebuilder = watchAndRebuild({ dir, ignore: /(^|\/)(dist|node_modules)(\/|$)/, rebuild, debounceMs: 50 });
  closers.push(rebuilder.close);
  await rebuilder.ready;
  return dir;
}

describe("watchAndRebuild", () => {
  it("rebuilds once for a burst of writes, naming the file", async () => {
    const calls: string[] = [];
    const dir = await setup(async (changed) => {
      calls.push(changed);
      return true;
    });
    for (let i = 0; i < 5; i++) writeFileSync(join(dir, "components", "Card.yaml"), `v${i}`);
    await until(() => calls.length > 0);
    await sleep(300);
    expect(calls).toEqual(["components/Card.yaml"]);
  });

  it("ignores the build's own output", async () => {
    const calls: string[] = [];
    const dir = await setup(async (changed) => {
      calls.push(changed);
      return true;
    });
    writeFileSync(join(dir, "dist", "openapi.json"), "{}");
    await sleep(400);
    expect(calls).toEqual([]);
  });

  it("runs one rebuild at a time, and queues one more for changes made meanwhile", async () => {
    let active = 0;
    let maxActive = 0;
    const calls: string[] = [];
    const dir = await setup(async (changed) => {
      calls.push(changed);
      maxActive = Math.max(maxActive, ++active);
      await sleep(300);
      active--;
      return true;
    });
    writeFileSync(join(dir, "a.yaml"), "1");
    await until(() => calls.length === 1);
    writeFileSync(join(dir, "b.yaml"), "1");
    await sleep(100);
    writeFileSync(join(dir, "c.yaml"), "1");
    await until(() => calls.length === 2, 3_000);
    await sleep(500);
    expect(calls).toEqual(["a.yaml", "c.yaml"]);
    expect(maxActive).toBe(1);
  });

  it("keeps watching after a failed or throwing rebuild", async () => {
    const calls: string[] = [];
    const dir = await setup(async (changed) => {
      calls.push(changed);
      if (calls.length === 1) return false;
      if (calls.length === 2) throw new Error("boom");
      return true;
    });
    for (const name of ["a.yaml", "b.yaml", "c.yaml"]) {
      writeFileSync(join(dir, name), "1");
      await until(() => calls.includes(name));
    }
    expect(calls).toEqual(["a.yaml", "b.yaml", "c.yaml"]);
  });
});
