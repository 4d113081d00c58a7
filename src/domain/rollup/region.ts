/**
 * Rule H2 (FORMATS.md "Across the hierarchy"): a government's consolidated REGION report should equal
 * the rollup of its own and its subordinates' OWN reports; it is compared, never added on top.
 */
import type { CellValues } from '../report-values';
import type { CellTotals } from './series';

export interface RegionDifference {
  readonly code: string;
  readonly region: number;
  readonly rollup: number;
}

/**
 * The cells where the REGION report and the rollup disagree (blank read as 0). Only cells that some
 * OWN reporter of the rollup had are compared: a cell nobody under the node reported says nothing.
 */
export function regionDifferences(region: CellValues, rollup: CellTotals): RegionDifference[] {
  const out: RegionDifference[] = [];
  for (const code of Object.keys(region)) {
    if (rollup.reportersOf(code) === 0) continue;
    const regionValue = region[code] ?? 0;
    const rollupValue = rollup.sumOf(code) ?? 0;
    if (regionValue !== rollupValue) out.push({ code, region: regionValue, rollup: rollupValue });
  }
  return out;
}
