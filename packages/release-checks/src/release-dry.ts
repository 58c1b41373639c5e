// `pnpm release:dry`: what `changeset publish` would publish, without publishing.
// Each public workspace package is packed by pnpm, as `pnpm publish` packs it, into
// a temporary folder (never into the repository); the tarball is then read back to
// list its files and the manifest that would reach the registry. No registry is
// contacted and no credentials are needed.
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { run } from "./breaking.ts";
import { workspaceRoot } from "./versions.ts";

interface WorkspacePackage {
  name: string;
  version?: string;
  path: string;
  private: boolean;
}

interface TarEntry {
  path: string;
  size: number;
  content: Buffer;
}

/** Reads the regular files of a ustar archive (what npm and pnpm pack). */
export function readTar(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  const field = (header: Buffer, start: number, length: number) =>
    header
      .subarray(start, start + length)
      .toString("utf8")
      .replace(/\0.*$/s, "");
  for (let offset = 0; offset + 512 <= archive.length; ) {
    const header = archive.subarray(offset, offset + 512);
    const name = field(header, 0, 100);
    if (name === "") break;
    const size = Number.parseInt(field(header, 124, 12).trim() || "0", 8);
    const prefix = field(header, 345, 155);
    const type = field(header, 156, 1);
    const content = archive.subarray(offset + 512, offset + 512 + size);
    if (type === "0" || type === "") entries.push({ path: prefix ? `${prefix}/${name}` : name, size, content });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

async function main(): Promise<number> {
  const listed = await run("pnpm", ["-r", "ls", "--depth", "-1", "--json"], { cwd: workspaceRoot });
  if (listed.code !== 0) throw new Error(`pnpm ls failed: ${listed.stderr}`);
  const published = (JSON.parse(listed.stdout) as WorkspacePackage[]).filter((p) => !p.private);
  const out = await mkdtemp(join(tmpdir(), "finup-release-dry-"));
  console.log(`release:dry: ${published.length} public package(s); nothing is published. Tarballs in ${out}.\n`);
  for (const pkg of published) {
    const packed = await run("pnpm", ["pack", "--pack-destination", out, "--json"], { cwd: pkg.path });
    if (packed.code !== 0) throw new Error(`pnpm pack failed in ${pkg.path}:\n${packed.stdout}${packed.stderr}`);
    const { filename } = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("{"))) as { filename: string };
    const tarball = await readFile(filename);
    const entries = readTar(gunzipSync(tarball)).sort((a, b) => a.path.localeCompare(b.path));
    const manifestEntry = entries.find((e) => e.path === "package/package.json");
    const manifest = JSON.parse(manifestEntry?.content.toString("utf8") ?? "{}") as {
      name: string;
      version: string;
      dependencies?: Record<string, string>;
    };
    console.log(`${manifest.name}@${manifest.version}  (${kib(tarball.length)} packed, ${entries.length} files)`);
    for (const entry of entries) console.log(`  ${entry.path.replace(/^package\//, "").padEnd(28)} ${kib(entry.size).padStart(9)}`);
    const dependencies = Object.entries(manifest.dependencies ?? {});
    if (dependencies.length > 0) console.log(`  dependencies: ${dependencies.map(([name, range]) => `${name}@${range}`).join(", ")}`);
    const unresolved = dependencies.filter(([, range]) => range.startsWith("workspace:"));
    if (unresolved.length > 0) throw new Error(`${manifest.name} would be published with workspace: ranges: ${unresolved.join(", ")}`);
    console.log("");
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`release:dry: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
