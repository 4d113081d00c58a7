/**
 * Per-request DataLoaders: one per batch function of `Storage` (STYLE.md principle 5). Created anew
 * in the context of every request, so a cache never outlives a request nor leaks data between viewers.
 * Storage's batch functions return results aligned with their keys, which is DataLoader's contract.
 */
import DataLoader from 'dataloader';
import type { AgencyNameRecord, AgencyRecord, HierarchyMode, ReportRecord, RevisionRecord, RollupKey, RollupRecord, Storage } from '../db/api';

export interface Loaders {
  readonly agenciesByCode: DataLoader<string, AgencyRecord | null>;
  readonly agenciesById: DataLoader<number, AgencyRecord | null>;
  readonly reportsByAgencyYear: DataLoader<RollupKey, ReportRecord | null, string>;
  readonly childrenOf: DataLoader<RollupKey, readonly AgencyRecord[], string>;
  readonly parentsOf: DataLoader<RollupKey, AgencyRecord | null, string>;
  readonly reportsOfAgencies: DataLoader<number, readonly ReportRecord[]>;
  readonly revisionsOf: DataLoader<number, readonly RevisionRecord[]>;
  readonly nameHistory: DataLoader<number, readonly AgencyNameRecord[]>;
  /** Rollups of any mode; one Storage.rollups call per mode per tick (issue 4 item 7). */
  readonly rollups: DataLoader<RollupLoadKey, RollupRecord, string>;
  /** Agencies without a counted report under a node (rule H1), at most MISSING_LIMIT, by code; batched like rollups. */
  readonly missingReporters: DataLoader<RollupLoadKey, readonly AgencyRecord[], string>;
}

/** A rollup as asked: the node, the year and the mode. */
export interface RollupLoadKey extends RollupKey {
  readonly hierarchy: HierarchyMode;
  readonly includeDrafts: boolean;
}

export const rollupLoadKey = (key: RollupLoadKey): string => `${key.agencyId}:${key.year}:${key.hierarchy}:${key.includeDrafts ? 'D' : 'P'}`;

/** The longest list of missing agencies a request reads (Coverage.missing(first) caps at it). */
export const MISSING_LIMIT = 1000;

/** Splits a batch by mode and calls `load` once per mode; results aligned with the keys. */
async function loadByMode<T>(
  keys: readonly RollupLoadKey[],
  load: (keys: readonly RollupKey[], options: { hierarchy: HierarchyMode; includeDrafts: boolean }) => Promise<readonly T[]>,
): Promise<T[]> {
  const byMode = new Map<string, number[]>();
  keys.forEach((key, i) => {
    const mode = `${key.hierarchy}:${key.includeDrafts}`;
    const indexes = byMode.get(mode);
    if (indexes) indexes.push(i);
    else byMode.set(mode, [i]);
  });
  const results = new Array<T>(keys.length);
  await Promise.all([...byMode.values()].map(async (indexes) => {
    const { hierarchy, includeDrafts } = keys[indexes[0]];
    const records = await load(indexes.map((i) => ({ agencyId: keys[i].agencyId, year: keys[i].year })), { hierarchy, includeDrafts });
    indexes.forEach((keyIndex, j) => (results[keyIndex] = records[j]));
  }));
  return results;
}

function loadRollups(storage: Storage, keys: readonly RollupLoadKey[]): Promise<RollupRecord[]> {
  return loadByMode(keys, (part, options) => storage.rollups(part, options));
}

/** (agency, year) keys are objects; the cache compares them by value. */
export const agencyYearKey = (key: RollupKey): string => `${key.agencyId}:${key.year}`;

export function createLoaders(storage: Storage): Loaders {
  const byAgencyYear = { cacheKeyFn: agencyYearKey };
  const agenciesByCode = new DataLoader<string, AgencyRecord | null>((codes) => storage.agenciesByCode(codes));
  const agenciesById = new DataLoader<number, AgencyRecord | null>((ids) => storage.agenciesById(ids));
  return {
    agenciesByCode,
    agenciesById,
    reportsByAgencyYear: new DataLoader((keys) => storage.reportsByAgencyYear(keys), byAgencyYear),
    childrenOf: new DataLoader((keys) => storage.childrenOf(keys), byAgencyYear),
    parentsOf: new DataLoader((keys) => storage.parentsOf(keys), byAgencyYear),
    reportsOfAgencies: new DataLoader((ids) => storage.reportsOfAgencies(ids)),
    revisionsOf: new DataLoader((ids) => storage.revisionsOf(ids)),
    nameHistory: new DataLoader((ids) => storage.nameHistory(ids)),
    rollups: new DataLoader((keys) => loadRollups(storage, keys), { cacheKeyFn: rollupLoadKey }),
    missingReporters: new DataLoader((keys) => loadByMode(keys, (part, options) => storage.missingReportersMany(part, { ...options, limit: MISSING_LIMIT })), { cacheKeyFn: rollupLoadKey }),
  };
}

/** Records agencies met by other loaders in both agency caches, so that later look-ups cost nothing. */
export function primeAgencies(loaders: Loaders, agencies: readonly AgencyRecord[]): void {
  for (const agency of agencies) {
    loaders.agenciesById.prime(agency.id, agency);
    loaders.agenciesByCode.prime(agency.code, agency);
  }
}
