// Two-factor authentication in the real app, with SMS through a local 46elks-speaking server
// (backend/sms/smstest/cmd/fakesms on E2E_SMS_URL, where the rig points the app's
// DATASKYDD_SMS_BASE_URL) and device tokens in the real keyring of the rig's D-Bus session:
// configure SMS, switch on "login from a new device", log in from a new device with the code
// the fake provider received, log in again without a challenge, reset the password and be
// challenged again.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { admin, adminPassword, callBound, launch, loginThroughScreen, openSettings, out, startFakeSms } from './lib.mjs';

const smsURL = process.env.E2E_SMS_URL ?? 'http://127.0.0.1:34299';
const bo = { username: 'bo', password: 'Bo-Berg-lösenord-2026', mobile: '070-222 22 22', e164: '+46702222222' };
const adminMobile = { local: '070-111 11 11', e164: '+46701111111' };
let fakesms;
// Toasts stack over the screens in screenshots; hide them there.
const hideToasts = '.mantine-Notifications-root { display: none !important; }';
let browser;
let page;

async function lastCode(to, after = '') {
  for (let i = 0; i < 50; i++) {
    const res = await fetch(`${smsURL}/last?to=${encodeURIComponent(to)}`);
    if (res.ok) {
      const m = await res.json();
      if (m.id !== after) {
        const code = /\b(\d{6})\b/.exec(m.message)?.[1];
        if (code) return { id: m.id, code, text: m.message };
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no SMS to ${to}`);
}

async function lastId(to) {
  const res = await fetch(`${smsURL}/last?to=${encodeURIComponent(to)}`);
  return res.ok ? (await res.json()).id : '';
}

async function logout() {
  // A notification may sit over the account menu (hovering keeps it open): click through it.
  await page.getByTestId('user-menu').dispatchEvent('click');
  await page.getByTestId('logout').dispatchEvent('click');
  await page.getByTestId('login-form').waitFor();
}

/** Logs in; resolves to true when a second factor was asked (and passed). */
async function login(username, password, to) {
  const before = await lastId(to);
  await loginThroughScreen(page, username, password);
  const asked = page.getByTestId('second-factor-form');
  const menu = page.getByTestId('user-menu');
  await Promise.race([asked.waitFor(), menu.waitFor()]);
  if (!(await asked.isVisible())) return false;
  await asked.getByRole('button', { name: 'Skicka kod via SMS' }).click();
  await asked.getByTestId('code-sent').waitFor();
  const { code } = await lastCode(to, before);
  await asked.getByLabel(/^Kod/).fill(code);
  await page.screenshot({ path: join(out, `7${username === admin ? 3 : 4}-login-second-factor-${username}.png`), style: hideToasts });
  await asked.getByRole('button', { name: 'Verifiera' }).click();
  await menu.waitFor();
  return true;
}

async function setMobile(userId, mobile) {
  const rec = await callBound(page, 'GetRecord', 'user', userId);
  assert.equal(rec.ok, true, `read user ${userId}: ${rec.code}`);
  const values = { ...rec.value.values, mobile_phone: mobile };
  delete values.versions;
  const saved = await callBound(page, 'SaveRecord', 'user', userId, values, false);
  assert.equal(saved.ok, true, `save user ${userId}: ${saved.code}`);
  assert.deepEqual(saved.value.problems, []);
}

before(async () => {
  fakesms = await startFakeSms(smsURL);
  browser = await launch();
  page = await browser.open();
  await loginThroughScreen(page, admin, adminPassword);
  await page.getByTestId('user-menu').waitFor();
});
after(async () => {
  await browser?.close();
  fakesms?.kill();
});

test('Settings > SMS stores 46elks credentials in the keyring and sends a test SMS', async () => {
  const state = (await callBound(page, 'State')).value;
  await setMobile(state.session.userId, adminMobile.local);
  const created = await callBound(page, 'CreateUser', { username: bo.username, name: 'Bo Berg', email: '', password: bo.password, roles: ['staff'] });
  assert.equal(created.ok, true, `create bo: ${created.code}`);
  await setMobile(created.value, bo.mobile);

  await openSettings(page, 'twofactor');
  await page.getByTestId('sms-missing').waitFor();
  assert.equal(await page.getByTestId('flow-user_login').isDisabled(), true, 'no flow before SMS works');
  await page.screenshot({ path: join(out, '70-twofactor-settings-no-sms-sv.png'), style: hideToasts });

  await openSettings(page, 'sms');
  await page.getByRole('heading', { name: 'SMS', level: 2 }).waitFor();
  await page.getByLabel('API-användarnamn').fill('e2e-user');
  await page.getByLabel('API-lösenord').fill('fel-lösenord');
  await page.getByRole('button', { name: 'Spara' }).click();
  await page.getByTestId('sms-status').getByText('Konfigurerat').waitFor();
  // Wrong credentials: the provider's refusal is a clear message, nothing breaks.
  await page.getByLabel('Telefonnummer').fill(adminMobile.local);
  await page.getByRole('button', { name: 'Skicka test-SMS' }).click();
  await page.getByText('SMS-leverantören godtog inte inloggningsuppgifterna.').waitFor();
  await page.getByLabel('API-användarnamn').fill('e2e-user');
  await page.getByLabel('API-lösenord').fill('e2e-secret');
  await page.getByRole('button', { name: 'Spara' }).click();
  await page.getByText('SMS-inställningarna sparades.').first().waitFor();
  await page.getByLabel('Telefonnummer').fill(adminMobile.local);
  await page.getByRole('button', { name: 'Skicka test-SMS' }).click();
  await page.getByText(`Test-SMS:et skickades till ${adminMobile.local}.`).waitFor();
  const res = await fetch(`${smsURL}/last?to=${encodeURIComponent(adminMobile.e164)}`);
  assert.equal(res.status, 200);
  assert.match((await res.json()).message, /test-SMS/);
  await page.screenshot({ path: join(out, '71-sms-settings-sv.png'), style: hideToasts });
});

test('Settings > Two-factor authentication switches on "login from a new device"', async () => {
  await openSettings(page, 'twofactor');
  const sw = page.getByTestId('flow-user_login');
  await page.getByRole('heading', { name: 'Tvåfaktorsautentisering', level: 2 }).waitFor();
  // The switches unlock once the screen has read that SMS works (the test before set it up):
  // wait for that answer instead of reading the state before it arrives.
  for (let i = 0; i < 100 && (await sw.isDisabled()); i++) await page.waitForTimeout(100);
  assert.equal(await sw.isDisabled(), false, 'the switch is still locked: SMS is not configured');
  await sw.click({ force: true });
  await page.getByText('Inställningen sparades.').first().waitFor();
  const s = await callBound(page, 'GetTwoFactorSettings');
  assert.equal(s.value.flows.find((f) => f.flow === 'user_login').enabled, true);
  await page.screenshot({ path: join(out, '72-twofactor-settings-sv.png'), style: hideToasts });
});

test('a login from a new device is challenged with an SMS code; the next one is not', async () => {
  await logout();
  assert.equal(await login(bo.username, bo.password, bo.e164), true, 'challenged on a new device');
  await openSettings(page, 'my-twofactor');
  await page.getByText('Den här datorn').waitFor();
  await page.screenshot({ path: join(out, '75-my-trusted-devices-sv.png'), style: hideToasts });

  await logout();
  assert.equal(await login(bo.username, bo.password, bo.e164), false, 'a trusted device is not challenged');
});

test('a wrong code is refused and the login does not start', async () => {
  await logout();
  const before = await lastId(adminMobile.e164);
  await loginThroughScreen(page, admin, adminPassword);
  const asked = page.getByTestId('second-factor-form');
  await asked.waitFor();
  await asked.getByRole('button', { name: 'Skicka kod via SMS' }).click();
  const { code } = await lastCode(adminMobile.e164, before);
  await asked.getByLabel(/^Kod/).fill(code === '000000' ? '111111' : '000000');
  await asked.getByRole('button', { name: 'Verifiera' }).click();
  await asked.getByText('Fel kod.').waitFor();
  assert.equal((await callBound(page, 'State')).value.session, null, 'no session after a wrong code');
  await asked.getByLabel(/^Kod/).fill(code);
  await asked.getByRole('button', { name: 'Verifiera' }).click();
  await page.getByTestId('user-menu').waitFor();
});

test('a password reset forgets the trusted devices: the next login is challenged again', async () => {
  const users = (await callBound(page, 'ListUsers')).value;
  const boRow = users.find((u) => u.username === bo.username);
  const reset = await callBound(page, 'ResetUserPassword', boRow.id, 'Bo-nytt-lösenord-2027');
  assert.equal(reset.ok, true, `reset: ${reset.code}`);
  await logout();
  assert.equal(await login(bo.username, 'Bo-nytt-lösenord-2027', bo.e164), true, 'challenged after the reset');
  assert.deepEqual(browser.pageErrors, []);
});
