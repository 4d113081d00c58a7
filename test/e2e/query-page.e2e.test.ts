/**
 * The analysts' query page (/dashboard/query.html) in a real browser (Debian's chromium through
 * playwright-core) against the real server over the demo district. The page's figures are checked
 * against the API twice over: its own `aggregate` answer, and the rollups of the root year by year
 * (an independent path: materialised rollups, not the ad-hoc GROUP BY). Leaves screenshots at
 * /tmp/query-page.png (desktop) and /tmp/query-page-phone.png.
 */
import type { Page } from 'playwright-core';
import { api, openDemoPage, readDownload, type DemoPage } from './browser';
import type { DemoServer } from './demo-server';

const RECEIVED = 'applications.new_received.total';

interface AggregateAnswer {
  readonly rows: readonly { keys: { dimension: string; value: string }[]; value: string; reports: number }[];
  readonly totalCount: number;
  readonly estimatedCost: number;
  readonly pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const AGGREGATE = `query ($filter: AggregateFilter!, $groupBy: [GroupDimension!]!, $first: Int, $after: String) {
  aggregate(filter: $filter, groupBy: $groupBy, first: $first, after: $after) {
    rows { keys { dimension value } value reports } totalCount estimatedCost pageInfo { hasNextPage endCursor }
  }
}`;

async function aggregate(demo: DemoServer, variables: Record<string, unknown>): Promise<AggregateAnswer> {
  return (await api<{ aggregate: AggregateAnswer }>(demo, AGGREGATE, variables)).aggregate;
}

/** The root's rollup of one cell in each year, as year → value (years without a value left out). */
async function rollupsByYear(demo: DemoServer, years: readonly number[], code: string): Promise<Record<string, string>> {
  const fields = years.map((year) => `y${year}: rollup(agencyCode: $code, year: ${year}) { cells(codes: [$cell]) { code value } }`).join('\n');
  const data = await api<Record<string, { cells: { code: string; value: string | null }[] }>>(demo, `query ($code: ID!, $cell: String!) { ${fields} }`, { code: demo.rootCode, cell: code });
  const byYear: Record<string, string> = {};
  for (const year of years) {
    const value = data[`y${year}`]!.cells.find((c) => c.code === code)?.value;
    if (value != null) byYear[String(year)] = value;
  }
  return byYear;
}

/** The result table as rows of key values (data-value of the key cells) and the sum. */
async function resultRows(page: Page): Promise<{ keys: string[]; value: string; reports: number }[]> {
  return page.locator('#result tbody tr').evaluateAll((rows) => rows.map((row) => ({
    keys: Array.from(row.querySelectorAll('td.key')).map((td) => (td as HTMLElement).dataset.value ?? ''),
    value: (row.querySelector('td.value') as HTMLElement | null)?.dataset.value ?? '',
    reports: Number(row.querySelector('td.reports')?.textContent),
  })));
}

async function resultShown(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getElementById('main')?.getAttribute('aria-busy') === 'false'
    && document.querySelector('#estimated-cost') !== null);
}

