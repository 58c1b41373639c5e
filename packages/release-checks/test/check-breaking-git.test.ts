// The real command, `check:breaking`, against throwaway git histories: a split
// spec is committed, changed, and compared with --base (or the merge-base with main).
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { run } from "../src/breaking.ts";

const packageDir = join(import.meta.dirname, "..");
const tsx = join(packageDir, "node_modules", ".bin", "tsx");
const command = join(packageDir, "src", "check-breaking.ts");

/** A spec split the way spec/ is: a root document with a $ref into components/. */
const specFiles = {
  "spec/openapi.yaml": `openapi: 3.1.0
info:
  title: Git fixture API
  version: 1.0.0
security:
  - ApiKeyAuth: []
paths:
  /cards:
    post:
      operationId: issueCards
      requestBody:
        required: true
        content:
          application/json:
            schema:
              $ref: components/schemas/IssueCardsRequest.yaml
      responses:
        "201":
          description: Issued.
components:
  securitySchemes:
    ApiKeyAuth:
      type: apiKey
      in: header
      name: x-api-key
`,
  "spec/components/schemas/IssueCardsRequest.yaml": `type: object
required:
  - name
properties:
  name:
    type: string
    maxLength: 128
`,
};

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: "Fixture",
  GIT_AUTHOR_EMAIL: "fixture@example.invalid",
  GIT_COMMITTER_NAME: "Fixture",
  GIT_COMMITTER_EMAIL: "fixture@example.invalid",
};

async function git(cwd: string, ...args: string[]): Promise<void> {
  const result = await run("git", args, { cwd, env: gitEnv });
  if (result.code !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
}

async function write(repo: string, file: string, content: string): Promise<void> {
  await mkdir(dirname(join(repo, file)), { recursive: true });
  await writeFile(join(repo, file), content);
}

async function edit(repo: string, file: string, from: string, to: string): Promise<void> {
  const text = await readFile(join(repo, file), "utf8");
  if (!text.includes(from)) throw new Error(`${file} has no ${JSON.stringify(from)}`);
  await writeFile(join(repo, file), text.replace(from, to));
}

const repos: string[] = [];
afterAll(() => Promise.all(repos.map((repo) => rm(repo, { recursive: true, force: true }))));

async function newRepo(): Promise<string> {
  const repo = await mkdtemp(join(tmpdir(), "finup-git-"));
  repos.push(repo);
  return repo;
}

/** A new repository on branch main whose first commit holds the split spec. */
async function repoWithSpec(): Promise<string> {
  const repo = await newRepo();
  await git(repo, "init", "-q", "-b", "main");
  for (const [file, content] of Object.entries(specFiles)) await write(repo, file, content);
  await git(repo, "add", "-A");
  await git(repo, "commit", "-q", "-m", "spec 1.0.0");
  return repo;
}

async function commitAll(repo: string, message: string): Promise<void> {
  await git(repo, "add", "-A");
  await git(repo, "commit", "-q", "-m", message);
}

/** `check:breaking` as `pnpm check:breaking` runs it, from a folder inside the repository. */
const checkBreaking = (cwd: string, ...args: string[]) => run(tsx, [command, ...args], { cwd });

const narrowName = (repo: string) => edit(repo, "spec/components/schemas/IssueCardsRequest.yaml", "maxLength: 128", "maxLength: 64");

describe.concurrent("check:breaking on a git history", () => {
  it("passes when the spec did not change", async () => {
    const repo = await repoWithSpec();
    const result = await checkBreaking(repo, "--base", "HEAD");
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/No breaking change/);
  });

  it("fails on a breaking change committed after --base, naming it and where it is", async () => {
    const repo = await repoWithSpec();
    await narrowName(repo);
    await commitAll(repo, "narrow name");
    const result = await checkBreaking(repo, "--base", "HEAD~1");
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/spec\/openapi\.yaml at HEAD~1 \([0-9a-f]{10}\)/);
    expect(result.stdout).toMatch(/POST \/cards/);
    expect(result.stdout).toMatch(/request field 'name' accepts less than before: maxLength 128 → 64/);
    expect(result.stdout).toMatch(/1 breaking change\(s\) above, and info\.version 1\.0\.0 → 1\.0\.0 is not a major bump/);
  });

  it("compares the work tree, so an uncommitted breaking change fails too", async () => {
    const repo = await repoWithSpec();
    await edit(repo, "spec/openapi.yaml", "  - ApiKeyAuth: []\npaths", "  - ApiKeyAuth: []\n    BearerAuth: []\npaths");
    await edit(
      repo,
      "spec/openapi.yaml",
      "components:\n  securitySchemes:\n",
      "components:\n  securitySchemes:\n    BearerAuth:\n      type: http\n      scheme: bearer\n",
    );
    const result = await checkBreaking(join(repo, "spec"), "--base", "HEAD");
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/security requirement changed/);
  });

  it("passes a breaking change that comes with a major bump of info.version", async () => {
    const repo = await repoWithSpec();
    await narrowName(repo);
    await edit(repo, "spec/openapi.yaml", "version: 1.0.0", "version: 2.0.0");
    await commitAll(repo, "2.0.0: narrow name");
    const result = await checkBreaking(repo, "--base", "HEAD~1");
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/maxLength 128 → 64/);
    expect(result.stdout).toMatch(/allowed: info\.version 1\.0\.0 → 2\.0\.0 is a major bump/);
  });

  it("passes an additive change", async () => {
    const repo = await repoWithSpec();
    await edit(
      repo,
      "spec/components/schemas/IssueCardsRequest.yaml",
      "    maxLength: 128\n",
      "    maxLength: 256\n  notes:\n    type: string\n",
    );
    await commitAll(repo, "widen name, add notes");
    const result = await checkBreaking(repo, "--base", "HEAD~1");
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/No breaking change/);
  });

  it("defaults to the merge-base with main", async () => {
    const repo = await repoWithSpec();
    await git(repo, "checkout", "-q", "-b", "feature");
    await narrowName(repo);
    await commitAll(repo, "narrow name");
    await edit(repo, "spec/openapi.yaml", "title: Git fixture API", "title: Git fixture API, renamed");
    await commitAll(repo, "rename");
    const result = await checkBreaking(repo);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/maxLength 128 → 64/);
  });

  it("passes with a message when the base has no spec yet", async () => {
    const repo = await newRepo();
    await git(repo, "init", "-q", "-b", "main");
    await write(repo, "README.md", "empty\n");
    await commitAll(repo, "first");
    for (const [file, content] of Object.entries(specFiles)) await write(repo, file, content);
    await commitAll(repo, "spec");
    const result = await checkBreaking(repo, "--base", "HEAD~1");
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/spec\/openapi\.yaml does not exist at HEAD~1 .*nothing to compare with/);
  });

  it("refuses a base that does not exist, saying so", async () => {
    const repo = await repoWithSpec();
    const result = await checkBreaking(repo, "--base", "HEAD~5");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/No commit "HEAD~5"/);
  });
});
