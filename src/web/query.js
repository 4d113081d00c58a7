/**
 * The analysts' query page (DESIGN.md §1 analysts, §3 web/ "the query IDE"): a form that builds an
 * `aggregate` query (subtree, kinds, years, formats, status, cells, ordered group-by, order, page
 * size), its result paged through `after` with the API's estimated cost, the whole result as CSV
 * through /export/aggregate.csv with the same filter, and a raw GraphQL panel to edit and run the
 * generated document. The form state lives in the URL, so a query is shared by its link.
 */
import { bilingualNode, h, replace, showErrorsIn } from './dom.js';
import { ApiError, requestGraphql } from './graphql-client.js';
import { mountSession } from './session.js';
import {
  AGGREGATE_QUERY, DIMENSIONS, FIRST_YEAR, FORMAT_IDS, KINDS, LAST_YEAR, ORDERS, PAGE_SIZES, STATUSES,
  aggregateVariables, cellLabel, cellTree, csvParams, defaultState, formatValue, keyLabel, kindLabel, matches, setKindLabels,
  paramsOfState, parseVariables, rawDocument, selectionOf, stateFromParams, unitOf,
} from './query-model.js';

const ENDPOINT = new URL('../graphql', document.baseURI).pathname;
const EXPORT_URL = new URL('../export/aggregate.csv', document.baseURI).pathname;
const $ = (id) => document.getElementById(id);

const BOOT_QUERY = `query QueryPageBoot {
  catalogue {
    formats { id label { zh en } tables { id label { zh en } columns { code label { zh en } } } }
    f2019: cells(format: F2019) { code table row column unit rowLabel { zh en } columnLabel { zh en } group { zh en } }
    f2021: cells(format: F2021) { code table row column unit rowLabel { zh en } columnLabel { zh en } group { zh en } }
    agencyKinds { kind label { zh en } }
  }
}`;
const SEARCH_QUERY = `query QuerySearch($text: String!) {
  agencies(nameContains: $text, first: 15) { nodes { code name kind } }
}`;
const AGENCY_QUERY = `query QueryAgency($code: ID!) { agency(code: $code) { code name kind } }`;

/** The form's state (query-model.js QueryState); the URL mirrors it. */
let state = defaultState();
/** Catalogue cells as a tree (query-model.js cellTree), once booted. */
let tree = null;
/** The chosen subtree's agency, for its name. */
let subtreeAgency = null;
/** Cursors of the pages before the current one, for "previous". */
let cursorStack = [];
/** True once the raw panel was edited by hand: the form no longer overwrites it. */
let rawEdited = false;
let runRequest = null;

// ------------------------------------------------------------------ errors and status

const showErrors = (errors) => showErrorsIn($('errors'), errors);

function announce(text) {
  $('status').textContent = text;
}

const asApiErrors = (error) => [error instanceof ApiError ? error : new ApiError('CLIENT_ERROR', String(error && error.message ? error.message : error))];

// ------------------------------------------------------------------ state ⇄ URL, links

function syncUrl({ push = false } = {}) {
  const url = `?${paramsOfState(state)}`;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
  $('share').href = url;
  // The export needs at least one dimension (src/export/export-request.ts); without one it is no link.
  const csv = $('csv');
  if (state.groupBy.length) {
    csv.href = `${EXPORT_URL}?${csvParams(state)}`;
    csv.removeAttribute('aria-disabled');
    csv.removeAttribute('title');
  } else {
    csv.removeAttribute('href');
    csv.setAttribute('aria-disabled', 'true');
    csv.title = 'CSV 需要至少一个分组 · the CSV needs at least one group-by dimension';
  }
  if (!rawEdited) fillRaw();
}

function fillRaw() {
  const raw = rawDocument(state);
  $('raw-query').value = raw.query;
  $('raw-variables').value = raw.variables;
  $('raw-state').textContent = '';
}

/** A change in the form: a new query starts at its first page. */
function changed() {
  state = { ...state, after: null };
  cursorStack = [];
  syncUrl();
}

// ------------------------------------------------------------------ simple controls

function option(value, label, selected) {
  return h('option', { value, selected: selected || null }, `${label.zh} · ${label.en}`);
}

