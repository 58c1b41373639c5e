// Run by `pnpm release:version` after `changeset version`: changesets bumps
// @finup/types and @finup/client (a `fixed` group, so together); this writes their
// new version into spec/openapi.yaml's info.version, which it does not know about.
import { readVersions, specFile, writeSpecVersion } from "./versions.ts";

const [, ...packages] = await readVersions();
const versions = new Set(packages.map((entry) => entry.version));
const [version] = versions;
if (versions.size !== 1 || version === undefined) {
  console.error(
    `sync-spec-version: the published packages disagree (${packages.map((p) => `${p.name} ${p.version}`).join(", ")}); fix .changeset/config.json's fixed group.`,
  );
  process.exit(1);
}
const changed = await writeSpecVersion(version);
console.log(
  changed
    ? `sync-spec-version: ${specFile} info.version is now ${version}.`
    : `sync-spec-version: ${specFile} info.version is already ${version}.`,
);
