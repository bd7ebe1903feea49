/**
 * The README's gas table, generated from `npm run bench:gas` output (issue #8). Pure functions: the bench prints a
 * "Gas table" section of `name ours reference ratio` lines; {@link parseGasTable} reads them back,
 * {@link formatGasTable} renders the markdown and {@link replaceGasTable} puts it between the README's markers.
 *
 *   npm run bench:gas:readme     # runs the bench, writes docs/gas-bench.txt and rewrites the README table
 */
export const GAS_TABLE_START = "<!-- gas-table:start -->";
export const GAS_TABLE_END = "<!-- gas-table:end -->";
export const GAS_TABLE_HEADER = "== Gas table (name ours reference ratio) ==";

export interface GasRow {
  name: string;
  ours: bigint;
  reference: bigint;
}

/** One bench line: the name, then ours, the reference and ours/reference (3 decimals), separated by spaces. */
export function formatGasLine(row: GasRow): string {
  return `${row.name} ${row.ours} ${row.reference} ${ratio(row).toFixed(3)}`;
}

function ratio(row: GasRow): number {
  return Number(row.ours) / Number(row.reference);
}

/** The lines the bench prints: the header, then one line per row. */
export function formatGasSection(rows: GasRow[]): string[] {
  return [GAS_TABLE_HEADER, ...rows.map(formatGasLine)];
}

const LINE = /^(.*\S)\s+(\d+)\s+(\d+)\s+(\d+\.\d{3})$/;

/** The rows of the gas table section of a bench output (the rest of the output is ignored). */
export function parseGasTable(output: string): GasRow[] {
  const lines = output.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim() === GAS_TABLE_HEADER);
  if (start < 0) throw new Error(`no "${GAS_TABLE_HEADER}" section in the bench output`);
  const rows: GasRow[] = [];
  for (const raw of lines.slice(start + 1)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("==")) break;
    const m = LINE.exec(line);
    if (!m) throw new Error(`not a "name ours reference ratio" line: ${line}`);
    const row = { name: m[1], ours: BigInt(m[2]), reference: BigInt(m[3]) };
    if (ratio(row).toFixed(3) !== m[4]) throw new Error(`ratio ${m[4]} is not ours/reference in: ${line}`);
    rows.push(row);
  }
  if (rows.length === 0) throw new Error("the gas table section of the bench output is empty");
  return rows;
}

const thousands = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** The markdown table of the rows. */
export function formatGasTable(rows: GasRow[]): string {
  return [
    "| operation | ours | reference | ratio |",
    "|---|---:|---:|---:|",
    ...rows.map((r) => `| ${r.name} | ${thousands(r.ours)} | ${thousands(r.reference)} | ${ratio(r).toFixed(3)} |`),
  ].join("\n");
}

/** `readme` with the text between the gas table markers replaced by `table`. */
export function replaceGasTable(readme: string, table: string): string {
  const start = readme.indexOf(GAS_TABLE_START);
  const end = readme.indexOf(GAS_TABLE_END);
  if (start < 0 || end < start) throw new Error(`README has no ${GAS_TABLE_START} … ${GAS_TABLE_END} markers`);
  return `${readme.slice(0, start + GAS_TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}

/** The text between the markers (without the surrounding newlines). */
export function readmeGasTable(readme: string): string {
  const start = readme.indexOf(GAS_TABLE_START);
  const end = readme.indexOf(GAS_TABLE_END);
  if (start < 0 || end < start) throw new Error(`README has no ${GAS_TABLE_START} … ${GAS_TABLE_END} markers`);
  return readme.slice(start + GAS_TABLE_START.length, end).trim();
}
