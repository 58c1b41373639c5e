// Every kind of breaking change the gate must catch, as a pair of fixture specs run
// through the real gate (Optic's CLI with our rulesets) in both directions.
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { checkSpecs } from "../src/breaking.ts";

const fixtures = join(import.meta.dirname, "fixtures");
const base = join(fixtures, "base.yaml");
const fixture = (name: string) => join(fixtures, `${name}.yaml`);

/** Each breaking change, what the report must say about it, and where. */
const breakingChanges: { name: string; message: RegExp; where: RegExp }[] = [
  {
    name: "removed-operation",
    message: /\[prevent operation removal\] cannot remove an operation/,
    where: /GET \/accounts\/\{account_id\}\/cards/,
  },
  { name: "removed-response", message: /must not remove response status code 404/, where: /POST \/accounts\/\{account_id\}\/cards/ },
  {
    name: "removed-response-field",
    message: /cannot remove response property 'balance'/,
    where: /response 201:[\s\S]*property \/schema\/items\/properties\/balance: removed/,
  },
  { name: "request-field-required", message: /cannot make a request property required/, where: /property \/schema\/properties\/notes/ },
  {
    name: "narrowed-type",
    message: /expected request body property 'notes' not to be narrowed/,
    where: /property \/schema\/properties\/notes/,
  },
  { name: "narrowed-format", message: /request field 'email' accepts less than before: format none → "email"/, where: /properties\/email/ },
  {
    name: "narrowed-string-bound",
    message: /request field 'name' accepts less than before: maxLength 128 → 64/,
    where: /properties\/name/,
  },
  {
    name: "narrowed-number-bound",
    message: /request field 'amount' accepts less than before: maximum 1000 → 100/,
    where: /properties\/amount/,
  },
  {
    name: "narrowed-parameter-bound",
    message: /query parameter 'limit' accepts less than before: maximum 100 → 50/,
    where: /GET \/accounts/,
  },
  { name: "narrowed-pattern", message: /request field 'bin_id' accepts less than before: pattern none → /, where: /properties\/bin_id/ },
  { name: "narrowed-enum", message: /cannot remove enum option 'GBP' from 'currency'/, where: /properties\/currency/ },
  {
    name: "security-requirement-added",
    message:
      /security requirement changed: a client that authenticates with ApiKeyAuth or BearerAuth no longer meets ApiKeyAuth \+ BearerAuth/,
    where: /POST \/accounts\/\{account_id\}\/cards: security requirement changed/,
  },
  {
    name: "security-alternative-removed",
    message: /security requirement changed: a client that authenticates with BearerAuth no longer meets ApiKeyAuth/,
    where: /GET \/accounts\/\{account_id\}\/cards: security requirement changed/,
  },
  {
    name: "security-scheme-changed",
    message: /security scheme 'ApiKeyAuth' changed: name "x-api-key" → "authorization"/,
    where: /at after\.yaml:\d+/,
  },
];

/** The pairs whose reverse is not a plain loosening (see fixtures/README.md). */
const failsBothWays = new Set(["security-scheme-changed"]);

