/**
 * The dashboard page (DESIGN.md §1: the district government and dashboards): pick an agency and a
 * year; see its rollup with coverage (rule H1), its children compared and ranked, the 2019–2025
 * trend and the validation summary; download the children as CSV; click a child to drill down.
 * Figures are in the tree of each year, or restated in today's tree (hierarchy CURRENT: merged and
 * moved agencies counted where they belong now). State lives in the URL
 * (?agency=…&year=…&rank=…&order=…&tree=CURRENT), so that drill-downs are links and the back button works.
 */
import { bilingualNode, h, replace, showErrorsIn } from './dom.js';
import { ApiError, requestGraphql } from './graphql-client.js';
import {
  FIGURE_CODES, FIRST_YEAR, HANDLED, LAST_YEAR, RECEIVED, SHOWN_RATES,
  bilingual, cellNumber, changeFromYearBefore, changeText, childRows, formatCount, formatRate, kindLabel, labelsOf, outcomeCategories,
  rateOf, rowLabelOf, setKindLabels, shortLabel, toCsv, trendCodes, trendOf,
} from './model.js';
import { BOOT_QUERY, SCREEN_QUERY, SEARCH_QUERY } from './queries.js';
import { mountSession } from './session.js';
import { clearTrend, drawTrend } from './trend-chart.js';

const ENDPOINT = new URL('../graphql', document.baseURI).pathname;
const EXPORT_BASE = new URL('../export', document.baseURI).pathname;
const $ = (id) => document.getElementById(id);

/** What the catalogue gives once: labels and the comparable outcome categories. */
const boot = { labels: null, categories: [], defaultAgency: null };
/** Who is signed in (session.js): null when anonymous. */
const session = { viewer: null };
/** The last screen, for the CSV and re-sorting. */
let screen = { rows: [], rates: [], agency: null, year: null };
let screenRequest = null;

// ------------------------------------------------------------------ state in the URL

function readState() {
  const params = new URLSearchParams(location.search);
  const year = Number(params.get('year'));
  return {
    agency: params.get('agency') || boot.defaultAgency,
    year: Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR ? year : LAST_YEAR,
    rank: params.get('rank') || `cell:${RECEIVED}`,
    order: params.get('order') === 'ASC' ? 'ASC' : 'DESC',
    tree: params.get('tree') === 'CURRENT' ? 'CURRENT' : 'YEAR',
    // Asked for in the URL; honoured only for a signed-in viewer who may read drafts (includeDrafts).
    drafts: params.get('drafts') === '1',
  };
}

/** Drafts are read only when asked and the signed-in viewer may read them. */
const withDrafts = (state) => state.drafts && Boolean(session.viewer && session.viewer.canReadDrafts);

function urlOf(state) {
  const params = new URLSearchParams({ agency: state.agency, year: String(state.year), rank: state.rank, order: state.order });
  if (state.tree === 'CURRENT') params.set('tree', 'CURRENT');
  if (state.drafts) params.set('drafts', '1');
  return `?${params}`;
}

function navigate(change, { replaceHistory = false } = {}) {
  const next = { ...readState(), ...change };
  const url = urlOf(next);
  if (replaceHistory) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  void loadScreen();
}

/** A link to another screen: a real href (new tab works), handled in place on a plain click. */
function screenLink(agency, extraClass) {
  const state = { ...readState(), agency: agency.code };
  return h('a', {
    href: urlOf(state),
    class: extraClass,
    dataset: { code: agency.code },
    onclick: (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      navigate({ agency: agency.code });
    },
  }, agency.name);
}

// ------------------------------------------------------------------ errors

const showErrors = (errors) => showErrorsIn($('errors'), errors);

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

const asApiError = (error) => (error instanceof ApiError ? error : new ApiError('CLIENT_ERROR', String(error && error.message ? error.message : error)));

// ------------------------------------------------------------------ boot

