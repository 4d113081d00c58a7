/**
 * A synthetic province for the benchmark (DESIGN.md §7 "province": ≈100,000 agencies × several
 * years): province > cities > districts > sub-districts/towns > communities/villages, plus
 * departments of the province, the cities and the districts. Streamed: agencies come parent first,
 * each followed by its reports, so a loader can insert as it reads and memory stays flat.
 * Figures are sparse: most community reports are all zeros. The hierarchy does not change over the
 * years, and every report passes the checks (no defects here: see the district for those).
 */
import type { AgencyKind } from '../checks';
import type { CellValues } from '../report-values';
import {
  intendedFormat, looksCopied, onTimePublication, statedFiguresOf, type SyntheticAgency, type SyntheticReport,
} from './agencies.synthetic';
import type { Rng } from './random';
import { generateReportValues, type ReportProfile } from './report-values.synthetic';

export interface ProvinceOptions {
  /** Roughly how many agencies to make (the result is within a few percent). */
  readonly agencies: number;
  /** The report years, each agency reporting every year. */
  readonly years: readonly number[];
  /** Two-digit province code of the 行政区划代码. Default "33". */
  readonly provinceCode?: string;
}

export type ProvinceItem =
  | { readonly kind: 'agency'; readonly agency: SyntheticAgency; readonly parentCode: string | null }
  | { readonly kind: 'report'; readonly report: SyntheticReport };

/** How many of each level a province of about `agencies` agencies has. */
export interface ProvinceShape {
  readonly cities: number;
  readonly districtsPerCity: number;
  readonly streetsPerDistrict: number;
  /** Average; each street draws from ±30 %. */
  readonly communitiesPerStreet: number;
  readonly departmentsPerGovernment: number;
}

export function provinceShape(agencies: number): ProvinceShape {
  const branching = Math.pow(Math.max(agencies, 10) / 1.3, 1 / 4);
  const cities = Math.max(1, Math.round(branching * 0.55));
  const districtsPerCity = Math.max(1, Math.round(branching * 0.85));
  const streetsPerDistrict = Math.max(1, Math.round(branching * 0.85));
  const departmentsPerGovernment = Math.min(DEPARTMENT_NAMES.length, Math.max(1, Math.round(branching)));
  const governments = 1 + cities + cities * districtsPerCity;
  const streets = cities * districtsPerCity * streetsPerDistrict;
  const communitiesPerStreet = Math.max(1, Math.round((agencies - governments * (1 + departmentsPerGovernment) - streets) / streets));
  return { cities, districtsPerCity, streetsPerDistrict, communitiesPerStreet, departmentsPerGovernment };
}

