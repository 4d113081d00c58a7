/**
 * The Report type and what hangs off it. The resolver root is the storage's `ReportRecord`; the
 * tables, cells, agency and revisions are field resolvers of ReportResolver (one per table, never
 * one per cell).
 */
import { Field, Int, ObjectType } from 'type-graphql';
import type { FormatId, Severity } from '../../domain/catalogue';
import type { ReportScope, ReportStatus } from '../../domain/interchange';
import { FormatIdEnum, ReportScopeEnum, ReportStatusEnum, SeverityEnum, SubmitOutcomeEnum } from '../enums';
import { CellPlace } from './common.type';

@ObjectType({ simpleResolvers: true, description: 'Free-text sections: 一、总体情况, 五、存在的主要问题及改进情况, 六、其他需要报告的事项.' })
export class ReportText {
  @Field(() => String, { nullable: true })
  overview: string | null;

  @Field(() => String, { nullable: true })
  problems: string | null;

  @Field(() => String, { nullable: true })
  other: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'Figures stated in the free text (rule T1 compares them with the tables).' })
export class StatedFigures {
  @Field(() => Int, { nullable: true, description: '主动公开政府信息N条' })
  proactiveItems: number | null;

  @Field(() => Int, { nullable: true, description: '共收到政府信息公开申请N件' })
  applicationsReceived: number | null;
}

@ObjectType({ simpleResolvers: true })
export class Provenance {
  @Field(() => String, { nullable: true, description: 'The file the report was read from.' })
  sourceName: string | null;

  @Field(() => String, { description: 'sha256 of the canonical content.' })
  contentHash: string;

  @Field(() => String, { nullable: true })
  submittedBy: string | null;

  @Field(() => Date)
  submittedAt: Date;
}

@ObjectType({ simpleResolvers: true })
export class DiagnosticLocation {
  @Field(() => Int, { nullable: true })
  line: number | null;

  @Field(() => Int, { nullable: true })
  column: number | null;

  @Field(() => String, { nullable: true, description: 'A human path: "table 三 › row （三）不予公开 3 › column 总计".' })
  path: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'What the importer noticed while reading the document.' })
export class Diagnostic {
  @Field(() => SeverityEnum)
  severity: Severity;

  @Field(() => String, { description: 'Stable code: UNIT_ASSUMED, LABEL_FUZZY_MATCH, …' })
  code: string;

  @Field(() => String, { nullable: true })
  cell: string | null;

  @Field(() => String)
  message: string;

  @Field(() => DiagnosticLocation, { nullable: true })
  location: DiagnosticLocation | null;
}

@ObjectType({ simpleResolvers: true, description: 'The outcome of one check rule (FORMATS.md "Checks") at one place it applies.' })
export class CheckResult {
  @Field(() => String, { description: 'Rule id: A1, A2, …' })
  rule: string;

  @Field(() => SeverityEnum)
  severity: Severity;

  @Field(() => Boolean)
  passed: boolean;

  @Field(() => [String], { description: 'The cells the identity involves.' })
  cells: readonly string[];

  @Field(() => String, { description: 'Plain words with the numbers.' })
  message: string;
}

@ObjectType({ simpleResolvers: true, description: 'One cell of a report, by its catalogue code `<table>.<row>.<column>`.' })
export class Cell extends CellPlace {
  @Field(() => String)
  code: string;

  @Field(() => String, { nullable: true, description: 'Exact decimal text: counts as integers, amounts in 万元; null when blank or absent.' })
  value: string | null;

  @Field(() => Boolean, { description: 'False when the document did not contain the cell at all (a truncated table).' })
  present: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'One stored revision of a report; every change makes one.' })
export class Revision {
  @Field(() => Int)
  revision: number;

  @Field(() => ReportStatusEnum)
  status: ReportStatus;

  @Field(() => FormatIdEnum)
  format: FormatId;

  @Field(() => String)
  contentHash: string;

  @Field(() => String, { nullable: true })
  changedBy: string | null;

  @Field(() => Date)
  changedAt: Date;

  @Field(() => String, { description: 'submitted, published, updated, …' })
  action: string;
}

@ObjectType({ simpleResolvers: true, description: 'The annual report of one agency for one year.' })
export class Report {
  @Field(() => Int)
  year: number;

  @Field(() => FormatIdEnum)
  format: FormatId;

  @Field(() => ReportStatusEnum)
  status: ReportStatus;

  @Field(() => ReportScopeEnum)
  scope: ReportScope;

  @Field(() => String, { nullable: true, description: 'ISO date YYYY-MM-DD.' })
  publishedOn: string | null;

  @Field(() => Int, { description: 'Increments with every change; pass it back as expectedRevision.' })
  revision: number;

  @Field(() => ReportText)
  text: ReportText;

  @Field(() => StatedFigures)
  statedFigures: StatedFigures;

  @Field(() => Provenance)
  provenance: Provenance;

  @Field(() => [String], { description: 'ERROR rule ids whose failures were accepted when publishing.' })
  acceptedFailures: readonly string[];

  @Field(() => [Diagnostic])
  diagnostics: readonly Diagnostic[];
}

@ObjectType({ simpleResolvers: true })
export class SubmitReportPayload {
  @Field(() => SubmitOutcomeEnum, { description: 'UNCHANGED when identical content was already stored.' })
  outcome: 'CREATED' | 'UPDATED' | 'UNCHANGED';

  @Field(() => Report)
  report: Report;
}