function buildSimpleControls() {
  const years = [];
  for (let y = LAST_YEAR; y >= FIRST_YEAR; y--) years.push(y);
  replace($('year-from'), h('option', { value: '' }, '不限 · any'), years.slice().reverse().map((y) => h('option', { value: y }, String(y))));
  replace($('year-to'), h('option', { value: '' }, '不限 · any'), years.map((y) => h('option', { value: y }, String(y))));
  replace($('status-select'), STATUSES.map((s) => option(s.id, s.label)));
  replace($('order-select'), ORDERS.map((o) => option(o.id, o.label)));
  replace($('page-size'), PAGE_SIZES.map((n) => h('option', { value: n }, `${n} 行 · rows`)));
  replace($('kinds'), KINDS.map((kind) => checkbox('kind', kind, bilingualNode(kindLabel(kind)), kind)));
  const formatLabels = tree ? tree.formatLabels : new Map();
  replace($('formats'), FORMAT_IDS.map((id) => checkbox('format', id, h('span', {}, h('code', {}, id), ' ', bilingualNode(formatLabels.get(id))), id)));

  $('year-from').addEventListener('change', () => { state = { ...state, yearFrom: numberOrNull($('year-from').value) }; changed(); });
  $('year-to').addEventListener('change', () => { state = { ...state, yearTo: numberOrNull($('year-to').value) }; changed(); });
  $('status-select').addEventListener('change', () => { state = { ...state, status: $('status-select').value }; changed(); });
  $('order-select').addEventListener('change', () => { state = { ...state, order: $('order-select').value }; changed(); });
  $('page-size').addEventListener('change', () => { state = { ...state, first: Number($('page-size').value) }; changed(); });
  $('kinds').addEventListener('change', () => { state = { ...state, kinds: checkedValues('kinds') }; changed(); });
  $('formats').addEventListener('change', () => { state = { ...state, formats: checkedValues('formats') }; changed(); });
}

const numberOrNull = (text) => (text === '' ? null : Number(text));
const checkedValues = (id) => [...$(id).querySelectorAll('input[type=checkbox]:checked')].map((input) => input.value);

function checkbox(name, value, labelNode, idSuffix) {
  const id = `${name}-${idSuffix}`;
  return h('div', { class: 'check' }, h('input', { type: 'checkbox', id, name, value }), h('label', { for: id }, labelNode));
}

/** Puts the state into the controls (on load and on back/forward). */
function showState() {
  $('year-from').value = state.yearFrom === null ? '' : String(state.yearFrom);
  $('year-to').value = state.yearTo === null ? '' : String(state.yearTo);
  $('status-select').value = state.status;
  $('order-select').value = state.order;
  if (!PAGE_SIZES.includes(state.first)) $('page-size').append(h('option', { value: state.first }, `${state.first} 行 · rows`));
  $('page-size').value = String(state.first);
  for (const input of $('kinds').querySelectorAll('input')) input.checked = state.kinds.includes(input.value);
  for (const input of $('formats').querySelectorAll('input')) input.checked = state.formats.includes(input.value);
  showSubtree();
  renderGroupBy();
  renderCellTree();
}

// ------------------------------------------------------------------ subtree search

let searchTimer = null;
let searchRequest = null;

function showSubtree() {
  const box = $('subtree-chosen');
  if (!state.subtreeOf) {
    replace(box, h('span', { class: 'muted' }, '全部机关 · all agencies'));
    return;
  }
  const name = subtreeAgency && subtreeAgency.code === state.subtreeOf ? subtreeAgency.name : '';
  replace(box,
    h('span', { class: 'chip chosen-agency', dataset: { code: state.subtreeOf } },
      name ? h('strong', {}, name) : null, ' ', h('code', {}, state.subtreeOf),
      subtreeAgency && subtreeAgency.code === state.subtreeOf ? h('span', { class: 'kind' }, ` ${kindLabel(subtreeAgency.kind).zh}`) : null,
      h('button', { type: 'button', class: 'chip-remove', 'aria-label': '移除范围 · remove the subtree filter', onclick: () => {
        state = { ...state, subtreeOf: null };
        subtreeAgency = null;
        showSubtree();
        changed();
        $('subtree-search').focus();
      } }, '×')));
}

function chooseAgency(agency) {
  subtreeAgency = agency;
  state = { ...state, subtreeOf: agency.code };
  closeResults();
  $('subtree-search').value = '';
  showSubtree();
  changed();
  announce(`范围：${agency.name} · subtree of ${agency.code}`);
}

function closeResults() {
  $('subtree-results').hidden = true;
  $('subtree-search').setAttribute('aria-expanded', 'false');
  $('subtree-search').removeAttribute('aria-activedescendant');
}

