/**
 * The input of submitReport: the interchange document of FORMATS.md plus what the write needs
 * (agency, optimistic concurrency, publishing). `cells` is the document's JSON object as is.
 */
import { Field, ID, InputType, Int } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { FormatId, Severity } from '../../domain/catalogue';
import type { ReportScope } from '../../domain/interchange';
import { FormatIdEnum, ReportScopeEnum, SeverityEnum } from '../enums';

@InputType()
export class ReportTextInput {
  @Field(() => String, { nullable: true })
  overview?: string | null;

  @Field(() => String, { nullable: true })
  problems?: string | null;

  @Field(() => String, { nullable: true })
  other?: string | null;
}

@InputType()
export class StatedFiguresInput {
  @Field(() => Int, { nullable: true })
  proactiveItems?: number | null;

  @Field(() => Int, { nullable: true })
  applicationsReceived?: number | null;
}

@InputType()
export class DiagnosticLocationInput {
  @Field(() => Int, { nullable: true })
  line?: number | null;

  @Field(() => Int, { nullable: true })
  column?: number | null;

  @Field(() => String, { nullable: true })
  path?: string | null;
}

@InputType()
export class DiagnosticInput {
  @Field(() => SeverityEnum)
  severity: Severity;

  @Field(() => String)
  code: string;

  @Field(() => String, { nullable: true })
  cell?: string | null;

  @Field(() => String)
  message: string;

  @Field(() => DiagnosticLocationInput, { nullable: true })
  location?: DiagnosticLocationInput | null;
}

@InputType({ description: 'An interchange document (FORMATS.md) bound to an agency.' })
export class SubmitReportInput {
  @Field(() => ID)
  agencyCode: string;

  @Field(() => FormatIdEnum)
  format: FormatId;

  @Field(() => Int)
  year: number;

  @Field(() => String, { nullable: true, description: 'The name printed in the document, when any.' })
  agencyName?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO date YYYY-MM-DD.' })
  publishedOn?: string | null;

  @Field(() => ReportScopeEnum, { nullable: true, description: 'Default OWN.' })
  scope?: ReportScope | null;

  @Field(() => GraphQLJSONObject, {
    description: 'Cell code → value: counts as JSON integers, amounts as decimal strings of 万元, blanks as null; absent cells left out.',
  })
  cells: Record<string, unknown>;

  @Field(() => ReportTextInput, { nullable: true })
  text?: ReportTextInput | null;

  @Field(() => StatedFiguresInput, { nullable: true })
  statedFigures?: StatedFiguresInput | null;

  @Field(() => [DiagnosticInput], { nullable: true })
  diagnostics?: DiagnosticInput[] | null;

  @Field(() => String, { nullable: true, description: 'The file the document was read from.' })
  sourceName?: string | null;

  @Field(() => Int, { nullable: true, description: 'Fails with CONFLICT unless the stored revision equals it.' })
  expectedRevision?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Publish at once when no unaccepted ERROR check fails. Default false: keep a DRAFT.' })
  publish?: boolean | null;

  @Field(() => [String], { nullable: true, description: 'ERROR rule ids whose failures the caller accepts (kept on record).' })
  acceptFailures?: string[] | null;
}
