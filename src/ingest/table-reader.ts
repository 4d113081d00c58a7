/**
 * The one table reader: walks the common token stream of a table section, matches labels against
 * the catalogue (label-index.ts) and takes the values that follow each label, knowing how many
 * columns each row has (LAYOUTS.md "What the importer does with them"). Every repair or doubt is a
 * diagnostic with its location; no value is ever invented.
 */
import { tableDef, type ColumnDef, type FormatId, type RowDef, type TableId } from '../domain/catalogue';
import type { DiagnosticLocation, InterchangeCellValue } from '../domain/interchange';
import type { DiagnosticSink } from './diagnostics';
import { extensionRowCode } from './extension-cells';
import type { LabelIndex, LabelMatch } from './label-index';
import { isBareNumbering, simplified } from './normalize';
import type { SectionId, TableSection } from './sections';
import { readValue, type ValueKind } from './values';

/** A cell of a table section after classification. */
export type Classified =
  | { readonly kind: 'value'; readonly value: ValueKind; readonly cleaned: string; readonly line: number }
  | { readonly kind: 'label'; readonly match: LabelMatch; readonly cleaned: string; readonly line: number }
  | { readonly kind: 'heading'; readonly section: SectionId; readonly line: number }
  | { readonly kind: 'text'; readonly cleaned: string; readonly key: string; readonly line: number }
  | { readonly kind: 'noise' };

type ValueCell = Extract<Classified, { kind: 'value' }>;

interface PendingRow {
  readonly table: TableId;
  readonly rowCode: string;
  readonly rowLabel: string;
  readonly columns: readonly ColumnDef[];
  readonly line: number;
  readonly extension: boolean;
  readonly discard: boolean;
  readonly values: ValueCell[];
  closed: boolean;
}

export interface PlacedCell {
  readonly value: InterchangeCellValue;
  readonly line: number;
}

export interface TableReadResult {
  readonly cells: ReadonlyMap<string, PlacedCell>;
  readonly tablesSeen: ReadonlySet<TableId>;
}

const APPEALS_HEADER_WORDS = ['结果维持', '结果纠正', '尚未审结', '复议后起诉', '未经复议'];
const isFilled = (v: ValueCell) => v.value !== 'blank';
const endsWithBlank = (values: readonly ValueCell[]) => values.length > 0 && !isFilled(values[values.length - 1]);

export class TableReader {
  private readonly cells = new Map<string, PlacedCell>();
  private readonly tablesSeen = new Set<TableId>();
  private readonly rowsSeen = new Set<string>();
  private pending: PendingRow | null = null;
  private table: TableSection | null = null;
  private articleColumns: readonly ColumnDef[] | null = null;
  private appealsValues: ValueCell[] = [];
  private appealsPlaced = false;
  private appealsHeaderLine = 0;
  private readonly appealsColumns: readonly { row: RowDef; column: ColumnDef }[];
  private readonly applicantColumns: readonly ColumnDef[];

  constructor(
    private readonly format: FormatId,
    private readonly index: LabelIndex,
    private readonly sink: DiagnosticSink,
    /** True when the source marks row ends (L4–L7, HTML, docx, xlsx). */
    private readonly rowsKnown: boolean,
  ) {
    const appeals = tableDef(format, 'appeals');
    this.appealsColumns = appeals.rows.flatMap((row) => row.columns.map((code) => ({ row, column: appeals.columns.find((c) => c.code === code)! })));
    this.applicantColumns = tableDef(format, 'applications').columns;
  }

  get indexFormat(): FormatId {
    return this.index.format;
  }

  /** Feeds one row of classified cells (for sources without row ends: everything between headings). */
  row(cells: readonly Classified[]): void {
    const meaningful = cells.filter((c) => c.kind !== 'noise');
    if (meaningful.length === 0) return;
    const pending = this.pending;
    if (this.rowsKnown && pending && !pending.discard && pending.values.length < pending.columns.length && meaningful.every((c) => c.kind === 'value')) {
      this.continueRow(pending, meaningful as ValueCell[]);
      return;
    }
    if (this.rowsKnown && pending) pending.closed = true;
    for (const cell of cells) this.cell(cell);
  }

