/**
 * A synthetic district (DESIGN.md §7 "district" scale, and the demo data of a new database): a
 * district government, its sub-districts with their communities, its departments, several years,
 * a few changes to the hierarchy, a few missing reports and a few deliberate check failures, each
 * listed so that tests can assert them.
 */
import type { FormatId } from '../catalogue';
import type { ParentLink } from '../hierarchy';
import type { CellValues } from '../report-values';
import {
  intendedFormat, looksCopied, onTimePublication, statedFiguresOf, type SyntheticAgency, type SyntheticReport,
} from './agencies.synthetic';
import type { Rng } from './random';
import { generateReportValues, type ReportProfile } from './report-values.synthetic';

export interface DistrictOptions {
  /** Report years, inclusive. Default 2019–2025. */
  readonly fromYear?: number;
  readonly toYear?: number;
  /** Default 8. At least 3 (the changes below need them). */
  readonly subdistricts?: number;
  /** Communities per sub-district, drawn in this range. Default [8, 15]. */
  readonly communitiesPerSubdistrict?: readonly [number, number];
  /** Default 20, at most the 24 department names known. At least 6 (the defects below use them). */
  readonly departments?: number;
  /** The six-digit 行政区划代码 prefix of the codes. Default "330199" (fictional). */
  readonly codePrefix?: string;
  /** Default "清河区". */
  readonly districtName?: string;
}

/** A deliberate defect: the report of `agencyCode` for `year` fails exactly `rules` (and only this report does). */
export interface SyntheticDefect {
  readonly agencyCode: string;
  readonly year: number;
  /** Rule ids the report fails; empty for a defect that is a diagnostic, not a check. */
  readonly rules: readonly string[];
  /** An importer diagnostic the defect should raise instead of (or besides) a check failure. */
  readonly diagnostic?: 'FORMAT_YEAR_MISMATCH';
  readonly description: string;
}

export interface SyntheticDistrict {
  readonly rootCode: string;
  readonly agencies: readonly SyntheticAgency[];
  readonly links: readonly ParentLink<string>[];
  readonly reports: readonly SyntheticReport[];
  readonly defects: readonly SyntheticDefect[];
  /** Agencies active in a year without a report for it (rule H1). */
  readonly missing: readonly { readonly agencyCode: string; readonly year: number }[];
}

const SUBDISTRICT_NAMES = [
  '东湖', '西城', '南山', '北苑', '长安', '和平', '新华', '解放', '人民路', '建设', '花园', '滨江', '城南', '城北', '望江', '咸宁路',
];
const COMMUNITY_PREFIXES = [
  '阳光', '幸福', '和谐', '金桥', '翠竹', '春晖', '锦绣', '绿洲', '明珠', '丽景', '康乐', '兴隆', '民主', '团结', '光明', '文化', '青年', '桃源', '枫林', '长乐',
];
const COMMUNITY_SUFFIXES = ['花园', '里', '新村', '苑', '路', '湾', '坊', '家园'];
/** The district's departments; the last one was created in 2021. */
const DEPARTMENT_NAMES = [
  '教育局', '财政局', '民政局', '人力资源和社会保障局', '自然资源局', '住房和城乡建设局', '交通运输局', '水利局', '农业农村局',
  '商务局', '文化和旅游局', '卫生健康委员会', '应急管理局', '审计局', '市场监督管理局', '统计局', '医疗保障局', '城市管理局',
  '司法局', '发展和改革局', '退役军人事务局', '信访局', '公安分局', '数据资源管理局',
];

const pad3 = (n: number) => String(n).padStart(3, '0');

interface Plan {
  readonly agency: SyntheticAgency;
  readonly profile: ReportProfile;
}

