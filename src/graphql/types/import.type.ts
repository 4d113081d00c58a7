/**
 * Types of the importDocument mutation (issue 3 item 5): what was read from the document, what the
 * reader noticed, what the checks said, and what was stored.
 */
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { FormatId } from '../../domain/catalogue';
import type { Diagnostic as DiagnosticValue, InterchangeCellValue, ReportStatus } from '../../domain/interchange';
import type { ReportRecord, SubmitOutcome } from '../../db/api';
import type { CheckResult as CheckResultValue } from '../../domain/checks/types';
import { FormatIdEnum, ReportStatusEnum, SubmitOutcomeEnum } from '../enums';
import { CheckResult, Diagnostic, Report, StatedFigures } from './report.type';

export const ImportEncodingEnum = { BASE64: 'BASE64', UTF8: 'UTF8' } as const;
export type ImportEncoding = keyof typeof ImportEncodingEnum;

registerEnumType(ImportEncodingEnum, {
  name: 'ImportEncoding',
  description: 'How `content` is written: UTF8 for text files (.txt, .html, .json), BASE64 for any file (required for .docx and .xlsx).',
});

@ObjectType({ description: 'The interchange document read from the file (FORMATS.md), with the overrides applied.' })
export class ImportedDocument {
  @Field(() => FormatIdEnum, { nullable: true, description: 'Detected from the labels, never from the year.' })
  format: FormatId | null;

  @Field(() => Int, { nullable: true })
  year: number | null;

  @Field(() => String, { nullable: true })
  agencyName: string | null;

  @Field(() => ID, { nullable: true })
  agencyCode: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date YYYY-MM-DD.' })
  publishedOn: string | null;

  @Field(() => GraphQLJSONObject, {
    description: 'Cell code → value: counts as JSON integers, amounts as decimal strings of 万元, blanks null; a cell the document lacks is left out.',
  })
  cells: Readonly<Record<string, InterchangeCellValue>>;

  @Field(() => StatedFigures)
  statedFigures: StatedFigures;
}

@ObjectType({ description: 'The outcome of importDocument.' })
export class ImportResult {
  @Field(() => SubmitOutcomeEnum, { description: 'CREATED, UPDATED (a new revision) or UNCHANGED (identical content: nothing written); in a dry run, what would happen.' })
  outcome: SubmitOutcome;

  @Field(() => Boolean)
  dryRun: boolean;

  @Field(() => ID, { description: 'The agency the document was bound to.' })
  agencyCode: string;

  @Field(() => ReportStatusEnum, { description: 'DRAFT while an ERROR check fails; in a dry run, the status that would be stored.' })
  status: ReportStatus;

  @Field(() => ImportedDocument)
  document: ImportedDocument;

  @Field(() => [Diagnostic])
  diagnostics: readonly DiagnosticValue[];

  @Field(() => [CheckResult], { description: 'Every check result, passed ones included: within the report and against last year\'s stored report.' })
  checks: readonly CheckResultValue[];

  @Field(() => [String], { description: 'ERROR rules that failed: the report is kept as a DRAFT.' })
  failingErrors: readonly string[];

  @Field(() => Report, { nullable: true, description: 'The stored report; null in a dry run.' })
  report: ReportRecord | null;
}
