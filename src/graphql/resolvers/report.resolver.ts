/** Reports: read one (typed tables, cells, checks, revisions), submit and publish. */
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ReportRecord, RevisionRecord, SubmitReportResult } from '../../db/api';
import { checkWithPreviousYear, subjectOfReport, type CheckResult as CheckResultValue } from '../../domain/checks';
import { AppError } from '../../errors';
import { parseAgencyCode, parseCellCodes, parseExpectedRevision, parseRuleIds, parseYear } from '../arguments';
import { actorOf, canReadDrafts, canSeeReport, requireWriter } from '../auth';
import type { GraphqlContext } from '../context';
import { SubmitReportInput } from '../inputs/report.input';
import { documentFromSubmitInput, reportCells, tableValuesOf } from '../mappers';
import { Agency } from '../types/agency.type';
import { AppealsTable, ApplicationsTable, ProactiveTable, type TableValues } from '../types/report-tables.type';
import { Cell, CheckResult, Report, Revision, SubmitReportPayload } from '../types/report.type';

const MAX_SOURCE_NAME_LENGTH = 500;

@Resolver(() => Report)
export class ReportResolver {
  @Query(() => Report, { nullable: true, description: 'The report of an agency for a year; null when none (or a draft, without a token).' })
  async report(
    @Arg('agencyCode', () => ID) agencyCode: string,
    @Arg('year', () => Int) year: number,
    @Ctx() { loaders, viewer }: GraphqlContext,
  ): Promise<ReportRecord | null> {
    const checkedYear = parseYear('year', year);
    const agency = await loaders.agenciesByCode.load(parseAgencyCode('agencyCode', agencyCode));
    if (!agency) return null;
    const report = await loaders.reportsByAgencyYear.load({ agencyId: agency.id, year: checkedYear });
    return report && canSeeReport(viewer, report) ? report : null;
  }

  @FieldResolver(() => Agency)
  async agency(@Root() report: ReportRecord, @Ctx() { loaders }: GraphqlContext) {
    return loaders.agenciesById.load(report.agencyId);
  }

  @FieldResolver(() => ProactiveTable, { description: '二、主动公开政府信息情况' })
  proactive(@Root() report: ReportRecord): TableValues {
    return tableValuesOf(report.format, report.cells, 'proactive');
  }

  @FieldResolver(() => ApplicationsTable, { description: '三、收到和处理政府信息公开申请情况' })
  applications(@Root() report: ReportRecord): TableValues {
    return tableValuesOf(report.format, report.cells, 'applications');
  }

  @FieldResolver(() => AppealsTable, { description: '四、政府信息公开行政复议、行政诉讼情况' })
  appeals(@Root() report: ReportRecord): TableValues {
    return tableValuesOf(report.format, report.cells, 'appeals');
  }

  @FieldResolver(() => [Cell], { description: "The cells of the report's format in catalogue order; only `codes` when given (codes of another format are left out)." })
  cells(@Root() report: ReportRecord, @Arg('codes', () => [String], { nullable: true }) codes: string[] | null) {
    return reportCells(report, parseCellCodes('codes', codes));
  }

  @FieldResolver(() => [CheckResult], {
    description:
      'Every check of FORMATS.md with its result, passed ones included: within the report (A1–A3, R1, N1, P1, S1, D1, T1) and against ' +
      "the agency's report of the year before when there is one (X1–X4), computed from the stored figures, so a correction of last year shows at once.",
  })
  async checks(@Root() report: ReportRecord, @Ctx() { loaders }: GraphqlContext): Promise<readonly CheckResultValue[]> {
    const [agency, previous] = await Promise.all([
      loaders.agenciesById.load(report.agencyId),
      loaders.reportsByAgencyYear.load({ agencyId: report.agencyId, year: report.year - 1 }),
    ]);
    const kind = agency?.kind ?? 'OTHER';
    // Rule S1 judges a department by the government it belongs to that year.
    const government = kind === 'DEPARTMENT' ? await loaders.parentsOf.load({ agencyId: report.agencyId, year: report.year }) : null;
    const governmentKind = government?.kind ?? null;
    return checkWithPreviousYear(subjectOfReport(report, kind, governmentKind), previous ? subjectOfReport(previous, kind, governmentKind) : null);
  }

  @FieldResolver(() => [Revision], { description: 'Every stored revision, oldest first; needs a token (empty without).' })
  async revisions(@Root() report: ReportRecord, @Ctx() { loaders, viewer }: GraphqlContext): Promise<readonly RevisionRecord[]> {
    return canReadDrafts(viewer) ? loaders.revisionsOf.load(report.id) : [];
  }

  @Mutation(() => SubmitReportPayload, {
    description:
      'Stores an interchange document as the report of agencyCode for its year: a new revision, checked, kept as a DRAFT. With publish: true it is published at once, or refused whole with PUBLISH_BLOCKED while an ERROR check fails that acceptFailures does not name.',
  })
  async submitReport(@Arg('input', () => SubmitReportInput) input: SubmitReportInput, @Ctx() { storage, viewer }: GraphqlContext): Promise<SubmitReportResult> {
    const agencyCode = parseAgencyCode('input.agencyCode', input.agencyCode);
    requireWriter(viewer, agencyCode);
    parseYear('input.year', input.year);
    if (input.sourceName != null && input.sourceName.length > MAX_SOURCE_NAME_LENGTH) {
      throw new AppError('VALIDATION_FAILED', `input.sourceName: expected at most ${MAX_SOURCE_NAME_LENGTH} characters`, {
        field: 'input.sourceName',
        expected: `at most ${MAX_SOURCE_NAME_LENGTH} characters`,
        received: `${input.sourceName.length} characters`,
      });
    }
    return storage.submitReport({
      agencyCode,
      document: documentFromSubmitInput(input),
      submittedBy: actorOf(viewer),
      sourceName: input.sourceName ?? null,
      expectedRevision: parseExpectedRevision(input.expectedRevision),
      publish: input.publish ?? false,
      acceptFailures: parseRuleIds('input.acceptFailures', input.acceptFailures),
    });
  }

  @Mutation(() => Report, { description: 'Publishes the draft; refused with PUBLISH_BLOCKED while an ERROR check fails that acceptFailures does not name.' })
  async publishReport(
    @Arg('agencyCode', () => ID) agencyCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('acceptFailures', () => [String], { nullable: true }) acceptFailures: string[] | null,
    @Arg('expectedRevision', () => Int, { nullable: true }) expectedRevision: number | null,
    @Ctx() { storage, viewer }: GraphqlContext,
  ): Promise<ReportRecord> {
    const code = parseAgencyCode('agencyCode', agencyCode);
    requireWriter(viewer, code);
    return storage.publishReport({
      agencyCode: code,
      year: parseYear('year', year),
      publishedBy: actorOf(viewer),
      acceptFailures: parseRuleIds('acceptFailures', acceptFailures),
      expectedRevision: parseExpectedRevision(expectedRevision),
    });
  }
}
