/**
 * Who is above an agency, for invalidating cached responses (src/graphql/response-cache.ts): a write
 * to an agency's report changes the rollups of the agency and of every ancestor. Ancestors of ANY year
 * are returned (a superset of the year's tree), so rollups read in the CURRENT hierarchy are covered too.
 */
import { selectAncestorIdsAnyYear } from './hierarchy.queries';
import type { Executor } from './sql';

/** The ids of the agencies and of all their ancestors in any year, each once, in no particular order. */
export async function selfAndAncestorIdsIn(db: Executor, agencyIds: readonly number[]): Promise<readonly number[]> {
  if (agencyIds.length === 0) return [];
  const ancestors = await selectAncestorIdsAnyYear(db, agencyIds);
  return Object.freeze([...new Set([...agencyIds, ...ancestors])]);
}