async function start() {
  const years = $('year');
  for (let year = LAST_YEAR; year >= FIRST_YEAR; year--) years.append(h('option', { value: year }, String(year)));
  years.addEventListener('change', () => navigate({ year: Number(years.value) }));
  $('tree').addEventListener('change', (e) => navigate({ tree: e.target.value }));
  $('drafts').addEventListener('change', (e) => navigate({ drafts: e.target.checked }));
  // Signed in first, so that the first screen already carries the token (and drafts when asked).
  let booted = false;
  await mountSession($('session'), {
    request: (query) => requestGraphql(ENDPOINT, query),
    onChange: (viewer) => {
      session.viewer = viewer;
      $('drafts-control').hidden = !(viewer && viewer.canReadDrafts);
      if (booted) void loadScreen();
    },
  });
  $('rank-by').addEventListener('change', (e) => navigate({ rank: e.target.value }, { replaceHistory: true }));
  $('rank-order').addEventListener('click', () => navigate({ order: readState().order === 'DESC' ? 'ASC' : 'DESC' }, { replaceHistory: true }));
  $('csv').addEventListener('click', downloadCsv);
  $('controls').addEventListener('submit', (e) => e.preventDefault());
  setUpSearch();
  window.addEventListener('popstate', () => void loadScreen());

  let answer;
  try {
    answer = await requestGraphql(ENDPOINT, BOOT_QUERY);
  } catch (error) {
    showErrors([asApiError(error)]);
    $('main').setAttribute('aria-busy', 'false');
    return;
  }
  showErrors(answer.errors);
  if (!answer.data || !answer.data.catalogue) return;
  boot.labels = labelsOf(answer.data.catalogue);
  setKindLabels(answer.data.catalogue.agencyKinds);
  boot.categories = outcomeCategories(answer.data.catalogue);
  const districts = answer.data.districts?.nodes ?? [];
  boot.defaultAgency = districts[0]?.code ?? null;
  fillRankOptions(readState().rank);
  if (!readState().agency) {
    replace($('agency-name'), '没有机关 · No agency yet');
    replace($('agency-meta'), '数据库中还没有区县机关；请先导入报告。 · The database has no district yet: import reports first.');
    $('main').setAttribute('aria-busy', 'false');
    return;
  }
  booted = true;
  await loadScreen();
}

// ------------------------------------------------------------------ one screen, one request

function rankArguments(rank) {
  const [kind, value] = rank.split(':');
  return kind === 'rate' ? { rate: value, by: null } : { by: value, rate: null };
}

async function loadScreen() {
  const state = readState();
  if (!state.agency || !boot.labels) return;
  $('year').value = String(state.year);
  $('tree').value = state.tree;
  $('drafts').checked = withDrafts(state);
  updateOrderButton(state.order);
  screenRequest?.abort();
  const controller = new AbortController();
  screenRequest = controller;
  $('main').setAttribute('aria-busy', 'true');
  const variables = {
    code: state.agency,
    year: state.year,
    figureCodes: FIGURE_CODES,
    trendCodes: trendCodes(boot.categories),
    order: state.order,
    fromYear: FIRST_YEAR,
    toYear: LAST_YEAR,
    hierarchy: state.tree,
    // Today's tree: the parent of the last year; else that year's parent.
    parentYear: state.tree === 'CURRENT' ? LAST_YEAR : state.year,
    includeDrafts: withDrafts(state),
    ...rankArguments(state.rank),
  };
  let answer;
  try {
    answer = await requestGraphql(ENDPOINT, SCREEN_QUERY, variables, controller.signal);
  } catch (error) {
    if (error && error.name === 'AbortError') return;
    showErrors([asApiError(error)]);
    $('main').setAttribute('aria-busy', 'false');
    return;
  }
  if (controller.signal.aborted) return;
  showErrors(answer.errors);
  const data = answer.data ?? {};
  if (!data.agency && !answer.errors.length) {
    showErrors([new ApiError('NOT_FOUND', `没有代码为 ${state.agency} 的机关 · no agency with code ${state.agency}`)]);
  }
  renderTitle(data.agency, state);
  renderHeadline(data.rollup, data.series, state);
  renderChildren(data.compare, data.agency, state);
  renderTrend(data.series);
  renderValidation(data.validation, data.rollup, state);
  $('main').setAttribute('aria-busy', 'false');
  document.title = `${data.agency?.name ?? state.agency} ${state.year} · 政府信息公开年度报告统计`;
  $('status').textContent = `已显示 ${data.agency?.name ?? state.agency} ${state.year} 年度 · showing ${state.year}`;
}

