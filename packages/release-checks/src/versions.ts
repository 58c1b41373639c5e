// The version lock: spec/openapi.yaml's info.version and the versions of the
// published packages built from it (@finup/types, @finup/client) are one number.
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseDocument } from "yaml";

export const workspaceRoot = resolve(import.meta.dirname, "../../..");
export const specFile = "spec/openapi.yaml";
/** The packages that are published, and so versioned by changesets, in a `fixed` group. */
export const publishedPackages = {
  "@finup/types": "packages/types/package.json",
  "@finup/client": "packages/client/package.json",
} as const;

export interface VersionEntry {
  name: string;
  file: string;
  version: string;
}

export async function readSpecVersion(root = workspaceRoot): Promise<VersionEntry> {
  const document = parseDocument(await readFile(join(root, specFile), "utf8"));
  return { name: "spec info.version", file: specFile, version: String(document.getIn(["info", "version"]) ?? "") };
}

export async function readVersions(root = workspaceRoot): Promise<VersionEntry[]> {
  const packages = await Promise.all(
    Object.entries(publishedPackages).map(async ([name, file]) => {
      const manifest = JSON.parse(await readFile(join(root, file), "utf8")) as { version?: string };
      return { name, file, version: manifest.version ?? "" };
    }),
  );
  return [await readSpecVersion(root), ...packages];
}

/** What is out of step, one line each, with how to fix it; empty when all agree. */
export function versionMismatches(entries: VersionEntry[]): string[] {
  const [spec, ...packages] = entries;
  if (!spec) return [];
  return packages
    .filter((entry) => entry.version !== spec.version)
    .map(
      (entry) =>
        `${entry.name} is ${entry.version} (${entry.file}) but ${spec.name} is ${spec.version} (${spec.file}). ` +
        "They are released together: bump them with a changeset (pnpm changeset, then pnpm release:version, " +
        `which also writes the packages' version into ${spec.file}), never by hand in one place.`,
    );
}

/** Sets info.version in spec/openapi.yaml, changing that one scalar and keeping the rest of the file as it is. */
export async function writeSpecVersion(version: string, root = workspaceRoot): Promise<boolean> {
  const path = join(root, specFile);
  const text = await readFile(path, "utf8");
  const document = parseDocument(text, { keepSourceTokens: true });
  const node = document.getIn(["info", "version"], true) as { range?: [number, number, number] } | undefined;
  if (!node?.range) throw new Error(`${specFile} has no info.version to set`);
  const [start, end] = node.range;
  const current = text.slice(start, end);
  if (current === version) return false;
  await writeFile(path, `${text.slice(0, start)}${version}${text.slice(end)}`);
  return true;
}
