// The hosted CI workflow: valid for GitHub Actions (action-validator checks it
// against the workflow schema, as `pnpm lint` does) and a faithful twin of .ci/run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { workspaceRoot } from "../src/versions.ts";

const workflowText = readFileSync(join(workspaceRoot, ".github", "workflows", "ci.yml"), "utf8");
const ciRun = readFileSync(join(workspaceRoot, ".ci", "run"), "utf8");
const rootManifest = JSON.parse(readFileSync(join(workspaceRoot, "package.json"), "utf8")) as { packageManager: string };

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  id?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  "runs-on": string;
  container?: string;
  if?: string;
  needs?: string;
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  environment?: { name: string; url?: string };
  steps: Step[];
}
const workflow = parse(workflowText) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> };
const ci = workflow.jobs.ci as Job;
const pages = workflow.jobs.pages as Job;
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const step = (uses: string) => ci.steps.filter((s) => s.uses?.startsWith(`${uses}@`));
const runs = ci.steps.map((s) => s.run ?? "").join("\n");

describe("the workflow's validity", () => {
  it("passes action-validator (the GitHub workflow schema)", () => {
    expect(validateWorkflow(workflowText).errors).toEqual([]);
  });

  it("action-validator does catch a broken workflow", () => {
    const broken = workflowText.replace("runs-on: ubuntu-24.04", "runs_on: ubuntu-24.04");
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it("pins every action to a version tag", () => {
    const uses = steps.flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.length).toBeGreaterThan(5);
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@v\d+(\.\d+){0,2}$/);
  });
});

describe("the workflow mirrors .ci/run", () => {
  it("runs what .ci/run runs: the bootstrap, the breaking-change gate and pnpm test", () => {
    for (const command of ["./scripts/bootstrap.sh", "pnpm check:breaking --base HEAD~1", "pnpm test"]) {
      expect(ciRun, `.ci/run runs ${command}`).toContain(command);
      expect(runs, `the workflow runs ${command}`).toContain(command);
    }
  });

  it("uses the pinned Node.js 20.20 and package.json's pnpm", () => {
    expect(step("actions/setup-node")[0]?.with?.["node-version"]).toBe("20.20.x");
    const pnpmVersion = rootManifest.packageManager.replace(/^pnpm@/, "");
    expect(runs).toContain(`npm install --global --no-fund --no-audit pnpm@${pnpmVersion}`);
  });

  it("installs from the frozen lockfile, as bootstrap.sh does", () => {
    expect(readFileSync(join(workspaceRoot, "scripts", "bootstrap.sh"), "utf8")).toContain("pnpm install --frozen-lockfile");
  });

  it("runs on Debian as root, so that bootstrap.sh installs chromium", () => {
    expect(ci.container).toMatch(/^debian:bookworm/);
  });

  it("fetches the whole history and gates on the pull request's base or the previous commit", () => {
    expect(step("actions/checkout")[0]?.with?.["fetch-depth"]).toBe(0);
    expect(runs).toContain('pnpm check:breaking --base "origin/$BASE_REF"');
    expect(runs).toMatch(/git rev-parse --verify --quiet HEAD~1[\s\S]*skipped/);
  });

  it("keeps turbo's local cache keyed on the lockfile, and uses the remote cache only when configured", () => {
    const cache = step("actions/cache")[0];
    expect(cache?.with?.path).toBe(".turbo/cache");
    expect(String(cache?.with?.key)).toContain("hashFiles('pnpm-lock.yaml')");
    expect(ci.env?.REMOTE_CACHE_TOKEN).toMatch(/^\$\{\{ secrets\.TURBO_TOKEN \}\}$/);
    expect(ci.env?.REMOTE_CACHE_TEAM).toMatch(/^\$\{\{ vars\.TURBO_TEAM \}\}$/);
    const remote = ci.steps.find((s) => s.run?.includes("TURBO_TOKEN="));
    expect(remote?.if).toBe("env.REMOTE_CACHE_TOKEN != '' && env.REMOTE_CACHE_TEAM != ''");
  });

  it("uploads the JUnit report and screenshots even on failure, and the docs", () => {
    const uploads = step("actions/upload-artifact");
    const byPath = (path: string) => uploads.find((s) => s.with?.path === path);
    expect(byPath("reports/junit/*.xml")?.if).toBe("always()");
    expect(byPath("reports/*.png")?.if).toBe("always()");
    expect(byPath("packages/docs/dist/index.html")).toBeDefined();
  });

  it("publishes the docs to GitHub Pages from main only", () => {
    const mainOnly = "github.event_name == 'push' && github.ref == 'refs/heads/main'";
    expect(step("actions/upload-pages-artifact")[0]?.with?.path).toBe("packages/docs/dist");
    expect(step("actions/upload-pages-artifact")[0]?.if).toBe(mainOnly);
    expect(pages.if).toBe(mainOnly);
    expect(pages.needs).toBe("ci");
    expect(pages.permissions).toEqual({ pages: "write", "id-token": "write" });
    expect(pages.environment?.name).toBe("github-pages");
    expect(pages.steps.some((s) => s.uses?.startsWith("actions/deploy-pages@"))).toBe(true);
    expect(workflow.permissions).toEqual({ contents: "read" });
  });
});
