/**
 * Deterministic synthetic data: report figures consistent with the checks, a district with history
 * and deliberate defects (demo data, tests), and a streamed province (the benchmark).
 */
export { mulberry32, type Rng } from './random';
export { generateReportValues, zeroReportValues, type GenerateReportOptions, type ReportProfile } from './report-values.synthetic';
export {
  intendedFormat, looksCopied, subjectOf, type SyntheticAgency, type SyntheticReport,
} from './agencies.synthetic';
export { generateDistrict, type DistrictOptions, type SyntheticDefect, type SyntheticDistrict } from './district.synthetic';
export { generateProvince, provinceShape, type ProvinceItem, type ProvinceOptions, type ProvinceShape } from './province.synthetic';