  finish(): TableReadResult {
    this.finishPending();
    this.finishAppeals();
    return { cells: this.cells, tablesSeen: this.tablesSeen };
  }

  /** A label-less row of values after a row that is short of values: the row was broken in two (the seed's row 一). */
  private continueRow(pending: PendingRow, values: ValueCell[]): void {
    const remaining = pending.columns.length - pending.values.length;
    let rest = values;
    // Leading empty cells of a continuation row are the rowspan of the label cell.
    while (rest.length > remaining && !isFilled(rest[0])) rest = rest.slice(1);
    const taken = rest.slice(0, remaining);
    if (pending.values.length > 0 && taken.some(isFilled)) {
      this.sink.add('SPLIT_ROW_MERGED', `row "${pending.rowLabel}" continued on a line without a label; its ${taken.length} value(s) were merged back into the row`, {
        location: { line: taken[0].line, path: this.path(pending.table, pending.rowLabel) },
      });
    }
    pending.values.push(...taken);
    for (const extra of rest.slice(remaining)) this.unplaced(extra);
  }

  private cell(cell: Classified): void {
    switch (cell.kind) {
      case 'noise':
        return;
      case 'value':
        return this.value(cell);
      case 'heading':
        this.finishPending();
        if (this.table === 'appeals' && cell.section !== 'appeals') this.finishAppeals();
        this.table = cell.section === 'proactive' || cell.section === 'applications' || cell.section === 'appeals' ? cell.section : null;
        if (this.table !== 'proactive') this.articleColumns = null;
        return;
      case 'label':
        return this.label(cell);
      case 'text':
        return this.text(cell);
      default: {
        const unreachable: never = cell;
        throw new Error(`unknown cell ${JSON.stringify(unreachable)}`);
      }
    }
  }

  private value(cell: ValueCell): void {
    const pending = this.pending;
    if (pending && !pending.closed && pending.values.length < pending.columns.length) {
      pending.values.push(cell);
    } else if (this.table === 'appeals' && (!pending || pending.closed || pending.values.length >= pending.columns.length)) {
      this.appealsValues.push(cell);
    } else {
      this.unplaced(cell);
    }
  }

  private label(cell: Extract<Classified, { kind: 'label' }>): void {
    const { meaning } = cell.match;
    switch (meaning.kind) {
      case 'row': {
        const pending = this.pending;
        if (pending && pending.rowCode === meaning.row.code && pending.values.length === 0 && !pending.extension) return; // a spanned label repeated
        if (meaning.row.group) this.warnTrailingBlank(meaning.row.label.zh, cell.line);
        this.finishPending();
        if (this.table === 'appeals') this.finishAppeals();
        this.table = meaning.table === 'appeals' ? 'appeals' : meaning.table;
        this.tablesSeen.add(meaning.table);
        this.noteFuzzy(cell, meaning.table);
        const duplicate = this.rowsSeen.has(`${meaning.table}.${meaning.row.code}`);
        if (duplicate) {
          this.sink.add('DUPLICATE_ROW', `row "${meaning.row.label.zh}" appears a second time; the first one is kept`, {
            location: { line: cell.line, path: this.path(meaning.table, meaning.row.label.zh) },
          });
        }
        this.rowsSeen.add(`${meaning.table}.${meaning.row.code}`);
        this.pending = {
          table: meaning.table,
          rowCode: meaning.row.code,
          rowLabel: meaning.row.label.zh,
          columns: meaning.columns,
          line: cell.line,
          extension: false,
          discard: duplicate,
          values: [],
          closed: false,
        };
        return;
      }
      case 'article':
        this.finishPending();
        if (this.table === 'appeals') this.finishAppeals();
        this.table = 'proactive';
        this.articleColumns = meaning.columns;
        this.noteFuzzy(cell, 'proactive');
        return;
      case 'appeals_header':
        this.finishPending();
        this.appealsHeaderLine = cell.line;
        this.table = 'appeals';
        this.tablesSeen.add('appeals');
        this.resetAppeals();
        return;
      case 'header':
        this.warnTrailingBlank(cell.cleaned, cell.line);
        this.finishPending();
        if (this.table === 'appeals') this.resetAppeals();
        return;
      default: {
        const unreachable: never = meaning;
        throw new Error(`unknown label ${JSON.stringify(unreachable)}`);
      }
    }
  }

