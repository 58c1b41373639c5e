// pnpm dev: `pnpm start`, plus a watch on spec/. Each change rebuilds through turbo (the
// bundle, the types, the client, the docs; what did not change replays from cache) and
// restarts the mock on the new bundle. A failed build keeps the last good one running.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, relative } from "node:path";
import { interrupted, parsePorts, run, sampleCurl, serveDocs, startMock } from "./environment.js";
import { watchAndRebuild } from "./rebuilder.js";

const require = createRequire(import.meta.url);
// The bundle is spec/dist/openapi.json; the folder to watch is spec/.
const specDir = dirname(dirname(require.resolve("@finup/spec/openapi.json")));
const root = dirname(specDir);

function build(): { child: ChildProcess; done: Promise<boolean> } {
  // Variables of the turbo run that started us must not leak into the nested one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("TURBO_")));
  const child = spawn("pnpm", ["exec", "turbo", "run", "build", "--output-logs=errors-only", "--log-prefix=none"], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  const done = new Promise<boolean>((resolve) => child.once("close", (code) => resolve(code === 0)));
  return { child, done };
}

run("dev", async () => {
  const { mockPort, docsPort } = parsePorts("dev");
  const docs = await serveDocs("dev", docsPort);
  let mock = await startMock("dev", mockPort).catch(async (error: unknown) => {
    await docs.close();
    throw error;
  });
  console.log(`\n  Mock (Prism):  ${mock.url}\n  Docs:          ${docs.url}\n\n${sampleCurl(mock.url).replace(/^/gm, "    ")}\n`);
  console.log(`dev: watching ${relative(root, specDir)}/ for changes. Ctrl-C stops everything.`);

  let building: ChildProcess | undefined;
  const rebuilder = watchAndRebuild({
    dir: specDir,
    ignore: /(^|\/)(dist|node_modules|\.turbo)(\/|$)/,
    async rebuild(changed) {
      const started = performance.now();
      console.log(`dev: spec/${changed} changed, rebuilding...`);
      const { child, done } = build();
      building = child;
      const ok = await done;
      building = undefined;
      if (!ok) {
        console.error("dev: the build failed (see above); still serving the last good build.");
        return false;
      }
      await mock.close();
      mock = await startMock("dev", mockPort);
      console.log(`dev: rebuilt and restarted the mock in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
      return true;
    },
  });

  await interrupted();
  building?.kill("SIGTERM");
  await rebuilder.close();
  await Promise.all([mock.close(), docs.close()]);
  console.log("dev: stopped the watcher, the mock and the docs server.");
});
