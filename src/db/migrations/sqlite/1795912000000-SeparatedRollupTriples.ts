import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * rollup_node.cells separates its triples with ';' ("codeId,sum,absent;codeId,sum,absent"), so that
 * one cell is found by a binary search over the triples without parsing the others (src/db/packed-cells.ts;
 * DESIGN.md §7: a dashboard screen reads ~40 nodes for a handful of cells each). Rewritten from the
 * per-cell rows.
 */
export class SeparatedRollupTriples1795912000000 implements MigrationInterface {
    name = 'SeparatedRollupTriples1795912000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`UPDATE "rollup_node" SET "cells" = COALESCE((SELECT group_concat("code_id" || ',' || "value_sum" || ',' || "absent_reporters", ';' ORDER BY "code_id") FROM "rollup" r WHERE r."agency_id" = "rollup_node"."agency_id" AND r."year" = "rollup_node"."year"), '')`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`UPDATE "rollup_node" SET "cells" = COALESCE((SELECT group_concat("code_id" || ',' || "value_sum" || ',' || "absent_reporters", ',' ORDER BY "code_id") FROM "rollup" r WHERE r."agency_id" = "rollup_node"."agency_id" AND r."year" = "rollup_node"."year"), '')`);
    }

}
