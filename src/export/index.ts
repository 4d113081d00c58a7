/**
 * Exports (DESIGN.md §1 analysts "export to CSV", §5 `npm run export`): reports, rollups, children,
 * series and the analysts' aggregate as CSV, and reports and rollups in the national table layout
 * as .xlsx. Renderers are pure (rows → CSV text or stream; layout → workbook); export-runner.ts
 * reads through Storage. Public surface of src/export.
 */
export { csvChunks, csvField, csvHeader, csvRecord, csvText, CSV_CONTENT_TYPE, type CsvOptions } from './csv';
export { collectRows, tableOf, type ExportColumn, type ExportRow, type ExportTable, type ExportValue } from './table';
export { aggregateColumns, aggregateRows, cellLabel, childrenTable, codesReported, figure, reportTable, rollupTable, seriesTable, type CellState } from './cell-rows';
export { amountCellValue, chineseDate, nationalLayout, APPLICATIONS_IDENTITY_NOTE, type FigureLookup, type LayoutCell, type NationalLayout, type NationalLayoutInput } from './national-layout';
export { dominantFormat, layoutWorkbook, reportLayout, reportXlsx, rollupLayout, rollupXlsx, XLSX_CONTENT_TYPE, type RollupLayoutOptions, type WorkbookOptions } from './xlsx';
export {
  EXPORT_KINDS, parseExportRequest, readsDrafts, XLSX_KINDS,
  type ExportKind, type ExportParams, type ExportRequest, type FileFormat,
} from './export-request';
export { runExport, AGGREGATE_PAGE_SIZE, type ExportLimits, type ExportOutput } from './export-runner';
export { EXPORT_USAGE, parseExportArgs, type ExportCommand, type ParsedExportArgs } from './cli-args';
