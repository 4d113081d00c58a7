/**
 * Runs an export against Storage (the only way to the database: all SQL stays in src/db) and returns
 * a CSV table or .xlsx bytes. Shared by `npm run export` and the HTTP endpoint. Everything that can
 * fail (unknown agency, no report, too costly) fails before the first row is produced, so an HTTP
 * response can still answer with a coded JSON error; later aggregate pages are read as the CSV streams.
 */
import type { AgencyRecord, AggregateQuery, RollupRecord, Storage } from '../db/api';
import { ALL_CELL_CODES } from '../domain/catalogue';
import { AppError } from '../errors';
import { storageValidationReader, validationOf } from '../analytics/validation';
import { aggregateColumns, aggregateRows, childrenTable, reportTable, rollupTable, seriesTable, validationTable } from './cell-rows';
import type { ExportRequest } from './export-request';
import type { ExportRow, ExportTable } from './table';
import { reportXlsx, rollupXlsx } from './xlsx';

export interface ExportLimits {
  /**
   * Largest agencies × years × cells of a rollup, children or series export (the GraphQL
   * MAX_QUERY_COST); null: no limit (the operator's CLI).
   */
  readonly maxCost: number | null;
  /** Passed to Storage.aggregate (MAX_AGGREGATE_COST). */
  readonly maxAggregateCost: number;
  /** Refuse DRAFT reports (public HTTP export); the CLI exports whatever is stored. */
  readonly publishedOnly: boolean;
  /** Aggregate groups read per storage call while streaming; default AGGREGATE_PAGE_SIZE. */
  readonly aggregatePageSize?: number;
}

export type ExportOutput =
  | { readonly kind: 'csv'; readonly table: ExportTable; readonly filename: string }
  | { readonly kind: 'xlsx'; readonly bytes: Buffer; readonly filename: string };

/** Agencies listed per failing rule in a validation export (the API's summary lists 100). */
export const VALIDATION_AGENCIES_PER_RULE = 10_000;

/** Aggregate rows read per storage call while streaming. */
export const AGGREGATE_PAGE_SIZE = 5000;
/** Children of the CURRENT tree: links still open (the closure's open end, as rollup.resolver.ts). */
const OPEN_YEAR = 9999;

async function agencyOrThrow(storage: Storage, field: string, code: string): Promise<AgencyRecord> {
  const [agency] = await storage.agenciesByCode([code]);
  if (!agency) throw new AppError('NOT_FOUND', `${field}: no agency has the code ${JSON.stringify(code)}`, { field, expected: 'the code of an existing agency', received: JSON.stringify(code) });
  return agency;
}

/** The cost check of DESIGN.md §6 (agencies × years × cells), with the details the API's TOO_COSTLY carries. */
function checkCost(limits: ExportLimits, agencies: number, years: number, codes: readonly string[] | null): void {
  if (limits.maxCost === null) return;
  const cells = codes?.length ?? ALL_CELL_CODES.length;
  const cost = agencies * years * cells;
  if (cost <= limits.maxCost) return;
  throw new AppError('TOO_COSTLY', `the export would read about ${cost} cells (${agencies} agencies × ${years} years × ${cells} cells), above the limit of ${limits.maxCost}; ask for fewer codes or a smaller node`, {
    field: 'codes', expected: `an estimated cost up to ${limits.maxCost}`, received: String(cost), cost, maxCost: limits.maxCost, agencies, years, cells,
  });
}

/** A download name: letters (Chinese included), digits, `.`, `_`, `-`; anything else becomes `_`. */
const fileName = (...parts: (string | number)[]) => parts.join('-').replace(/[^\p{L}\p{N}._-]+/gu, '_');

