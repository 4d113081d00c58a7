/**
 * Small named mappers between storage records, domain values and API shapes (STYLE.md principle 10).
 * No I/O; no arithmetic beyond formatting (amounts: integer 分 → decimal text of 万元, money.ts).
 */
import { cellsOf, findCell, formatDef, type CellDef, type FormatId, type TableId } from '../domain/catalogue';
import type { Diagnostic, InterchangeCellValue, InterchangeDocument } from '../domain/interchange';
import { minorToWan } from '../domain/money';
import { cellsFromInterchange, type CellNumber, type CellValues } from '../domain/report-values';
import type { AgencyRecord, Page, ReportRecord } from '../db/api';
import { AppError, invalid } from '../errors';
import { encodeCursor } from './arguments';
import type { SubmitReportInput } from './inputs/report.input';
import { fieldNameOf, type TableValues } from './types/report-tables.type';

/** A page of agencies as a connection; cursors encode absolute offsets. */
export function toAgencyConnection(page: Page<AgencyRecord>, offset: number) {
  const edges = page.nodes.map((node, i) => ({ cursor: encodeCursor(offset + i), node }));
  return {
    nodes: page.nodes,
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.length > 0 ? edges[edges.length - 1].cursor : null },
    totalCount: page.totalCount,
  };
}

/** A cell's value as the API shows it: counts as numbers, amounts as 万元 text, blank or absent as null. */
function apiValue(def: CellDef, value: CellNumber | undefined): number | string | null {
  if (value === null || value === undefined) return null;
  return def.unit === 'amount' ? minorToWan(value) : value;
}

/**
 * The typed table of a report (types/report-tables.type.ts): rows of the report's format with their
 * columns; rows and columns the format lacks are left out, which the API shows as null.
 */
export function tableValuesOf(format: FormatId, cells: CellValues, table: TableId): TableValues {
  const def = formatDef(format).tables.find((t) => t.id === table);
  if (!def) return {};
  const rows: Record<string, Record<string, number | string | null>> = {};
  for (const row of def.rows) {
    const values: Record<string, number | string | null> = {};
    for (const column of row.columns) {
      const code = `${table}.${row.code}.${column}`;
      values[fieldNameOf(column)] = apiValue(findCell(format, code)!, cells[code]);
    }
    rows[fieldNameOf(row.code)] = values;
  }
  return rows;
}

/** The cells of a report in catalogue order (only `codes` when given), each with its exact text. */
export function reportCells(report: Pick<ReportRecord, 'format' | 'cells'>, codes: ReadonlySet<string> | null) {
  return cellsOf(report.format)
    .filter((def) => codes === null || codes.has(def.code))
    .map((def) => {
      const value = apiValue(def, report.cells[def.code]);
      return {
        code: def.code,
        value: value === null ? null : String(value),
        present: Object.prototype.hasOwnProperty.call(report.cells, def.code),
        table: def.table,
        row: def.row,
        column: def.column,
        unit: def.unit,
        rowLabel: def.rowLabel,
        columnLabel: def.columnLabel,
        group: def.group ?? null,
      };
    });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The interchange document carried by submitReport's input, checked cell by cell against the
 * catalogue. Every problem is listed; the first one names the error.
 * @throws AppError VALIDATION_FAILED (field `input.cells.<code>`, expected, received, problems).
 */
export function documentFromSubmitInput(input: SubmitReportInput): InterchangeDocument {
  if (input.publishedOn != null && (!ISO_DATE.test(input.publishedOn) || Number.isNaN(Date.parse(input.publishedOn)))) {
    throw invalid('input.publishedOn', 'an ISO date YYYY-MM-DD', input.publishedOn);
  }
  const cells: Record<string, InterchangeCellValue> = {};
  const problems: { field: string; expected: string; received: string }[] = [];
  for (const [code, value] of Object.entries(input.cells)) {
    if (value === null || typeof value === 'number' || typeof value === 'string') cells[code] = value;
    else problems.push({ field: `input.cells.${code}`, expected: 'a JSON integer, a decimal string or null', received: JSON.stringify(value) });
  }
  for (const p of cellsFromInterchange(input.format, cells).problems) {
    problems.push({ field: `input.cells.${p.cell}`, expected: p.expected, received: p.received });
  }
  if (problems.length > 0) {
    const [first] = problems;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s), listed in extensions.problems)` : '';
    throw new AppError('VALIDATION_FAILED', `${first.field}: expected ${first.expected}, received ${first.received}${more}`, { ...first, problems });
  }
  return {
    format: input.format,
    year: input.year,
    agencyName: input.agencyName ?? null,
    agencyCode: input.agencyCode,
    publishedOn: input.publishedOn ?? null,
    scope: input.scope ?? 'OWN',
    cells,
    text: { overview: input.text?.overview ?? null, problems: input.text?.problems ?? null, other: input.text?.other ?? null },
    statedFigures: {
      proactiveItems: input.statedFigures?.proactiveItems ?? null,
      applicationsReceived: input.statedFigures?.applicationsReceived ?? null,
    },
    diagnostics: (input.diagnostics ?? []).map(toDiagnostic),
  };
}

function toDiagnostic(d: NonNullable<SubmitReportInput['diagnostics']>[number]): Diagnostic {
  const location = d.location
    ? {
        ...(d.location.line != null ? { line: d.location.line } : {}),
        ...(d.location.column != null ? { column: d.location.column } : {}),
        ...(d.location.path != null ? { path: d.location.path } : {}),
      }
    : undefined;
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.cell != null ? { cell: d.cell } : {}),
    ...(location ? { location } : {}),
  };
}
