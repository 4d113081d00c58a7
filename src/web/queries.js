/**
 * The dashboard's GraphQL documents: one request to start (catalogue labels and the default
 * agency), one per screen (an agency in a year: rollup, children compared, 7-year series,
 * validation), and the agency search. Field names follow schema/schema.graphql.
 */

/** Labels for every figure and rule come from here; the page hard-codes codes, never labels. */
export const BOOT_QUERY = /* GraphQL */ `
  query DashboardBoot {
    catalogue {
      formats {
        id
        label { zh en }
        tables { id label { zh en } rows { code label { zh en } group { zh en } } }
      }
      rules { id severity label { zh en } }
      agencyKinds { kind label { zh en } }
    }
    districts: agencies(kind: DISTRICT, first: 20) { nodes { code name kind } }
  }
`;

export const SEARCH_QUERY = /* GraphQL */ `
  query DashboardSearch($text: String!) {
    agencies(nameContains: $text, first: 15) { totalCount nodes { code name kind } }
  }
`;

/**
 * One screen in one request (DESIGN.md §1 "one request per screen"): the node's rollup with its
 * coverage and missing agencies (rule H1), its children compared and ranked, its 2019–2025 series
 * and the validation summary, in the tree of each year (hierarchy YEAR) or restated in today's tree
 * (CURRENT; the parent shown is then the one of $parentYear, the last year), drafts included when
 * a signed-in viewer asks ($includeDrafts; the server refuses it without a token). Only the fields the
 * page reads (app.js, model.js): every field costs server time on every uncached screen (DESIGN.md §7). The headline carries the rate labels (the
 * rank menu and the children's column headers read them from there); children rows carry only
 * their figures, and only the rates the children table shows (SHOWN_RATES of model.js).
 */
export const SCREEN_QUERY = /* GraphQL */ `
  query DashboardScreen(
    $code: ID!, $year: Int!, $figureCodes: [String!]!, $trendCodes: [String!]!,
    $by: String, $rate: RateId, $order: SortOrder, $fromYear: Int!, $toYear: Int!,
    $hierarchy: HierarchyMode = YEAR, $parentYear: Int!, $includeDrafts: Boolean = false
  ) {
    agency(code: $code) {
      code name kind
      parent(year: $parentYear) { code name }
      report(year: $year) { cells(codes: $figureCodes) { code value } }
    }
    rollup(agencyCode: $code, year: $year, hierarchy: $hierarchy, includeDrafts: $includeDrafts) {
      cells(codes: $figureCodes) { code value reporters }
      rates { id label labelEn value numerator denominator smallDenominator }
      coverage { expected reported missingCount missing(first: 100) { code name kind } }
      reportersByFormat { format reporters }
    }
    compare(parentCode: $code, year: $year, by: $by, rate: $rate, order: $order, first: 200, hierarchy: $hierarchy, includeDrafts: $includeDrafts) {
      rows {
        rank value
        agency { code name kind }
        rollup {
          cells(codes: $figureCodes) { code value }
          rates(ids: [GRANTED_SHARE, DENIED_SHARE, REVIEW_CORRECTION_RATE]) { id value numerator denominator smallDenominator }
          coverage { expected reported }
        }
      }
    }
    series(agencyCode: $code, fromYear: $fromYear, toYear: $toYear, codes: $trendCodes, hierarchy: $hierarchy, includeDrafts: $includeDrafts) {
      points { year format cells { code value derived } coverage { expected reported } }
    }
    validation(agencyCode: $code, year: $year, hierarchy: $hierarchy, includeDrafts: $includeDrafts) {
      reportsChecked
      failures { rule severity reports agencies { code name } }
    }
  }
`;
