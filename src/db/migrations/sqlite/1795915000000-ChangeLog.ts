import { MigrationInterface, QueryRunner } from "typeorm";

/** change_log: what each committed write changed, for servers to drop cached responses made stale by other processes (entities/change-log.entity.ts). */
export class ChangeLog1795915000000 implements MigrationInterface {
    name = 'ChangeLog1795915000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "change_log" ("seq" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "agency_code" varchar(64), "year" integer, "written_at" varchar(24) NOT NULL)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "change_log"`);
    }

}
