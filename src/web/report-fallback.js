/**
 * Report-level mode, for a server without the rollup API (schema/schema.graphql without `rollup`):
 * the same screen from the agency's own reports and its children's, shaped like the rollup
 * answers so that the page renders one way. Own reports only: no sums over subtrees, no rates.
 */

const REPORT_FIELDS = /* GraphQL */ `
  fragment ReportFigures on Report {
    format
    cells(codes: $figureCodes) { code value }
    checks { rule severity passed }
  }
`;

export const FALLBACK_SCREEN_QUERY = /* GraphQL */ `
  query DashboardScreenFromReports($code: ID!, $year: Int!, $figureCodes: [String!]!, $trendCodes: [String!]!) {
    agency(code: $code) {
      code name kind
      parent(year: $year) { code name kind }
      report(year: $year) { ...ReportFigures }
      children(year: $year) { code name kind report(year: $year) { ...ReportFigures } }
      reports { year format cells(codes: $trendCodes) { code value } }
    }
  }
  ${REPORT_FIELDS}
`;

const reportRollup = (report) => ({
  cells: report ? report.cells.map((c) => ({ ...c, reporters: 1 })) : [],
  rates: [],
  coverage: { expected: 1, reported: report ? 1 : 0, ratio: report ? 1 : 0, missingCount: report ? 0 : 1 },
});

/**
 * Shapes the answer of FALLBACK_SCREEN_QUERY like SCREEN_QUERY's.
 * @param {any} data
 * @param {{ year: number, by: string | null, order: 'ASC' | 'DESC', fromYear: number, toYear: number }} request
 */
export function screenFromReports(data, request) {
  const agency = data?.agency;
  if (!agency) return { agency: null };
  const children = agency.children ?? [];
  const own = reportRollup(agency.report);
  const missing = [...(agency.report ? [] : [agency]), ...children.filter((c) => !c.report)];
  const expected = 1 + children.length;
  const reported = expected - missing.length;
  const valueOf = (child) => {
    const cell = child.report?.cells.find((c) => c.code === request.by);
    return cell && cell.value != null ? Number(cell.value) : null;
  };
  const sorted = [...children].sort((a, b) => {
    const [x, y] = [valueOf(a), valueOf(b)];
    if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1;
    return request.order === 'ASC' ? x - y : y - x;
  });
  const failures = new Map();
  for (const subject of [agency, ...children]) {
    for (const check of subject.report?.checks ?? []) {
      if (check.passed) continue;
      const entry = failures.get(check.rule) ?? { rule: check.rule, severity: check.severity, reports: 0, agencies: [] };
      if (!entry.agencies.some((a) => a.code === subject.code)) {
        entry.reports += 1;
        entry.agencies.push({ code: subject.code, name: subject.name, kind: subject.kind });
      }
      failures.set(check.rule, entry);
    }
  }
  const reportsByYear = new Map((agency.reports ?? []).map((r) => [r.year, r]));
  const points = [];
  for (let year = request.fromYear; year <= request.toYear; year++) {
    const report = reportsByYear.get(year);
    points.push({
      year,
      format: report?.format ?? null,
      cells: report ? report.cells : [],
      coverage: { expected: 1, reported: report ? 1 : 0 },
    });
  }
  return {
    agency: { code: agency.code, name: agency.name, kind: agency.kind, parent: agency.parent },
    rollup: {
      ...own,
      coverage: {
        expected, reported, ratio: expected ? reported / expected : null, missingCount: missing.length,
        missing: missing.map((a) => ({ code: a.code, name: a.name, kind: a.kind })),
      },
      reportersByFormat: [],
    },
    compare: {
      by: request.by, order: request.order,
      rows: sorted.map((child, i) => ({
        rank: valueOf(child) === null ? null : i + 1,
        value: valueOf(child),
        agency: { code: child.code, name: child.name, kind: child.kind },
        rollup: reportRollup(child.report),
      })),
    },
    series: { points },
    validation: { reportsChecked: reported, failures: [...failures.values()].sort((a, b) => b.reports - a.reports) },
  };
}
