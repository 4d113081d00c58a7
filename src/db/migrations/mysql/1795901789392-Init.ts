import { MigrationInterface, QueryRunner } from "typeorm";

export class Init1795901789392 implements MigrationInterface {
    name = 'Init1795901789392'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`agency\` (\`id\` int NOT NULL AUTO_INCREMENT, \`code\` varchar(64) NOT NULL, \`name\` varchar(200) NOT NULL, \`kind\` enum ('PROVINCE', 'CITY', 'DISTRICT', 'SUBDISTRICT', 'TOWN', 'COMMUNITY', 'VILLAGE', 'DEPARTMENT', 'OTHER') NOT NULL, \`created_at\` varchar(24) NOT NULL, UNIQUE INDEX \`uq_agency_code\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`agency_name\` (\`id\` int NOT NULL AUTO_INCREMENT, \`agency_id\` int NOT NULL, \`name\` varchar(200) NOT NULL, \`from_year\` int NULL, \`recorded_at\` varchar(24) NOT NULL, INDEX \`ix_agency_name_agency\` (\`agency_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`agency_alias\` (\`agency_id\` int NOT NULL, \`alias\` varchar(200) NOT NULL, INDEX \`ix_agency_alias_alias\` (\`alias\`), PRIMARY KEY (\`agency_id\`, \`alias\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`parent_link\` (\`child_id\` int NOT NULL, \`from_year\` int NOT NULL, \`parent_id\` int NULL, \`to_year\` int NULL, INDEX \`ix_parent_link_parent\` (\`parent_id\`), PRIMARY KEY (\`child_id\`, \`from_year\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`agency_closure\` (\`ancestor_id\` int NOT NULL, \`descendant_id\` int NOT NULL, \`from_year\` int NOT NULL, \`to_year\` int NOT NULL, \`depth\` int NOT NULL, INDEX \`ix_closure_descendant_years\` (\`descendant_id\`, \`from_year\`, \`to_year\`, \`ancestor_id\`), INDEX \`ix_closure_ancestor_years\` (\`ancestor_id\`, \`from_year\`, \`to_year\`, \`descendant_id\`), PRIMARY KEY (\`ancestor_id\`, \`descendant_id\`, \`from_year\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`cell_code\` (\`id\` smallint NOT NULL, \`code\` varchar(100) NOT NULL, UNIQUE INDEX \`uq_cell_code_code\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`report\` (\`id\` int NOT NULL AUTO_INCREMENT, \`agency_id\` int NOT NULL, \`year\` int NOT NULL, \`format\` varchar(8) NOT NULL, \`status\` enum ('DRAFT', 'PUBLISHED') NOT NULL, \`scope\` enum ('OWN', 'REGION') NOT NULL, \`published_on\` varchar(10) NULL, \`text_overview\` text NULL, \`text_problems\` text NULL, \`text_other\` text NULL, \`stated_figures\` text NOT NULL, \`diagnostics\` text NOT NULL, \`blank_codes\` text NOT NULL, \`absent_codes\` text NOT NULL, \`accepted_failures\` varchar(200) NOT NULL, \`revision\` int NOT NULL, \`source_name\` varchar(500) NULL, \`content_hash\` varchar(64) NOT NULL, \`submitted_by\` varchar(200) NULL, \`submitted_at\` varchar(24) NOT NULL, \`updated_at\` varchar(24) NOT NULL, INDEX \`ix_report_year_status\` (\`year\`, \`status\`, \`scope\`), UNIQUE INDEX \`uq_report_agency_year\` (\`agency_id\`, \`year\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`report_cell\` (\`report_id\` int NOT NULL, \`code_id\` smallint NOT NULL, \`value\` bigint NOT NULL, PRIMARY KEY (\`report_id\`, \`code_id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`report_check_failure\` (\`report_id\` int NOT NULL, \`seq\` smallint NOT NULL, \`rule_id\` varchar(16) NOT NULL, \`severity\` varchar(8) NOT NULL, \`cells\` text NOT NULL, \`message\` text NOT NULL, INDEX \`ix_check_failure_rule\` (\`rule_id\`), PRIMARY KEY (\`report_id\`, \`seq\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`report_revision\` (\`report_id\` int NOT NULL, \`revision\` int NOT NULL, \`status\` enum ('DRAFT', 'PUBLISHED') NOT NULL, \`format\` varchar(8) NOT NULL, \`cells\` text NOT NULL, \`content_hash\` varchar(64) NOT NULL, \`changed_by\` varchar(200) NULL, \`changed_at\` varchar(24) NOT NULL, \`action\` varchar(32) NOT NULL, PRIMARY KEY (\`report_id\`, \`revision\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`rollup\` (\`agency_id\` int NOT NULL, \`year\` int NOT NULL, \`code_id\` smallint NOT NULL, \`value_sum\` bigint NOT NULL, \`absent_reporters\` int NOT NULL, PRIMARY KEY (\`agency_id\`, \`year\`, \`code_id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`rollup_node\` (\`agency_id\` int NOT NULL, \`year\` int NOT NULL, \`expected\` int NOT NULL, \`reported\` int NOT NULL, \`reporters_f2019\` int NOT NULL, \`reporters_f2021\` int NOT NULL, PRIMARY KEY (\`agency_id\`, \`year\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`rollup_year\` (\`year\` int NOT NULL, PRIMARY KEY (\`year\`)) ENGINE=InnoDB`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE \`rollup_year\``);
        await queryRunner.query(`DROP TABLE \`rollup_node\``);
        await queryRunner.query(`DROP TABLE \`rollup\``);
        await queryRunner.query(`DROP TABLE \`report_revision\``);
        await queryRunner.query(`DROP INDEX \`ix_check_failure_rule\` ON \`report_check_failure\``);
        await queryRunner.query(`DROP TABLE \`report_check_failure\``);
        await queryRunner.query(`DROP TABLE \`report_cell\``);
        await queryRunner.query(`DROP INDEX \`uq_report_agency_year\` ON \`report\``);
        await queryRunner.query(`DROP INDEX \`ix_report_year_status\` ON \`report\``);
        await queryRunner.query(`DROP TABLE \`report\``);
        await queryRunner.query(`DROP INDEX \`uq_cell_code_code\` ON \`cell_code\``);
        await queryRunner.query(`DROP TABLE \`cell_code\``);
        await queryRunner.query(`DROP INDEX \`ix_closure_ancestor_years\` ON \`agency_closure\``);
        await queryRunner.query(`DROP INDEX \`ix_closure_descendant_years\` ON \`agency_closure\``);
        await queryRunner.query(`DROP TABLE \`agency_closure\``);
        await queryRunner.query(`DROP INDEX \`ix_parent_link_parent\` ON \`parent_link\``);
        await queryRunner.query(`DROP TABLE \`parent_link\``);
        await queryRunner.query(`DROP INDEX \`ix_agency_alias_alias\` ON \`agency_alias\``);
        await queryRunner.query(`DROP TABLE \`agency_alias\``);
        await queryRunner.query(`DROP INDEX \`ix_agency_name_agency\` ON \`agency_name\``);
        await queryRunner.query(`DROP TABLE \`agency_name\``);
        await queryRunner.query(`DROP INDEX \`uq_agency_code\` ON \`agency\``);
        await queryRunner.query(`DROP TABLE \`agency\``);
    }

}