// ------------------------------------------------------------------ rendering

function renderTitle(agency, state) {
  screen.agency = agency;
  screen.year = state.year;
  replace($('agency-name'), agency?.name ?? state.agency);
  const kind = agency ? kindLabel(agency.kind) : null;
  replace($('agency-meta'),
    agency ? [
      h('span', { class: 'kind' }, bilingualNode(kind)), ' · ', h('code', {}, agency.code), ' · ', `${state.year} 年度 · year ${state.year}`,
      state.tree === 'CURRENT' ? h('span', { class: 'tree-note', id: 'tree-note' }, ' · 按现行隶属关系重述 · restated in today’s tree') : null,
      withDrafts(state) ? h('span', { class: 'drafts-note', id: 'drafts-note' }, ' · 含草稿 · drafts included') : null,
    ] : '');
  const crumb = $('breadcrumb');
  replace(crumb, agency?.parent
    ? ['↑ 上级 · up: ', screenLink(agency.parent, 'parent-link')]
    : (boot.defaultAgency && state.agency !== boot.defaultAgency
      ? ['↑ ', screenLink({ code: boot.defaultAgency, name: '返回区县 · back to the district' }, 'parent-link')]
      : ''));
}

function card(label, value, detail, options = {}) {
  return h('div', { class: `card${options.muted ? ' muted' : ''}`, dataset: { figure: options.key ?? '' } },
    h('div', { class: 'card-label' }, bilingualNode(label)),
    h('div', { class: 'card-value' }, value),
    detail ? h('div', { class: 'card-detail' }, detail) : null);
}

function rateCard(rate) {
  if (!rate) return null;
  const detail = rate.value === null
    ? '无分母 · nothing to divide by'
    : `${formatCount(rate.numerator)} / ${formatCount(rate.denominator)}${rate.smallDenominator ? ' · 样本少 small base' : ''}`;
  return card({ zh: rate.label, en: rate.labelEn }, formatRate(rate.value), detail, { key: rate.id, muted: rate.smallDenominator });
}

/** Under a headline figure: how many reports it sums, and the change from the year before (the trend's own points). */
function figureDetail(rollup, series, code, year) {
  const change = changeText(changeFromYearBefore(series, code, year), year);
  return [reportersNote(rollup, code), change ? h('div', { class: 'change', dataset: { change: code } }, change) : null];
}

/** How many reports the sum is made of (RollupCell.reporters). */
function reportersNote(rollup, code) {
  const cell = rollup.cells.find((c) => c.code === code);
  return cell ? `${cell.reporters} 份报告之和 · sum of ${cell.reporters} reports` : '无报告 · no report';
}

