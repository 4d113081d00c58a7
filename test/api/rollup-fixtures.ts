/** Tiny factories for rollup API tests: documents with chosen outcomes, a one-report district, and a hand-built district. */
import { cellsOf, type FormatId } from '../../src/domain/catalogue';
import type { InterchangeCellValue, InterchangeDocument } from '../../src/domain/interchange';
import type { Storage } from '../../src/db/api';
import { startTestApi, type TestApi } from './api-client';

export interface Outcomes {
  readonly granted?: number;
  readonly denied?: number;
  /** F2019 other_handling; in F2021 goes to other_misc unless `overdue` says otherwise. */
  readonly other?: number;
  readonly overdue?: number;
  readonly cells?: Record<string, InterchangeCellValue>;
}

/**
 * A document passing every ERROR check: natural-person applications, received = granted + denied
 * + other, all handled within the year (A1–A3 hold), everything else 0 unless `cells` says.
 */
export function outcomesDocument(format: FormatId, year: number, o: Outcomes, scope: 'OWN' | 'REGION' = 'OWN'): InterchangeDocument {
  const cells: Record<string, InterchangeCellValue> = Object.fromEntries(cellsOf(format).map((c) => [c.code, c.unit === 'amount' ? '0' : 0]));
  const set = (row: string, n: number) => {
    cells[`applications.${row}.natural_person`] = n;
    cells[`applications.${row}.total`] = n;
  };
  const granted = o.granted ?? 0;
  const denied = o.denied ?? 0;
  const other = o.other ?? 0;
  const overdue = o.overdue ?? 0;
  set('granted', granted);
  set('denied_state_secret', denied);
  if (format === 'F2019') set('other_handling', other + overdue);
  else {
    set('other_misc', other);
    set('other_overdue_correction', overdue);
  }
  const received = granted + denied + other + overdue;
  set('new_received', received);
  set('total_handled', received);
  Object.assign(cells, o.cells ?? {});
  return {
    format, year, agencyName: null, agencyCode: null, publishedOn: null, scope, cells,
    text: { overview: null, problems: null, other: null }, statedFigures: {}, diagnostics: [],
  };
}

/**
 * The district of the hand-computed tests (2020 in F2019, 2021 in F2021):
 *
 *   D (district) ── S1 ── C1
 *                 │     └─ C2 (2020; moves to S2 in 2021)
 *                 ├─ S2 ── C3
 *                 │     └─ C2 (2021)
 *                 └─ P (department)
 *
 * 2020: D 1 granted; S1 6 granted, 2 denied, 2 other, procurement 19 items / 42.21 万元, review
 * 2 upheld + 1 corrected; S2 only a REGION report of 100 granted (never added; differs from its
 * rollup: H2); C1 3 granted + 1 other; C2 5; C3 20; P no report (H1).
 * 2021: D 2; S1 8 granted, 1 denied, 1 other_misc, review 1 upheld + 1 corrected, lawsuit 1
 * corrected; S2 3; C1 4 + 2 other_overdue_correction; C2 7 + 1 other_misc and 1 regulation issued
 * (S1 warning: a community making 规章); C3 a DRAFT of 30; P 1.
 */
export async function buildDistrict(storage: Storage): Promise<void> {
  const agencies = [['D', 'DISTRICT'], ['S1', 'SUBDISTRICT'], ['S2', 'SUBDISTRICT'], ['C1', 'COMMUNITY'], ['C2', 'COMMUNITY'], ['C3', 'COMMUNITY'], ['P', 'DEPARTMENT']] as const;
  for (const [code, kind] of agencies) await storage.upsertAgency({ code, name: `机关${code}`, kind });
  const link = (child: string, parent: string, fromYear: number, toYear: number | null = null) => storage.setParent({ childCode: child, parentCode: parent, fromYear, toYear });
  await storage.setParent({ childCode: 'D', parentCode: null, fromYear: 2020, toYear: null });
  await link('S1', 'D', 2020);
  await link('S2', 'D', 2020);
  await link('P', 'D', 2020);
  await link('C1', 'S1', 2020);
  await link('C2', 'S1', 2020, 2020);
  await link('C2', 'S2', 2021);
  await link('C3', 'S2', 2020);

  const submit = (code: string, document: InterchangeDocument, publish = true) =>
    storage.submitReport({ agencyCode: code, document, submittedBy: null, sourceName: null, publish });
  await submit('D', outcomesDocument('F2019', 2020, { granted: 1 }));
  await submit('S1', outcomesDocument('F2019', 2020, {
    granted: 6, denied: 2, other: 2,
    cells: {
      'proactive.gov_central_procurement.items': 19, 'proactive.gov_central_procurement.amount': '42.21',
      'appeals.review.upheld': 2, 'appeals.review.corrected': 1, 'appeals.review.total': 3,
    },
  }));
  await submit('S2', outcomesDocument('F2019', 2020, { granted: 100 }, 'REGION'));
  await submit('C1', outcomesDocument('F2019', 2020, { granted: 3, other: 1 }));
  await submit('C2', outcomesDocument('F2019', 2020, { granted: 5 }));
  await submit('C3', outcomesDocument('F2019', 2020, { granted: 20 }));

  await submit('D', outcomesDocument('F2021', 2021, { granted: 2 }));
  await submit('S1', outcomesDocument('F2021', 2021, {
    granted: 8, denied: 1, other: 1,
    cells: {
      'appeals.review.upheld': 1, 'appeals.review.corrected': 1, 'appeals.review.total': 2,
      'appeals.litigation_direct.corrected': 1, 'appeals.litigation_direct.total': 1,
    },
  }));
  await submit('S2', outcomesDocument('F2021', 2021, { granted: 3 }));
  await submit('C1', outcomesDocument('F2021', 2021, { granted: 4, overdue: 2 }));
  await submit('C2', outcomesDocument('F2021', 2021, { granted: 7, other: 1, cells: { 'proactive.regulations.issued': 1, 'proactive.regulations.in_force': 1 } }));
  await submit('C3', outcomesDocument('F2021', 2021, { granted: 30 }), false);
  await submit('P', outcomesDocument('F2021', 2021, { granted: 1 }));
}

/** A test API whose database holds one district, D, with one published F2021 report for 2021 (3 granted). */
export async function startWithOneDistrictReport(url: string): Promise<TestApi> {
  const api = await startTestApi(url);
  await api.storage.upsertAgency({ code: 'D', name: '区', kind: 'DISTRICT' });
  await api.storage.submitReport({ agencyCode: 'D', document: outcomesDocument('F2021', 2021, { granted: 3 }), submittedBy: null, sourceName: null, publish: true });
  return api;
}
