import { MigrationInterface, QueryRunner } from "typeorm";

export class Init1795901786680 implements MigrationInterface {
    name = 'Init1795901786680'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "agency" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "code" varchar(64) NOT NULL, "name" varchar(200) NOT NULL, "kind" varchar CHECK( "kind" IN ('PROVINCE','CITY','DISTRICT','SUBDISTRICT','TOWN','COMMUNITY','VILLAGE','DEPARTMENT','OTHER') ) NOT NULL, "created_at" varchar(24) NOT NULL)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_agency_code" ON "agency" ("code") `);
        await queryRunner.query(`CREATE TABLE "agency_name" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "agency_id" integer NOT NULL, "name" varchar(200) NOT NULL, "from_year" integer, "recorded_at" varchar(24) NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "ix_agency_name_agency" ON "agency_name" ("agency_id") `);
        await queryRunner.query(`CREATE TABLE "agency_alias" ("agency_id" integer NOT NULL, "alias" varchar(200) NOT NULL, PRIMARY KEY ("agency_id", "alias"))`);
        await queryRunner.query(`CREATE INDEX "ix_agency_alias_alias" ON "agency_alias" ("alias") `);
        await queryRunner.query(`CREATE TABLE "parent_link" ("child_id" integer NOT NULL, "from_year" integer NOT NULL, "parent_id" integer, "to_year" integer, PRIMARY KEY ("child_id", "from_year"))`);
        await queryRunner.query(`CREATE INDEX "ix_parent_link_parent" ON "parent_link" ("parent_id") `);
        await queryRunner.query(`CREATE TABLE "agency_closure" ("ancestor_id" integer NOT NULL, "descendant_id" integer NOT NULL, "from_year" integer NOT NULL, "to_year" integer NOT NULL, "depth" integer NOT NULL, PRIMARY KEY ("ancestor_id", "descendant_id", "from_year"))`);
        await queryRunner.query(`CREATE INDEX "ix_closure_descendant_years" ON "agency_closure" ("descendant_id", "from_year", "to_year", "ancestor_id") `);
        await queryRunner.query(`CREATE INDEX "ix_closure_ancestor_years" ON "agency_closure" ("ancestor_id", "from_year", "to_year", "descendant_id") `);
        await queryRunner.query(`CREATE TABLE "cell_code" ("id" smallint PRIMARY KEY NOT NULL, "code" varchar(100) NOT NULL)`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_cell_code_code" ON "cell_code" ("code") `);
        await queryRunner.query(`CREATE TABLE "report" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "agency_id" integer NOT NULL, "year" integer NOT NULL, "format" varchar(8) NOT NULL, "status" varchar CHECK( "status" IN ('DRAFT','PUBLISHED') ) NOT NULL, "scope" varchar CHECK( "scope" IN ('OWN','REGION') ) NOT NULL, "published_on" varchar(10), "text_overview" text, "text_problems" text, "text_other" text, "stated_figures" text NOT NULL, "diagnostics" text NOT NULL, "blank_codes" text NOT NULL, "absent_codes" text NOT NULL, "accepted_failures" varchar(200) NOT NULL, "revision" integer NOT NULL, "source_name" varchar(500), "content_hash" varchar(64) NOT NULL, "submitted_by" varchar(200), "submitted_at" varchar(24) NOT NULL, "updated_at" varchar(24) NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "ix_report_year_status" ON "report" ("year", "status", "scope") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_report_agency_year" ON "report" ("agency_id", "year") `);
        await queryRunner.query(`CREATE TABLE "report_cell" ("report_id" integer NOT NULL, "code_id" smallint NOT NULL, "value" bigint NOT NULL, PRIMARY KEY ("report_id", "code_id"))`);
        await queryRunner.query(`CREATE TABLE "report_check_failure" ("report_id" integer NOT NULL, "seq" smallint NOT NULL, "rule_id" varchar(16) NOT NULL, "severity" varchar(8) NOT NULL, "cells" text NOT NULL, "message" text NOT NULL, PRIMARY KEY ("report_id", "seq"))`);
        await queryRunner.query(`CREATE INDEX "ix_check_failure_rule" ON "report_check_failure" ("rule_id") `);
        await queryRunner.query(`CREATE TABLE "report_revision" ("report_id" integer NOT NULL, "revision" integer NOT NULL, "status" varchar CHECK( "status" IN ('DRAFT','PUBLISHED') ) NOT NULL, "format" varchar(8) NOT NULL, "cells" text NOT NULL, "content_hash" varchar(64) NOT NULL, "changed_by" varchar(200), "changed_at" varchar(24) NOT NULL, "action" varchar(32) NOT NULL, PRIMARY KEY ("report_id", "revision"))`);
        await queryRunner.query(`CREATE TABLE "rollup" ("agency_id" integer NOT NULL, "year" integer NOT NULL, "code_id" smallint NOT NULL, "value_sum" bigint NOT NULL, "absent_reporters" integer NOT NULL, PRIMARY KEY ("agency_id", "year", "code_id"))`);
        await queryRunner.query(`CREATE TABLE "rollup_node" ("agency_id" integer NOT NULL, "year" integer NOT NULL, "expected" integer NOT NULL, "reported" integer NOT NULL, "reporters_f2019" integer NOT NULL, "reporters_f2021" integer NOT NULL, PRIMARY KEY ("agency_id", "year"))`);
        await queryRunner.query(`CREATE TABLE "rollup_year" ("year" integer PRIMARY KEY NOT NULL)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "rollup_year"`);
        await queryRunner.query(`DROP TABLE "rollup_node"`);
        await queryRunner.query(`DROP TABLE "rollup"`);
        await queryRunner.query(`DROP TABLE "report_revision"`);
        await queryRunner.query(`DROP INDEX "ix_check_failure_rule"`);
        await queryRunner.query(`DROP TABLE "report_check_failure"`);
        await queryRunner.query(`DROP TABLE "report_cell"`);
        await queryRunner.query(`DROP INDEX "uq_report_agency_year"`);
        await queryRunner.query(`DROP INDEX "ix_report_year_status"`);
        await queryRunner.query(`DROP TABLE "report"`);
        await queryRunner.query(`DROP INDEX "uq_cell_code_code"`);
        await queryRunner.query(`DROP TABLE "cell_code"`);
        await queryRunner.query(`DROP INDEX "ix_closure_ancestor_years"`);
        await queryRunner.query(`DROP INDEX "ix_closure_descendant_years"`);
        await queryRunner.query(`DROP TABLE "agency_closure"`);
        await queryRunner.query(`DROP INDEX "ix_parent_link_parent"`);
        await queryRunner.query(`DROP TABLE "parent_link"`);
        await queryRunner.query(`DROP INDEX "ix_agency_alias_alias"`);
        await queryRunner.query(`DROP TABLE "agency_alias"`);
        await queryRunner.query(`DROP INDEX "ix_agency_name_agency"`);
        await queryRunner.query(`DROP TABLE "agency_name"`);
        await queryRunner.query(`DROP INDEX "uq_agency_code"`);
        await queryRunner.query(`DROP TABLE "agency"`);
    }

}