export async function runExport(storage: Storage, request: ExportRequest, limits: ExportLimits): Promise<ExportOutput> {
  switch (request.kind) {
    case 'report': {
      const agency = await agencyOrThrow(storage, 'agency', request.agencyCode);
      const [report] = await storage.reportsByAgencyYear([{ agencyId: agency.id, year: request.year }]);
      if (!report || (limits.publishedOnly && report.status !== 'PUBLISHED')) {
        throw new AppError('NOT_FOUND', `year: ${agency.code} has no ${limits.publishedOnly ? 'published ' : ''}report for ${request.year}`, {
          field: 'year', expected: 'a year the agency has a report for', received: String(request.year),
        });
      }
      const filename = fileName('report', agency.code, request.year);
      return request.fileFormat === 'xlsx'
        ? { kind: 'xlsx', bytes: await reportXlsx(agency, report), filename: `${filename}.xlsx` }
        : { kind: 'csv', table: reportTable(agency, report), filename: `${filename}.csv` };
    }
    case 'rollup': {
      checkCost(limits, 1, 1, request.codes);
      const agency = await agencyOrThrow(storage, 'agency', request.agencyCode);
      const options = { hierarchy: request.hierarchy, includeDrafts: request.includeDrafts };
      const [record] = await storage.rollups([{ agencyId: agency.id, year: request.year }], options);
      const filename = fileName('rollup', agency.code, request.year);
      return request.fileFormat === 'xlsx'
        ? { kind: 'xlsx', bytes: await rollupXlsx(agency, record, { ...options, format: request.layout }), filename: `${filename}.xlsx` }
        : { kind: 'csv', table: rollupTable(agency, record, request.codes), filename: `${filename}.csv` };
    }
    case 'children': {
      const parent = await agencyOrThrow(storage, 'parent', request.parentCode);
      const [children] = await storage.childrenOf([{ agencyId: parent.id, year: request.hierarchy === 'CURRENT' ? OPEN_YEAR : request.year }]);
      checkCost(limits, children.length, 1, request.codes);
      const records = await storage.rollups(children.map((c) => ({ agencyId: c.id, year: request.year })), { hierarchy: request.hierarchy, includeDrafts: request.includeDrafts });
      const rows = children.map((agency, i) => ({ agency, rollup: records[i] }));
      return { kind: 'csv', table: childrenTable(rows, request.codes), filename: `${fileName('children', parent.code, request.year)}.csv` };
    }
    case 'series': {
      const years = Array.from({ length: request.toYear - request.fromYear + 1 }, (_, i) => request.fromYear + i);
      checkCost(limits, 1, years.length, request.codes);
      const agency = await agencyOrThrow(storage, 'agency', request.agencyCode);
      const records: readonly RollupRecord[] = await storage.rollups(years.map((year) => ({ agencyId: agency.id, year })), { hierarchy: request.hierarchy, includeDrafts: request.includeDrafts });
      return { kind: 'csv', table: seriesTable(agency, records, request.codes), filename: `${fileName('series', agency.code, request.fromYear, request.toYear)}.csv` };
    }
    case 'validation': {
      const agency = await agencyOrThrow(storage, 'agency', request.agencyCode);
      const outcome = await validationOf(storageValidationReader(storage), agency, request.year, { hierarchy: request.hierarchy, includeDrafts: request.includeDrafts }, {
        agenciesPerRule: VALIDATION_AGENCIES_PER_RULE,
      });
      return { kind: 'csv', table: validationTable(outcome.failures), filename: `${fileName('validation', agency.code, request.year)}.csv` };
    }
    case 'aggregate': {
      const { agencyCodes, subtreeOf, ...rest } = request.filter;
      const agencyIds = agencyCodes === null ? null : (await Promise.all(agencyCodes.map((code) => agencyOrThrow(storage, 'agencyCodes', code)))).map((a) => a.id);
      const subtree = subtreeOf === null ? null : (await agencyOrThrow(storage, 'subtreeOf', subtreeOf)).id;
      const query: AggregateQuery = { filter: { ...rest, agencyIds, subtreeOf: subtree }, groupBy: request.groupBy, order: request.order, first: limits.aggregatePageSize ?? AGGREGATE_PAGE_SIZE, offset: 0 };
      const first = await storage.aggregate(query, { maxCost: limits.maxAggregateCost });
      async function* batches(): AsyncGenerator<readonly ExportRow[]> {
        yield aggregateRows(first.rows, first.unit);
        for (let offset = first.rows.length; offset < first.totalCount; ) {
          const page = await storage.aggregate({ ...query, offset }, { maxCost: limits.maxAggregateCost });
          if (page.rows.length === 0) return;
          yield aggregateRows(page.rows, page.unit);
          offset += page.rows.length;
        }
      }
      return { kind: 'csv', table: { columns: aggregateColumns(request.groupBy), batches: batches() }, filename: `${fileName('aggregate', ...request.groupBy.map((d) => d.toLowerCase()))}.csv` };
    }
    default: {
      const unreachable: never = request;
      throw new Error(`unknown export ${JSON.stringify(unreachable)}`);
    }
  }
}