export function generateDistrict(rng: Rng, options: DistrictOptions = {}): SyntheticDistrict {
  const fromYear = options.fromYear ?? 2019;
  const toYear = options.toYear ?? 2025;
  const subdistrictCount = Math.min(Math.max(options.subdistricts ?? 8, 3), SUBDISTRICT_NAMES.length);
  const [minCommunities, maxCommunities] = options.communitiesPerSubdistrict ?? [8, 15];
  const departmentCount = Math.min(Math.max(options.departments ?? 20, 6), DEPARTMENT_NAMES.length);
  const prefix = options.codePrefix ?? '330199';
  const districtName = options.districtName ?? '清河区';

  const plans: Plan[] = [];
  const links: ParentLink<string>[] = [];
  const rootCode = `${prefix}000000`;
  plans.push({ agency: { code: rootCode, name: `${districtName}人民政府`, kind: 'DISTRICT', fromYear, toYear: null }, profile: 'busy' });

  // Changes over the years (DESIGN.md §2): the last sub-district merges into the one before it in 2023;
  // the last community of the first sub-district moves to the second in 2022.
  const MERGE_YEAR = 2023;
  const MOVE_YEAR = 2022;
  const subdistrictCodes: string[] = [];
  const communityNames = new Set<string>();
  const communityName = (): string => {
    for (let attempt = 0; ; attempt++) {
      const base = `${rng.pick(COMMUNITY_PREFIXES)}${rng.pick(COMMUNITY_SUFFIXES)}`;
      const name = attempt < 50 ? base : `${base}第${attempt}`;
      if (!communityNames.has(name)) {
        communityNames.add(name);
        return `${name}社区居民委员会`;
      }
    }
  };
  const firstCommunities: string[] = [];
  for (let s = 1; s <= subdistrictCount; s++) {
    const code = `${prefix}${pad3(s)}000`;
    const merged = s === subdistrictCount;
    subdistrictCodes.push(code);
    plans.push({
      agency: { code, name: `${SUBDISTRICT_NAMES[s - 1]}街道办事处`, kind: 'SUBDISTRICT', fromYear, toYear: merged ? MERGE_YEAR - 1 : null },
      profile: 'busy',
    });
    links.push({ child: code, parent: rootCode, fromYear, toYear: merged ? MERGE_YEAR - 1 : null });
    const count = rng.int(minCommunities, maxCommunities);
    for (let c = 1; c <= count; c++) {
      const communityCode = `${prefix}${pad3(s)}${pad3(c)}`;
      if (c === 1) firstCommunities.push(communityCode);
      plans.push({
        agency: { code: communityCode, name: communityName(), kind: 'COMMUNITY', fromYear, toYear: null },
        profile: rng.chance(0.1) ? 'empty' : 'quiet',
      });
      if (merged) {
        const absorbing = `${prefix}${pad3(s - 1)}000`;
        links.push({ child: communityCode, parent: code, fromYear, toYear: MERGE_YEAR - 1 });
        links.push({ child: communityCode, parent: absorbing, fromYear: MERGE_YEAR, toYear: null });
      } else if (s === 1 && c === count && count > 1) {
        links.push({ child: communityCode, parent: code, fromYear, toYear: MOVE_YEAR - 1 });
        links.push({ child: communityCode, parent: `${prefix}002000`, fromYear: MOVE_YEAR, toYear: null });
      } else {
        links.push({ child: communityCode, parent: code, fromYear, toYear: null });
      }
    }
  }
  const departmentCodes: string[] = [];
  for (let d = 1; d <= departmentCount; d++) {
    const code = `${prefix}-D${pad3(d)}`;
    // The last department is new: 数据资源管理局 (or whichever is last) created in 2021.
    const created = d === departmentCount ? Math.max(fromYear, 2021) : fromYear;
    const name = d === departmentCount ? DEPARTMENT_NAMES[DEPARTMENT_NAMES.length - 1]! : DEPARTMENT_NAMES[d - 1]!;
    departmentCodes.push(code);
    plans.push({
      agency: { code, name: `${districtName}${name}`, kind: 'DEPARTMENT', fromYear: created, toYear: null, governmentKind: 'DISTRICT' },
      profile: d % 7 === 0 ? 'quiet' : 'busy',
    });
    links.push({ child: code, parent: rootCode, fromYear: created, toYear: null });
  }

  // Deliberate defects and gaps, on agencies that exist in those years.
  const defects: SyntheticDefect[] = [];
  const missing: { agencyCode: string; year: number }[] = [];
  const within = (year: number) => year >= fromYear && year <= toYear;
  const a2 = { agencyCode: subdistrictCodes[0]!, year: 2020 };
  const a1 = { agencyCode: departmentCodes[0]!, year: 2022 };
  const x1 = { agencyCode: departmentCodes[1]!, year: 2023 };
  const d1 = { agencyCode: departmentCodes[2]!, year: 2023 };
  const formatMismatch = { agencyCode: departmentCodes[3]!, year: 2021 };
  const gaps = [
    { agencyCode: departmentCodes[4]!, year: 2020 },
    { agencyCode: firstCommunities[2] ?? firstCommunities[0]!, year: 2024 },
    { agencyCode: firstCommunities[3] ?? firstCommunities[1]!, year: 2025 },
  ].filter((g) => within(g.year));
  const is = (target: { agencyCode: string; year: number }, code: string, year: number) => target.agencyCode === code && target.year === year;

  const reports: SyntheticReport[] = [];
  for (const { agency, profile } of plans) {
    const agencyRng = rng.fork();
    let previous: CellValues | undefined;
    const last = agency.toYear === null ? toYear : Math.min(toYear, agency.toYear);
    for (let year = Math.max(fromYear, agency.fromYear); year <= last; year++) {
      const format: FormatId = is(formatMismatch, agency.code, year) ? 'F2019' : intendedFormat(year);
      let basis = previous;
      if (is(x1, agency.code, year) && previous) {
        // X1 break: this year continues from a carry-forward the previous report did not state.
        basis = bump(previous, 'applications.carried_forward', 2);
        defects.push({ ...x1, rules: ['X1'], description: 'carried_over of natural_person and total is 2 more than last year’s carried_forward' });
      }
      let cells = generateReportValues(agencyRng, { format, profile, ...(basis ? { previous: basis } : {}) });
      if (looksCopied(cells, previous)) cells = generateReportValues(agencyRng, { format, profile: 'empty', ...(basis ? { previous: basis } : {}) });
      let publishedOn = onTimePublication(agencyRng, agency.kind, year);
      if (is(a2, agency.code, year)) {
        cells = bump(cells, 'applications.carried_forward', 1);
        defects.push({ ...a2, rules: ['A2'], description: 'carried_forward of natural_person and total is 1 more than received + carried over − handled' });
      }
      if (is(a1, agency.code, year)) {
        if ((cells['applications.granted.total'] ?? 0) === 0) {
          // Make sure the row has an applicant to leave the total blank next to, keeping A1–A3.
          cells = bump(bump(bump(cells, 'applications.granted', 1), 'applications.total_handled', 1), 'applications.new_received', 1);
        }
        cells = { ...cells, 'applications.granted.total': null };
        defects.push({ ...a1, rules: ['A1', 'A3'], description: 'applications.granted.total is blank next to non-zero applicant cells (and reads as 0 in A3’s total column)' });
      }
      if (is(d1, agency.code, year)) {
        publishedOn = `${year + 1}-02-15`;
        defects.push({ ...d1, rules: ['D1'], description: `published ${publishedOn}, after the 31 January deadline` });
      }
      if (is(formatMismatch, agency.code, year)) {
        defects.push({ ...formatMismatch, rules: [], diagnostic: 'FORMAT_YEAR_MISMATCH', description: 'a 2021 report still in the F2019 format (valid, with a warning)' });
      }
      const statedFigures = statedFiguresOf(agencyRng, format, cells);
      previous = cells;
      if (gaps.some((g) => is(g, agency.code, year))) {
        missing.push({ agencyCode: agency.code, year });
        continue;
      }
      reports.push({ agencyCode: agency.code, year, format, scope: 'OWN', status: 'PUBLISHED', publishedOn, cells, statedFigures });
    }
  }
  return { rootCode, agencies: plans.map((p) => p.agency), links, reports, defects, missing };
}

/** Adds `by` to the natural_person column of an applications row and to its total (A1 still holds). */
function bump(cells: CellValues, row: string, by: number): CellValues {
  const person = `${row}.natural_person`;
  const total = `${row}.total`;
  return { ...cells, [person]: (cells[person] ?? 0) + by, [total]: (cells[total] ?? 0) + by };
}
