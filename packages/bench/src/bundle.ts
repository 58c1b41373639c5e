// Bundles each browser consumer in src/consumers/ the way an application would ship it, and
// weighs it. The benchmark prints these figures and the budget test holds the client to them.
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

export const consumers = [
  { name: "@finup/client", entry: "finup.ts" },
  { name: "bare openapi-fetch", entry: "openapi-fetch.ts" },
  { name: "axios", entry: "axios.ts" },
] as const;

export type ConsumerName = (typeof consumers)[number]["name"];

export interface BundleSize {
  name: ConsumerName;
  /** The minified bundle. */
  code: string;
  /** What the bundle still imports at run time; empty when everything is bundled. */
  imports: string[];
  minifiedBytes: number;
  gzippedBytes: number;
}

/** The client may add at most this many gzipped bytes over bare openapi-fetch. */
export const budgetGzippedBytes = 3 * 1024;

const consumersDir = fileURLToPath(new URL("./consumers/", import.meta.url));

export async function bundleConsumer(name: ConsumerName): Promise<BundleSize> {
  const consumer = consumers.find((c) => c.name === name);
  if (!consumer) throw new Error(`No consumer named ${name}`);
  const result = await build({
    entryPoints: [consumersDir + consumer.entry],
    absWorkingDir: consumersDir,
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild wrote nothing for ${name}`);
  const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((i) => i.path));
  return {
    name,
    code: file.text,
    imports,
    minifiedBytes: file.contents.byteLength,
    gzippedBytes: gzipSync(file.contents, { level: 9 }).byteLength,
  };
}

export async function measureBundles(): Promise<BundleSize[]> {
  const sizes: BundleSize[] = [];
  // One at a time: the machine is small and the figures do not depend on order.
  for (const { name } of consumers) sizes.push(await bundleConsumer(name));
  return sizes;
}
