// The records browser on a set-up store: create a customer and a work order linked to it,
// edit it and see the version history, delete it; import through the dialog's backend call;
// Settings > Users and Logs; switching language; a staff user refused in the backend.
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { admin, adminPassword, callBound, launch, loginThroughScreen, out } from './lib.mjs';

const fixture = resolve(import.meta.dirname, 'fixtures/small.jsonl');
let browser;
let page;

before(async () => {
  browser = await launch();
  page = await browser.open();
  await loginThroughScreen(page, admin, adminPassword);
  await page.getByTestId('user-menu').waitFor();
});
after(async () => {
  await browser?.close();
});

async function go(hash) {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

async function save() {
  await page.getByTestId('save-record').click();
}

test('importing a file through the import dialog backend call fills the lists', async () => {
  await page.getByTestId('nav-type-customer').click();
  await page.getByTestId('record-total').filter({ hasText: '0 poster' }).waitFor();
  const result = await callBound(page, 'ImportFiles', [fixture]);
  assert.equal(result.ok, true);
  assert.deepEqual(result.value.problems, []);
  await go('#/records/user');
  await go('#/records/customer');
  await page.getByTestId('record-total').filter({ hasText: '2 poster' }).waitFor();
  await page.screenshot({ path: join(out, '19-customers-after-import-sv.png') });
});

test('a customer is created from the form generated from its schema', async () => {
  await page.getByTestId('new-record').click();
  const form = page.getByTestId('record-form');
  await form.waitFor();
  await form.locator('input[name="id"]').fill('C-E2E');
  await form.locator('input[name="name"]').fill('Åsa Lind');
  await form.locator('input[name="email"]').fill('asa.lind@example.se');
  await form.locator('input[name="mobile_phone"]').fill('070-123 45 67');
  await page.screenshot({ path: join(out, '20-customer-form-sv.png') });
  await save();
  await page.getByTestId('record-detail').waitFor();
  await page.getByTestId('field-name').getByText('Åsa Lind').waitFor();
  const rec = await callBound(page, 'GetRecord', 'customer', 'C-E2E');
  assert.equal(rec.value.values.name, 'Åsa Lind');
  assert.equal(rec.value.values.mobile_phone, '070-123 45 67');
  // The list filter runs in the database, debounced: both customers called Åsa.
  await go('#/records/customer');
  await page.getByTestId('record-total').filter({ hasText: '3 poster' }).waitFor();
  await page.getByTestId('record-filter').fill('Åsa Lind');
  await page.getByTestId('record-total').filter({ hasText: '2 poster' }).waitFor();
  await page.getByTestId('record-filter').fill('asa.lind@');
  await page.getByTestId('record-total').filter({ hasText: '1 post' }).waitFor();
  await page.screenshot({ path: join(out, '24-customers-filtered-sv.png') });
  await page.getByTestId('record-filter').fill('');
});

test('a work order linked to the customer: a wrong number is shown on its field, an existing one is picked by name', async () => {
  await go('#/records/work_order/new');
  const form = page.getByTestId('record-form');
  await form.waitFor();
  await form.locator('input[name="id"]').fill('WO-E2E');
  await form.locator('input[name="number"]').fill('5001');
  await form.locator('textarea[name="title"], input[name="title"]').fill('Byte av blandare');
  // The customer picker still takes a number typed the old way: one that does not exist
  // stays as typed and the backend marks it on its field.
  const field = form.getByTestId('link-customer_number');
  await field.fill('9999');
  await save();
  await page.getByTestId('form-problem').waitFor();
  assert.equal(await field.inputValue(), '9999', 'the typed number is kept');
  assert.equal(await field.getAttribute('aria-invalid'), 'true', 'the dangling link is marked on its field');
  await page.screenshot({ path: join(out, '21-work-order-invalid-link-sv.png') });
  assert.equal((await callBound(page, 'GetRecord', 'work_order', 'WO-E2E')).code, 'not_found', 'nothing saved');

  // Typing an existing number offers that customer by name; leaving the field takes it.
  await field.fill('1001');
  await page.getByRole('option', { name: 'Åsa Lindström (1001)' }).waitFor();
  await page.screenshot({ path: join(out, '21b-work-order-customer-picker-sv.png') });
  await field.blur();
  assert.equal(await field.inputValue(), 'Åsa Lindström (1001)');
  await save();
  await page.getByTestId('record-detail').waitFor();
  const link = page.getByTestId('field-customer_number').getByRole('link', { name: 'Åsa Lindström (1001)' });
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), '#/records/customer/C1', 'the number links to its customer');
  assert.equal((await callBound(page, 'GetRecord', 'work_order', 'WO-E2E')).value.values.customer_number, '1001', 'the number is saved, not the name');
});