async function search(text) {
  searchRequest?.abort();
  if (text.trim().length === 0) {
    closeResults();
    return;
  }
  const controller = new AbortController();
  searchRequest = controller;
  try {
    const { data, errors } = await requestGraphql(ENDPOINT, SEARCH_QUERY, { text: text.trim() }, controller.signal);
    if (errors.length) showErrors(errors);
    const nodes = data ? data.agencies.nodes : [];
    const list = $('subtree-results');
    replace(list, nodes.length
      ? nodes.map((agency, index) => h('li', {
          role: 'option', id: `subtree-option-${index}`, 'aria-selected': 'false', dataset: { code: agency.code },
          onmousedown: (event) => event.preventDefault(),
          onclick: () => chooseAgency(agency),
        }, agency.name, ' ', h('span', { class: 'kind' }, kindLabel(agency.kind).zh), ' ', h('code', {}, agency.code)))
      : h('li', { class: 'empty', 'aria-disabled': 'true' }, '无匹配 · no match'));
    list.hidden = false;
    list.agencies = nodes;
    $('subtree-search').setAttribute('aria-expanded', 'true');
  } catch (error) {
    if (error && error.name === 'AbortError') return;
    showErrors(asApiErrors(error));
  }
}

function moveActive(step) {
  const options = [...$('subtree-results').querySelectorAll('[role=option]')];
  if (!options.length) return;
  const current = options.findIndex((o) => o.getAttribute('aria-selected') === 'true');
  const next = (current + step + options.length) % options.length;
  options.forEach((o, i) => o.setAttribute('aria-selected', String(i === next)));
  options[next].scrollIntoView({ block: 'nearest' });
  $('subtree-search').setAttribute('aria-activedescendant', options[next].id);
}

function bindSearch() {
  const input = $('subtree-search');
  input.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void search(input.value), 200);
  });
  input.addEventListener('keydown', (event) => {
    const list = $('subtree-results');
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (list.hidden) void search(input.value);
      else moveActive(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter') {
      const active = list.querySelector('[aria-selected=true]');
      if (!list.hidden && active) {
        event.preventDefault();
        const agency = (list.agencies || []).find((a) => a.code === active.dataset.code);
        if (agency) chooseAgency(agency);
      }
    } else if (event.key === 'Escape') {
      closeResults();
    }
  });
  input.addEventListener('blur', () => setTimeout(closeResults, 150));
}

// ------------------------------------------------------------------ group-by chips

function renderGroupBy() {
  const labelOf = (id) => DIMENSIONS.find((d) => d.id === id).label;
  const chosen = state.groupBy;
  const move = (index, step) => {
    const next = [...chosen];
    [next[index], next[index + step]] = [next[index + step], next[index]];
    state = { ...state, groupBy: next };
    renderGroupBy();
    changed();
    $('groupby-chosen').querySelectorAll('li')[index + step]?.querySelector(step < 0 ? '.chip-left' : '.chip-right')?.focus();
  };
  replace($('groupby-chosen'), chosen.length
    ? chosen.map((id, index) => h('li', { class: 'chip dimension', dataset: { dimension: id } },
        h('span', { class: 'chip-order', 'aria-hidden': 'true' }, String(index + 1)),
        bilingualNode(labelOf(id)), ' ', h('code', {}, id),
        h('button', { type: 'button', class: 'chip-move chip-left', disabled: index === 0 || null, 'aria-label': `前移 ${id} · move earlier`, onclick: () => move(index, -1) }, '←'),
        h('button', { type: 'button', class: 'chip-move chip-right', disabled: index === chosen.length - 1 || null, 'aria-label': `后移 ${id} · move later`, onclick: () => move(index, 1) }, '→'),
        h('button', { type: 'button', class: 'chip-remove', 'aria-label': `移除 ${id} · remove`, onclick: () => {
          state = { ...state, groupBy: chosen.filter((d) => d !== id) };
          renderGroupBy();
          changed();
          $('groupby-available').querySelector(`[data-dimension="${id}"]`)?.focus();
        } }, '×')))
    : h('li', { class: 'empty' }, '不分组：一行合计 · no grouping: one total'));
  replace($('groupby-available'), DIMENSIONS.filter((d) => !chosen.includes(d.id)).map((d) => h('button', {
    type: 'button', class: 'chip add', dataset: { dimension: d.id }, 'aria-label': `添加分组 ${d.label.zh} ${d.id} · add`,
    onclick: () => {
      state = { ...state, groupBy: [...state.groupBy, d.id] };
      renderGroupBy();
      changed();
      $('groupby-available').querySelector('button')?.focus();
    },
  }, '+ ', bilingualNode(d.label))));
}

