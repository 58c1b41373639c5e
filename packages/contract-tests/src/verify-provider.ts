// pnpm verify:provider --upstream <url> [--account-id <id>] [--bin-id <id>] [--yes]
import { parseArgs } from "node:util";
import { casesFor, formatReport, verifyProvider } from "./provider.js";

const usage = `Usage: pnpm verify:provider --upstream <url> [--account-id <id>] [--bin-id <id>] [--yes]

Puts Prism in front of <url> as a validating proxy, replays the positive contract
cases (the spec's request examples) through it with the key in FINUP_API_KEY, and
fails naming every place where a response breaks the spec.

Against anything but a loopback host this issues real cards: pass the account and
card type to use, and --yes to confirm.`;

function fail(message: string, code = 2): never {
  console.error(`verify:provider: ${message}`);
  process.exit(code);
}

let values: {
  upstream?: string | undefined;
  "account-id"?: string | undefined;
  "bin-id"?: string | undefined;
  yes?: boolean | undefined;
  help?: boolean | undefined;
};
try {
  ({ values } = parseArgs({
    options: {
      upstream: { type: "string" },
      "account-id": { type: "string" },
      "bin-id": { type: "string" },
      yes: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (error) {
  fail(`${(error as Error).message}\n\n${usage}`);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (!values.upstream) fail(`--upstream <url> is required.\n\n${usage}`);
let upstream: URL;
try {
  upstream = new URL(values.upstream);
  if (upstream.protocol !== "http:" && upstream.protocol !== "https:") throw new Error();
} catch {
  fail(`--upstream must be an http(s) URL, not ${JSON.stringify(values.upstream)}.`);
}
const apiKey = process.env.FINUP_API_KEY;
if (!apiKey) fail("FINUP_API_KEY is not set: the provider needs a real key.");

const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(upstream.hostname);
const cases = casesFor({ accountId: values["account-id"], binId: values["bin-id"] });
if (!loopback && !values.yes) {
  const plan = cases.map((c) => `  ${c.name}: ${String(c.body.amount)} card(s) of bin ${String(c.body.bin_id)} on account ${c.accountId}`);
  fail(
    `this would issue real cards on ${upstream.host}:\n${plan.join("\n")}\nPass --account-id and --bin-id for your account, and --yes to confirm.`,
  );
}

try {
  const results = await verifyProvider({
    upstream: upstream.href.replace(/\/$/, ""),
    apiKey,
    accountId: values["account-id"],
    binId: values["bin-id"],
  });
  const report = formatReport(upstream.href, results);
  const failed = results.some((r) => r.violations.length > 0);
  (failed ? console.error : console.log)(report);
  process.exit(failed ? 1 : 0);
} catch (error) {
  fail((error as Error).message);
}