function renderHeadline(rollup, series, state) {
  replace($('headline-year'), String(state.year));
  const labels = boot.labels;
  if (!rollup) {
    replace($('headline'), h('p', { class: 'empty' }, '没有汇总数据 · No rollup.'));
    replace($('coverage'), '');
    $('missing').hidden = true;
    return;
  }
  screen.rates = rollup.rates.map((r) => ({ id: r.id, label: r.label, labelEn: r.labelEn }));
  fillRankOptions(state.rank);
  replace($('headline'),
    card(rowLabelOf(labels, RECEIVED), formatCount(cellNumber(rollup.cells, RECEIVED)), figureDetail(rollup, series, RECEIVED, state.year), { key: 'received' }),
    card(handledLabel(), formatCount(cellNumber(rollup.cells, HANDLED)), figureDetail(rollup, series, HANDLED, state.year), { key: 'handled' }),
    SHOWN_RATES.map((id) => rateCard(rateOf(rollup, id))));

  const { expected, reported, missingCount } = rollup.coverage;
  const formats = (rollup.reportersByFormat ?? []).filter((f) => f.reporters > 0).map((f) => `${f.format}: ${f.reporters}`).join(', ');
  replace($('coverage'),
    h('span', { class: `coverage-badge ${reported === expected ? 'ok' : 'warn'}` }, reported === expected ? '✓' : '!'), ' ',
    h('strong', {}, `已报送 ${reported} / ${expected} 个机关`), ' · ',
    h('span', { class: 'en', dataset: { testid: 'coverage-en' } }, `${reported} of ${expected} agencies reported`),
    formats ? h('span', { class: 'formats' }, ` · 格式 formats ${formats}`) : null);
  const missing = $('missing');
  const list = rollup.coverage.missing ?? [];
  missing.hidden = missingCount === 0;
  replace($('missing-summary'), `未报送 ${missingCount} 个机关 · ${plural(missingCount, 'agency', 'agencies')} missing (H1)`);
  replace($('missing-list'), list.map((a) => h('li', {}, screenLink(a), ' ', h('span', { class: 'kind' }, kindLabel(a.kind).zh))),
    missingCount > list.length ? h('li', { class: 'meta' }, `… ${missingCount - list.length} more`) : null);
  missing.open = missingCount > 0 && missingCount <= 10;
}

/** （七）总计 says little alone: prefix its group, 三、本年度办理结果. */
function handledLabel() {
  const row = boot.labels.rows.get('applications.total_handled');
  return row?.group ? { zh: `${row.group.zh} ${row.label.zh}`, en: row.label.en } : rowLabelOf(boot.labels, HANDLED);
}

/** The columns of the children table; `rank` says which one the server ranked by. */
function childColumns() {
  const labels = boot.labels;
  const rateLabel = (id) => {
    const rate = screen.rates.find((r) => r.id === id);
    return rate ? { zh: rate.label, en: rate.labelEn } : { zh: id, en: id };
  };
  return [
    { key: 'rank', label: { zh: '排名', en: 'Rank' }, num: true, cell: (r) => (r.rank ?? '–'), csv: (r) => r.rank },
    { key: 'name', label: { zh: '机关', en: 'Agency' }, cell: (r) => screenLink(r, 'drill'), csv: (r) => r.name },
    { key: 'code', label: { zh: '代码', en: 'Code' }, csvOnly: true, csv: (r) => r.code },
    { key: 'kind', label: { zh: '类型', en: 'Kind' }, cell: (r) => kindLabel(r.kind).zh, csv: (r) => r.kind },
    {
      key: 'reported', label: { zh: '已报送', en: 'Reported' }, num: true,
      cell: (r) => h('span', { class: r.complete ? 'ok' : 'warn' }, `${r.complete ? '✓' : '✗'} ${r.reported}/${r.expected}`),
      csv: (r) => `${r.reported}/${r.expected}`,
    },
    { key: `cell:${RECEIVED}`, label: rowLabelOf(labels, RECEIVED), num: true, cell: (r) => formatCount(r.received), csv: (r) => r.received },
    { key: `cell:${HANDLED}`, label: handledLabel(), num: true, cell: (r) => formatCount(r.handled), csv: (r) => r.handled },
    ...SHOWN_RATES.map((id) => ({
      key: `rate:${id}`, label: rateLabel(id), num: true,
      cell: (r) => {
        const rate = r.rates[id];
        return h('span', { class: rate?.smallDenominator ? 'muted' : '', title: rate ? `${rate.numerator} / ${rate.denominator}` : '' }, formatRate(rate?.value ?? null));
      },
      csv: (r) => r.rates[id]?.value ?? '',
    })),
  ];
}

