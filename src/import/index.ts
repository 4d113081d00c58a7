/**
 * Public surface of src/import: the import application service (documents → ingest → checks →
 * storage) used by scripts/import.ts and the importDocument mutation.
 */
export {
  importDocument, importParsedDocument, locationText, withPlace,
  type AcceptedImport, type DocumentImport, type ImportAgency, type ImportInput, type ImportOptions, type ImportRejection, type RejectedImport,
} from './import-document';
export { collectFiles, importFiles, IMPORT_EXTENSIONS, type CollectedFiles, type ImportProgress } from './import-files';
export { AGENCY_CSV_COLUMNS, loadAgencies, parseAgenciesCsv, type AgenciesLoadResult, type AgencyCsvRow, type CsvProblem } from './agencies-csv';
export { guessAgencyKind, slugAgencyCode } from './agency-guess';
export { formatAgenciesLoad, formatSummary, resultLine, tally, type ImportTally } from './summary';
export { IMPORT_USAGE, parseImportArgs, type ImportCommand, type ParsedImportArgs } from './cli-args';
