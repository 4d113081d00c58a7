/**
 * Inputs and outputs of the test-input generator: a report's figures in, a realistic published
 * document out (shared/spec/LAYOUTS.md), together with exactly what a careful reader must read back.
 */
import type { FormatId } from '../../../src/domain/catalogue';
import type { InterchangeCellValue } from '../../../src/domain/interchange';

/** LAYOUTS.md "Serialisations", plus real .docx table XML and a spreadsheet. L9 (no tables) is not a report to read back. */
export type LayoutId = 'L1' | 'L1b' | 'L2' | 'L3' | 'L4' | 'L5' | 'L6' | 'L7' | 'L8' | 'docx' | 'xlsx';
export const LAYOUT_IDS: readonly LayoutId[] = ['L1', 'L1b', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7', 'L8', 'docx', 'xlsx'];
export const TEXT_LAYOUT_IDS: readonly LayoutId[] = ['L1', 'L1b', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7'];

/** Figures stated in the prose (FORMATS.md rule T1); rendered only when given. */
export interface RenderStatedFigures {
  readonly proactiveItems?: number;
  readonly applicationsReceived?: number;
}

export interface RenderInput {
  readonly format: FormatId;
  readonly year: number;
  readonly agencyName: string;
  /** ISO date YYYY-MM-DD, printed under the signature. */
  readonly publishedOn: string;
  /**
   * Interchange values (FORMATS.md): counts as integers, amounts as canonical decimal strings of 万元,
   * null for a blank cell. A key left out is absent: a proactive sub-table or a whole table none of
   * whose cells is given is not rendered at all; an absent cell inside a rendered row prints blank
   * (and is then expected back as null).
   */
  readonly cells: Readonly<Record<string, InterchangeCellValue>>;
  readonly statedFigures?: RenderStatedFigures;
}

/**
 * LAYOUTS.md "Quirks", each a named choice so that a shrunk counterexample says which ones were on.
 * A quirk that cannot occur in a layout (pipes in a .docx, a GB18030 spreadsheet) is ignored there:
 * see effectiveQuirks.
 */
export interface QuirkSet {
  /** Catalogue aliases instead of official labels (釆购, 只计这一情况, 内容事务, 本年发件 …). */
  readonly labelVariants: boolean;
  /** Row and column labels in traditional characters (規範性文件). */
  readonly traditionalLabels: boolean;
  /** Local notes in brackets after labels (规章（设区的市…）, 本年增/减（…如-8）). */
  readonly bracketNotes: boolean;
  /** ASCII brackets in labels and article headers (第二十条第(一)项). */
  readonly asciiBrackets: boolean;
  /** Extra spaces inside labels (第二十条  第（一）项, （三） 不予公开). */
  readonly extraSpaces: boolean;
  /** Column header words split by spaces (商业 企业) or newlines (社会\n公益\n组织). */
  readonly headerSplit: 'none' | 'spaces' | 'newlines';
  /**
   * How a spanned group label (三、本年度办理结果, （三）不予公开, the header note) reads in text:
   * 'spanned' = inline with its first child row, continuation rows start with empty cells (the seed);
   * 'inline' = inline with its first child row, nothing on the continuation rows.
   */
  readonly groupStyle: 'spanned' | 'inline';
  /** The 信息内容 header cell written only in the first proactive sub-table (blank in the others). */
  readonly infoContentOnce: boolean;
  /** Values in full-width digits (１２). */
  readonly fullWidthDigits: boolean;
  /** How a zero is written: the digit, or `-`, `—`, `/` (read back as 0). */
  readonly zeroAs: 'digit' | '-' | '—' | '/';
  /** Unit written inside amount cells: bare number (万元 assumed), 42.21万元, or 251000元. */
  readonly amountUnit: 'none' | 'wan' | 'yuan';
  /** Leading padding before values: none, spaces, a non-breaking space, or a stray `?` (a lost NBSP). */
  readonly valuePadding: 'none' | 'spaces' | 'nbsp' | 'question';
  /** Sub-table header rows padded with runs of pipes (L4, L5). */
  readonly paddedPipes: boolean;
  /** A row of stray empty cells after each table. */
  readonly strayEmptyCells: boolean;
  /** Row 一 broken in two after its first value, as in the seed (L4, L5, L6, L7). */
  readonly splitFirstRow: boolean;
  /** Section headings renamed (二、主动公开政府信息的情况, 四、因政府信息公开工作被申请行政复议…). */
  readonly renamedHeadings: boolean;
  /** A sentence between a heading and its table (该部分以表格形式报告。表格如下：). */
  readonly sentenceBeforeTable: boolean;
  /** Conversion artefacts such as [bookmark: OLE_LINK1]. */
  readonly artefacts: boolean;
  /** Web page chrome (breadcrumbs, font-size links) before the title. */
  readonly pageChrome: boolean;
  /** Title order: 2021年度XX政府信息公开工作年度报告, or XX2021年政府信息公开工作年度报告. */
  readonly titleStyle: 'year-first' | 'agency-first';
  /** The title (and the prose) name no year: the document's year is then unknown (expected null). */
  readonly titleWithoutYear: boolean;
  /** A local row 其他主动公开文件 under 第二十条第（一）项, read back as an extension cell (FORMATS.md "Local variants"). */
  readonly extraLocalRow: boolean;
  /** Sub-group labels broken inside their cell: （三）\n不予公开 (layouts where a cell's line break survives). */
  readonly groupLabelBreak: boolean;
  /** Long row labels wrapped over two lines inside their cell (layouts where a cell's line break survives). */
  readonly labelWrap: boolean;
  /** Pinyin noise after 项 in article headers: 第二十条第（一）项(xiàng). */
  readonly pinyinNoise: boolean;
  /** The other format's notice cited above the proactive table (国办公开办函〔2019〕60号 above an F2021 table). */
  readonly otherNoticeCited: boolean;
  /** The signature date: 2022年1月13日, 2022年01月13日, 2022-01-13, or in Chinese numerals 二〇二二年一月十三日. */
  readonly dateStyle: 'plain' | 'padded' | 'iso' | 'hanzi';
  /** Text layouts only: bytes in GB18030 instead of UTF-8. */
  readonly encoding: 'utf8' | 'gb18030';
}

export const NO_QUIRKS: QuirkSet = Object.freeze({
  labelVariants: false,
  traditionalLabels: false,
  bracketNotes: false,
  asciiBrackets: false,
  extraSpaces: false,
  headerSplit: 'none',
  groupStyle: 'spanned',
  infoContentOnce: false,
  fullWidthDigits: false,
  zeroAs: 'digit',
  amountUnit: 'none',
  valuePadding: 'none',
  paddedPipes: false,
  strayEmptyCells: false,
  splitFirstRow: false,
  renamedHeadings: false,
  sentenceBeforeTable: false,
  artefacts: false,
  pageChrome: false,
  titleStyle: 'year-first',
  titleWithoutYear: false,
  extraLocalRow: false,
  groupLabelBreak: false,
  labelWrap: false,
  pinyinNoise: false,
  otherNoticeCited: false,
  dateStyle: 'plain',
  encoding: 'utf8',
});

/** What a careful reader reads back from the rendered document (the interchange fields under test). */
export interface ExpectedReading {
  readonly format: FormatId;
  readonly year: number | null;
  readonly agencyName: string;
  readonly publishedOn: string;
  readonly cells: Readonly<Record<string, InterchangeCellValue>>;
  /** The figures the prose states (rule T1), null when it states none. */
  readonly statedFigures: { readonly proactiveItems: number | null; readonly applicationsReceived: number | null };
}

export interface RenderedReport {
  readonly filename: string;
  readonly content: string | Buffer;
  readonly layout: LayoutId;
  /** The quirks as applied in this layout (inapplicable ones switched off). */
  readonly quirks: QuirkSet;
  readonly expected: ExpectedReading;
}