// ------------------------------------------------------------------ the cell picker

function setCodes(codes) {
  state = { ...state, codes };
  updateCellChecks();
  changed();
}

function toggleCodes(codes, on) {
  const selected = new Set(state.codes);
  for (const code of codes) {
    if (on) selected.add(code);
    else selected.delete(code);
  }
  // Keep the order of choice: old ones first, then the new ones in catalogue order.
  setCodes([...state.codes.filter((c) => selected.has(c)), ...codes.filter((c) => selected.has(c) && !state.codes.includes(c))]);
}

function renderCellTree() {
  const box = $('cell-tree');
  if (!tree) {
    replace(box, h('p', { class: 'empty' }, '正在读取目录… · loading the catalogue…'));
    return;
  }
  const text = $('cell-search').value;
  const tables = [];
  for (const table of tree.tables) {
    const tableHit = matches(text, table.code, table.label);
    const rows = table.rows
      .map((row) => {
        const rowHit = tableHit || matches(text, row.code, row.label, row.group);
        const cells = rowHit ? row.cells : row.cells.filter((c) => matches(text, c.code, c.label));
        return cells.length ? { row, cells } : null;
      })
      .filter(Boolean);
    if (!rows.length) continue;
    const tableCodes = table.rows.flatMap((r) => r.cells.map((c) => c.code));
    tables.push(h('details', { class: 'cell-table', open: text.trim() ? true : null, dataset: { table: table.code } },
      h('summary', {},
        h('input', { type: 'checkbox', class: 'pick-table', id: `pick-${table.code}`, 'aria-label': `整表 ${table.label.zh} · whole table ${table.label.en}`, dataset: { codes: tableCodes.join(',') },
          onclick: (event) => event.stopPropagation(),
          onchange: (event) => toggleCodes(tableCodes, event.target.checked) }),
        ' ', bilingualNode(table.label), ' ', h('code', {}, table.code)),
      h('ul', { class: 'cell-rows' }, rows.map(({ row, cells }) => {
        const rowCodes = row.cells.map((c) => c.code);
        return h('li', { class: 'cell-row', dataset: { row: row.code } },
          h('div', { class: 'row-head' },
            h('input', { type: 'checkbox', class: 'pick-row', id: `pick-${row.code}`, dataset: { codes: rowCodes.join(',') }, onchange: (event) => toggleCodes(rowCodes, event.target.checked) }),
            h('label', { for: `pick-${row.code}` },
              row.group ? h('span', { class: 'row-group' }, `${row.group.zh} › `) : null,
              bilingualNode(row.label), ' ', h('code', {}, row.code.split('.')[1]),
              row.formats.length < FORMAT_IDS.length ? h('span', { class: 'format-tag' }, row.formats.join(' ')) : null)),
          h('div', { class: 'row-cells' }, cells.map((cell) => h('span', { class: 'cell-check' },
            h('input', { type: 'checkbox', class: 'pick-cell', id: `pick-${cell.code}`, value: cell.code, dataset: { codes: cell.code }, onchange: (event) => toggleCodes([cell.code], event.target.checked) }),
            h('label', { for: `pick-${cell.code}`, title: cell.code }, bilingualNode(cell.label), cell.unit === 'AMOUNT' ? h('span', { class: 'unit' }, ' 万元') : null)))));
      }))));
  }
  replace(box, tables.length ? tables : h('p', { class: 'empty' }, '无匹配单元格 · no cell matches'));
  updateCellChecks();
}

/** Checkbox states from state.codes: rows and tables partly chosen are indeterminate. */
function updateCellChecks() {
  const selected = new Set(state.codes);
  for (const input of $('cell-tree').querySelectorAll('input[type=checkbox]')) {
    const selection = selectionOf(input.dataset.codes.split(','), selected);
    input.checked = selection === 'all';
    input.indeterminate = selection === 'some';
  }
  const unit = tree ? unitOf(state.codes, tree) : null;
  const summary = $('cells-summary');
  summary.classList.toggle('warn', unit === 'mixed');
  if (!state.codes.length) summary.textContent = '未选：全部计数单元格 · none chosen: every count cell';
  else if (state.codes.length === 1 && tree?.byCode.get(state.codes[0])) {
    const label = cellLabel(tree.byCode.get(state.codes[0]));
    summary.textContent = `已选 1 个：${label.zh} · 1 chosen: ${state.codes[0]}`;
  } else summary.textContent = `已选 ${state.codes.length} 个单元格 · ${state.codes.length} cells chosen${unit === 'mixed' ? ' — 计数与金额不能混合 · counts and amounts cannot be mixed' : ''}`;
}

