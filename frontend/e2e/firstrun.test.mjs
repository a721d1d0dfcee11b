// e2e: empty-data-folder
// First run on an empty data folder, then the login screen: wrong password, right password,
// logout; both languages.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { callBound, dataDir, launch, loginThroughScreen, out } from './lib.mjs';

const password = 'Fjällräven-kanot-2026';
let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('first run asks for the organisation, language and first administrator, then opens the app', async () => {
  const page = await browser.open();
  const form = page.getByTestId('first-run-form');
  await form.waitFor();
  assert.equal(existsSync(join(dataDir, 'dataskydd.db')), false, 'nothing is created before the form is sent');
  await page.getByRole('heading', { name: 'Välkommen till Dataskydd' }).waitFor();
  await page.screenshot({ path: join(out, '10-first-run-sv.png'), fullPage: true });

  await form.locator('input[name="orgName"]').fill('Rörläggar-Nisse AB');
  await form.locator('input[name="username"]').fill('anna');
  await form.locator('input[name="name"]').fill('Anna Admin');
  await form.locator('input[name="email"]').fill('anna@example.se');
  // A common password is refused by the backend and shown on the field.
  await form.locator('input[name="password"]').fill('1qaz2wsx3edc');
  await form.locator('input[name="confirm"]').fill('1qaz2wsx3edc');
  await form.locator('button[type="submit"]').click();
  await form.getByText('Lösenordet är för vanligt. Välj ett annat.').waitFor();
  assert.equal((await callBound(page, 'State')).value.setUp, false, 'a refused password sets nothing up');

  await form.locator('input[name="password"]').fill(password);
  await form.locator('input[name="confirm"]').fill(password);
  await form.locator('button[type="submit"]').click();
  await page.getByTestId('user-menu').waitFor();
  await page.getByRole('heading', { name: 'Översikt', level: 2 }).waitFor();
  const state = (await callBound(page, 'State')).value;
  assert.equal(state.setUp, true);
  assert.equal(state.orgName, 'Rörläggar-Nisse AB');
  assert.equal(state.lang, 'sv');
  assert.deepEqual(state.session.roles, ['admin']);
  await page.close();
});

test('the login screen refuses a wrong password clearly, accepts the right one, and logs out', async () => {
  const page = await browser.open();
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.getByTestId('login-form').waitFor();
  await page.getByText('Dataskydd för Rörläggar-Nisse AB').waitFor();

  await loginThroughScreen(page, 'anna', 'fel-lösenord-igen');
  const error = page.getByTestId('login-error');
  await error.waitFor();
  assert.match(await error.textContent(), /Fel användarnamn eller lösenord/);
  await page.screenshot({ path: join(out, '11-login-wrong-password-sv.png'), fullPage: true });
  assert.equal((await callBound(page, 'Me')).code, 'unauthenticated');

  // The same screen in English.
  await page.getByText('English', { exact: true }).click();
  await page.getByRole('heading', { name: 'Log in' }).waitFor();
  await page.screenshot({ path: join(out, '12-login-en.png'), fullPage: true });

  await loginThroughScreen(page, 'anna', password);
  await page.getByTestId('user-menu').waitFor();
  await page.getByRole('heading', { name: 'Overview', level: 2 }).waitFor();
  assert.equal((await callBound(page, 'Me')).value.username, 'anna');
  await page.close();
});

test('repeated wrong passwords back off and say when to try again', async () => {
  const page = await browser.open();
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  for (let i = 0; i < 4; i++) await callBound(page, 'Login', 'anna', 'fel-lösenord-igen');
  const res = await callBound(page, 'Login', 'anna', password);
  assert.equal(res.ok, false);
  assert.equal(res.code, 'throttled');
  await loginThroughScreen(page, 'anna', password);
  const error = page.getByTestId('login-error');
  await error.waitFor();
  assert.match(await error.textContent(), /try again at|försöka igen kl/i);
  await page.close();
});

test('no page errors besides the known Wails ipc.js noise', () => {
  assert.deepEqual(browser.pageErrors, []);
});