function renderChildren(comparison, agency, state) {
  const table = $('children');
  const columns = childColumns().filter((c) => !c.csvOnly);
  screen.rows = comparison ? childRows(comparison) : [];
  $('children-empty').hidden = screen.rows.length > 0;
  replace($('children-empty'), comparison ? '无下级机关 · No subordinate agencies in this year.' : '没有数据 · No data.');
  table.hidden = screen.rows.length === 0;
  $('csv').disabled = screen.rows.length === 0;
  const sortable = (c) => c.key.startsWith('cell:') || c.key.startsWith('rate:');
  replace(table.tHead, h('tr', {}, columns.map((c) => {
    const ranked = c.key === state.rank;
    return h('th', {
      scope: 'col',
      class: [c.num ? 'num' : '', ranked ? 'ranked' : ''].join(' ').trim(),
      'aria-sort': ranked ? (state.order === 'DESC' ? 'descending' : 'ascending') : null,
    }, sortable(c)
      ? h('button', {
        type: 'button', class: 'th-button',
        onclick: () => navigate(ranked ? { order: state.order === 'DESC' ? 'ASC' : 'DESC' } : { rank: c.key }, { replaceHistory: true }),
      }, bilingualNode(c.label), ranked ? (state.order === 'DESC' ? ' ↓' : ' ↑') : '')
      : bilingualNode(c.label));
  })));
  replace(table.tBodies[0], screen.rows.map((row) => h('tr', { dataset: { code: row.code } },
    columns.map((c) => (c.key === 'name'
      ? h('th', { scope: 'row' }, c.cell(row))
      : h('td', { class: [c.num ? 'num' : '', c.key === state.rank ? 'ranked' : ''].join(' ').trim() }, c.cell(row)))))));
  // The node's own report is part of its rollup too: shown under the children, outside the ranking.
  const own = agency && screen.rows.length ? ownRow(agency) : null;
  const foot = table.tFoot ?? table.createTFoot();
  replace(foot, own ? h('tr', { class: 'own' }, columns.map((c) => {
    if (c.key === 'rank') return h('td', {}, '');
    if (c.key === 'name') return h('th', { scope: 'row' }, '本机关自身报告 ', h('span', { class: 'en' }, "the agency's own report"));
    if (c.key === 'kind') return h('td', {}, kindLabel(agency.kind).zh);
    if (c.key === 'reported') return h('td', { class: 'num' }, h('span', { class: own.complete ? 'ok' : 'warn' }, own.complete ? '✓ 1/1' : '✗ 0/1'));
    if (c.key.startsWith('cell:')) return h('td', { class: 'num' }, formatCount(cellNumber(own.cells, c.key.slice(5))));
    return h('td', { class: 'num' }, '');
  })) : null);
}

function ownRow(agency) {
  return { complete: Boolean(agency.report), cells: agency.report?.cells ?? [] };
}

function fillRankOptions(current) {
  const select = $('rank-by');
  const labels = boot.labels;
  const options = [
    { value: `cell:${RECEIVED}`, text: bilingual(rowLabelOf(labels, RECEIVED)) },
    { value: `cell:${HANDLED}`, text: bilingual(handledLabel()) },
    ...screen.rates.map((r) => ({ value: `rate:${r.id}`, text: bilingual({ zh: r.label, en: r.labelEn }) })),
  ];
  replace(select, options.map((o) => h('option', { value: o.value, selected: o.value === current }, o.text)));
  select.value = current;
}

function updateOrderButton(order) {
  const button = $('rank-order');
  replace(button, order === 'DESC' ? '↓ 降序 ' : '↑ 升序 ', h('span', { class: 'en' }, order === 'DESC' ? 'desc' : 'asc'));
  button.setAttribute('aria-label', order === 'DESC' ? '降序，点击改为升序 · descending, click for ascending' : '升序，点击改为降序 · ascending, click for descending');
}

