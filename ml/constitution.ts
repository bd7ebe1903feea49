/**
 * Clauses of a constitution version, parsed from constitution/vN.md: each "## Article N — Title" section is split
 * into its numbered items ("1. ...") — clause ids "N.k" — or, when it has none, is one clause "N".
 * Bold or italic lead words ("**Members**", "*Voting*") name the clause; its title is "Article title — name".
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export interface Clause {
  /** "4.2", or "1" for an article without numbered items. */
  id: string;
  article: number;
  /** "Safeguards (2)", "Roles — Members", "Purpose". */
  title: string;
  /** Plain text, markdown emphasis removed, whitespace collapsed. */
  text: string;
}

export interface ConstitutionText {
  version: number;
  clauses: Clause[];
  /** SHA-256 of the markdown source (hex, no 0x). */
  sha256: string;
}

const plain = (s: string) =>
  s
    .replace(/\*\*([^*]+)\*\*/g, "$1")
    .replace(/\*([^*]+)\*/g, "$1")
    .replace(/\s+/g, " ")
    .trim();

export function parseConstitution(markdown: string, version: number): ConstitutionText {
  const clauses: Clause[] = [];
  const sections = markdown.split(/^## /m).slice(1);
  for (const section of sections) {
    const [heading, ...body] = section.split("\n");
    const m = /^Article\s+(\d+)\s*[—-]\s*(.+)$/.exec(heading.trim());
    if (!m) continue;
    const article = Number(m[1]);
    const articleTitle = m[2].trim();
    const text = body.join("\n");
    const items = text.split(/^\d+\.\s+/m);
    if (items.length <= 1) {
      clauses.push({ id: String(article), article, title: articleTitle, text: plain(text) });
      continue;
    }
    items.slice(1).forEach((item, k) => {
      const lead = /^\*\*([^*]+)\*\*|^\*([^*]+)\*/.exec(item.trim());
      const name = lead ? (lead[1] ?? lead[2]).replace(/:$/, "").trim() : null;
      clauses.push({
        id: `${article}.${k + 1}`,
        article,
        title: name ? `${articleTitle} — ${name}` : `${articleTitle} (${k + 1})`,
        text: plain(item),
      });
    });
  }
  if (clauses.length === 0) throw new Error(`constitution v${version}: no "## Article N — Title" section found`);
  return { version, clauses, sha256: crypto.createHash("sha256").update(markdown).digest("hex") };
}

/** The default location of the constitution texts: <repo>/constitution. */
export const CONSTITUTION_DIR = path.join(__dirname, "..", "constitution");

/** Reads and parses constitution/v<version>.md (or `file` when given). */
export function loadConstitution(version: number, file?: string): ConstitutionText {
  const f = file ?? path.join(CONSTITUTION_DIR, `v${version}.md`);
  if (!fs.existsSync(f)) throw new Error(`constitution text ${f} not found (version ${version})`);
  return parseConstitution(fs.readFileSync(f, "utf8"), version);
}
