/**
 * The dashboard in a real browser (Debian's chromium through playwright-core) against the real
 * server over a fresh SQLite database holding the demo data of a first start (src/demo). Every figure the test
 * expects is read from the API first, so the page is checked against what the server answers.
 * Leaves a screenshot at /tmp/dashboard.png.
 */
import type { Page } from 'playwright-core';
import { api, openDemoPage, readDownload, type DemoPage } from './browser';
import type { DemoServer } from './demo-server';

const YEAR = 2025;

interface NodeFacts {
  readonly name: string;
  readonly children: readonly { code: string; name: string; kind: string }[];
  readonly expected: number;
  readonly reported: number;
  /** Names of the agencies without a report (rule H1). */
  readonly missing: readonly string[];
}

/** What the API says about a node in YEAR: its name, its children and its coverage. */
async function factsOf(demo: DemoServer, code: string): Promise<NodeFacts> {
  const data = await api<{
    agency: { name: string; children: NodeFacts['children'] };
    rollup: { coverage: { expected: number; reported: number; missing: { name: string }[] } };
  }>(demo, `query ($code: ID!, $year: Int!) {
      agency(code: $code) { name children(year: $year) { code name kind } }
      rollup(agencyCode: $code, year: $year) { coverage { expected reported missing { name } } }
    }`, { code, year: YEAR });
  const { expected, reported, missing } = data.rollup.coverage;
  return { name: data.agency.name, children: data.agency.children, expected, reported, missing: missing.map((m) => m.name) };
}

async function screenReady(page: Page, name: string): Promise<void> {
  await page.waitForFunction(
    (expected) => document.getElementById('agency-name')?.textContent === expected
      && document.getElementById('main')?.getAttribute('aria-busy') === 'false',
    name,
  );
}

const childNames = (page: Page) => page.locator('#children tbody tr th a').allTextContents();

