/**
 * The DataSource of the TypeORM CLI (`npm run typeorm -- migration:run` …), on the database of
 * DATABASE_URL as src/config.ts reads it (default: the embedded SQLite file of DESIGN.md §5).
 * Generate a migration per engine:
 *   DATABASE_URL=sqlite:/tmp/gen.sqlite npm run typeorm -- migration:generate src/db/migrations/sqlite/Name
 *   DATABASE_URL=mysql://root@127.0.0.1:3306/gen npm run typeorm -- migration:generate src/db/migrations/mysql/Name
 * then add the class to the engine's index.ts.
 */
import 'reflect-metadata';
import { loadConfig } from './src/config';
import { createDataSource } from './src/db/data-source';

export default createDataSource(loadConfig().databaseUrl);