// ------------------------------------------------------------------ running the query

async function run() {
  runRequest?.abort();
  const controller = new AbortController();
  runRequest = controller;
  $('main').setAttribute('aria-busy', 'true');
  $('run').disabled = true;
  const variables = aggregateVariables(state);
  try {
    const { data, errors } = await requestGraphql(ENDPOINT, AGGREGATE_QUERY, variables, controller.signal);
    if (controller.signal.aborted) return;
    showErrors(errors);
    if (data && data.aggregate) renderResult(data.aggregate);
    else clearResult(errors);
  } catch (error) {
    if (error && error.name === 'AbortError') return;
    showErrors(asApiErrors(error));
    clearResult(asApiErrors(error));
  } finally {
    if (runRequest === controller) {
      $('main').setAttribute('aria-busy', 'false');
      $('run').disabled = false;
    }
  }
}

function clearResult(errors) {
  replace($('result').querySelector('thead'));
  replace($('result').querySelector('tbody'));
  $('result-meta').textContent = errors.length ? `未得到结果 · No result (${errors.map((e) => e.code).join(', ')})` : '无结果 · No result.';
  $('prev-page').disabled = true;
  $('next-page').disabled = true;
  $('page-info').textContent = '';
  announce($('result-meta').textContent);
}

function renderResult(result) {
  const dimensions = state.groupBy;
  const labelOf = (id) => DIMENSIONS.find((d) => d.id === id)?.label ?? { zh: id, en: id };
  replace($('result').querySelector('thead'), h('tr', {},
    dimensions.map((d) => h('th', { scope: 'col', dataset: { dimension: d } }, bilingualNode(labelOf(d)))),
    h('th', { scope: 'col', class: 'num' }, bilingualNode({ zh: '合计', en: 'sum' })),
    h('th', { scope: 'col', class: 'num' }, bilingualNode({ zh: '报告数', en: 'reports' }))));
  const unit = tree ? unitOf(state.codes, tree) : null;
  replace($('result').querySelector('tbody'), result.rows.length
    ? result.rows.map((row) => h('tr', { dataset: { keys: row.keys.map((k) => k.value).join('|') } },
        row.keys.map((key) => {
          const label = keyLabel(key, tree);
          return h('td', { class: `key key-${key.dimension.toLowerCase()}`, dataset: { value: key.value } },
            key.dimension === 'YEAR' ? key.value : [
              label ? bilingualNode(label) : null,
              key.value && (!label || key.dimension !== 'KIND') ? h('code', { class: 'key-code' }, key.value) : null,
            ]);
        }),
        h('td', { class: 'num value', dataset: { value: row.value } }, formatValue(row.value), unit === 'amount' ? h('span', { class: 'unit' }, ' 万元') : null),
        h('td', { class: 'num reports' }, String(row.reports))))
    : h('tr', {}, h('td', { colspan: dimensions.length + 2, class: 'empty' }, '没有符合条件的报告 · No reports match the filter.')));
  const pageIndex = cursorStack.length;
  const pages = state.first > 0 ? Math.max(1, Math.ceil(result.totalCount / state.first)) : 1;
  replace($('result-meta'),
    h('span', { class: 'stat', dataset: { testid: 'total' } }, `共 ${result.totalCount} 组 · ${result.totalCount} groups`),
    ' · ',
    h('span', { class: 'stat cost', id: 'estimated-cost', dataset: { cost: result.estimatedCost } },
      `估算成本 ${formatValue(String(result.estimatedCost))} · estimated cost (agencies × years × cells)`));
  $('page-info').textContent = `第 ${pageIndex + 1} / ${pages} 页 · page ${pageIndex + 1} of ${pages}`;
  $('prev-page').disabled = pageIndex === 0 && !state.after;
  $('next-page').disabled = !result.pageInfo.hasNextPage;
  $('next-page').dataset.cursor = result.pageInfo.endCursor ?? '';
  announce(`${result.totalCount} groups`);
}

