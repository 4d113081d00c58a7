import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * rollup_node.cells separates its triples with ';' ("codeId,sum,absent;codeId,sum,absent"), so that
 * one cell is found by a binary search over the triples without parsing the others (src/db/packed-cells.ts;
 * DESIGN.md §7: a dashboard screen reads ~40 nodes for a handful of cells each). Rewritten from the
 * per-cell rows, under a GROUP_CONCAT limit large enough for every cell of the catalogue.
 */
export class SeparatedRollupTriples1795912000000 implements MigrationInterface {
    name = 'SeparatedRollupTriples1795912000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`SET SESSION group_concat_max_len = 16777216`);
        await queryRunner.query(`UPDATE \`rollup_node\` n SET n.\`cells\` = COALESCE((SELECT GROUP_CONCAT(CONCAT(r.\`code_id\`, ',', r.\`value_sum\`, ',', r.\`absent_reporters\`) ORDER BY r.\`code_id\` SEPARATOR ';') FROM \`rollup\` r WHERE r.\`agency_id\` = n.\`agency_id\` AND r.\`year\` = n.\`year\`), '')`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`SET SESSION group_concat_max_len = 16777216`);
        await queryRunner.query(`UPDATE \`rollup_node\` n SET n.\`cells\` = COALESCE((SELECT GROUP_CONCAT(CONCAT(r.\`code_id\`, ',', r.\`value_sum\`, ',', r.\`absent_reporters\`) ORDER BY r.\`code_id\` SEPARATOR ',') FROM \`rollup\` r WHERE r.\`agency_id\` = n.\`agency_id\` AND r.\`year\` = n.\`year\`), '')`);
    }

}
