/**
 * The cell_code dictionary loaded once at open: code ↔ SMALLINT id, and per format the ids of its
 * catalogue cells (to tell zero from absent when reading the compact encoding back).
 */
import { cellsOf, FORMAT_IDS, type FormatId } from '../domain/catalogue';
import type { Executor } from './sql';
import { toSafeInteger } from './sql';

export interface CellDictionary {
  idOf(code: string): number;
  /** The id of a code, undefined when the dictionary lacks it (a read asking about any string). */
  findId(code: string): number | undefined;
  codeOf(id: number): string;
  /** Ids of every cell of the format, in catalogue order. */
  idsOfFormat(format: FormatId): readonly number[];
  /** Formats whose catalogue has the cell. */
  formatsOf(id: number): readonly FormatId[];
}

export async function loadCellDictionary(db: Executor): Promise<CellDictionary> {
  const rows = await db.query<{ id: unknown; code: string }[]>('SELECT id, code FROM cell_code');
  const ids = new Map<string, number>();
  const codes = new Map<number, string>();
  for (const row of rows) {
    const id = toSafeInteger(row.id, 'cell_code.id');
    ids.set(row.code, id);
    codes.set(id, row.code);
  }
  const byFormat = new Map<FormatId, readonly number[]>();
  const formatsById = new Map<number, FormatId[]>();
  for (const format of FORMAT_IDS) {
    const list = cellsOf(format).map((cell) => {
      const id = ids.get(cell.code);
      if (id === undefined) throw new Error(`cell_code has no id for ${cell.code}: a migration must add it`);
      formatsById.set(id, [...(formatsById.get(id) ?? []), format]);
      return id;
    });
    byFormat.set(format, Object.freeze(list));
  }
  return {
    idOf(code) {
      const id = ids.get(code);
      if (id === undefined) throw new Error(`unknown cell code ${code}`);
      return id;
    },
    findId: (code) => ids.get(code),
    codeOf(id) {
      const code = codes.get(id);
      if (code === undefined) throw new Error(`unknown cell_code id ${id}`);
      return code;
    },
    idsOfFormat: (format) => byFormat.get(format)!,
    formatsOf: (id) => formatsById.get(id) ?? [],
  };
}

/** "3,17,40" ↔ [3, 17, 40]: the compact list of blank or absent cells on a report row. */
export function encodeIds(ids: readonly number[]): string {
  return [...ids].sort((a, b) => a - b).join(',');
}

export function decodeIds(text: string | null): number[] {
  return text ? text.split(',').map((s) => toSafeInteger(s, 'cell id list')) : [];
}
