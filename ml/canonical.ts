/** Canonical JSON: keys sorted (byte order) at every level, 2-space indent, trailing newline. Same value → same bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + "\n";
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = sortKeys(o[k]);
    return out;
  }
  return v;
}

/** Paths ("clauses.4.2.recall") whose values differ between two JSON values. */
export function jsonDiff(expected: unknown, actual: unknown, prefix = ""): string[] {
  const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === "object";
  if (isObj(expected) && isObj(actual) && Array.isArray(expected) === Array.isArray(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    return keys.flatMap((k) => jsonDiff(expected[k], actual[k], prefix ? `${prefix}.${k}` : k));
  }
  return JSON.stringify(expected) === JSON.stringify(actual)
    ? []
    : [`${prefix || "(root)"}: anchored ${JSON.stringify(expected)}, recomputed ${JSON.stringify(actual)}`];
}
