// Settings > GDPR > Anonymisation in the real app: switch a policy on, preview, run; the
// anonymised person is gone from the search afterwards. Screenshots in both languages.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { admin, adminPassword, callBound, launch, loginThroughScreen, out } from './lib.mjs';

// An old closed case (due after 30 days) and an open one (never due).
const lines = [
  { type: 'case', id: 'K-OLD', number: '101', title: 'Stopp i avloppet', end_customer_name: 'Gunnar Qvarngård',
    end_customer_phone: '070-555 12 34', comments: [{ text: 'Gunnar Qvarngård vill ha besök på förmiddagen' }],
    status: 'closed', created_at: '2024-01-10', closed_at: '2024-02-01' },
  { type: 'case', id: 'K-NEW', number: '102', title: 'Läckande kran', end_customer_name: 'Hedvig Nyström', status: 'open', created_at: '2026-11-01' },
];

let browser;
let tmp;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'dataskydd-e2e-retention-'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function loggedIn(path = '') {
  const page = await browser.open({ path });
  await loginThroughScreen(page, admin, adminPassword);
  await page.getByTestId('user-menu').waitFor();
  return page;
}

test('switch a policy on, preview the run, run it, and the person is gone', async () => {
  const page = await loggedIn();
  const file = join(tmp, 'cases.jsonl');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const imported = await callBound(page, 'ImportFiles', [file]);
  assert.equal(imported.ok, true, JSON.stringify(imported));

  await page.goto(page.url().split('#')[0] + '#/settings/anonymisation');
  await page.getByRole('heading', { name: 'Anonymisering', level: 2 }).waitFor();
  const row = page.getByTestId('policy-case');
  await row.waitFor();
  // The fixed rows are read-only.
  assert.equal(await page.getByTestId('policy-event').getByRole('switch').isDisabled(), true);
  await page.getByTestId('policy-system_log').getByText('3 månader').waitFor();

  // Switch "cases" on: the dialog asks for the days first, previews the next run with them
  // and names the count on the confirming button; nothing is saved before that.
  await row.getByRole('switch').click({ force: true });
  const dialog = page.getByTestId('enable-case');
  await dialog.waitFor();
  await dialog.getByTestId('enable-days').fill('30');
  await dialog.getByTestId('enable-preview-button').click();
  await dialog.getByTestId('enable-preview').waitFor();
  assert.equal(await dialog.getByTestId('enable-preview').getAttribute('data-count'), '1');
  const off = await callBound(page, 'RetentionOverview');
  assert.equal(off.value.policies.find((x) => x.type === 'case').enabled, false, 'saved before the confirmation');
  await page.waitForTimeout(300); // the modal's opening transition
  await page.screenshot({ path: join(out, '29-anonymisation-switch-on-sv.png') });
  await dialog.getByTestId('enable-confirm').click();
  await page.waitForFunction(async () => {
    const ov = await window.go.desktop.RetentionService.RetentionOverview();
    const p = ov.policies.find((x) => x.type === 'case');
    return p.enabled && p.days === 30;
  });
  await page.screenshot({ path: join(out, '30-anonymisation-sv.png'), fullPage: true });

  // Preview: one due case, by its id, nothing changed.
  await page.getByRole('button', { name: 'Förhandsgranska' }).click();
  const preview = page.getByTestId('preview-table');
  await preview.waitFor();
  await preview.getByText('K-OLD').waitFor();
  assert.equal(await preview.getByText('K-NEW').count(), 0);
  await page.waitForTimeout(400); // the modal's opening transition
  await page.screenshot({ path: join(out, '31-anonymisation-preview-sv.png'), fullPage: true });
  assert.equal((await callBound(page, 'SearchPersons', { query: 'Gunnar Qvarngård', areas: [] })).value.total > 0, true);
  await page.getByRole('button', { name: 'Stäng' }).click();

  // Run now: the last run says one record, and the search finds nothing any more.
  await page.getByRole('button', { name: 'Kör nu' }).click();
  await page.getByTestId('last-run').getByText(/1 post anonymiserad/).waitFor();
  await page.getByTestId('history').waitFor();
  await page.screenshot({ path: join(out, '32-anonymisation-after-run-sv.png'), fullPage: true });
  const after = await callBound(page, 'SearchPersons', { query: 'Gunnar Qvarngård', areas: [] });
  assert.equal(after.value.total, 0);
  const phone = await callBound(page, 'SearchPersons', { query: '+46705551234', areas: [] });
  assert.equal(phone.value.total, 0);
  assert.ok((await callBound(page, 'SearchPersons', { query: 'Hedvig Nyström', areas: [] })).value.total > 0, 'the open case is kept');

  // The same screen in English, dark.
  await page.getByText('English', { exact: true }).click();
  await page.getByRole('heading', { name: 'Anonymisation', level: 2 }).waitFor();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: join(out, '33-anonymisation-en-dark.png'), fullPage: true });
  await page.close();
});

test('no page errors besides the known Wails ipc.js noise', () => {
  assert.deepEqual(browser.pageErrors, []);
});
