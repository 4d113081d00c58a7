import type { QueryRunner } from 'typeorm';
import { INITIAL_CELL_CODES } from './initial-cell-codes';

/** Portable multi-row insert of the cell_code dictionary (ids 1..n in catalogue order). */
export async function seedCellCodes(queryRunner: QueryRunner): Promise<void> {
  const rows = INITIAL_CELL_CODES.map((code, index) => ({ id: index + 1, code }));
  for (let start = 0; start < rows.length; start += 100) {
    const chunk = rows.slice(start, start + 100);
    await queryRunner.query(
      `INSERT INTO cell_code (id, code) VALUES ${chunk.map(() => '(?, ?)').join(', ')}`,
      chunk.flatMap((r) => [r.id, r.code]),
    );
  }
}

export async function unseedCellCodes(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DELETE FROM cell_code WHERE id <= ?`, [INITIAL_CELL_CODES.length]);
}