test('editing the work order writes a version-history entry and an event', async () => {
  await page.getByTestId('edit-record').click();
  const form = page.getByTestId('record-form');
  await form.waitFor();
  await form.locator('textarea[name="title"], input[name="title"]').fill('Byte av blandare och packning');
  await save();
  const history = page.getByTestId('version-history');
  await history.getByText('Byte av blandare', { exact: false }).waitFor();
  await page.getByTestId('field-title').getByText('Byte av blandare och packning').waitFor();
  const rec = (await callBound(page, 'GetRecord', 'work_order', 'WO-E2E')).value;
  assert.equal(rec.values.versions.length, 1);
  assert.equal(rec.values.versions[0].fields.title, 'Byte av blandare');
  // The history names who changed it (the logged-in admin), by name, with a link to the user.
  const by = rec.values.versions[0].changed_by;
  assert.ok(rec.names[`user/${by}`], `the backend names ${by}`);
  await history.getByText(`Ändrad av ${rec.names[`user/${by}`]}`, { exact: false }).waitFor();
  assert.equal(await history.getByRole('link').first().getAttribute('href'), `#/records/user/${by}`);
  const events = (await callBound(page, 'ListRecords', { type: 'event', text: 'WO-E2E', limit: 50, offset: 0, sort: '', desc: false, status: '' })).value;
  assert.deepEqual(events.items.map((e) => e.values.action).sort(), ['create', 'update']);
  await page.screenshot({ path: join(out, '22-work-order-history-sv.png') });
});

test('deleting the work order says what happens to its type, then marks it deleted', async () => {
  await page.getByTestId('delete-record').click();
  const effect = page.getByTestId('delete-effect');
  await effect.filter({ hasText: 'markeras som borttagen' }).waitFor();
  await page.screenshot({ path: join(out, '23-delete-confirm-sv.png') });
  await page.getByTestId('confirm-delete').click();
  await page.getByTestId('record-table').waitFor();
  const rec = (await callBound(page, 'GetRecord', 'work_order', 'WO-E2E')).value;
  assert.equal(rec.values.status, 'deleted');
});

test("a group's members are picked by name and shown by name", async () => {
  await go('#/records/group/new');
  const form = page.getByTestId('record-form');
  await form.waitFor();
  await form.locator('input[name="id"]').fill('G-E2E');
  await form.locator('input[name="name"]').fill('Montörer');
  const members = form.getByTestId('link-members');
  await members.click();
  await members.fill('Öberg');
  await page.getByRole('option', { name: 'Anna Öberg (anna) (U1)' }).click();
  await members.fill('erik');
  await page.getByRole('option', { name: 'Erik Åström (erik) (U2)' }).click();
  await page.screenshot({ path: join(out, '21c-group-members-picker-sv.png') });
  await save();
  await page.getByTestId('record-detail').waitFor();
  const shown = page.getByTestId('field-members');
  await shown.getByRole('link', { name: 'Anna Öberg (anna) (U1)' }).waitFor();
  assert.equal(await shown.getByRole('link', { name: 'Erik Åström (erik) (U2)' }).getAttribute('href'), '#/records/user/U2');
  assert.deepEqual((await callBound(page, 'GetRecord', 'group', 'G-E2E')).value.values.members, ['U1', 'U2'], 'ids are saved');
  // The edit form shows the members by name, and a member is removed there.
  await page.getByTestId('edit-record').click();
  await form.waitFor();
  await form.getByText('Erik Åström (erik) (U2)').waitFor();
  await page.screenshot({ path: join(out, '21d-group-edit-sv.png') });
  await page.getByRole('button', { name: 'Avbryt' }).click();
  await page.getByTestId('record-detail').waitFor();
});

