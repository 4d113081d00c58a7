/**
 * What an export asks for, checked at the boundary (STYLE.md principle 1). The CLI's options and the
 * HTTP endpoint's query parameters are the same named strings (`agency`, `year`, `codes`, …), so one
 * parser serves both; it throws an AppError VALIDATION_FAILED naming the parameter, what was expected
 * and what arrived. Pure.
 */
import type { AggregateDimension, AggregateFilter, HierarchyMode } from '../db/api';
import { ALL_CELL_CODES, FORMAT_IDS, type FormatId } from '../domain/catalogue';
import { AGENCY_KINDS, type AgencyKind } from '../domain/checks/types';
import type { ReportStatus } from '../domain/interchange';
import { AppError, invalid } from '../errors';

export type ExportKind = 'report' | 'rollup' | 'children' | 'series' | 'aggregate' | 'validation';
export const EXPORT_KINDS: readonly ExportKind[] = ['report', 'rollup', 'children', 'series', 'aggregate', 'validation'];

export type FileFormat = 'csv' | 'xlsx';
/** Kinds that have the national table layout as .xlsx (DESIGN.md §5: "of rollups and reports"). */
export const XLSX_KINDS: readonly ExportKind[] = ['report', 'rollup'];

export const AGGREGATE_DIMENSIONS: readonly AggregateDimension[] = ['YEAR', 'AGENCY', 'PARENT', 'KIND', 'CODE', 'ROW', 'COLUMN', 'TABLE', 'FORMAT'];

/** Report years (the 条例 took effect in 2008), as the GraphQL API checks them (src/graphql/arguments.ts). */
export const FIRST_YEAR = 2008;
export const LAST_YEAR = 2100;
/** A series spans at most 30 years, as the GraphQL `series` (rollup.resolver.ts MAX_RANGE_YEARS). */
export const MAX_SERIES_YEARS = 30;
/** Lists in a filter (codes, years, agencies…): at most this many values, as the GraphQL aggregate. */
export const MAX_LIST_ITEMS = 1000;
const MAX_AGENCY_CODE_LENGTH = 64;

interface TreeOptions {
  readonly hierarchy: HierarchyMode;
  readonly includeDrafts: boolean;
}

export type ExportRequest =
  | { readonly kind: 'report'; readonly agencyCode: string; readonly year: number; readonly fileFormat: FileFormat }
  | ({ readonly kind: 'rollup'; readonly agencyCode: string; readonly year: number; readonly codes: readonly string[] | null; readonly fileFormat: FileFormat; readonly layout: FormatId | null } & TreeOptions)
  | ({ readonly kind: 'children'; readonly parentCode: string; readonly year: number; readonly codes: readonly string[] | null } & TreeOptions)
  | ({ readonly kind: 'series'; readonly agencyCode: string; readonly fromYear: number; readonly toYear: number; readonly codes: readonly string[] | null } & TreeOptions)
  | ({ readonly kind: 'validation'; readonly agencyCode: string; readonly year: number } & TreeOptions)
  | {
      readonly kind: 'aggregate';
      /** The GraphQL AggregateFilter with agencies by code (resolved to ids by the runner). */
      readonly filter: Omit<AggregateFilter, 'agencyIds' | 'subtreeOf'> & { readonly agencyCodes: readonly string[] | null; readonly subtreeOf: string | null };
      readonly groupBy: readonly AggregateDimension[];
      readonly order: 'ASC' | 'DESC' | null;
    };

/** Named string parameters (a URL's query, or CLI options); a repeated parameter is a list. */
export type ExportParams = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The parameters each kind accepts (others are refused, so a typo is not silently ignored). */
const ACCEPTED: Readonly<Record<ExportKind, readonly string[]>> = {
  report: ['agency', 'year'],
  rollup: ['agency', 'year', 'hierarchy', 'includeDrafts', 'codes', 'layout'],
  children: ['parent', 'year', 'hierarchy', 'includeDrafts', 'codes'],
  series: ['agency', 'from', 'to', 'hierarchy', 'includeDrafts', 'codes'],
  aggregate: ['groupBy', 'agencyCodes', 'subtreeOf', 'kinds', 'years', 'formats', 'codes', 'status', 'order'],
  validation: ['agency', 'year', 'hierarchy', 'includeDrafts'],
};

