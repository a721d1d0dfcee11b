// End-to-end: the real app (dev-tagged binary, real Go bindings, real store) driven in
// Debian's Chromium. Started by scripts/e2e.sh, which sets:
//   E2E_URL      the dev server of the running app (http://localhost:PORT)
//   E2E_DATA_DIR the app's data folder (a store created by `dataskydd init`)
//   E2E_OUT      where screenshots go
//   E2E_ADMIN / E2E_ADMIN_PASSWORD  the administrator `dataskydd init` created
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';

const url = process.env.E2E_URL ?? 'http://localhost:34115';
const dataDir = process.env.E2E_DATA_DIR ?? '';
const out = process.env.E2E_OUT ?? resolve('build/test-output/e2e');
const fixture = resolve(import.meta.dirname, 'fixtures/small.jsonl');
const admin = process.env.E2E_ADMIN ?? 'admin';
const adminPassword = process.env.E2E_ADMIN_PASSWORD ?? '';

// The fixture's records per type, counted from the file itself.
const fixtureCounts = {};
for (const line of readFileSync(fixture, 'utf8').split('\n')) {
  if (line.trim()) {
    const { type } = JSON.parse(line);
    fixtureCounts[type] = (fixtureCounts[type] ?? 0) + 1;
  }
}

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let profile;
let context;
const pageErrors = [];

/** Wails v2.16's /wails/ipc.js throws "reading 'nodes'" in Chromium; that alone is harmless. */
function isKnownIpcNoise(err) {
  return /reading 'nodes'/.test(err.message) && /\/wails\/ipc\.js/.test(err.stack ?? '');
}

async function openPage({ colorScheme = 'light' } = {}) {
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme });
  page.on('pageerror', (err) => {
    if (!isKnownIpcNoise(err)) pageErrors.push(`${err.message}\n${err.stack ?? ''}`);
  });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => window.go?.desktop?.SessionService);
  // The session is the app's (one desktop user): log in through the bindings when the
  // app asks for it, then show the app as the logged-in user sees it.
  const needsLogin = await page.evaluate(async () => {
    const app = window.go.desktop.SessionService;
    if (!app.State) return false;
    const state = await app.State();
    return state.setUp && !state.session;
  });
  if (needsLogin) {
    await page.evaluate(([u, p]) => window.go.desktop.SessionService.Login(u, p), [admin, adminPassword]);
    await page.reload({ waitUntil: 'domcontentloaded' });
  }
  return page;
}

/** The counts per type the screen shows, read from the cards' data-count attributes. */
async function countsOnScreen(page) {
  return page.$$eval('[data-testid^="count-"]', (els) =>
    Object.fromEntries(els.map((el) => [el.dataset.testid.slice('count-'.length), Number(el.dataset.count)])),
  );
}

async function waitForCounts(page, want) {
  await page.waitForFunction(
    (want) =>
      Object.entries(want).every(
        ([type, n]) => document.querySelector(`[data-testid="count-${type}"]`)?.getAttribute('data-count') === String(n),
      ),
    want,
    { timeout: 15000 },
  );
}

before(async () => {
  profile = mkdtempSync(join(tmpdir(), 'dataskydd-e2e-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1366, height: 900 },
    locale: 'sv-SE',
  });
});