test('Settings > Users and Settings > Logs show the accounts, the events and the logins', async () => {
  // The Settings group is open already when the screen shown is in it (the groups above).
  const section = page.getByTestId('nav-Settings');
  if ((await section.getAttribute('data-expanded')) === null) await section.click();
  await page.getByTestId('nav-settings-users').click();
  await page.getByTestId(`user-${admin}`).waitFor();
  await page.screenshot({ path: join(out, '25-users-sv.png') });
  await page.getByTestId('nav-settings-logs').click();
  await page.getByTestId('log-event').getByText('WO-E2E', { exact: false }).first().waitFor();
  await page.screenshot({ path: join(out, '26-logs-events-sv.png') });
  await page.getByTestId('tab-system').click();
  await page.getByTestId('log-system_log').getByText('login_ok').first().waitFor();
  await page.screenshot({ path: join(out, '27-logs-system-sv.png') });
});

test('switching to English relabels the navigation and lists from the registry', async () => {
  await go('#/records/work_order');
  await page.getByText('English', { exact: true }).click();
  await page.getByRole('heading', { name: 'Work orders', level: 2 }).waitFor();
  await page.getByTestId('nav-type-customer').filter({ hasText: 'Customers' }).waitFor();
  await page.screenshot({ path: join(out, '28-work-orders-en.png') });
  await go('#/records/work_order/WO-E2E');
  await page.getByTestId('version-history').getByText('Version history').waitFor();
  await page.screenshot({ path: join(out, '29-work-order-detail-en.png') });
});

test('a staff user is refused admin methods in the backend, whatever the page does', async () => {
  const created = await callBound(page, 'CreateUser', {
    username: 'sven',
    name: 'Sven Staff',
    email: 'sven@example.se',
    password: 'sven-lösenord-2026-x',
    roles: ['staff'],
  });
  assert.equal(created.ok, true, JSON.stringify(created));
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await loginThroughScreen(page, 'sven', 'sven-lösenord-2026-x');
  await page.getByTestId('user-menu').waitFor();
  // The UI hides admin screens; the backend refuses them anyway.
  assert.equal(await page.getByTestId('nav-settings-users').count(), 0);
  for (const [method, args] of [
    ['ListUsers', []],
    ['CreateUser', [{ username: 'mallory', name: '', email: '', password: 'mallory-lösenord-2026', roles: ['admin'] }]],
    ['SetUserRoles', [created.value, ['admin']]],
    ['ImportFiles', [[fixture]]],
    ['SetIdleLockMinutes', [60]],
  ]) {
    const res = await callBound(page, method, ...args);
    assert.equal(res.code, 'forbidden', `${method} as staff`);
  }
  // Staff works with Workcloud records but not with the event log.
  assert.equal((await callBound(page, 'ListRecords', { type: 'customer', limit: 10, offset: 0, sort: '', desc: false, status: '', text: '' })).ok, true);
  assert.equal((await callBound(page, 'ListRecords', { type: 'event', limit: 10, offset: 0, sort: '', desc: false, status: '', text: '' })).code, 'forbidden');
  await page.screenshot({ path: join(out, '30-staff-view-en.png') });
  // Nobody logged in: unauthenticated.
  await callBound(page, 'Logout');
  assert.equal((await callBound(page, 'ListRecords', { type: 'customer', limit: 10, offset: 0, sort: '', desc: false, status: '', text: '' })).code, 'unauthenticated');
});

test('dark mode follows the OS', async () => {
  const dark = await browser.open({ colorScheme: 'dark' });
  await loginThroughScreen(dark, admin, adminPassword);
  await dark.getByTestId('user-menu').waitFor();
  await dark.evaluate(() => {
    window.location.hash = '#/records/customer';
  });
  await dark.getByTestId('record-table').waitFor();
  assert.equal(await dark.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme')), 'dark');
  await dark.screenshot({ path: join(out, '31-customers-dark-en.png') });
  await dark.close();
});

test('no page errors besides the known Wails ipc.js noise', () => {
  assert.deepEqual(browser.pageErrors, []);
});
