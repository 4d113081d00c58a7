/** Agencies: look-up, search with cursor pagination, the dated hierarchy, and writes. */
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AGENCY_KINDS } from '../../domain/checks/types';
import type { AgencyNameRecord, AgencyRecord, ParentLinkRecord, ReportRecord } from '../../db/api';
import { invalid } from '../../errors';
import { offsetAfter, parseAgencyCode, parseFirst, parseOptionalYear, parseYear } from '../arguments';
import { canSeeReport, requireAdmin, requireWriter } from '../auth';
import type { GraphqlContext } from '../context';
import { AgenciesArgs, UpsertAgencyInput } from '../inputs/agency.input';
import { primeAgencies } from '../loaders';
import { toAgencyConnection } from '../mappers';
import { Agency, AgencyConnection, AgencyName, ParentLink } from '../types/agency.type';
import { Report } from '../types/report.type';

const MAX_NAME_LENGTH = 200;
const MAX_ALIASES = 50;

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => Agency, { nullable: true, description: 'The agency with this code, or null.' })
  async agency(@Arg('code', () => ID) code: string, @Ctx() { loaders }: GraphqlContext): Promise<AgencyRecord | null> {
    return loaders.agenciesByCode.load(parseAgencyCode('code', code));
  }

  @Query(() => AgencyConnection, { description: 'Agencies matching every given filter, by code.' })
  async agencies(@Args(() => AgenciesArgs) args: AgenciesArgs, @Ctx() { storage, loaders }: GraphqlContext) {
    const first = parseFirst(args.first);
    const offset = offsetAfter(args.after);
    const page = await storage.findAgencies(
      {
        kind: args.kind ?? null,
        nameContains: args.nameContains ?? null,
        parentCode: args.parentCode == null ? null : parseAgencyCode('parentCode', args.parentCode),
        year: parseOptionalYear('year', args.year),
      },
      { first, offset },
    );
    primeAgencies(loaders, page.nodes);
    return toAgencyConnection(page, offset);
  }

  @FieldResolver(() => [AgencyName], { description: 'Names the agency has had, oldest first.' })
  async nameHistory(@Root() agency: AgencyRecord, @Ctx() { loaders }: GraphqlContext): Promise<readonly AgencyNameRecord[]> {
    return loaders.nameHistory.load(agency.id);
  }

  @FieldResolver(() => Agency, { nullable: true, description: 'The parent in that year’s tree; null for a root.' })
  async parent(@Root() agency: AgencyRecord, @Arg('year', () => Int) year: number, @Ctx() { loaders }: GraphqlContext) {
    const parent = await loaders.parentsOf.load({ agencyId: agency.id, year: parseYear('year', year) });
    if (parent) primeAgencies(loaders, [parent]);
    return parent;
  }

  @FieldResolver(() => [Agency], { description: 'Direct children in that year’s tree.' })
  async children(@Root() agency: AgencyRecord, @Arg('year', () => Int) year: number, @Ctx() { loaders }: GraphqlContext) {
    const children = await loaders.childrenOf.load({ agencyId: agency.id, year: parseYear('year', year) });
    primeAgencies(loaders, children);
    return children;
  }

  @FieldResolver(() => Report, { nullable: true, description: 'The report of that year; drafts only with a token.' })
  async report(
    @Root() agency: AgencyRecord,
    @Arg('year', () => Int) year: number,
    @Ctx() { loaders, viewer }: GraphqlContext,
  ): Promise<ReportRecord | null> {
    const report = await loaders.reportsByAgencyYear.load({ agencyId: agency.id, year: parseYear('year', year) });
    return report && canSeeReport(viewer, report) ? report : null;
  }

  @FieldResolver(() => [Report], { description: 'Every report of the agency by year; drafts only with a token.' })
  async reports(@Root() agency: AgencyRecord, @Ctx() { loaders, viewer }: GraphqlContext): Promise<readonly ReportRecord[]> {
    const reports = await loaders.reportsOfAgencies.load(agency.id);
    return reports.filter((r) => canSeeReport(viewer, r));
  }

  @Mutation(() => Agency, { description: 'Creates the agency or updates its name, kind and aliases (the old name goes to nameHistory).' })
  async upsertAgency(@Arg('input', () => UpsertAgencyInput) input: UpsertAgencyInput, @Ctx() { storage, viewer }: GraphqlContext) {
    const code = parseAgencyCode('input.code', input.code);
    requireWriter(viewer, code);
    const name = input.name.trim();
    if (name.length === 0 || name.length > MAX_NAME_LENGTH) throw invalid('input.name', `a name of 1 to ${MAX_NAME_LENGTH} characters`, input.name);
    if (!AGENCY_KINDS.includes(input.kind)) throw invalid('input.kind', AGENCY_KINDS.join(', '), input.kind);
    const aliases = (input.aliases ?? []).map((a) => a.trim()).filter((a) => a.length > 0);
    if (aliases.length > MAX_ALIASES) throw invalid('input.aliases', `at most ${MAX_ALIASES} aliases`, aliases.length);
    return storage.upsertAgency({ code, name, kind: input.kind, aliases, nameFromYear: parseOptionalYear('input.nameFromYear', input.nameFromYear) });
  }

  @Mutation(() => [ParentLink], { description: 'Places childCode under parentCode (null: a root) for fromYear..toYear; returns the child’s links.' })
  async setParent(
    @Arg('childCode', () => ID) childCode: string,
    @Arg('parentCode', () => ID, { nullable: true }) parentCode: string | null,
    @Arg('fromYear', () => Int) fromYear: number,
    @Arg('toYear', () => Int, { nullable: true }) toYear: number | null,
    @Ctx() { storage, viewer }: GraphqlContext,
  ): Promise<readonly ParentLinkRecord[]> {
    const child = parseAgencyCode('childCode', childCode);
    const parent = parentCode == null ? null : parseAgencyCode('parentCode', parentCode);
    // A move writes both ends: an EDITOR may move agencies only within its own subtree; making a root is an ADMIN's.
    requireWriter(viewer, child);
    if (parent === null) requireAdmin(viewer, 'setParent with parentCode null (making an agency a root)');
    else requireWriter(viewer, parent);
    const from = parseYear('fromYear', fromYear);
    const to = parseOptionalYear('toYear', toYear);
    if (to !== null && to < from) throw invalid('toYear', `null or a year from fromYear (${from})`, to);
    return storage.setParent({
      childCode: child,
      parentCode: parent,
      fromYear: from,
      toYear: to,
    });
  }
}

@Resolver(() => ParentLink)
export class ParentLinkResolver {
  @FieldResolver(() => Agency)
  async child(@Root() link: ParentLinkRecord, @Ctx() { loaders }: GraphqlContext) {
    return loaders.agenciesById.load(link.childId);
  }

  @FieldResolver(() => Agency)
  async parent(@Root() link: ParentLinkRecord, @Ctx() { loaders }: GraphqlContext) {
    return loaders.agenciesById.load(link.parentId);
  }
}
