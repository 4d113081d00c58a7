import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * rollup_node.cells: the node's rollup cells packed in one text ("codeId,sum,absent,…", ascending
 * code ids), so that reading a node's rollup is one indexed row (DESIGN.md §7: the root's rollup at
 * most 1.5× one leaf's report). Existing rows are filled with GROUP_CONCAT under a session limit
 * large enough for every cell of the catalogue (the default 1,024 bytes would truncate).
 */
export class PackedRollupCells1795909000000 implements MigrationInterface {
    name = 'PackedRollupCells1795909000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`rollup_node\` ADD \`cells\` mediumtext NULL`);
        await queryRunner.query(`SET SESSION group_concat_max_len = 16777216`);
        await queryRunner.query(`UPDATE \`rollup_node\` n SET n.\`cells\` = COALESCE((SELECT GROUP_CONCAT(CONCAT(r.\`code_id\`, ',', r.\`value_sum\`, ',', r.\`absent_reporters\`) ORDER BY r.\`code_id\` SEPARATOR ',') FROM \`rollup\` r WHERE r.\`agency_id\` = n.\`agency_id\` AND r.\`year\` = n.\`year\`), '')`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`rollup_node\` DROP COLUMN \`cells\``);
    }

}
