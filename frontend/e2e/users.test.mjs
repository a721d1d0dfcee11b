// Settings > Users through the screen: create a user with a role, deactivate and activate,
// reset the password, and delete; the account state follows in the backend.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { admin, adminPassword, callBound, launch, loginThroughScreen, out } from './lib.mjs';

let browser;
let page;

before(async () => {
  browser = await launch();
  page = await browser.open({ path: '#/settings/users' });
  await loginThroughScreen(page, admin, adminPassword);
  await page.getByTestId('users-table').waitFor();
});
after(async () => {
  await browser?.close();
});

const user = (name) => page.getByTestId(`user-${name}`);

async function action(name, label) {
  await user(name).getByRole('button').click();
  await page.getByRole('menuitem', { name: label }).click();
}

test('an admin creates a user with a role; a common password is refused on the way', async () => {
  await page.getByTestId('new-user').click();
  const dialog = page.getByRole('dialog');
  await dialog.locator('input[name="username"]').fill('karin');
  await dialog.locator('input[name="name"]').fill('Karin Kassör');
  await dialog.locator('input[name="email"]').fill('karin@example.se');
  await dialog.locator('input[name="password"]').fill('1qaz2wsx3edc');
  await dialog.getByLabel('Dataskyddsansvarig').check();
  await dialog.getByTestId('user-dialog-submit').click();
  await dialog.getByText('Lösenordet är för vanligt').waitFor();
  await dialog.locator('input[name="password"]').fill('karins-lösenord-2026');
  await dialog.getByTestId('user-dialog-submit').click();
  await user('karin').getByText('Dataskyddsansvarig').waitFor();
  await page.screenshot({ path: join(out, '50-users-created-sv.png') });
  const users = (await callBound(page, 'ListUsers')).value;
  const karin = users.find((u) => u.username === 'karin');
  assert.deepEqual(karin.roles.sort(), ['gdpr_officer', 'staff']);
  assert.equal(karin.active, true);
});

test('deactivating stops the login; activating and a reset password bring it back', async () => {
  await action('karin', 'Stäng av');
  await user('karin').getByText('Avstängd').waitFor();
  await action('karin', 'Nytt lösenord…');
  const dialog = page.getByRole('dialog');
  await dialog.locator('input[type="password"]').fill('karins-nya-lösenord-2026');
  await dialog.getByTestId('user-dialog-submit').click();
  await dialog.waitFor({ state: 'detached' });
  await action('karin', 'Aktivera');
  await user('karin').getByText('Aktiv', { exact: true }).waitFor();
  // The old password no longer works, the new one does (checked without leaving the admin's session for long).
  assert.equal((await callBound(page, 'Login', 'karin', 'karins-lösenord-2026')).code, 'bad_credentials');
  assert.equal((await callBound(page, 'Login', 'karin', 'karins-nya-lösenord-2026')).ok, true);
  assert.equal((await callBound(page, 'Login', admin, adminPassword)).ok, true);
});

test('deleting a user stops the login and follows the user retention setting', async () => {
  await page.reload({ waitUntil: 'domcontentloaded' });
  await page.getByTestId('users-table').waitFor();
  await action('karin', 'Ta bort…');
  const dialog = page.getByRole('dialog');
  await dialog.getByText('gallringsregeln för användare').waitFor();
  await dialog.getByTestId('user-dialog-submit').click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal((await callBound(page, 'Login', 'karin', 'karins-nya-lösenord-2026')).ok, false);
});

test('no page errors besides the known Wails ipc.js noise', () => {
  assert.deepEqual(browser.pageErrors, []);
});