function bindPaging() {
  $('next-page').addEventListener('click', () => {
    const cursor = $('next-page').dataset.cursor;
    if (!cursor) return;
    cursorStack.push(state.after);
    state = { ...state, after: cursor };
    syncUrl({ push: true });
    void run();
  });
  $('prev-page').addEventListener('click', () => {
    // A shared link may open on a later page with no stack: "previous" goes back to the first page.
    const previous = cursorStack.length ? cursorStack.pop() : null;
    state = { ...state, after: previous };
    syncUrl({ push: true });
    void run();
  });
}

// ------------------------------------------------------------------ the raw panel

async function runRaw() {
  const output = $('raw-output');
  const variables = parseVariables($('raw-variables').value);
  if (!variables.ok) {
    output.textContent = variables.message;
    output.className = 'raw-output failed';
    return;
  }
  output.textContent = '…';
  output.className = 'raw-output running';
  try {
    const { data, errors } = await requestGraphql(ENDPOINT, $('raw-query').value, variables.value);
    const body = errors.length
      ? { errors: errors.map((e) => ({ message: e.message, extensions: { code: e.code }, ...(e.path ? { path: e.path } : {}) })), data }
      : { data };
    output.textContent = JSON.stringify(body, null, 2);
    output.className = `raw-output ${errors.length ? 'failed' : 'done'}`;
  } catch (error) {
    const [apiError] = asApiErrors(error);
    output.textContent = JSON.stringify({ errors: [{ message: apiError.message, extensions: { code: apiError.code } }] }, null, 2);
    output.className = 'raw-output failed';
  }
}

function bindRaw() {
  const edited = () => {
    rawEdited = true;
    $('raw-state').textContent = '已编辑 · edited';
  };
  $('raw-query').addEventListener('input', edited);
  $('raw-variables').addEventListener('input', edited);
  $('raw-regenerate').addEventListener('click', () => {
    rawEdited = false;
    fillRaw();
  });
  $('raw-run').addEventListener('click', () => void runRaw());
  for (const id of ['raw-query', 'raw-variables']) {
    $(id).addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void runRaw();
      }
    });
  }
}

// ------------------------------------------------------------------ start

async function loadSubtreeAgency() {
  if (!state.subtreeOf || (subtreeAgency && subtreeAgency.code === state.subtreeOf)) return;
  try {
    const { data } = await requestGraphql(ENDPOINT, AGENCY_QUERY, { code: state.subtreeOf });
    // An unknown code stays shown as a code; running the query names it (NOT_FOUND).
    subtreeAgency = data && data.agency ? data.agency : null;
    showSubtree();
  } catch {
    // Shown by the query's own error when it runs.
  }
}

async function start() {
  state = stateFromParams(new URLSearchParams(location.search));
  // Signed in (session.js), queries carry the token: status DRAFT then reads drafts.
  await mountSession($('session'), { request: (query) => requestGraphql(ENDPOINT, query), onChange: () => undefined });
  const hadQuery = location.search.length > 1;
  try {
    const { data, errors } = await requestGraphql(ENDPOINT, BOOT_QUERY);
    if (errors.length) showErrors(errors);
    if (data) {
      tree = cellTree([{ format: 'F2019', cells: data.catalogue.f2019 }, { format: 'F2021', cells: data.catalogue.f2021 }], data.catalogue.formats);
      setKindLabels(data.catalogue.agencyKinds);
    }
  } catch (error) {
    showErrors(asApiErrors(error));
  }
  buildSimpleControls();
  bindSearch();
  bindPaging();
  bindRaw();
  $('cell-search').addEventListener('input', renderCellTree);
  $('cells-clear').addEventListener('click', () => setCodes([]));
  $('query-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state = { ...state, after: null };
    cursorStack = [];
    syncUrl({ push: true });
    void run();
  });
  $('reset').addEventListener('click', () => {
    state = defaultState();
    subtreeAgency = null;
    $('cell-search').value = '';
    showState();
    changed();
  });
  window.addEventListener('popstate', () => {
    state = stateFromParams(new URLSearchParams(location.search));
    cursorStack = [];
    showState();
    syncUrl();
    void loadSubtreeAgency();
    void run();
  });
  showState();
  syncUrl();
  await loadSubtreeAgency();
  $('main').setAttribute('aria-busy', 'false');
  document.body.dataset.ready = 'true';
  // A shared link runs its query at once; a bare page waits for the form.
  if (hadQuery) await run();
}

void start();
