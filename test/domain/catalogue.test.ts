import {
  ALL_CELL_CODES, COMPARABLE_CELL_CODES, DERIVATIONS, FORMATS, RULES, cellsOf, findCell, resolveMeasure, tableDef,
} from '../../src/domain/catalogue';

describe('the catalogue', () => {
  it('has every cell code of FORMATS.md exactly once per format', () => {
    for (const f of FORMATS) {
      const codes = cellsOf(f.id).map((c) => c.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const code of codes) expect(code).toMatch(/^(proactive|applications|appeals)\.[a-z_]+\.[a-z_]+$/);
    }
  });

  it('counts the cells of each table as the spec does', () => {
    const count = (format: 'F2019' | 'F2021', table: string) => cellsOf(format).filter((c) => c.table === table).length;
    // FORMATS.md says "F2019 has 23 cells in this table", but its own row table lists 6+6+6+2+2 = 22.
    expect(count('F2019', 'proactive')).toBe(22);
    expect(count('F2021', 'proactive')).toBe(10);
    expect(count('F2019', 'applications')).toBe(23 * 7);
    expect(count('F2021', 'applications')).toBe(25 * 7);
    expect(count('F2019', 'appeals')).toBe(15);
    expect(count('F2021', 'appeals')).toBe(15);
  });

  it('gives every row, column and table a Chinese and an English label', () => {
    for (const f of FORMATS) for (const t of f.tables) {
      for (const x of [t, ...t.rows, ...t.columns]) {
        expect(x.label.zh).toMatch(/\p{Script=Han}/u);
        expect(x.label.en).toMatch(/[a-z]/);
      }
    }
  });

  it('makes every rule reference only cells of the formats it applies to', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(['A1', 'A2', 'A3', 'D1', 'H1', 'H2', 'N1', 'P1', 'R1', 'S1', 'T1', 'X1', 'X2', 'X3', 'X4']);
    for (const rule of RULES) for (const format of rule.formats) {
      for (const code of rule.cells(format)) expect(findCell(format, code)).toBeDefined();
    }
  });

  it('derives F2019 other_handling from the three F2021 other_* rows, column by column', () => {
    expect(DERIVATIONS).toHaveLength(7);
    expect(resolveMeasure('F2021', 'applications.other_handling.total')).toEqual({
      kind: 'sum',
      of: ['applications.other_overdue_correction.total', 'applications.other_unpaid_fee.total', 'applications.other_misc.total'],
    });
    expect(resolveMeasure('F2019', 'applications.other_handling.total')).toEqual({ kind: 'cell' });
    expect(resolveMeasure('F2021', 'proactive.gov_central_procurement.amount')).toEqual({ kind: 'absent' });
  });

  it('compares only cells that mean the same in both formats', () => {
    expect(COMPARABLE_CELL_CODES).toContain('applications.granted.total');
    expect(COMPARABLE_CELL_CODES).toContain('proactive.admin_penalty.decisions');
    expect(COMPARABLE_CELL_CODES).not.toContain('proactive.regulations.new_made');
    expect(COMPARABLE_CELL_CODES).not.toContain('applications.other_handling.total');
    expect(ALL_CELL_CODES.length).toBe(198 + 200 - COMPARABLE_CELL_CODES.length);
  });

  it('marks opening and closing stocks so that year ranges do not add them up', () => {
    const agg = (code: string) => findCell(code.includes('in_force') ? 'F2021' : 'F2019', code)!.yearAggregation;
    expect(agg('applications.carried_over.total')).toBe('stock_start');
    expect(agg('applications.carried_forward.total')).toBe('stock_end');
    expect(agg('proactive.admin_licensing.prev_year_items')).toBe('stock_start');
    expect(agg('proactive.regulations.in_force')).toBe('stock_end');
    expect(agg('applications.new_received.total')).toBe('flow');
    expect(tableDef('F2019', 'proactive').columns.find((c) => c.code === 'amount')!.unit).toBe('amount');
  });
});
