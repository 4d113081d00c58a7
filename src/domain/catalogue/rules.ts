/**
 * The checks of FORMATS.md ("Checks (rule ids are part of the contract)") as data: id, severity,
 * scope and the cells each reads. Their logic lives in src/domain/checks; a catalogue test verifies
 * that every referenced cell exists.
 */
import type { FormatId, RuleDef } from './types';
import { FORMATS } from './formats';

const tableOf = (format: FormatId, table: string) => {
  const found = FORMATS.find((f) => f.id === format)!.tables.find((t) => t.id === table);
  if (!found) throw new Error(`format ${format} has no table ${table}`);
  return found;
};

const cellsOfTable = (table: string) => (format: FormatId): readonly string[] =>
  tableOf(format, table).rows.flatMap((r) => r.columns.map((c) => `${table}.${r.code}.${c}`));

const allCells = (format: FormatId): readonly string[] =>
  (['proactive', 'applications', 'appeals'] as const).flatMap((t) => cellsOfTable(t)(format));

const cellsOfColumn = (table: string, column: string) => (format: FormatId): readonly string[] =>
  tableOf(format, table)
    .rows.filter((r) => r.columns.includes(column))
    .map((r) => `${table}.${r.code}.${column}`);

const BOTH: readonly FormatId[] = ['F2019', 'F2021'];

export const RULES: readonly RuleDef[] = [
  {
    id: 'A1', severity: 'error', scope: 'report', formats: BOTH,
    label: { zh: '每行总计等于各类申请人之和', en: 'each applications row: total = sum of the six applicant columns' },
    cells: cellsOfTable('applications'),
  },
  {
    id: 'A2', severity: 'error', scope: 'report', formats: BOTH,
    label: { zh: '第一项加第二项之和，等于第三项加第四项之和', en: 'each column: new received + carried over = total handled + carried forward' },
    cells: (format) =>
      ['new_received', 'carried_over', 'total_handled', 'carried_forward'].flatMap((row) =>
        tableOf(format, 'applications').columns.map((c) => `applications.${row}.${c.code}`),
      ),
  },
  {
    id: 'A3', severity: 'error', scope: 'report', formats: BOTH,
    label: { zh: '（七）总计等于各项办理结果之和', en: 'each column: total handled = sum of the outcome rows' },
    cells: (format) =>
      cellsOfTable('applications')(format).filter(
        (code) => !/^applications\.(new_received|carried_over|carried_forward)\./.test(code),
      ),
  },
  {
    id: 'R1', severity: 'error', scope: 'report', formats: BOTH,
    label: { zh: '复议、诉讼各栏总计等于各结果之和', en: 'each appeals block: total = upheld + corrected + other + pending' },
    cells: cellsOfTable('appeals'),
  },
  {
    id: 'N1', severity: 'error', scope: 'report', formats: BOTH,
    label: { zh: '数量为非负整数，金额非负', en: 'counts are non-negative integers; amounts are not negative' },
    cells: allCells,
  },
  {
    id: 'P1', severity: 'warning', scope: 'report', formats: ['F2019'],
    label: { zh: '本年新公开数量不大于对外公开总数量', en: 'published this year ≤ total published' },
    cells: (format) => [...cellsOfColumn('proactive', 'new_published')(format), ...cellsOfColumn('proactive', 'total_published')(format)],
  },
  {
    id: 'S1', severity: 'warning', scope: 'report', formats: BOTH,
    label: { zh: '基层机关一般不制定规章', en: 'only provincial and city governments make regulations' },
    cells: (format) => tableOf(format, 'proactive').rows.find((r) => r.code === 'regulations')!.columns.map((c) => `proactive.regulations.${c}`),
  },
  {
    id: 'D1', severity: 'warning', scope: 'report', formats: BOTH,
    label: { zh: '报告发布逾期', en: 'published after the deadline' },
    cells: () => [],
  },
  {
    id: 'T1', severity: 'warning', scope: 'report', formats: BOTH,
    label: { zh: '正文数字与表格不一致', en: 'a figure in the text contradicts the table' },
    cells: (format) => [
      ...cellsOfColumn('proactive', format === 'F2019' ? 'new_published' : 'issued')(format),
      'applications.new_received.total',
    ],
  },
  {
    id: 'X1', severity: 'warning', scope: 'cross_year', formats: BOTH,
    label: { zh: '上年结转等于上一年结转下年度', en: 'carried over = last year’s carried forward' },
    cells: (format) => [...cellsOfTable('applications')(format).filter((c) => /\.(carried_over|carried_forward)\./.test(c))],
  },
  {
    id: 'X2', severity: 'warning', scope: 'cross_year', formats: ['F2019'],
    label: { zh: '上一年项目数量等于上年数量加增减', en: 'previous-year items = last year’s items + last year’s change' },
    cells: (format) => [...cellsOfColumn('proactive', 'prev_year_items')(format), ...cellsOfColumn('proactive', 'change')(format)],
  },
  {
    id: 'X3', severity: 'warning', scope: 'cross_year', formats: ['F2021'],
    label: { zh: '现行有效件数等于上年加制发减废止', en: 'in force = last year’s in force + issued − repealed' },
    cells: (format) => [
      ...cellsOfColumn('proactive', 'in_force')(format),
      ...cellsOfColumn('proactive', 'issued')(format),
      ...cellsOfColumn('proactive', 'repealed')(format),
    ],
  },
  {
    id: 'X4', severity: 'warning', scope: 'cross_year', formats: BOTH,
    label: { zh: '数据与上年完全相同（疑似照抄）', en: 'all figures identical to last year’s (copied report)' },
    cells: allCells,
  },
  {
    id: 'H1', severity: 'warning', scope: 'hierarchy', formats: BOTH,
    label: { zh: '下级机关未报送年度报告', en: 'subordinate agencies without a report' },
    cells: () => [],
  },
  {
    id: 'H2', severity: 'warning', scope: 'hierarchy', formats: BOTH,
    label: { zh: '区域汇总报告与下级合计不一致', en: 'region report differs from the rollup of its subordinates' },
    cells: allCells,
  },
];