after(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('the app opens on the overview, in Swedish, on the store in the data folder', async () => {
  const page = await openPage();
  await page.getByRole('heading', { name: 'Översikt', level: 2 }).waitFor();
  await page.getByTestId('store-state').filter({ hasText: 'Öppen' }).waitFor();
  if (dataDir) assert.equal((await page.getByTestId('data-dir').textContent())?.trim(), dataDir);
  const counts = await countsOnScreen(page);
  assert.equal(Object.keys(counts).length, 25, 'a card for every type of the data map');
  const status = await page.evaluate(() => window.go.desktop.StatusService.Status());
  const customerLabel = status.types.find((c) => c.type === 'customer').labelSv;
  await page.getByTestId('count-customer').getByText(customerLabel, { exact: true }).waitFor();
  await page.screenshot({ path: join(out, '01-overview-sv.png'), fullPage: true });
  await page.close();
});

test('importing a JSON Lines file through the real bindings shows the new counts per type', async () => {
  const page = await openPage();
  await page.getByTestId('total').waitFor();
  const beforeStatus = await page.evaluate(() => window.go.desktop.StatusService.Status());
  const beforeCounts = Object.fromEntries(beforeStatus.types.map((c) => [c.type, c.count]));

  const result = await page.evaluate((path) => window.go.desktop.TransferService.ImportFiles([path]), fixture);
  assert.deepEqual(result.problems, []);
  assert.equal(result.total, Object.values(fixtureCounts).reduce((a, b) => a + b, 0));
  assert.deepEqual(Object.fromEntries(result.types.map((c) => [c.type, c.count])), fixtureCounts);

  // The screen follows the backend's store:changed event; no reload.
  const want = Object.fromEntries(Object.entries(fixtureCounts).map(([t, n]) => [t, (beforeCounts[t] ?? 0) + n]));
  await waitForCounts(page, want);
  const shown = await countsOnScreen(page);
  for (const [type, n] of Object.entries(want)) assert.equal(shown[type], n, type);
  const total = Object.values(shown).reduce((a, b) => a + b, 0);
  assert.equal((await page.getByTestId('total').textContent())?.replace(/\s/g, ''), String(total));
  // The card shows the number with the registry's Swedish label.
  const label = beforeStatus.types.find((c) => c.type === 'customer').labelSv;
  assert.equal(((await page.getByTestId('count-customer').textContent()) ?? '').replace(/\s/g, ''), `${label}${want.customer}`.replace(/\s/g, ''));
  await page.screenshot({ path: join(out, '02-after-import-sv.png'), fullPage: true });

  // Switching language relabels the cards from the registry's English labels.
  await page.getByTestId('language-switch').getByText('English', { exact: true }).click();
  await page.getByRole('heading', { name: 'Overview', level: 2 }).waitFor();
  const labelEn = beforeStatus.types.find((c) => c.type === 'customer').labelEn;
  await page.getByTestId('count-customer').getByText(labelEn, { exact: true }).waitFor();
  await page.screenshot({ path: join(out, '03-after-import-en.png'), fullPage: true });
  await page.close();
});

test('a file with a bad line is rejected with file:line and field, and nothing is written', async () => {
  const page = await openPage();
  await page.getByTestId('total').waitFor();
  const before = await page.evaluate(() => window.go.desktop.StatusService.Status());
  const dir = mkdtempSync(join(tmpdir(), 'dataskydd-e2e-bad-'));
  const bad = join(dir, 'bad.jsonl');
  writeFileSync(
    bad,
    '{"type":"customer","id":"C9","customer_number":"1009","name":"Örjan Nilsson"}\n' +
      '{"type":"customer","id":"C10","customer_number":"1010","created_at":"igår"}\n',
  );
  try {
    const result = await page.evaluate((path) => window.go.desktop.TransferService.ImportFiles([path]), bad);
    assert.equal(result.total, 0);
    assert.equal(result.problems.length, 1);
    assert.deepEqual(
      { file: result.problems[0].file, line: result.problems[0].line, field: result.problems[0].field },
      { file: bad, line: 2, field: 'created_at' },
    );
    const afterStatus = await page.evaluate(() => window.go.desktop.StatusService.Status());
    assert.equal(afterStatus.total, before.total, 'a rejected import writes nothing');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await page.close();
});

test('exporting through the real bindings writes every record as JSON Lines', async () => {
  const page = await openPage();
  await page.getByTestId('total').waitFor();
  const status = await page.evaluate(() => window.go.desktop.StatusService.Status());
  const dir = mkdtempSync(join(tmpdir(), 'dataskydd-e2e-export-'));
  const file = join(dir, 'export.jsonl');
  try {
    const result = await page.evaluate((path) => window.go.desktop.TransferService.ExportFile(path, ''), file);
    assert.equal(result.total, status.total);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    assert.equal(lines.length, status.total);
    const ids = new Set(lines.map((l) => JSON.parse(l)).map((r) => `${r.type}/${r.id}`));
    for (const line of readFileSync(fixture, 'utf8').trim().split('\n')) {
      const r = JSON.parse(line);
      assert.ok(ids.has(`${r.type}/${r.id}`), `${r.type}/${r.id} exported`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await page.close();
});

test('bound-method errors reach the page as stable codes', async () => {
  const page = await openPage();
  await page.getByTestId('total').waitFor();
  const err = await page.evaluate(() =>
    window.go.desktop.TransferService.ImportFiles(['/nonexistent/dataskydd-e2e.jsonl']).then(
      () => null,
      (e) => e.message,
    ),
  );
  // FormatError (backend/desktop/errors.go) sends the AppError as JSON; the runtime wraps it in an Error.
  assert.equal(JSON.parse(err).code, 'file_not_found');
  await page.close();
});

test('dark mode follows the OS', async () => {
  const page = await openPage({ colorScheme: 'dark' });
  await page.getByTestId('total').waitFor();
  const scheme = await page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'));
  assert.equal(scheme, 'dark');
  await page.screenshot({ path: join(out, '04-overview-dark.png'), fullPage: true });
  await page.close();
});

test('no page errors besides the known Wails ipc.js noise', () => {
  assert.deepEqual(pageErrors, []);
});
