/**
 * Pure functions of the dashboard: labels from the catalogue, the comparable outcome categories of
 * the trend, number and rate formatting, the children table and its CSV. No DOM, no fetch.
 */

/** Years the page offers (the two formats of spec/FORMATS.md: F2019 for 2019–2020, F2021 after). */
export const FIRST_YEAR = 2019;
export const LAST_YEAR = 2025;

/** Cell codes the page reads (codes are the contract of spec/FORMATS.md; labels come from the catalogue). */
export const RECEIVED = 'applications.new_received.total';
export const HANDLED = 'applications.total_handled.total';
export const FIGURE_CODES = Object.freeze([RECEIVED, HANDLED]);
/** Rates shown in the headline and the children table, in this order (RateId of the API). */
export const SHOWN_RATES = Object.freeze(['GRANTED_SHARE', 'DENIED_SHARE', 'REVIEW_CORRECTION_RATE']);

/**
 * Labels of the kinds of agency, from the catalogue (`catalogue { agencyKinds }` of each page's boot
 * query, set once by setKindLabels); until then, or for a kind it lacks, the enum value itself.
 */
const kindLabels = new Map();

/** @param {{ kind: string, label: { zh: string, en: string } }[] | null | undefined} agencyKinds */
export function setKindLabels(agencyKinds) {
  kindLabels.clear();
  for (const entry of agencyKinds ?? []) kindLabels.set(entry.kind, entry.label);
}

export function kindLabel(kind) {
  return kindLabels.get(kind) ?? { zh: String(kind), en: String(kind).toLowerCase() };
}

/**
 * The labels of the catalogue, by row code (`applications.total_handled`) and by rule id.
 * A row present in both formats keeps its F2021 label (the current one).
 * @param {any} catalogue the `catalogue` field of BOOT_QUERY
 */
export function labelsOf(catalogue) {
  const rows = new Map();
  const tables = new Map();
  for (const format of catalogue.formats) {
    for (const table of format.tables) {
      const tableCode = table.id.toLowerCase();
      tables.set(tableCode, table.label);
      for (const row of table.rows) rows.set(`${tableCode}.${row.code}`, { label: row.label, group: row.group ?? null });
    }
  }
  const rules = new Map(catalogue.rules.map((r) => [r.id, r]));
  return { rows, tables, rules };
}

/** The label of the row a cell code belongs to (`applications.new_received.total` → row new_received). */
export function rowLabelOf(labels, cellCode) {
  const rowCode = cellCode.split('.').slice(0, 2).join('.');
  const row = labels.rows.get(rowCode);
  return row ? row.label : { zh: cellCode, en: cellCode };
}

const lastSegment = (text) => text.split('›').pop().trim();

/**
 * The outcome categories of table applications, comparable across F2019 and F2021 (spec/FORMATS.md:
 * F2019 `other_handling` corresponds to the sum of F2021's three `other_*` rows). Rows directly under
 * 三、本年度办理结果 are categories of their own; rows under a sub-group (（三）不予公开 …) add up into it.
 * A sub-group and a single row with the same label (（六）其他处理) are one category, which is what
 * makes other_handling and the three other_* rows one comparable series.
 * @returns {{ key: string, label: {zh: string, en: string}, codes: string[], comparable: string | null }[]} in table order
 */
export function outcomeCategories(catalogue) {
  const categories = new Map();
  for (const format of catalogue.formats) {
    const table = format.tables.find((t) => t.id === 'APPLICATIONS');
    if (!table) continue;
    for (const row of table.rows) {
      // Outcome rows sit under a group; the total of the outcomes is not one of them.
      if (!row.group || row.code === 'total_handled') continue;
      const nested = row.group.zh.includes('›');
      const label = nested ? { zh: lastSegment(row.group.zh), en: lastSegment(row.group.en) } : row.label;
      const code = `applications.${row.code}.total`;
      const category = categories.get(label.zh) ?? { key: label.zh, label, codes: [], comparable: null };
      if (!category.codes.includes(code)) category.codes.push(code);
      // The row that stands for the whole category (F2019 other_handling): the series API fills it in
      // every year, F2021 years included (SeriesPoint.cells, derived), so it alone is read when present.
      if (!nested) category.comparable = code;
      categories.set(label.zh, category);
    }
  }
  return [...categories.values()];
}

/** Every cell code the trend needs. */
export function trendCodes(categories) {
  return [RECEIVED, HANDLED, ...categories.flatMap((c) => c.codes)];
}

/** A cell value of a rollup as a number; null when no reporter had it. */
export function cellNumber(cells, code) {
  const cell = (cells ?? []).find((c) => c.code === code);
  return cell && cell.value != null ? Number(cell.value) : null;
}

