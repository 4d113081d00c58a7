import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * rollup_node.cells: the node's rollup cells packed in one text ("codeId,sum,absent,…"), so that reading a node's rollup is one indexed row (DESIGN.md §7: the root's rollup at
 * most 1.5× one leaf's report). Filled from the per-cell rows by rebuilding the materialised years.
 */
export class PackedRollupCells1795909000000 implements MigrationInterface {
    name = 'PackedRollupCells1795909000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "rollup_node" ADD COLUMN "cells" text NOT NULL DEFAULT ''`);
        await queryRunner.query(`UPDATE "rollup_node" SET "cells" = COALESCE((SELECT group_concat("code_id" || ',' || "value_sum" || ',' || "absent_reporters") FROM "rollup" r WHERE r."agency_id" = "rollup_node"."agency_id" AND r."year" = "rollup_node"."year"), '')`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "rollup_node" DROP COLUMN "cells"`);
    }

}