function single(params: ExportParams, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (value.length > 1) throw invalid(name, 'one value', value.join(', '));
  return value[0];
}

function required(params: ExportParams, name: string, expected: string): string {
  const value = single(params, name);
  if (value === undefined || value.trim() === '') throw new AppError('VALIDATION_FAILED', `${name}: missing; expected ${expected}`, { field: name, expected, received: 'nothing' });
  return value.trim();
}

/** A comma-separated (or repeated) list, trimmed, without repeats; null when not given. */
function list(params: ExportParams, name: string): string[] | null {
  const value = params[name];
  if (value === undefined) return null;
  const items = (typeof value === 'string' ? [value] : value).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  if (items.length === 0) throw invalid(name, 'a comma-separated list of at least one value', typeof value === 'string' ? value : value.join(','));
  if (items.length > MAX_LIST_ITEMS) throw invalid(name, `at most ${MAX_LIST_ITEMS} values`, `${items.length} values`);
  return [...new Set(items)];
}

export function parseAgencyCodeParam(name: string, text: string): string {
  if (text.length === 0 || text.length > MAX_AGENCY_CODE_LENGTH || text.trim() !== text) {
    throw invalid(name, `an agency code of 1 to ${MAX_AGENCY_CODE_LENGTH} characters without surrounding spaces`, text);
  }
  return text;
}

export function parseYearParam(name: string, text: string): number {
  const year = /^\d{4}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) throw invalid(name, `a report year from ${FIRST_YEAR} to ${LAST_YEAR}`, text);
  return year;
}

function parseBoolean(name: string, text: string | undefined): boolean {
  if (text === undefined) return false;
  switch (text.trim().toLowerCase()) {
    case '': case '1': case 'true': case 'yes': return true;
    case '0': case 'false': case 'no': return false;
    default: throw invalid(name, 'true or false', text);
  }
}

function oneOf<T extends string>(name: string, text: string, allowed: readonly T[]): T {
  const upper = text.trim().toUpperCase();
  const found = allowed.find((a) => a.toUpperCase() === upper);
  if (found === undefined) throw invalid(name, `one of ${allowed.join(', ')}`, text);
  return found;
}

/** Cell codes of the catalogue, in the order given (VALIDATION_FAILED names the first unknown one). */
export function parseCodes(name: string, codes: readonly string[] | null): readonly string[] | null {
  if (codes === null) return null;
  const known = new Set(ALL_CELL_CODES);
  const unknown = codes.find((c) => !known.has(c));
  if (unknown !== undefined) throw invalid(name, 'cell codes of the catalogue such as "applications.granted.total"', unknown);
  return codes;
}

function treeOptions(params: ExportParams): TreeOptions {
  const hierarchy = single(params, 'hierarchy');
  return {
    hierarchy: hierarchy === undefined ? 'YEAR' : oneOf<HierarchyMode>('hierarchy', hierarchy, ['YEAR', 'CURRENT']),
    includeDrafts: parseBoolean('includeDrafts', single(params, 'includeDrafts')),
  };
}

function parseFileFormat(kind: ExportKind, text: string | undefined): FileFormat {
  if (text === undefined) return 'csv';
  const format = oneOf<FileFormat>('format', text, XLSX_KINDS.includes(kind) ? ['csv', 'xlsx'] : ['csv']);
  return format;
}

/**
 * Checks the parameters of one export. `fileFormat` is csv unless given (xlsx: report and rollup only).
 * @throws AppError VALIDATION_FAILED for an unknown or malformed parameter.
 */