describe("the fixtures", () => {
  it("are base.yaml and one variant per kind of change, each parsing and differing from base.yaml", () => {
    const names = readdirSync(fixtures)
      .filter((f) => f.endsWith(".yaml"))
      .map((f) => f.replace(/\.yaml$/, ""));
    expect(names.sort()).toEqual(["additive", "base", "narrowed-type-integer", ...breakingChanges.map((c) => c.name)].sort());
    const baseDocument = parse(readFileSync(base, "utf8"));
    for (const name of names.filter((n) => n !== "base")) {
      const text = readFileSync(fixture(name), "utf8");
      expect(text.split("\n")[0], name).toMatch(/^# base\.yaml with /);
      expect(parse(text), name).not.toEqual(baseDocument);
    }
  });
});

describe.concurrent("a breaking change fails the gate, its reverse passes", () => {
  for (const change of breakingChanges) {
    it(`${change.name}: fails, naming the change and where it is`, async () => {
      const verdict = await checkSpecs(base, fixture(change.name));
      expect(verdict.ok, verdict.output).toBe(false);
      expect(verdict.breaking).toBeGreaterThan(0);
      expect(verdict.output).toMatch(change.message);
      expect(verdict.output).toMatch(change.where);
      // Optic points into the file that has the thing: the old one for a removal.
      expect(verdict.output).toMatch(/at (before|after)\.yaml:\d+:\d+/);
      expect(verdict.summary).toMatch(/is not a major bump/);
      expect(verdict.summary).toMatch(/sets info\.version to 2\.0\.0/);
    });

    if (failsBothWays.has(change.name)) {
      it(`${change.name}: fails the other way too (a change, not a narrowing)`, async () => {
        const verdict = await checkSpecs(fixture(change.name), base);
        expect(verdict.ok, verdict.output).toBe(false);
        expect(verdict.output).toMatch(/security scheme 'ApiKeyAuth' changed: name "authorization" → "x-api-key"/);
      });
    } else {
      it(`${change.name}: the reverse only adds or loosens, and passes`, async () => {
        const verdict = await checkSpecs(fixture(change.name), base);
        expect(verdict.ok, verdict.output).toBe(true);
        expect(verdict.breaking, verdict.output).toBe(0);
        expect(verdict.summary).toMatch(/^No breaking change/);
      });
    }
  }

  it("additive changes pass (a new operation, an optional request field, a response field)", async () => {
    const verdict = await checkSpecs(base, fixture("additive"));
    expect(verdict.ok, verdict.output).toBe(true);
    expect(verdict.breaking).toBe(0);
  });

  it("removing those additions again fails", async () => {
    const verdict = await checkSpecs(fixture("additive"), base);
    expect(verdict.ok).toBe(false);
    expect(verdict.output).toMatch(/cannot remove an operation/);
    expect(verdict.output).toMatch(/cannot remove response property 'currency'/);
  });

  it("number → integer fails; so does integer → number, a known limit of Optic's type check", async () => {
    const narrowed = await checkSpecs(base, fixture("narrowed-type-integer"));
    expect(narrowed.ok).toBe(false);
    expect(narrowed.output).toMatch(/expected request body property 'amount' not to be narrowed/);
    const widened = await checkSpecs(fixture("narrowed-type-integer"), base);
    expect(widened.ok).toBe(false);
  });
});

describe.concurrent("a major bump of info.version lets a breaking change through", () => {
  async function withVersion(name: string, version: string): Promise<string> {
    const document = parse(readFileSync(fixture(name), "utf8")) as { info: { version: string } };
    document.info.version = version;
    const file = join(await mkdtemp(join(tmpdir(), "finup-fixture-")), `${name}.yaml`);
    await writeFile(file, stringify(document));
    return file;
  }

  it("1.0.0 → 2.0.0 passes, still listing what breaks", async () => {
    const verdict = await checkSpecs(base, await withVersion("removed-operation", "2.0.0"));
    expect(verdict.ok).toBe(true);
    expect(verdict.majorBump).toBe(true);
    expect(verdict.breaking).toBeGreaterThan(0);
    expect(verdict.output).toMatch(/cannot remove an operation/);
    expect(verdict.summary).toMatch(/allowed: info\.version 1\.0\.0 → 2\.0\.0 is a major bump/);
  });

  it("a minor bump (1.0.0 → 1.1.0) is not enough", async () => {
    const verdict = await checkSpecs(base, await withVersion("narrowed-string-bound", "1.1.0"));
    expect(verdict.ok).toBe(false);
    expect(verdict.majorBump).toBe(false);
    expect(verdict.summary).toMatch(/info\.version 1\.0\.0 → 1\.1\.0 is not a major bump/);
  });
});
