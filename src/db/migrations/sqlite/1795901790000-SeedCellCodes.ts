import type { MigrationInterface, QueryRunner } from 'typeorm';
import { seedCellCodes, unseedCellCodes } from '../seed-cell-codes';

/** Fills the cell_code dictionary from the catalogue of F2019 and F2021 (hand-written, same SQL on both engines). */
export class SeedCellCodes1795901790000 implements MigrationInterface {
  name = 'SeedCellCodes1795901790000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await seedCellCodes(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await unseedCellCodes(queryRunner);
  }
}
