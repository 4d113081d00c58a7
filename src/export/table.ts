/**
 * The shape every export shares before it becomes CSV (or a sheet): named columns with Chinese and
 * English labels, and rows in batches so that large results stream. Values are already exact text
 * or integers: amounts are decimal strings of 万元 (src/domain/money.ts), never floats.
 */

/** An integer, exact text (an amount in 万元, a code, a label), or null for an empty field. */
export type ExportValue = string | number | null;
export type ExportRow = readonly ExportValue[];

export interface ExportColumn {
  /** Stable, machine-readable name: the CSV header (`agency_code`, `value`, `2021`). */
  readonly key: string;
  readonly zh: string;
  readonly en: string;
}

export interface ExportTable {
  readonly columns: readonly ExportColumn[];
  /** Rows in batches (one batch per storage page), each row aligned with `columns`. */
  readonly batches: AsyncIterable<readonly ExportRow[]> | Iterable<readonly ExportRow[]>;
}

export const column = (key: string, zh: string, en: string): ExportColumn => ({ key, zh, en });

/** A table whose rows are all known already (one batch). */
export function tableOf(columns: readonly ExportColumn[], rows: readonly ExportRow[]): ExportTable {
  return { columns, batches: [rows] };
}

/** Every row of a table, batches joined (tests, small exports). */
export async function collectRows(table: ExportTable): Promise<ExportRow[]> {
  const rows: ExportRow[] = [];
  for await (const batch of table.batches) rows.push(...batch);
  return rows;
}
