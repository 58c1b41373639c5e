// `pnpm check:breaking [--base <git-ref>] [--spec <path>]`: fails when the spec in
// the work tree breaks clients of the spec at the base revision, unless info.version
// goes up a major version. See ../README.md.
import { parseArgs } from "node:util";
import { checkAgainstGit } from "./breaking.ts";

const usage = `Usage: pnpm check:breaking [--base <git-ref>] [--spec <path>]

Compares the spec in the work tree with the spec at <git-ref> (default: the
merge-base of HEAD and main) and fails on a breaking change, unless info.version
goes up a major version.

  --base <git-ref>  the revision to compare with, e.g. HEAD~1 or origin/main
  --spec <path>     the spec's root document from the top of the work tree (default: spec/openapi.yaml)
`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      base: { type: "string" },
      spec: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  // pnpm and turbo run this in the package's folder, inside the work tree to check.
  const verdict = await checkAgainstGit({ cwd: process.cwd(), base: values.base, spec: values.spec });
  return verdict === undefined || verdict.ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`check:breaking: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