describe('the dashboard page', () => {
  let demo: DemoServer;
  let page: Page;
  let opened: DemoPage | undefined;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    opened = await openDemoPage(pageErrors);
    ({ demo, page } = opened);
  }, 30_000);

  afterAll(() => opened?.close());

  it('opens on the district: its name, coverage, children, trend chart and validation', async () => {
    const district = await factsOf(demo, demo.rootCode);
    await page.goto(`${demo.url}/dashboard`);
    await screenReady(page, district.name);

    expect(await page.locator('#coverage').textContent()).toContain(`${district.reported} of ${district.expected} agencies reported`);
    expect(await page.locator('#coverage').textContent()).toContain(`已报送 ${district.reported} / ${district.expected} 个机关`);
    expect(district.missing.length).toBeGreaterThan(0);
    expect(await page.locator('#missing-list a').allTextContents()).toEqual(district.missing);
    expect(await page.locator('#validation tbody tr[data-rule="H1"] a').allTextContents()).toEqual(district.missing);
    expect((await childNames(page)).sort()).toEqual(district.children.map((c) => c.name).sort());
    // Kinds read as the catalogue labels them.
    const { catalogue } = await api<{ catalogue: { agencyKinds: { kind: string; label: { zh: string } }[] } }>(demo, '{ catalogue { agencyKinds { kind label { zh } } } }');
    const kindZh = new Map(catalogue.agencyKinds.map((k) => [k.kind, k.label.zh]));
    const shownKinds = await page.locator('#children tbody tr').evaluateAll((rows) => rows.map((r) => [(r as HTMLElement).dataset.code, r.children[2]!.textContent]));
    expect(new Map(shownKinds as [string, string][])).toEqual(new Map(district.children.map((c) => [c.code, kindZh.get(c.kind)])));
    expect(kindZh.get('SUBDISTRICT')).toBe('街道');
    expect(await page.locator('#headline .card').count()).toBe(5);
    // The headline figures against the year before, from the same rollups as the API's series.
    const { series } = await api<{ series: { points: { year: number; cells: { code: string; value: string | null }[] }[] } }>(demo, `query ($code: ID!) {
        series(agencyCode: $code, fromYear: ${YEAR - 1}, toYear: ${YEAR}, codes: ["applications.new_received.total"]) { points { year cells { code value } } }
      }`, { code: demo.rootCode });
    const [before, now] = series.points.map((p) => Number(p.cells[0]!.value));
    const delta = now! - before!;
    const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
    expect(await page.locator('[data-change="applications.new_received.total"]').textContent())
      .toBe(`${sign}${Math.abs(delta).toLocaleString('en-US')} (${sign}${(Math.abs(delta / before!) * 100).toFixed(1)}%) 比 ${YEAR - 1} · vs ${YEAR - 1}`);
    expect(await page.locator('#errors').isHidden()).toBe(true);

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#csv').click()]);
    expect(csvDownload.suggestedFilename()).toBe(`${demo.rootCode}-${YEAR}-children.csv`);
    const csv = await readDownload(csvDownload);
    const csvLines = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(csvLines).toHaveLength(district.children.length + 1);
    expect(csvLines[0]).toContain('机关 / Agency');
    expect(csvLines.slice(1).map((line) => line.split(',')[2]).sort()).toEqual(district.children.map((c) => c.code).sort());

    // The agencies to chase, as a file: the H1 rows name the agencies the page lists as missing.
    const [validationDownload] = await Promise.all([page.waitForEvent('download'), page.locator('#validation-csv').click()]);
    expect(validationDownload.suggestedFilename()).toBe(`validation-${demo.rootCode}-${YEAR}.csv`);
    const validationLines = (await readDownload(validationDownload)).replace(/^\uFEFF/, '').trimEnd().split('\r\n').map((line) => line.split(','));
    expect(validationLines[0]!.slice(0, 7)).toEqual(['rule', 'rule_label_zh', 'rule_label_en', 'severity', 'reports', 'agency_code', 'agency_name']);
    expect(validationLines.slice(1).filter((f) => f[0] === 'H1').map((f) => f[6])).toEqual(district.missing);

    const painted = await page.locator('#trend-chart').evaluate((canvas: HTMLCanvasElement) => {
      const { width, height } = canvas;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
      let opaque = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) opaque++;
      return { drawn: canvas.dataset.drawn, width, opaque };
    });
    expect(painted.drawn).toBe('true');
    expect(painted.width).toBeGreaterThan(300);
    expect(painted.opaque).toBeGreaterThan(1000);
    expect(await page.locator('#trend-table tbody tr').count()).toBe(7);

    await page.screenshot({ path: '/tmp/dashboard.png', fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('drills down to a child on click, and comes back with the back button', async () => {
    const district = await factsOf(demo, demo.rootCode);
    const subdistrict = district.children.find((c) => c.kind === 'SUBDISTRICT')!;
    const below = await factsOf(demo, subdistrict.code);

    await page.locator('#children tbody a', { hasText: subdistrict.name }).click();
    await screenReady(page, subdistrict.name);
    expect(new URL(page.url()).searchParams.get('agency')).toBe(subdistrict.code);
    expect((await childNames(page)).sort()).toEqual(below.children.map((c) => c.name).sort());
    expect(await page.locator('#coverage').textContent()).toContain(`${below.reported} of ${below.expected} agencies reported`);
    await page.screenshot({ path: '/tmp/dashboard-drilldown.png', fullPage: true });

    await page.goBack();
    await screenReady(page, district.name);
    expect(pageErrors).toEqual([]);
  });

  it('ranks the children by the rate chosen, as compare does', async () => {
    const ranked = await api<{ compare: { rows: { agency: { name: string } }[] } }>(demo, `query ($code: ID!, $year: Int!) {
        compare(parentCode: $code, year: $year, rate: DENIED_SHARE, order: DESC) { rows { agency { name } } }
      }`, { code: demo.rootCode, year: YEAR });
    await page.locator('#rank-by').selectOption('rate:DENIED_SHARE');
    await page.waitForFunction(() => document.querySelector('#children thead th.ranked')?.textContent?.includes('不予公开占比')
      && document.getElementById('main')?.getAttribute('aria-busy') === 'false');
    expect(await childNames(page)).toEqual(ranked.compare.rows.map((r) => r.agency.name));
    expect(new URL(page.url()).searchParams.get('rank')).toBe('rate:DENIED_SHARE');
  });

  it('restates a past year in today’s tree: the merged sub-district’s communities counted where they are now', async () => {
    // The demo district merges its last sub-district into the one before it in 2023 (src/domain/synthetic).
    const before = 2021;
    const childrenIn = async (hierarchy: 'YEAR' | 'CURRENT') => (await api<{ compare: { rows: { agency: { name: string }; value: string | null }[] } }>(demo, `query ($code: ID!, $year: Int!, $hierarchy: HierarchyMode) {
        compare(parentCode: $code, year: $year, hierarchy: $hierarchy, first: 200) { rows { agency { name } value } }
      }`, { code: demo.rootCode, year: before, hierarchy })).compare.rows;
    const [thatYear, today] = [await childrenIn('YEAR'), await childrenIn('CURRENT')];
    expect(today.length).toBe(thatYear.length - 1);

    await page.goto(`${demo.url}/dashboard/?agency=${demo.rootCode}&year=${before}`);
    await page.waitForFunction(() => document.getElementById('main')?.getAttribute('aria-busy') === 'false' && document.querySelectorAll('#children tbody tr').length > 0);
    expect(await childNames(page)).toEqual(thatYear.map((r) => r.agency.name));
    await page.locator('#tree').selectOption('CURRENT');
    await page.waitForFunction(() => document.getElementById('tree-note') !== null && document.getElementById('main')?.getAttribute('aria-busy') === 'false');
    expect(new URL(page.url()).searchParams.get('tree')).toBe('CURRENT');
    expect(await childNames(page)).toEqual(today.map((r) => r.agency.name));
    const shown = await page.locator('#children tbody tr td.ranked').allTextContents();
    expect(shown.map((t) => t.replace(/,/g, ''))).toEqual(today.map((r) => r.value ?? '–'));
    await page.screenshot({ path: '/tmp/dashboard-current.png', fullPage: false });

    // The back button restores that year's tree.
    await page.goBack();
    await page.waitForFunction(() => document.getElementById('tree-note') === null && document.getElementById('main')?.getAttribute('aria-busy') === 'false');
    expect(await page.locator('#tree').inputValue()).toBe('YEAR');
    expect(await childNames(page)).toEqual(thatYear.map((r) => r.agency.name));
    expect(pageErrors).toEqual([]);
  });

  it('signs in with a token, then shows drafts (the reports failing ERROR checks) when asked, and signs out', async () => {
    const validationOf = async (token: string | null, includeDrafts: boolean, year: number) => (await api<{ validation: { failures: { rule: string; severity: string }[] }; rollup: { coverage: { reported: number } } }>(demo, `query ($code: ID!, $year: Int!, $drafts: Boolean) {
        validation(agencyCode: $code, year: $year, includeDrafts: $drafts) { failures { rule severity } }
        rollup(agencyCode: $code, year: $year, includeDrafts: $drafts) { coverage { reported } }
      }`, { code: demo.rootCode, year, drafts: includeDrafts }, token));
    const { secret } = await demo.storage.createToken({ role: 'READER', agencyCode: null, label: 'e2e' });
    // A year in which some draft fails an ERROR rule (the demo keeps such reports as drafts).
    let year = 0;
    for (const y of [2019, 2020, 2021, 2022, 2023, 2024, 2025]) {
      if (!year && (await validationOf(secret, true, y)).validation.failures.some((f) => f.severity === 'ERROR')) year = y;
    }
    expect(year).toBeGreaterThan(0);
    const published = await validationOf(null, false, year);
    const withDrafts = await validationOf(secret, true, year);
    // The demo keeps the reports failing an ERROR rule as drafts: they appear only with drafts.
    expect(withDrafts.validation.failures.some((f) => f.severity === 'ERROR')).toBe(true);
    expect(published.validation.failures.some((f) => f.severity === 'ERROR')).toBe(false);
    expect(withDrafts.rollup.coverage.reported).toBeGreaterThan(published.rollup.coverage.reported);
    const shownRules = () => page.locator('#validation tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.rule).filter(Boolean));

    await page.goto(`${demo.url}/dashboard/?agency=${demo.rootCode}&year=${year}`);
    await screenReady(page, (await factsOf(demo, demo.rootCode)).name);
    expect(await page.locator('#drafts-control').isHidden()).toBe(true);

    // A token the server does not know is refused at once, and nothing is kept.
    await page.locator('.session-open').click();
    await page.locator('#session-token').fill('not-a-token-at-all');
    await page.locator('#session-token').press('Enter');
    await page.locator('.session-problem').waitFor();
    expect(await page.locator('.session-problem').textContent()).toContain('UNAUTHENTICATED');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    await page.locator('.session-open').click();
    await page.locator('#session-token').fill(secret);
    await page.locator('#session-token').press('Enter');
    await page.locator('#session-who').waitFor();
    expect(await page.locator('#session-who').textContent()).toContain('READER');
    await page.locator('#drafts').check();
    await page.waitForFunction(() => document.getElementById('drafts-note') !== null && document.getElementById('main')?.getAttribute('aria-busy') === 'false');
    expect(new URL(page.url()).searchParams.get('drafts')).toBe('1');
    const rulesWithDrafts = withDrafts.validation.failures.map((f) => f.rule);
    expect((await shownRules()).sort()).toEqual([...new Set(rulesWithDrafts)].sort());
    expect(await page.locator('#validation-csv').isHidden()).toBe(true);
    expect(await page.locator('#coverage').textContent()).toContain(`已报送 ${withDrafts.rollup.coverage.reported} /`);

    // Signing out drops the drafts at once, though the URL still asks for them.
    await page.locator('.session-close').click();
    await page.waitForFunction(() => document.getElementById('drafts-note') === null && document.getElementById('main')?.getAttribute('aria-busy') === 'false');
    expect(await page.locator('#drafts-control').isHidden()).toBe(true);
    expect(await page.locator('#coverage').textContent()).toContain(`已报送 ${published.rollup.coverage.reported} /`);
    expect(pageErrors).toEqual([]);
  });

  it('finds an agency by part of its name', async () => {
    const { agencies } = await api<{ agencies: { nodes: { code: string; name: string }[] } }>(demo, '{ agencies(kind: COMMUNITY, first: 1) { nodes { code name } } }');
    const community = agencies.nodes[0]!;
    await page.locator('#agency-search').fill(community.name.slice(0, 4));
    await page.locator('#agency-results [role=option]', { hasText: community.name }).click();
    await screenReady(page, community.name);
    expect(new URL(page.url()).searchParams.get('agency')).toBe(community.code);
  });

  it('shows the code and message of an API error', async () => {
    await page.goto(`${demo.url}/dashboard/?agency=NO-SUCH-AGENCY&year=${YEAR}`);
    await page.locator('#errors').waitFor({ state: 'visible' });
    expect(await page.locator('#errors').textContent()).toContain('NOT_FOUND');
  });
});
