// Opens the built page in headless Chromium from disk, with every request to
// another host blocked, and checks that what a reader needs is on screen. The
// expected names come from the bundled spec, so a change there is checked here.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

interface Schema {
  $ref?: string;
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
}
interface Example {
  $ref?: string;
  summary?: string;
  value?: unknown;
}
interface Response {
  $ref?: string;
  description?: string;
  content?: Record<string, { examples?: Record<string, Example> }>;
}
interface Operation {
  operationId: string;
  summary: string;
  security: Record<string, string[]>[];
  requestBody: { content: Record<string, { examples: Record<string, Example> }> };
  responses: Record<string, Response>;
  "x-codeSamples": { lang: string; label: string; source: string }[];
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, Schema>;
    responses: Record<string, Response>;
    securitySchemes: Record<string, { name: string }>;
  };
}

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const pageUrl = new URL("../dist/index.html", import.meta.url);
const screenshotPath = `${repoRoot}reports/docs-screenshot.png`;

const spec: Spec = JSON.parse(readFileSync(createRequire(import.meta.url).resolve("@finup/spec/openapi.json"), "utf8"));
const { schemas } = spec.components;
const [path, operation] = Object.entries(spec.paths)
  .map(([path, item]) => [path, item.post] as const)
  .find(([, op]) => op?.operationId === "issueCards") ?? ["", undefined];
if (!operation) throw new Error("spec/dist/openapi.json has no operation `issueCards`");

const requestFields = Object.keys(schemas.IssueCardsRequest?.properties ?? {});
const cardFields = Object.keys(schemas.Card?.properties ?? {});
// The response nests the cards in an array property; Redoc labels their fields `result[].id`.
const cardList = Object.entries(schemas.IssueCardsResponse?.properties ?? {}).find(
  ([, p]) => p.items?.$ref === "#/components/schemas/Card",
)?.[0];
const errorStatuses = Object.keys(operation.responses).filter((status) => /^[45]/.test(status));
const headerName = Object.keys(operation.security[0] ?? {}).map((scheme) => spec.components.securitySchemes[scheme]?.name)[0];

// Follows a local `#/components/...` reference of the bundle.
function resolve<T extends { $ref?: string }>(value: T): T {
  if (!value.$ref) return value;
  const [, , section = "", name = ""] = value.$ref.split("/");
  const target = (spec.components as unknown as Record<string, Record<string, T>>)[section]?.[name];
  if (!target) throw new Error(`unresolved ${value.$ref}`);
  return target;
}
// Markdown is rendered, so compare the words: no backticks, emphasis or line breaks.
function plain(text: string): string {
  return text
    .replace(/[`*\u200b]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

function chromiumPath(): string {
  const candidate = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (existsSync(candidate)) return candidate;
  const source = process.env.CHROMIUM_PATH ? "CHROMIUM_PATH" : "the default path";
  throw new Error(
    `No Chromium at ${candidate} (${source}). Run ./scripts/bootstrap.sh, which installs Debian's chromium, or set CHROMIUM_PATH.`,
  );
}

// Redoc mounts a section only once it scrolls into view. A viewport as tall as
// the page puts every section in view, for the checks and the screenshot.
async function renderEverySection(page: Page): Promise<void> {
  let height = 0;
  for (let attempt = 0; attempt < 10; attempt++) {
    const next = await page.evaluate(() => document.documentElement.scrollHeight);
    if (next === height) return;
    height = next;
    await page.setViewportSize({ width: 1440, height });
    await page.waitForTimeout(300);
  }
  throw new Error("the page kept growing while its sections rendered");
}

interface Row {
  label: string;
  text: string;
  visible: boolean;
}

let browser: Browser;
let page: Page;
let rows: Row[] = [];
const blocked: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(pageUrl)) throw new Error(`${fileURLToPath(pageUrl)} is missing: run \`pnpm build\` first.`);
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    // Without the background-networking flags Chromium itself dials out, and the closed network refuses it.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
    blocked.push(url);
    return route.abort("blockedbyclient");
  });

  await page.goto(pageUrl.href);
  await page.getByRole("heading", { level: 2, name: operation.summary }).waitFor();
  await renderEverySection(page);
  mkdirSync(`${repoRoot}reports`, { recursive: true });
  await page.screenshot({ path: screenshotPath, fullPage: true });

  rows = await page.locator(".schema-property-item").evaluateAll((items) =>
    items.map((item) => ({
      label: (item.querySelector(".schema-name")?.parentElement?.textContent ?? "").replace(/\u200b/g, ""),
      text: item.textContent ?? "",
      visible: item.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
    })),
  );
});

afterAll(async () => {
  await browser?.close();
});