  private text(cell: Extract<Classified, { kind: 'text' }>): void {
    // (A label broken over two lines leaves its second half in brackets: that half is noise, not text.)
    this.finishPending();
    if (this.table === 'appeals') {
      // Headers run together (vertical PDF characters joined): still the appeals table's headers.
      const holdsHeader = (key: string) => APPEALS_HEADER_WORDS.some((w) => key.includes(w));
      if (holdsHeader(cell.key) || holdsHeader(simplified(cell.key))) {
        this.tablesSeen.add('appeals');
        this.appealsHeaderLine = cell.line;
      }
      this.resetAppeals();
      return;
    }
    const columns = this.table === 'proactive' ? this.articleColumns : this.table === 'applications' ? this.applicantColumns : null;
    if (!columns || !this.extensionCandidate(cell.key)) return;
    const table = this.table!;
    this.pending = {
      table,
      // Named by its simplified label, so a traditional-character copy names the same extension cell.
      rowCode: extensionRowCode(simplified(cell.key)),
      rowLabel: cell.cleaned,
      columns,
      line: cell.line,
      extension: true,
      discard: false,
      values: [],
      closed: false,
    };
  }

  private extensionCandidate(key: string): boolean {
    return key.length >= 3 && key.length <= 30 && /[\u4e00-\u9fff]{2}/.test(key) && !isBareNumbering(key) && !/\d{4}年/.test(key);
  }

  /**
   * Without row ends (L1–L3), the empty group cell printed before a grouped row or a group label
   * (its rowspan) looks exactly like an empty last cell of the row before: if that row lost a value,
   * its other values moved one column left. Said as a warning on that row.
   */
  private warnTrailingBlank(next: string, line: number): void {
    const pending = this.pending;
    if (this.rowsKnown || !pending || pending.discard || !endsWithBlank(pending.values) || !pending.values.some(isFilled)) return;
    const column = pending.columns[pending.values.length - 1];
    this.sink.add('BLANK_POSITION_UNCERTAIN', `the empty cell at the end of row "${pending.rowLabel}" comes right before "${next}", whose empty group cell looks the same; if a value of "${pending.rowLabel}" is missing, its values are shifted`, {
      cell: `${pending.table}.${pending.rowCode}.${column.code}`,
      location: { line, path: this.path(pending.table, pending.rowLabel) },
    });
  }

  private noteFuzzy(cell: Extract<Classified, { kind: 'label' }>, table: TableId): void {
    if (cell.match.how === 'exact') return;
    this.sink.add('LABEL_FUZZY_MATCH', `"${cell.cleaned}" read as "${cell.match.official}" (${cell.match.how === 'simplified' ? 'traditional characters' : 'variant spelling'})`, {
      location: { line: cell.line, path: tableDef(this.format, table).label.zh },
    });
  }

  private unplaced(cell: ValueCell): void {
    if (!isFilled(cell)) return;
    this.sink.add('VALUE_UNPLACED', `value "${cell.cleaned}" follows no row label (or more values than the row has columns); ignored`, {
      location: { line: cell.line, ...(this.table ? { path: tableDef(this.format, this.table).label.zh } : {}) },
    });
  }

