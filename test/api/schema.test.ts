import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildGraphqlSchema, SCHEMA_FILE, schemaSdl } from '../../src/graphql';

describe('the committed GraphQL schema', () => {
  it('is exactly what the resolvers build (run `npm run emit-schema` after changing the API)', async () => {
    const committed = readFileSync(path.resolve(__dirname, '..', '..', SCHEMA_FILE), 'utf8');
    const built = schemaSdl(await buildGraphqlSchema());
    if (committed !== built) {
      throw new Error(`${SCHEMA_FILE} is out of date: run \`npm run emit-schema\` and commit the result`);
    }
  });

  it('types report tables from the catalogue, with rows of both formats', async () => {
    const sdl = schemaSdl(await buildGraphqlSchema());
    expect(sdl).toContain('type ApplicantBreakdown {');
    expect(sdl).toMatch(/type ProactiveGovCentralProcurement \{[^}]*items: Int[^}]*amount: Decimal[^}]*\}/);
    expect(sdl).toMatch(/type ApplicationsTable \{[^}]*otherHandling: ApplicantBreakdown[^}]*otherMisc: ApplicantBreakdown[^}]*\}/);
    expect(sdl).toMatch(/type AppealsTable \{[^}]*review: AppealBlock[^}]*litigationDirect: AppealBlock[^}]*litigationAfterReview: AppealBlock[^}]*\}/);
  });
});