export function parseExportRequest(kind: ExportKind, params: ExportParams, fileFormat?: string): ExportRequest {
  const unknown = Object.keys(params).filter((name) => params[name] !== undefined && !ACCEPTED[kind].includes(name));
  if (unknown.length > 0) throw invalid(unknown[0], `a parameter of the ${kind} export (${ACCEPTED[kind].join(', ')})`, unknown[0]);
  const format = parseFileFormat(kind, fileFormat);
  switch (kind) {
    case 'report':
      return {
        kind,
        agencyCode: parseAgencyCodeParam('agency', required(params, 'agency', 'an agency code')),
        year: parseYearParam('year', required(params, 'year', 'a report year')),
        fileFormat: format,
      };
    case 'rollup': {
      const layout = single(params, 'layout');
      return {
        kind,
        agencyCode: parseAgencyCodeParam('agency', required(params, 'agency', 'an agency code')),
        year: parseYearParam('year', required(params, 'year', 'a report year')),
        codes: parseCodes('codes', list(params, 'codes')),
        fileFormat: format,
        layout: layout === undefined ? null : oneOf<FormatId>('layout', layout, FORMAT_IDS),
        ...treeOptions(params),
      };
    }
    case 'children':
      return {
        kind,
        parentCode: parseAgencyCodeParam('parent', required(params, 'parent', 'the code of the parent agency')),
        year: parseYearParam('year', required(params, 'year', 'a report year')),
        codes: parseCodes('codes', list(params, 'codes')),
        ...treeOptions(params),
      };
    case 'series': {
      const fromYear = parseYearParam('from', required(params, 'from', 'the first year'));
      const toYear = parseYearParam('to', required(params, 'to', 'the last year'));
      if (fromYear > toYear) throw invalid('from', `a year not after to (${toYear})`, String(fromYear));
      if (toYear - fromYear + 1 > MAX_SERIES_YEARS) throw invalid('to', `at most ${MAX_SERIES_YEARS} years from ${fromYear}, i.e. up to ${fromYear + MAX_SERIES_YEARS - 1}`, String(toYear));
      return {
        kind,
        agencyCode: parseAgencyCodeParam('agency', required(params, 'agency', 'an agency code')),
        fromYear,
        toYear,
        codes: parseCodes('codes', list(params, 'codes')),
        ...treeOptions(params),
      };
    }
    case 'validation':
      return {
        kind,
        agencyCode: parseAgencyCodeParam('agency', required(params, 'agency', 'an agency code')),
        year: parseYearParam('year', required(params, 'year', 'a report year')),
        ...treeOptions(params),
      };
    case 'aggregate': {
      const groupBy = list(params, 'groupBy');
      if (groupBy === null) throw new AppError('VALIDATION_FAILED', `groupBy: missing; expected dimensions among ${AGGREGATE_DIMENSIONS.join(', ')}`, { field: 'groupBy', expected: AGGREGATE_DIMENSIONS.join(', '), received: 'nothing' });
      const order = single(params, 'order');
      const status = single(params, 'status');
      const subtreeOf = single(params, 'subtreeOf');
      return {
        kind,
        groupBy: groupBy.map((d) => oneOf('groupBy', d, AGGREGATE_DIMENSIONS)),
        order: order === undefined ? null : oneOf<'ASC' | 'DESC'>('order', order, ['ASC', 'DESC']),
        filter: {
          agencyCodes: list(params, 'agencyCodes')?.map((code) => parseAgencyCodeParam('agencyCodes', code)) ?? null,
          subtreeOf: subtreeOf === undefined ? null : parseAgencyCodeParam('subtreeOf', subtreeOf.trim()),
          kinds: list(params, 'kinds')?.map((k) => oneOf<AgencyKind>('kinds', k, AGENCY_KINDS)) ?? null,
          years: list(params, 'years')?.map((y) => parseYearParam('years', y)) ?? null,
          formats: list(params, 'formats')?.map((f) => oneOf<FormatId>('formats', f, FORMAT_IDS)) ?? null,
          codes: parseCodes('codes', list(params, 'codes')),
          status: status === undefined ? 'PUBLISHED' : oneOf<ReportStatus>('status', status, ['PUBLISHED', 'DRAFT']),
        },
      };
    }
    default: {
      const unreachable: never = kind;
      throw new Error(`unknown export kind ${String(unreachable)}`);
    }
  }
}

/** True when the request reads drafts (not public: DESIGN.md §6). */
export function readsDrafts(request: ExportRequest): boolean {
  switch (request.kind) {
    case 'report':
      return false;
    case 'rollup':
    case 'children':
    case 'series':
    case 'validation':
      return request.includeDrafts;
    case 'aggregate':
      return request.filter.status === 'DRAFT';
    default: {
      const unreachable: never = request;
      throw new Error(`unknown export ${JSON.stringify(unreachable)}`);
    }
  }
}