  private resetAppeals(): void {
    // Values come after the last header; empty cells between headers are spans of the header rows.
    if (!this.appealsValues.some(isFilled)) this.appealsValues = [];
  }

  private finishAppeals(): void {
    let values = this.appealsValues;
    this.appealsValues = [];
    // Empty cells under the heading alone (a padded spreadsheet row, "本年度无相关情况") are not the table.
    if (this.appealsPlaced || (!this.tablesSeen.has('appeals') && !values.some(isFilled))) return;
    this.appealsPlaced = true;
    const width = this.appealsColumns.length;
    if (!values.some(isFilled)) {
      // The headers are printed and no figure under them (empty cells dropped by L1b and PDF text):
      // like a printed row without values, its cells are blank.
      const line = values[0]?.line ?? this.appealsHeaderLine;
      values = Array.from({ length: width }, (): ValueCell => ({ kind: 'value', value: 'blank', cleaned: '', line }));
    }
    while (values.length > width && !isFilled(values[values.length - 1])) values = values.slice(0, -1);
    while (values.length > width && !isFilled(values[0])) values = values.slice(1);
    values.slice(0, width).forEach((v, i) => {
      const { row, column } = this.appealsColumns[i];
      this.place('appeals', row.code, row.label.zh, column, v);
    });
    for (const extra of values.slice(width)) this.unplaced(extra);
  }

  private finishPending(): void {
    const pending = this.pending;
    this.pending = null;
    if (!pending || pending.discard) return;
    if (pending.extension) {
      if (!pending.values.some(isFilled)) return; // a header or a note, not a row
      this.tablesSeen.add(pending.table);
      this.sink.add('EXTENSION_ROW', `local row "${pending.rowLabel}" is not in format ${this.format}; kept as extension cells ${pending.table}.${pending.rowCode}.*`, {
        location: { line: pending.line, path: this.path(pending.table, pending.rowLabel) },
      });
    }
    if (pending.values.length === 0) {
      // LAYOUTS.md: "whole rows blank where the agency meant zero". The row is printed, so its cells
      // exist and are empty (L1b and PDF text drop empty cells, leaving the label alone).
      const blank: ValueCell = { kind: 'value', value: 'blank', cleaned: '', line: pending.line };
      pending.columns.forEach((column) => this.place(pending.table, pending.rowCode, pending.rowLabel, column, blank));
      return;
    }
    pending.values.forEach((v, i) => this.place(pending.table, pending.rowCode, pending.rowLabel, pending.columns[i], v));
    const { length } = pending.values;
    if (length > 0 && length < pending.columns.length) {
      // Values were placed from the first column on: say so, as a missing value may have shifted the others.
      const missing = pending.columns.slice(length).map((c) => c.label.zh);
      this.sink.add('TABLE_INCOMPLETE', `row "${pending.rowLabel}" has ${length} of ${pending.columns.length} values, placed from its first column; ${missing.join(', ')} left out`, {
        cell: `${pending.table}.${pending.rowCode}.${pending.columns[length].code}`,
        location: { line: pending.line, path: this.path(pending.table, pending.rowLabel) },
      });
    }
  }

  private place(table: TableId, rowCode: string, rowLabel: string, column: ColumnDef, cell: ValueCell): void {
    const code = `${table}.${rowCode}.${column.code}`;
    const read = readValue(cell.cleaned, column);
    if (read.notes.length > 0) {
      const location: DiagnosticLocation = { line: cell.line, path: this.path(table, rowLabel, column.label.zh) };
      for (const note of read.notes) this.sink.add(note.code, note.message, { cell: code, location });
    }
    if (read.value !== undefined && !this.cells.has(code)) this.cells.set(code, { value: read.value, line: cell.line });
  }

  private path(table: TableId, rowLabel: string, columnLabel?: string): string {
    const parts = [tableDef(this.format, table).label.zh, rowLabel];
    if (columnLabel) parts.push(columnLabel);
    return parts.join(' › ');
  }
}
