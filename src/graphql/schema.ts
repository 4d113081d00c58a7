/**
 * The GraphQL schema, built from the resolvers by type-graphql, and its SDL as committed in
 * schema/schema.graphql (STYLE.md principle 12: a test fails when the two drift).
 */
import { printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AgencyResolver, ParentLinkResolver } from './resolvers/agency.resolver';
import { CatalogueResolver, CatalogueRuleResolver } from './resolvers/catalogue.resolver';
import { ImportResolver } from './resolvers/import.resolver';
import { ReportResolver } from './resolvers/report.resolver';
import { AnalyticsResolver } from './resolvers/analytics.resolver';
import { ROLLUP_RESOLVERS } from './resolvers/rollup.resolver';
import { TokenResolver } from './resolvers/token.resolver';

export const RESOLVERS = [AgencyResolver, ParentLinkResolver, ReportResolver, CatalogueResolver, CatalogueRuleResolver, ImportResolver, ...ROLLUP_RESOLVERS, AnalyticsResolver, TokenResolver] as const;

/** Where the emitted SDL is committed, relative to the repository root. */
export const SCHEMA_FILE = 'schema/schema.graphql';

let built: Promise<GraphQLSchema> | null = null;

/** The executable schema; built once per process (type-graphql's metadata is global anyway). */
export function buildGraphqlSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers: [...RESOLVERS], validate: false });
  return built;
}

/** The SDL as committed: in definition order (the tables follow the official row order). */
export function schemaSdl(schema: GraphQLSchema): string {
  return `# Emitted by \`npm run emit-schema\` from src/graphql; do not edit by hand.\n\n${printSchema(schema)}\n`;
}
