// Provider verification: Prism runs as a validating proxy in front of a real deployment,
// the positive contract cases are replayed through it, and every response is checked
// against the spec, by Ajv (independently) and by Prism (its `sl-violations` header).
import { createFinupClient } from "@finup/client";
import { startMockServer } from "@finup/mock";
import { formatViolations, type Violation } from "@finup/spec/validator";
import { issuingPath, positiveCases, validator } from "./contract.js";

export interface ProviderOptions {
  upstream: string;
  apiKey: string;
  /** Replaces the account id of every case: a real deployment needs a real account. */
  accountId?: string | undefined;
  /** Replaces the bin_id of every case. */
  binId?: string | undefined;
}

export interface CaseResult {
  name: string;
  status: number;
  violations: Violation[];
  /** What Prism's proxy reported in `sl-violations`, as it worded it. */
  prism: string[];
}

export function casesFor(options: Pick<ProviderOptions, "accountId" | "binId">) {
  return positiveCases.map((c) => ({
    ...c,
    accountId: options.accountId ?? c.accountId,
    body: options.binId ? { ...c.body, bin_id: options.binId } : c.body,
  }));
}

export async function verifyProvider(options: ProviderOptions): Promise<CaseResult[]> {
  const proxy = await startMockServer({ upstream: options.upstream });
  try {
    // No retries: verification reports what the provider answered, once.
    const finup = createFinupClient({ apiKey: options.apiKey, baseUrl: proxy.url, maxRetries: 0 });
    const results: CaseResult[] = [];
    for (const { name, accountId, body } of casesFor(options)) {
      const {
        data: text,
        error,
        response,
      } = await finup.POST(issuingPath, {
        params: { path: { account_id: accountId } },
        body: body as { bin_id: string; name: string; amount: number },
        parseAs: "text",
      });
      results.push({
        name,
        status: response.status,
        violations: check(response.status, text ?? error),
        prism: prismViolations(response.headers),
      });
    }
    return results;
  } finally {
    await proxy.close();
  }
}

function check(status: number, raw: unknown): Violation[] {
  const documented = validator.statuses(issuingPath, "post");
  if (!documented.includes(status)) {
    return [{ path: "(status)", expected: `a documented status (${documented.join(", ")})`, actual: String(status) }];
  }
  const violations: Violation[] = [];
  if (status < 200 || status > 299) violations.push({ path: "(status)", expected: "a 2xx for a valid request", actual: String(status) });
  let body: unknown;
  try {
    body = typeof raw === "string" ? JSON.parse(raw) : raw;
  } catch {
    return [...violations, { path: "(body)", expected: "JSON", actual: JSON.stringify(String(raw).slice(0, 80)) }];
  }
  return [...violations, ...validator.response(issuingPath, "post", status, body).violations];
}

function prismViolations(headers: Headers): string[] {
  const header = headers.get("sl-violations");
  if (!header) return [];
  try {
    const list = JSON.parse(header) as { location?: string[]; message?: string; severity?: string }[];
    return list.map((v) => `${(v.location ?? []).join(".")}: ${v.message ?? "violation"}${v.severity ? ` (${v.severity})` : ""}`);
  } catch {
    return [header];
  }
}

export function formatReport(upstream: string, results: CaseResult[]): string {
  const lines = [`Provider verification of ${upstream} against spec/dist/openapi.json`];
  for (const r of results) {
    lines.push(`${r.violations.length ? "FAIL" : "PASS"} ${r.name}: ${r.status}`);
    if (r.violations.length)
      lines.push(
        ...formatViolations(r.violations)
          .split("\n")
          .map((l) => `  ${l}`),
      );
    if (r.prism.length) lines.push(...r.prism.map((l) => `  Prism: ${l}`));
  }
  const failed = results.filter((r) => r.violations.length).length;
  lines.push(failed ? `${failed} of ${results.length} cases broke the contract.` : `All ${results.length} cases kept the contract.`);
  return lines.join("\n");
}