describe('the query page', () => {
  let demo: DemoServer;
  let page: Page;
  let opened: DemoPage | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    // The error test makes the API refuse a query on purpose: only script errors count here.
    opened = await openDemoPage(pageErrors, { acceptDownloads: true, ignoreConsole: /Failed to load resource/ });
    ({ demo, page } = opened);
  }, 30_000);

  afterAll(() => opened?.close());

  it('sums applications received per year over the district as the API aggregate and the root rollups do, and exports the same as CSV', async () => {
    const { agency: root } = await api<{ agency: { name: string } }>(demo, 'query ($code: ID!) { agency(code: $code) { name } }', { code: demo.rootCode });
    await page.goto(`${demo.url}/dashboard/query.html`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');

    await page.locator('#subtree-search').fill(root.name);
    await page.locator(`#subtree-results [role=option][data-code="${demo.rootCode}"]`).click();
    await page.locator('#cell-search').fill('new_received');
    await page.locator(`[id="pick-${RECEIVED}"]`).check();
    expect(await page.locator('#groupby-chosen li').evaluateAll((chips) => chips.map((c) => (c as HTMLElement).dataset.dimension))).toEqual(['YEAR']);
    await page.locator('#run').click();
    await resultShown(page);

    const expected = await aggregate(demo, { filter: { subtreeOf: demo.rootCode, codes: [RECEIVED] }, groupBy: ['YEAR'], first: 100 });
    const shown = await resultRows(page);
    expect(shown).toEqual(expected.rows.map((r) => ({ keys: r.keys.map((k) => k.value), value: r.value, reports: r.reports })));
    expect(shown.length).toBeGreaterThanOrEqual(7);
    expect(await page.locator('#estimated-cost').getAttribute('data-cost')).toBe(String(expected.estimatedCost));

    // The cross-check: the ad-hoc GROUP BY equals the materialised rollups of the root, year by year.
    const years = shown.map((r) => Number(r.keys[0]));
    const rollups = await rollupsByYear(demo, years, RECEIVED);
    expect(Object.fromEntries(shown.map((r) => [r.keys[0], r.value]))).toEqual(rollups);

    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ subtreeOf: demo.rootCode, codes: RECEIVED, groupBy: 'YEAR' });

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#csv').click()]);
    expect(download.suggestedFilename()).toMatch(/^aggregate.*year.*\.csv$/);
    const lines = (await readDownload(download)).replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(shown.length + 1);
    expect(lines.slice(1).map((line) => line.split(',')).map(([year, value, unit, reports]) => ({ year, value, unit, reports: Number(reports) })))
      .toEqual(shown.map((r) => ({ year: r.keys[0], value: r.value, unit: 'count', reports: r.reports })));

    await page.screenshot({ path: '/tmp/query-page.png', fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('reads drafts once signed in with a token, as the API does for that token', async () => {
    const { secret } = await demo.storage.createToken({ role: 'READER', agencyCode: null, label: 'e2e query page' });
    await page.goto(`${demo.url}/dashboard/query.html?subtreeOf=${demo.rootCode}&codes=${RECEIVED}&groupBy=YEAR&status=DRAFT`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    await page.locator('#run').click();
    await page.locator('#errors .error-code').first().waitFor();
    expect(await page.locator('#errors .error-code').allTextContents()).toEqual(['UNAUTHENTICATED']);

    await page.locator('.session-open').click();
    await page.locator('#session-token').fill(secret);
    await page.locator('#session-token').press('Enter');
    await page.locator('#session-who').waitFor();
    await page.locator('#run').click();
    await resultShown(page);
    const expected = (await api<{ aggregate: AggregateAnswer }>(demo, AGGREGATE, { filter: { subtreeOf: demo.rootCode, codes: [RECEIVED], status: 'DRAFT' }, groupBy: ['YEAR'], first: 100 }, secret)).aggregate;
    expect(expected.rows.length).toBeGreaterThan(0);
    expect(await resultRows(page)).toEqual(expected.rows.map((r) => ({ keys: r.keys.map((k) => k.value), value: r.value, reports: r.reports })));
    await page.locator('.session-close').click();
  });

  it('pages through agencies with `after`, as the API does', async () => {
    await page.goto(`${demo.url}/dashboard/query.html?subtreeOf=${encodeURIComponent(demo.rootCode)}&codes=${RECEIVED}&groupBy=AGENCY&first=20`);
    await resultShown(page);
    const first = await aggregate(demo, { filter: { subtreeOf: demo.rootCode, codes: [RECEIVED] }, groupBy: ['AGENCY'], first: 20 });
    const second = await aggregate(demo, { filter: { subtreeOf: demo.rootCode, codes: [RECEIVED] }, groupBy: ['AGENCY'], first: 20, after: first.pageInfo.endCursor });
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect((await resultRows(page)).map((r) => r.keys[0])).toEqual(first.rows.map((r) => r.keys[0]!.value));

    await page.locator('#next-page').click();
    await page.waitForFunction((code) => document.querySelector('#result tbody td.key')?.getAttribute('data-value') === code, second.rows[0]!.keys[0]!.value);
    expect((await resultRows(page)).map((r) => r.keys[0])).toEqual(second.rows.map((r) => r.keys[0]!.value));
    expect(new URL(page.url()).searchParams.get('after')).toBe(first.pageInfo.endCursor);
    expect(await page.locator('#page-info').textContent()).toContain('page 2 of');

    await page.locator('#prev-page').click();
    await page.waitForFunction((code) => document.querySelector('#result tbody td.key')?.getAttribute('data-value') === code, first.rows[0]!.keys[0]!.value);
    expect(pageErrors).toEqual([]);
  });

  it('adds and orders group-by dimensions from the keyboard, and groups as the API does in that order', async () => {
    await page.goto(`${demo.url}/dashboard/query.html?subtreeOf=${encodeURIComponent(demo.rootCode)}&codes=${RECEIVED}&groupBy=YEAR`);
    await resultShown(page);
    await page.locator('#groupby-available [data-dimension=KIND]').focus();
    await page.keyboard.press('Enter');
    await page.locator('#groupby-chosen [data-dimension=KIND] .chip-left').focus();
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).searchParams.get('groupBy')).toBe('KIND,YEAR');
    expect(new URL((await page.locator('#csv').getAttribute('href'))!, demo.url).searchParams.get('groupBy')).toBe('KIND,YEAR');

    await page.locator('#run').click();
    await page.waitForFunction(() => document.querySelectorAll('#result thead th[data-dimension]').length === 2
      && document.getElementById('main')?.getAttribute('aria-busy') === 'false');
    const expected = await aggregate(demo, { filter: { subtreeOf: demo.rootCode, codes: [RECEIVED] }, groupBy: ['KIND', 'YEAR'], first: 100 });
    expect(await resultRows(page)).toEqual(expected.rows.map((r) => ({ keys: r.keys.map((k) => k.value), value: r.value, reports: r.reports })));

    for (const dimension of ['KIND', 'YEAR']) await page.locator(`#groupby-chosen [data-dimension=${dimension}] .chip-remove`).click();
    expect(await page.locator('#csv').getAttribute('aria-disabled')).toBe('true');
    expect(await page.locator('#csv').getAttribute('href')).toBeNull();
    expect(pageErrors).toEqual([]);
  });

  it('shows the code of a refused query (an unknown cell code: VALIDATION_FAILED)', async () => {
    await page.goto(`${demo.url}/dashboard/query.html?codes=applications.no_such_row.total&groupBy=YEAR`);
    await page.locator('#errors').waitFor({ state: 'visible' });
    expect(await page.locator('#errors .error-code').allTextContents()).toEqual(['VALIDATION_FAILED']);
    expect(await page.locator('#errors').textContent()).toContain('applications.no_such_row.total');
    expect(await page.locator('#result-meta').textContent()).toContain('VALIDATION_FAILED');
  });

  it('runs an edited query in the raw panel and shows the JSON the API answers', async () => {
    await page.goto(`${demo.url}/dashboard/query.html?subtreeOf=${encodeURIComponent(demo.rootCode)}&codes=${RECEIVED}&groupBy=YEAR`);
    await resultShown(page);
    const variables = JSON.parse(await page.locator('#raw-variables').inputValue()) as Record<string, unknown>;
    expect(variables).toEqual({ filter: { subtreeOf: demo.rootCode, codes: [RECEIVED], status: 'PUBLISHED' }, groupBy: ['YEAR'], orderBy: null, first: 100, after: null });

    const edited = { ...variables, groupBy: ['KIND'], orderBy: 'DESC' };
    await page.locator('#raw-variables').fill(JSON.stringify(edited));
    const query = (await page.locator('#raw-query').inputValue()).replace('totalCount', 'totalCount\n    kinds: totalCount');
    await page.locator('#raw-query').fill(query);
    await page.locator('#raw-run').click();
    await page.waitForFunction(() => /"data"/.test(document.getElementById('raw-output')?.textContent ?? ''));

    const shown = JSON.parse((await page.locator('#raw-output').textContent())!) as { data: unknown };
    expect(shown).toEqual({ data: await api(demo, query, edited) });
    expect((shown.data as { aggregate: { kinds: number } }).aggregate.kinds).toBeGreaterThan(1);
    expect(await page.locator('#raw-state').textContent()).toContain('edited');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: '/tmp/query-page-phone.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(pageErrors).toEqual([]);
  });
});
