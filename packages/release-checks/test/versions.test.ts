// The spec's info.version and the published packages' versions are one number, and
// changesets is set up to keep them so.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cp, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { publishedPackages, readVersions, specFile, versionMismatches, workspaceRoot, writeSpecVersion } from "../src/versions.ts";

describe("the version lock", () => {
  it("spec/openapi.yaml's info.version, @finup/types and @finup/client agree", async () => {
    const entries = await readVersions();
    expect(entries.map((e) => e.name)).toEqual(["spec info.version", "@finup/types", "@finup/client"]);
    // On failure this prints which one is out of step and how to fix it.
    expect(versionMismatches(entries)).toEqual([]);
  });

  it("names the package that drifted, both files and the fix", () => {
    const mismatches = versionMismatches([
      { name: "spec info.version", file: "spec/openapi.yaml", version: "1.0.0" },
      { name: "@finup/types", file: "packages/types/package.json", version: "1.0.0" },
      { name: "@finup/client", file: "packages/client/package.json", version: "1.1.0" },
    ]);
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]).toMatch(
      /^@finup\/client is 1\.1\.0 \(packages\/client\/package\.json\) but spec info\.version is 1\.0\.0 \(spec\/openapi\.yaml\)/,
    );
    expect(mismatches[0]).toMatch(/pnpm changeset, then pnpm release:version/);
  });

  it("writes a new info.version into the spec, changing nothing else", async () => {
    const root = await mkdtemp(join(tmpdir(), "finup-version-"));
    await cp(join(workspaceRoot, specFile), join(root, specFile));
    const before = await readFile(join(root, specFile), "utf8");
    const { version } = (await readVersions())[0] ?? { version: "" };
    expect(await writeSpecVersion(version, root)).toBe(false);
    expect(await writeSpecVersion("99.0.0", root)).toBe(true);
    const after = await readFile(join(root, specFile), "utf8");
    const changed = after.split("\n").filter((line, i) => line !== before.split("\n")[i]);
    expect(changed).toEqual(["  version: 99.0.0"]);
  });
});

describe("changesets", () => {
  const config = JSON.parse(readFileSync(join(workspaceRoot, ".changeset", "config.json"), "utf8")) as {
    fixed: string[][];
    privatePackages: { version: boolean; tag: boolean };
    baseBranch: string;
  };

  it("versions the published packages as one fixed group", () => {
    expect(config.fixed).toEqual([Object.keys(publishedPackages)]);
    expect(config.baseBranch).toBe("main");
    expect(config.privatePackages).toEqual({ version: false, tag: false });
  });

  it("knows every public package of the workspace, and only those", () => {
    const packagesDir = join(workspaceRoot, "packages");
    const publicNames = readdirSync(packagesDir)
      .filter((dir) => existsSync(join(packagesDir, dir, "package.json")))
      .map((dir) => JSON.parse(readFileSync(join(packagesDir, dir, "package.json"), "utf8")) as { name: string; private?: boolean })
      .filter((manifest) => manifest.private !== true)
      .map((manifest) => manifest.name);
    expect(publicNames.sort()).toEqual(Object.keys(publishedPackages).sort());
    const workspace = JSON.parse(readFileSync(join(workspaceRoot, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
    expect(workspace.devDependencies["@changesets/cli"]).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
