/**
 * Writes the GraphQL SDL to schema/schema.graphql (`npm run emit-schema`). The file is committed;
 * test/api/schema.test.ts fails when it differs from what the resolvers build.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildGraphqlSchema, SCHEMA_FILE, schemaSdl } from '../src/graphql';

async function main(): Promise<void> {
  const target = path.resolve(__dirname, '..', SCHEMA_FILE);
  writeFileSync(target, schemaSdl(await buildGraphqlSchema()), 'utf8');
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