/**
 * The trend: per year, applications received and each outcome category (null when no reporter of
 * that year had any of its cells), with the year's format (null when mixed) and coverage. A category
 * with a comparable row reads that row when the server gave it, else the sum of its rows (never
 * both: the server's comparable row already includes the other format's rows).
 */
export function trendOf(series, categories) {
  return series.points.map((point) => {
    const values = {};
    const derived = [];
    for (const category of categories) {
      const whole = category.comparable !== null && category.codes.length > 1 ? cellNumber(point.cells, category.comparable) : null;
      if (whole !== null) {
        values[category.key] = whole;
        if ((point.cells ?? []).some((c) => c.code === category.comparable && c.derived)) derived.push(category.key);
        continue;
      }
      const parts = category.codes.map((code) => cellNumber(point.cells, code)).filter((v) => v !== null);
      values[category.key] = parts.length ? parts.reduce((a, b) => a + b, 0) : null;
    }
    return {
      year: point.year,
      format: point.format ?? null,
      received: cellNumber(point.cells, RECEIVED),
      handled: cellNumber(point.cells, HANDLED),
      values,
      /** Categories whose value the server derived from another format's rows. */
      derived,
      coverage: point.coverage,
    };
  });
}

const countFormat = new Intl.NumberFormat('zh-CN');
/** "12,345", or an en dash for "nothing reported". */
export function formatCount(value) {
  if (value === null || value === undefined || value === '') return '–';
  const n = Number(value);
  return Number.isFinite(n) ? countFormat.format(n) : String(value);
}

/** "12.3%", or an en dash when the rate has no denominator. */
export function formatRate(value) {
  if (value === null || value === undefined) return '–';
  return `${(value * 100).toFixed(1)}%`;
}

/**
 * A figure against the year before, from the screen's series (the same rollups, year by year):
 * null when either year has no value. `ratio` is null when the year before was 0.
 * @returns {{ previous: number, delta: number, ratio: number | null } | null}
 */
export function changeFromYearBefore(series, code, year) {
  const points = series?.points ?? [];
  const now = cellNumber(points.find((p) => p.year === year)?.cells, code);
  const before = cellNumber(points.find((p) => p.year === year - 1)?.cells, code);
  if (now === null || before === null) return null;
  return { previous: before, delta: now - before, ratio: before === 0 ? null : (now - before) / before };
}

/** "+12 (+3.4%) 比 2024 · vs 2024", or null without a year before. */
export function changeText(change, year) {
  if (!change) return null;
  const sign = change.delta > 0 ? '+' : change.delta < 0 ? '−' : '±';
  const ratio = change.ratio === null ? '' : ` (${sign}${formatRate(Math.abs(change.ratio))})`;
  return `${sign}${formatCount(Math.abs(change.delta))}${ratio} 比 ${year - 1} · vs ${year - 1}`;
}

/** A rate of a rollup by RateId, or null. */
export function rateOf(rollup, id) {
  return (rollup?.rates ?? []).find((r) => r.id === id) ?? null;
}

/**
 * The children table: one row per child as `compare` returned them (already ranked by the server).
 * `reported` is "all expected agencies of the child's subtree have a report".
 */
export function childRows(comparison) {
  return comparison.rows.map((row) => {
    const coverage = row.rollup.coverage;
    return {
      rank: row.rank ?? null,
      code: row.agency.code,
      name: row.agency.name,
      kind: row.agency.kind,
      expected: coverage.expected,
      reported: coverage.reported,
      complete: coverage.expected > 0 && coverage.reported === coverage.expected,
      received: cellNumber(row.rollup.cells, RECEIVED),
      handled: cellNumber(row.rollup.cells, HANDLED),
      rates: Object.fromEntries(SHOWN_RATES.map((id) => [id, rateOf(row.rollup, id)])),
      value: row.value ?? null,
    };
  });
}

function csvField(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The children table as CSV (RFC 4180, CRLF), with a BOM so that spreadsheet programs read the
 * Chinese names as UTF-8. Rates are plain decimals (0.1234), empty when there is no denominator.
 * @param {ReturnType<typeof childRows>} rows
 * @param {{ header: string, value: (row: any) => unknown }[]} columns
 */
export function toCsv(rows, columns) {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * A label without its trailing note in brackets, for narrow places (legends, table headers):
 * （二）部分公开（区分处理的，只计这一情形，不计其他情形） → （二）部分公开.
 */
export function shortLabel(label) {
  const trim = (text) => text.replace(/^(.+?)\s*[（(][^（）()]*[）)]$/u, '$1');
  return { zh: trim(label.zh), en: trim(label.en) };
}

/** "中文 / English" for plain-text places (CSV headers, chart legends, titles). */
export function bilingual(label) {
  return label.zh === label.en ? label.zh : `${label.zh} / ${label.en}`;
}