function renderTrend(series) {
  const canvas = $('trend-chart');
  const table = $('trend-table');
  $('trend-chart').closest('.chart-box').hidden = !series;
  table.closest('details').hidden = !series;
  if (!series) {
    clearTrend();
    replace($('trend-note'), '没有趋势数据 · No trend.');
    return;
  }
  const trend = trendOf(series, boot.categories);
  const receivedLabel = rowLabelOf(boot.labels, RECEIVED);
  const other = boot.categories.find((c) => c.codes.length > 1 && c.codes.some((code) => code.includes('other_handling')));
  replace($('trend-note'),
    '柱：本年度办理结果（堆叠）；线：本年新收申请。 · Bars: outcomes of the year (stacked); line: applications received.',
    other ? ` 2021 年起格式变更：“${other.label.zh}”为 F2019 单行与 F2021 三行之和。 · From 2021 the format changed: “${other.label.en}” is the F2019 row or the sum of the three F2021 rows.` : '');
  const drawn = drawTrend(canvas, trend, boot.categories, receivedLabel);
  canvas.dataset.drawn = drawn ? 'true' : 'false';
  if (!drawn) replace($('trend-note'), 'chart.js 未加载 · chart.js did not load; see the data table below.');
  replace(table.tHead, h('tr', {},
    h('th', { scope: 'col' }, bilingualNode({ zh: '年度', en: 'Year' })),
    h('th', { scope: 'col' }, bilingualNode({ zh: '格式', en: 'Format' })),
    h('th', { scope: 'col', class: 'num' }, bilingualNode({ zh: '已报送', en: 'Reported' })),
    h('th', { scope: 'col', class: 'num' }, bilingualNode(receivedLabel)),
    boot.categories.map((c) => h('th', { scope: 'col', class: 'num', title: bilingual(c.label) }, bilingualNode(shortLabel(c.label))))));
  const anyDerived = trend.some((p) => p.derived.length > 0);
  const caption = table.caption ?? table.createCaption();
  caption.className = 'table-note';
  replace(caption, anyDerived ? '* 由 F2021 各行合计，与 F2019 单行可比 · * the sum of the F2021 rows, comparable with the F2019 row' : '');
  replace(table.tBodies[0], trend.map((p) => h('tr', {},
    h('th', { scope: 'row' }, String(p.year)),
    h('td', {}, p.format ?? (p.coverage.reported ? '混合 mixed' : '–')),
    h('td', { class: 'num' }, `${p.coverage.reported}/${p.coverage.expected}`),
    h('td', { class: 'num' }, formatCount(p.received)),
    boot.categories.map((c) => h('td', { class: 'num' }, formatCount(p.values[c.key]),
      p.derived.includes(c.key) ? h('sup', { title: '由 F2021 各行合计 · derived from the F2021 rows' }, '*') : null)))));
}

function renderValidation(validation, rollup, state) {
  replace($('validation-year'), String(state.year));
  // Every agency to chase, not only the 100 per rule shown here (GET /export/validation.csv).
  const csv = $('validation-csv');
  csv.href = `${EXPORT_BASE}/validation.csv?${new URLSearchParams({ agency: state.agency, year: String(state.year), hierarchy: state.tree })}`;
  // HTTP exports serve published reports only (a download link carries no token).
  csv.hidden = !validation || withDrafts(state);
  const table = $('validation');
  if (!validation) {
    replace($('validation-summary'), '没有校验数据 · No validation summary.');
    table.tHead.replaceChildren();
    table.tBodies[0].replaceChildren();
    return;
  }
  const rules = boot.labels.rules;
  const failures = [...validation.failures];
  // H1 (coverage) is a hierarchy rule: its "reports" are the agencies without one. List it first;
  // add it from the rollup's coverage when the summary does not carry it.
  const h1 = failures.findIndex((f) => f.rule === 'H1');
  if (h1 >= 0) failures.unshift({ ...failures.splice(h1, 1)[0], missing: true });
  else if (rollup && rollup.coverage.missingCount > 0) {
    failures.unshift({ rule: 'H1', severity: rules.get('H1')?.severity ?? 'WARNING', reports: rollup.coverage.missingCount, agencies: rollup.coverage.missing ?? [], missing: true });
  }
  replace($('validation-summary'),
    `检查了 ${validation.reportsChecked} 份报告，${failures.length} 条规则未通过 · ${plural(validation.reportsChecked, 'report', 'reports')} checked, ${plural(failures.length, 'rule', 'rules')} failing`);
  replace(table.tHead, h('tr', {},
    h('th', { scope: 'col' }, bilingualNode({ zh: '规则', en: 'Rule' })),
    h('th', { scope: 'col' }, bilingualNode({ zh: '说明', en: 'Description' })),
    h('th', { scope: 'col' }, bilingualNode({ zh: '级别', en: 'Severity' })),
    h('th', { scope: 'col', class: 'num' }, bilingualNode({ zh: '报告数', en: 'Reports' })),
    h('th', { scope: 'col' }, bilingualNode({ zh: '待跟进机关', en: 'Agencies to chase' }))));
  if (!failures.length) {
    replace(table.tBodies[0], h('tr', {}, h('td', { colspan: 5, class: 'ok' }, '✓ 全部通过 · every check passed')));
    return;
  }
  replace(table.tBodies[0], failures.map((f) => {
    const rule = rules.get(f.rule);
    const severity = String(f.severity).toUpperCase();
    return h('tr', { dataset: { rule: f.rule } },
      h('th', { scope: 'row' }, h('code', {}, f.rule)),
      h('td', {}, rule ? bilingualNode(rule.label) : ''),
      h('td', {}, h('span', { class: `severity ${severity.toLowerCase()}` }, severity === 'ERROR' ? '错误 ERROR' : severity === 'WARNING' ? '警告 WARNING' : severity)),
      h('td', { class: 'num' }, f.missing ? `${f.reports} 未报送 missing` : String(f.reports)),
      h('td', {}, h('ul', { class: 'agency-list inline' }, f.agencies.map((a) => h('li', {}, screenLink(a))))));
  }));
}

