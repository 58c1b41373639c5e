// Optic ruleset: a security requirement that a client who met the old one no longer
// meets. Optic diffs neither `security` nor `components/securitySchemes` in its
// `breaking-changes` ruleset (component changes never reach its rules), so this is
// an external rule: Optic hands it both whole documents. Optic recognises one by
// its `type` (rulesets-base does not export ExternalRuleBase from its index).

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
// What a client must match to authenticate with a scheme; descriptions do not matter.
const schemeKeys = ["type", "in", "name", "scheme", "bearerFormat", "flows", "openIdConnectUrl"];

const pointer = (...parts) => `/${parts.map((p) => String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`;
const stable = (value) =>
  JSON.stringify(value, (_, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));

/** The requirement that applies to an operation: a list of alternatives, each scheme → scopes. No alternatives means anonymous. */
function effectiveSecurity(spec, path, method) {
  const operation = spec.paths?.[path]?.[method];
  const requirement = operation?.security ?? spec.security ?? [];
  return requirement.length === 0 ? [{}] : requirement;
}

/** True when a client holding exactly `held` (scheme → scopes) meets the alternative `alt`. */
const meets = (held, alt) => Object.entries(alt).every(([scheme, scopes]) => held[scheme] && scopes.every((s) => held[scheme].includes(s)));

const describe = (alt) => (Object.keys(alt).length === 0 ? "no credentials" : Object.keys(alt).join(" + "));

function securityChanges(before, after) {
  const found = [];
  const usedSchemes = new Set();
  for (const [path, item] of Object.entries(before.paths ?? {})) {
    for (const method of methods) {
      if (!item?.[method] || !after.paths?.[path]?.[method]) continue; // removals are Optic's `prevent operation removal`
      const was = effectiveSecurity(before, path, method);
      const now = effectiveSecurity(after, path, method);
      for (const alt of was) for (const scheme of Object.keys(alt)) usedSchemes.add(scheme);
      const stranded = was.filter((alt) => !now.some((next) => meets(alt, next)));
      if (stranded.length > 0) {
        const own = after.paths[path][method].security !== undefined;
        found.push({
          where: `${method.toUpperCase()} ${path}`,
          jsonPath: own ? pointer("paths", path, method, "security") : after.security ? "/security" : pointer("paths", path, method),
          error: `${method.toUpperCase()} ${path}: security requirement changed: a client that authenticates with ${stranded.map(describe).join(" or ")} no longer meets ${now.map(describe).join(" or ")}. This is a breaking change.`,
        });
      }
    }
  }
  for (const name of usedSchemes) {
    const was = before.components?.securitySchemes?.[name];
    const now = after.components?.securitySchemes?.[name];
    if (!was) continue;
    const changed = schemeKeys.filter((k) => stable(was[k]) !== stable(now?.[k]));
    if (!now || changed.length > 0) {
      found.push({
        where: `security scheme ${name}`,
        jsonPath: now ? pointer("components", "securitySchemes", name) : "",
        error: now
          ? `security scheme '${name}' changed: ${changed.map((k) => `${k} ${JSON.stringify(was[k])} → ${JSON.stringify(now[k])}`).join(", ")}. This is a breaking change.`
          : `security scheme '${name}' was removed while operations used it. This is a breaking change.`,
      });
    }
  }
  return found;
}

class PreventSecurityNarrowing {
  type = "external-rule";

  async runRulesV2({ fromSpec, toSpec }) {
    if (fromSpec["x-optic-ci-empty-spec"] === true || toSpec["x-optic-ci-empty-spec"] === true) return [];
    return securityChanges(fromSpec, toSpec).map((change) => ({
      name: "prevent security requirement changes",
      type: "changed",
      where: change.where,
      error: change.error,
      passed: false,
      exempted: false,
      severity: 2, // Optic's Severity.Error
      location: { jsonPath: change.jsonPath, spec: "after" },
    }));
  }
}

module.exports = {
  name: "finup-security",
  description: "Refuses security requirements or schemes that a client who met the old ones no longer meets.",
  configSchema: {},
  rulesetConstructor: () => new PreventSecurityNarrowing(),
  securityChanges,
};