function expectField(label: string, schema: Schema): void {
  const row = rows.find((candidate) => candidate.label === label);
  expect(row, `no field labelled "${label}"; rendered: ${rows.map((r) => r.label).join(", ")}`).toBeDefined();
  expect(row?.visible, `${label} is not visible`).toBe(true);
  // Redoc 3.0.1 shows an anyOf/oneOf property with its alternatives' descriptions,
  // not its own (Card.status); for those the alternatives are what a reader sees.
  const resolved = resolve(schema);
  if (resolved.anyOf || resolved.oneOf || !schema.description) return;
  expect(plain(row?.text ?? ""), `${label} lacks its description`).toContain(plain(schema.description));
}

describe("the API reference opened from disk, offline", () => {
  it("finds its fields in the spec", () => {
    expect(requestFields.length).toBeGreaterThan(0);
    expect(cardFields.length).toBeGreaterThan(0);
    expect(cardList).toBeDefined();
    expect(errorStatuses.length).toBeGreaterThan(0);
    expect(headerName).toBeDefined();
  });

  it("renders the operation and its path without a click", async () => {
    await expect(page.getByRole("heading", { level: 2, name: operation.summary }).isVisible()).resolves.toBe(true);
    await expect(page.getByText(path, { exact: true }).filter({ visible: true }).count()).resolves.toBeGreaterThan(0);
  });

  it.each(requestFields)("renders the request field %s with its description", (field) => {
    expectField(field, schemas.IssueCardsRequest?.properties?.[field] ?? {});
  });

  it.each(cardFields)("renders the Card field %s with its description", (field) => {
    expectField(`${cardList}[].${field}`, schemas.Card?.properties?.[field] ?? {});
  });

  it("shows the API key header's name without a click", async () => {
    await expect(
      page
        .getByText(headerName ?? "", { exact: true })
        .filter({ visible: true })
        .count(),
    ).resolves.toBeGreaterThan(0);
  });

  it("shows the request example and the response example expanded to the last level", async () => {
    const [requestExample] = Object.values(operation.requestBody.content["application/json"]?.examples ?? {}).map(resolve);
    expect(requestExample?.summary).toBeDefined();
    await expect(
      page
        .getByText(requestExample?.summary ?? "", { exact: true })
        .first()
        .isVisible(),
    ).resolves.toBe(true);

    const created = resolve(operation.responses["201"] ?? {});
    const [responseExample] = Object.values(created.content?.["application/json"]?.examples ?? {}).map(resolve);
    const value = (responseExample?.value ?? {}) as Record<string, Record<string, unknown>[]>;
    const [card] = value[cardList ?? ""] ?? [];
    expect(card, "the 201 example has no card").toBeDefined();
    const sample = page.locator("[data-testid=source-code]").filter({ hasText: `"${cardList}"` });
    for (const [key, value] of Object.entries(card ?? {})) {
      await expect(sample.textContent(), `response example lacks ${key}`).resolves.toContain(`"${key}": ${JSON.stringify(value)}`);
    }
  });

  it("shows every error status without a click", async () => {
    for (const status of errorStatuses) {
      await expect(page.getByRole("tab", { name: status, exact: true }).isVisible(), `status ${status}`).resolves.toBe(true);
    }
  });

  it("loaded nothing from another host", () => {
    expect(blocked).toEqual([]);
  });

  it("logged no console error", () => {
    expect(consoleErrors).toEqual([]);
  });

  // The checks below click, so they run after the ones that must not.
  it("shows each error response's description on its tab", async () => {
    for (const status of errorStatuses) {
      await page.getByRole("tab", { name: status, exact: true }).click();
      const description = resolve(operation.responses[status] ?? {}).description ?? "";
      const firstLine = plain(description.split("\n")[0] ?? "");
      await expect(page.getByText(firstLine).filter({ visible: true }).count(), `status ${status}: ${firstLine}`).resolves.toBeGreaterThan(
        0,
      );
    }
  });

  it("shows the header's name in the security scheme's details", async () => {
    await page.getByText("View security details").click();
    const details = page.getByText("Header parameter name:").locator("..");
    await expect(details.textContent()).resolves.toContain(headerName);
    await page.keyboard.press("Escape");
  });

  it("renders each code sample of the spec", async () => {
    const samples = operation["x-codeSamples"];
    const labels = samples.map((sample) => sample.label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    // The language menu's button shows the selected sample's label.
    const picker = page.locator("button[aria-haspopup=menu]").filter({ hasText: new RegExp(`^(${labels.join("|")})$`) });
    for (const sample of samples) {
      if (!(await picker.textContent())?.includes(sample.label)) {
        await picker.click();
        await page.getByRole("menuitem", { name: sample.label, exact: true }).click();
      }
      const firstLine = sample.source.split("\n")[0] ?? "";
      const code = page.locator("[data-testid=source-code]").filter({ hasText: firstLine });
      await expect(code.isVisible(), `code sample ${sample.label}`).resolves.toBe(true);
    }
  });

  it("saved a full-page screenshot", () => {
    expect(existsSync(screenshotPath)).toBe(true);
  });
});