// ------------------------------------------------------------------ CSV

function downloadCsv() {
  if (!screen.rows.length) return;
  const columns = childColumns().map((c) => ({ header: bilingual(c.label), value: c.csv }));
  const csv = toCsv(screen.rows, columns);
  const link = h('a', {
    href: URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' })),
    download: `${screen.agency?.code ?? 'agency'}-${screen.year}-children.csv`,
  });
  document.body.append(link);
  link.click();
  setTimeout(() => {
    URL.revokeObjectURL(link.href);
    link.remove();
  }, 0);
}

// ------------------------------------------------------------------ agency search

function setUpSearch() {
  const input = $('agency-search');
  const list = $('agency-results');
  let timer = null;
  let controller = null;
  let active = -1;
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const choose = (agency) => {
    close();
    input.value = '';
    navigate({ agency: agency.code });
  };
  const highlight = (index) => {
    const items = [...list.querySelectorAll('[role=option]')];
    if (!items.length) return;
    active = (index + items.length) % items.length;
    items.forEach((item, i) => item.setAttribute('aria-selected', String(i === active)));
    input.setAttribute('aria-activedescendant', items[active].id);
  };
  const search = async (text) => {
    controller?.abort();
    controller = new AbortController();
    let answer;
    try {
      answer = await requestGraphql(ENDPOINT, SEARCH_QUERY, { text }, controller.signal);
    } catch (error) {
      if (error && error.name === 'AbortError') return;
      showErrors([asApiError(error)]);
      return;
    }
    if (answer.errors.length) showErrors(answer.errors);
    const found = answer.data?.agencies;
    if (!found) return;
    replace(list, found.nodes.length
      ? found.nodes.map((a, i) => h('li', {
        id: `agency-option-${i}`, role: 'option', 'aria-selected': 'false', dataset: { code: a.code },
        onmousedown: (e) => { e.preventDefault(); choose(a); },
      }, a.name, ' ', h('span', { class: 'kind' }, kindLabel(a.kind).zh), ' ', h('code', {}, a.code)))
      : h('li', { class: 'meta' }, '没有匹配 · no match'),
      found.totalCount > found.nodes.length ? h('li', { class: 'meta' }, `… 共 ${found.totalCount} 个 · ${found.totalCount} in all`) : null);
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    active = -1;
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (!text) { close(); return; }
    timer = setTimeout(() => void search(text), 200);
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); highlight(active + 1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(active - 1); }
    else if (e.key === 'Escape') close();
    else if (e.key === 'Enter') {
      const items = [...list.querySelectorAll('[role=option]')];
      const item = items[active >= 0 ? active : 0];
      if (item) { e.preventDefault(); choose({ code: item.dataset.code }); }
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
}

void start();