const PLACE_NAMES = [
  '东阳', '西陵', '南浦', '北仑', '临江', '青山', '白沙', '金华', '玉泉', '石门', '清溪', '龙泉', '凤凰', '黄岩', '云和', '安吉',
  '长兴', '平湖', '桐庐', '淳安', '永康', '江山', '常山', '开化', '松阳', '遂昌', '景宁', '庆元', '泰顺', '文成', '苍南', '洞头',
];
const DEPARTMENT_NAMES = [
  '教育局', '财政局', '民政局', '人力资源和社会保障局', '自然资源局', '住房和城乡建设局', '交通运输局', '水利局', '农业农村局',
  '商务局', '文化和旅游局', '卫生健康委员会', '应急管理局', '审计局', '市场监督管理局', '统计局', '医疗保障局', '城市管理局',
  '司法局', '发展和改革委员会', '退役军人事务局', '信访局', '公安局', '数据资源管理局', '生态环境局', '科学技术局', '经济和信息化局',
  '民族宗教事务局', '林业局', '体育局', '人民防空办公室', '机关事务管理局', '地方金融监督管理局', '粮食和物资储备局',
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function* generateProvince(rng: Rng, options: ProvinceOptions): Generator<ProvinceItem, void, undefined> {
  const shape = provinceShape(options.agencies);
  const years = [...options.years].sort((a, b) => a - b);
  const fromYear = years[0] ?? 2019;
  const code2 = options.provinceCode ?? '33';

  function* agencyWithReports(agency: SyntheticAgency, parentCode: string | null, profile: ReportProfile): Generator<ProvinceItem, void, undefined> {
    yield { kind: 'agency', agency, parentCode };
    const agencyRng = rng.fork();
    let previous: CellValues | undefined;
    for (const year of years) {
      const format = intendedFormat(year);
      // Only consecutive years continue from each other (a gap in `years` starts afresh).
      const basis = previous && years.includes(year - 1) ? previous : undefined;
      let cells = generateReportValues(agencyRng, { format, profile, ...(basis ? { previous: basis } : {}) });
      if (looksCopied(cells, basis)) cells = generateReportValues(agencyRng, { format, profile: 'empty', ...(basis ? { previous: basis } : {}) });
      previous = cells;
      yield {
        kind: 'report',
        report: {
          agencyCode: agency.code, year, format, scope: 'OWN', status: 'PUBLISHED',
          publishedOn: onTimePublication(agencyRng, agency.kind, year), cells, statedFigures: statedFiguresOf(agencyRng, format, cells),
        },
      };
    }
  }

  function* departments(government: SyntheticAgency, prefix: string): Generator<ProvinceItem, void, undefined> {
    for (let d = 1; d <= shape.departmentsPerGovernment; d++) {
      const agency: SyntheticAgency = {
        code: `${government.code}-D${pad(d, 3)}`, name: `${prefix}${DEPARTMENT_NAMES[d - 1]}`, kind: 'DEPARTMENT',
        fromYear, toYear: null, governmentKind: government.kind,
      };
      yield* agencyWithReports(agency, government.code, rng.chance(0.1) ? 'quiet' : 'busy');
    }
  }

  const government = (code: string, name: string, kind: AgencyKind): SyntheticAgency => ({ code, name, kind, fromYear, toYear: null });

  const province = government(`${code2}0000000000`, '东海省人民政府', 'PROVINCE');
  yield* agencyWithReports(province, null, 'busy');
  yield* departments(province, '东海省');
  for (let c = 1; c <= shape.cities; c++) {
    const cityName = `${PLACE_NAMES[(c - 1) % PLACE_NAMES.length]}市`;
    const city = government(`${code2}${pad(c, 2)}00000000`, `${cityName}人民政府`, 'CITY');
    yield* agencyWithReports(city, province.code, 'busy');
    yield* departments(city, cityName);
    for (let d = 1; d <= shape.districtsPerCity; d++) {
      const rural = rng.chance(0.4);
      const districtName = `${PLACE_NAMES[(c * 7 + d) % PLACE_NAMES.length]}${rural ? '县' : '区'}`;
      const district = government(`${code2}${pad(c, 2)}${pad(d, 2)}000000`, `${districtName}人民政府`, 'DISTRICT');
      yield* agencyWithReports(district, city.code, 'busy');
      yield* departments(district, districtName);
      for (let s = 1; s <= shape.streetsPerDistrict; s++) {
        const town = rural && rng.chance(0.8);
        const streetName = `${PLACE_NAMES[(c + d * 3 + s * 5) % PLACE_NAMES.length]}${town ? '镇人民政府' : '街道办事处'}`;
        const street: SyntheticAgency = {
          code: `${district.code.slice(0, 6)}${pad(s, 3)}000`, name: streetName, kind: town ? 'TOWN' : 'SUBDISTRICT', fromYear, toYear: null,
        };
        yield* agencyWithReports(street, district.code, rng.chance(0.3) ? 'busy' : 'quiet');
        const k = shape.communitiesPerStreet;
        const count = rng.int(Math.max(1, Math.round(k * 0.7)), Math.max(1, Math.round(k * 1.3)));
        for (let n = 1; n <= Math.min(count, 999); n++) {
          const village = town && rng.chance(0.8);
          const community: SyntheticAgency = {
            code: `${street.code.slice(0, 9)}${pad(n, 3)}`,
            name: `${PLACE_NAMES[(s + n * 11) % PLACE_NAMES.length]}${village ? '村民委员会' : '社区居民委员会'}`,
            kind: village ? 'VILLAGE' : 'COMMUNITY', fromYear, toYear: null,
          };
          yield* agencyWithReports(community, street.code, rng.chance(0.15) ? 'empty' : 'quiet');
        }
      }
    }
  }
}
