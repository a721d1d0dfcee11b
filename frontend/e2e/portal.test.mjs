// The customer portal (Kundportal, issue 16) in the real app: an administrator starts it from
// Settings > Kundportal and invites a private customer from there; the customer, in browser
// contexts of their own (fresh Chromium profiles), sets the first password with the SMS code
// the fake provider received (backend/sms/smstest/cmd/fakesms on E2E_SMS_URL), logs in,
// approves a quote with a code, and the desktop app shows the approval. Then: cleared cookies
// mean a code again; a password reset forgets every trusted device; the 6th code after five
// wrong ones is refused even when right; a POST without the CSRF token is refused.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { admin, adminPassword, callBound, launch, loginThroughScreen, openSettings, out, startFakeSms } from './lib.mjs';

const smsURL = process.env.E2E_SMS_URL ?? 'http://127.0.0.1:34299';
const hideToasts = '.mantine-Notifications-root { display: none !important; }';
const anna = {
  id: 'C-PORTAL',
  number: '7001',
  name: 'Anna Portalsson',
  email: 'anna.portal@example.se',
  mobile: '070-333 33 33',
  e164: '+46703333333',
  password: 'Anna-portal-lösenord-2026',
  newPassword: 'Anna-nytt-portal-lösen-2027',
};
// Codes are limited per person (5 an hour, 5 wrong answers an hour): each part has its own.
const bertil = { id: 'C-PORTAL-2', number: '7002', name: 'Bertil Portal', email: 'bertil.portal@example.se', mobile: '070-444 44 44', e164: '+46704444444', password: 'Bertil-portal-lösenord-2026', newPassword: 'Bertil-nytt-portal-lösen-2027' };
const cecilia = { id: 'C-PORTAL-3', number: '7003', name: 'Cecilia Portal', email: 'cecilia.portal@example.se', mobile: '070-555 55 55', e164: '+46705555555', password: 'Cecilia-portal-lösenord-2026' };
const quoteId = 'Q-PORTAL';
const adminMobile = { local: '070-111 11 11', e164: '+46701111111' };
let annaPage; // Anna's browser, logged in (the CSRF test uses it)
let fakesms;
let app; // the desktop app (admin logged in)
let page;
let portalURL;
const customers = []; // the customer's browsers (each a fresh profile), closed at the end

async function freePort() {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

async function lastId(to) {
  const res = await fetch(`${smsURL}/last?to=${encodeURIComponent(to)}`);
  return res.ok ? (await res.json()).id : '';
}

/** The code of the first SMS to `to` after the message `after`. */
async function codeAfter(to, after) {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${smsURL}/last?to=${encodeURIComponent(to)}`);
    if (res.ok) {
      const m = await res.json();
      const code = m.id !== after && /\b(\d{6})\b/.exec(m.message)?.[1];
      if (code) return code;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no SMS to ${to}`);
}

/** A fresh browser (its own profile: no cookies) with one page on the portal. */
async function customerBrowser() {
  const b = await launch();
  customers.push(b);
  const p = await b.context.newPage();
  p.on('pageerror', (err) => b.pageErrors.push(err.message));
  return { b, p };
}

/** Logs in to the portal; resolves to true when a code was asked (and given). */
async function portalLogin(p, password, { code = true, who = anna } = {}) {
  const before = await lastId(who.e164);
  await p.goto(`${portalURL}/login`);
  await p.fill('#email', who.email);
  await p.fill('#password', password);
  await p.click('button[type="submit"]');
  await p.waitForURL(/\/(code|home)$/);
  if (!p.url().endsWith('/code')) return false;
  if (code) {
    await p.fill('#code', await codeAfter(who.e164, before));
    await p.click('main button[type="submit"]');
    await p.waitForURL(/\/home$/);
  }
  return true;
}

/** Invites `who` (bound call) and sets the first password with the code, in browser p. */
async function acceptInvitation(p, who, link = '', screenshot = '') {
  if (!link) {
    const inv = await callBound(page, 'InviteToPortal', 'customer', who.id);
    assert.equal(inv.ok, true, `invite ${who.id}: ${inv.code}`);
    link = inv.value.link;
  }
  await p.goto(link);
  await p.fill('#password', who.password);
  await p.fill('#password2', who.password);
  const before = await lastId(who.e164);
  await p.click('main button[type="submit"]');
  await p.waitForURL(/\/code$/);
  const code = await codeAfter(who.e164, before);
  if (screenshot) await p.screenshot({ path: join(out, screenshot) });
  await p.fill('#code', code);
  await p.click('main button[type="submit"]');
  await p.waitForURL(/\/home$/);
}

async function portalLogout(p) {
  await p.click('header form button[type="submit"]');
  await p.waitForURL(/\/login$/);
}

async function go(hash) {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

before(async () => {
  fakesms = await startFakeSms(smsURL);
  app = await launch();
  page = await app.open();
  await loginThroughScreen(page, admin, adminPassword);
  await page.getByTestId('user-menu').waitFor();
  // The admin's own phone (for the GDPR inventory's code), set before any switch is on.
  const me = (await callBound(page, 'State')).value.session.userId;
  const user = await callBound(page, 'GetRecord', 'user', me);
  const values = { ...user.value.values, mobile_phone: adminMobile.local };
  delete values.versions;
  assert.deepEqual((await callBound(page, 'SaveRecord', 'user', me, values, false)).value.problems, []);
  // SMS through the fake provider, the portal's switches on, a customer with a phone and a quote.
  const saved = await callBound(page, 'SaveSMSSettings', { provider: '46elks', senderName: 'Dataskydd', username: 'e2e-user', password: 'e2e-secret' });
  assert.equal(saved.ok, true, `SMS settings: ${saved.code}`);
  for (const flow of ['customer_conversations', 'portal_login', 'portal_password_reset', 'quotes']) {
    const r = await callBound(page, 'SetTwoFactorFlow', flow, true);
    assert.equal(r.ok, true, `switch ${flow}: ${r.code}`);
  }
  for (const who of [anna, bertil, cecilia]) {
    const customer = { customer_number: who.number, kind: 'private', name: who.name, email: who.email, mobile_phone: who.mobile };
    const c = await callBound(page, 'SaveRecord', 'customer', who.id, customer, true);
    assert.equal(c.ok, true, `customer: ${c.code}`);
    assert.deepEqual(c.value.problems, []);
  }
  const q = await callBound(page, 'SaveRecord', 'quote', quoteId, { number: '9001', title: 'Nytt badrum', customer_number: anna.number }, true);
  assert.equal(q.ok, true, `quote: ${q.code}`);
  assert.deepEqual(q.value.problems, []);
});

after(async () => {
  for (const b of customers) await b.close();
  await app?.close();
  fakesms?.kill();
});

test('Settings > Kundportal starts the portal inside the app and makes an invitation link', async () => {
  const port = await freePort();
  portalURL = `http://127.0.0.1:${port}`;
  await openSettings(page, 'portal');
  await page.getByTestId('portal-status').waitFor();
  await page.getByTestId('portal-listen').fill(`127.0.0.1:${port}`);
  await page.getByTestId('portal-public_url').fill(portalURL);
  await page.getByTestId('portal-contact').fill('Kontoret, 08-123 456');
  await page.getByRole('button', { name: 'Spara' }).click();
  await page.getByText('Inställningarna sparades', { exact: false }).first().waitFor();
  await page.getByTestId('portal-start').click();
  await page.getByTestId('portal-status').filter({ hasText: `127.0.0.1:${port}` }).waitFor();
  const status = await callBound(page, 'GetPortalStatus');
  assert.deepEqual(status.value, { running: true, addr: `127.0.0.1:${port}` });
  const res = await fetch(`${portalURL}/login`);
  assert.equal(res.status, 200, 'the portal answers');
  assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);

  await page.getByTestId('portal-invite-id').fill(anna.id);
  await page.getByRole('button', { name: 'Skapa inbjudan' }).click();
  const link = page.getByTestId('portal-invite-link');
  await link.waitFor();
  assert.match(await link.innerText(), new RegExp(`${portalURL}/invite/\\S+`));
  anna.link = /(http:\/\/\S+\/invite\/\S+)/.exec(await link.innerText())[1];
  await page.screenshot({ path: join(out, '80-portal-settings-sv.png'), style: hideToasts });
});

test('the customer card invites by SMS; a contact person without a phone gets the no-phone message', async () => {
  // Cecilia's card: the link goes to her mobile (her first password comes later, from this SMS).
  await go(`#/records/customer/${cecilia.id}`);
  const before = await lastId(cecilia.e164);
  await page.getByTestId('portal-invite').click();
  const sent = page.getByTestId('portal-invite-sms');
  await sent.waitFor();
  assert.match(await sent.innerText(), /Länken skickades via SMS till \+4670•+55\./);
  const link = await page.getByTestId('portal-invite-card-link').innerText();
  const sms = await fetch(`${smsURL}/last?to=${encodeURIComponent(cecilia.e164)}`).then((r) => r.json());
  assert.notEqual(sms.id, before);
  assert.ok(sms.message.includes(link.trim()), `the SMS carries the link: ${sms.message}`);
  await page.waitForTimeout(400); // the dialog's opening transition, for the screenshot
  await page.screenshot({ path: join(out, '79-customer-card-invite-sv.png'), style: hideToasts });
  await page.keyboard.press('Escape');
  cecilia.link = link.trim();

  const kim = await callBound(page, 'SaveRecord', 'contact_person', 'K-PORTAL', { customer_number: anna.number, first_name: 'Kim', last_name: 'Kontakt', email: 'kim.kontakt@example.se' }, true);
  assert.equal(kim.ok, true, `contact person: ${kim.code}`);
  await go('#/records/contact_person/K-PORTAL');
  await page.getByTestId('portal-invite').click();
  const none = page.getByTestId('portal-invite-no-sms');
  await none.waitFor();
  assert.match(await none.innerText(), /personen har inget telefonnummer/);
  assert.match(await none.innerText(), /under kontaktpersonen/);
  assert.match(await page.getByTestId('portal-invite-card-link').innerText(), /\/invite\//);
  await page.keyboard.press('Escape');
});

test('invitation -> first password with the SMS code -> approve a quote with a code -> the app shows it', async () => {
  const { p } = await customerBrowser();
  await acceptInvitation(p, anna, anna.link, '81-portal-first-password-code-sv.png'); // the link Settings > Kundportal made
  await p.getByRole('link', { name: /Nytt badrum/ }).click();
  await p.waitForURL(new RegExp(`/r/quote/${quoteId}$`));

  const beforeApprove = await lastId(anna.e164);
  await p.click('#approve');
  await p.waitForURL(/\/code$/);
  // A wrong code first: refused, nothing approved.
  const right = await codeAfter(anna.e164, beforeApprove);
  await p.fill('#code', right === '000000' ? '111111' : '000000');
  await p.click('main button[type="submit"]');
  await p.getByText('Fel kod. 4 försök kvar.').waitFor();
  assert.equal((await callBound(page, 'GetRecord', 'quote', quoteId)).value.values.approved_at ?? '', '', 'not approved on a wrong code');
  await p.fill('#code', right);
  await p.click('main button[type="submit"]');
  await p.locator('#approved').waitFor();
  assert.match(await p.locator('#approved').innerText(), new RegExp(anna.name));
  await p.screenshot({ path: join(out, '82-portal-quote-approved-sv.png') });

  const rec = (await callBound(page, 'GetRecord', 'quote', quoteId)).value.values;
  assert.equal(rec.approved_by_name, anna.name);
  assert.equal(rec.approved_by_email, anna.email);
  assert.equal(rec.approved_ip, '127.0.0.1');
  assert.ok(rec.approved_at, 'approved_at is set');
  await go(`#/records/quote/${quoteId}`);
  await page.getByTestId('field-approved_by_name').getByText(anna.name).waitFor();
  await page.getByTestId('field-approved_at').waitFor();
  await page.screenshot({ path: join(out, '83-app-quote-approval-sv.png'), style: hideToasts });
});

test('the trusted browser logs in without a code; with its cookies cleared it is asked again', async () => {
  const { b, p } = await customerBrowser();
  assert.equal(await portalLogin(p, anna.password), true, 'a new browser is asked for a code');
  await portalLogout(p);
  assert.equal(await portalLogin(p, anna.password), false, 'a trusted browser is not asked');
  await b.context.clearCookies();
  assert.equal(await portalLogin(p, anna.password), true, 'cleared cookies: asked again');
  annaPage = { b, p };
});

test('a password reset with an SMS code forgets every trusted device', async () => {
  // Browser T becomes trusted by the code of the invitation; the reset happens in another one.
  const { p: trusted } = await customerBrowser();
  await acceptInvitation(trusted, bertil);
  await portalLogout(trusted);
  assert.equal(await portalLogin(trusted, bertil.password, { who: bertil }), false, 'T is trusted before the reset');
  await portalLogout(trusted);

  const { p } = await customerBrowser();
  await p.goto(`${portalURL}/login`);
  await p.getByRole('link', { name: 'Glömt lösenordet?' }).click();
  await p.fill('#email', bertil.email);
  const before = await lastId(bertil.e164);
  await p.click('main button[type="submit"]');
  await p.locator('#code').waitFor();
  await p.fill('#code', await codeAfter(bertil.e164, before));
  await p.fill('#password', bertil.newPassword);
  await p.fill('#password2', bertil.newPassword);
  await p.click('main button[type="submit"]');
  await p.waitForURL(/\/login$/);
  await p.getByText('alla betrodda enheter är glömda', { exact: false }).waitFor();
  await p.screenshot({ path: join(out, '84-portal-reset-done-sv.png') });

  // The old password no longer works; T, trusted before, is asked for a code again.
  await trusted.goto(`${portalURL}/login`);
  await trusted.fill('#email', bertil.email);
  await trusted.fill('#password', bertil.password);
  await trusted.click('main button[type="submit"]');
  await trusted.locator('p.error').waitFor();
  assert.match(trusted.url(), /\/login$/);
  assert.equal(await portalLogin(trusted, bertil.newPassword, { who: bertil }), true, 'the trusted device was forgotten');
});

test('a POST without the CSRF token is refused and changes nothing', async () => {
  // A fresh browser: the login form posted without its token.
  const { b: fresh, p: freshPage } = await customerBrowser();
  await freshPage.goto(`${portalURL}/login`);
  const login = await fresh.context.request.post(`${portalURL}/login`, { form: { email: anna.email, password: anna.password }, maxRedirects: 0 });
  assert.equal(login.status(), 403);
  await freshPage.goto(`${portalURL}/home`);
  await freshPage.waitForURL(/\/login$/); // no session came of it

  // Anna, logged in: a reply without the token, and one with a wrong token, store nothing.
  const { b, p } = annaPage;
  const count = async () => (await callBound(page, 'GetRecord', 'quote', quoteId)).value.values.conversations?.length ?? 0;
  const before = await count();
  const none = await b.context.request.post(`${portalURL}/r/quote/${quoteId}/reply`, { form: { body: 'utan token' }, maxRedirects: 0 });
  assert.equal(none.status(), 403);
  const wrong = await b.context.request.post(`${portalURL}/r/quote/${quoteId}/reply`, { form: { body: 'fel token', csrf: 'x'.repeat(43) }, maxRedirects: 0 });
  assert.equal(wrong.status(), 403);
  assert.equal(await count(), before, 'nothing stored');
  const logout = await b.context.request.post(`${portalURL}/logout`, { form: {}, maxRedirects: 0 });
  assert.equal(logout.status(), 403);
  await p.goto(`${portalURL}/home`);
  assert.match(p.url(), /\/home$/, 'the session still stands');
});

test('after five wrong codes the 6th is refused, even the right one', async () => {
  const { p: first } = await customerBrowser();
  await acceptInvitation(first, cecilia, cecilia.link);
  const { p } = await customerBrowser();
  const before = await lastId(cecilia.e164);
  assert.equal(await portalLogin(p, cecilia.password, { code: false, who: cecilia }), true);
  const right = await codeAfter(cecilia.e164, before);
  const wrong = right === '000000' ? '111111' : '000000';
  for (let left = 4; left >= 1; left--) {
    await p.fill('#code', wrong);
    await p.click('main button[type="submit"]');
    await p.getByText(`Fel kod. ${left} försök kvar.`).waitFor();
  }
  await p.fill('#code', wrong); // the 5th wrong one
  await p.click('main button[type="submit"]');
  await p.locator('p.error, #message').first().waitFor();
  if (await p.locator('#code').isVisible()) {
    await p.fill('#code', right); // the 6th, right but too late
    await p.click('main button[type="submit"]');
  }
  await p.getByText('För många felaktiga koder', { exact: false }).waitFor();
  await p.screenshot({ path: join(out, '85-portal-sixth-code-refused-sv.png') });
  await p.goto(`${portalURL}/home`);
  await p.waitForURL(/\/login$/); // not logged in
  // Another browser does not get round it while the person is locked.
  const { p: other } = await customerBrowser();
  const before2 = await lastId(cecilia.e164);
  await other.goto(`${portalURL}/login`);
  await other.fill('#email', cecilia.email);
  await other.fill('#password', cecilia.password);
  await other.click('main button[type="submit"]');
  await other.locator('#code, #message').first().waitFor();
  if (await other.locator('#code').isVisible()) {
    await other.fill('#code', await codeAfter(cecilia.e164, before2));
    await other.click('main button[type="submit"]');
  }
  await other.getByText('För många felaktiga koder', { exact: false }).waitFor();
  await other.goto(`${portalURL}/home`);
  await other.waitForURL(/\/login$/);
  assert.deepEqual(app.pageErrors, []);
});

test('the GDPR inventory switch: person search asks for an SMS code, then opens', async () => {
  const on = await callBound(page, 'SetTwoFactorFlow', 'gdpr_inventory', true);
  assert.equal(on.ok, true, `switch: ${on.code}`);
  // The backend refuses before a code, whatever the screen does.
  assert.equal((await callBound(page, 'SearchPersons', { query: anna.name, areas: [] })).code, 'second_factor_required');
  assert.equal((await callBound(page, 'PreviewErasure', anna.name, [])).code, 'second_factor_required');
  assert.equal((await callBound(page, 'EraseEverywhere', anna.name, [])).code, 'second_factor_required');
  assert.equal((await callBound(page, 'GetRecord', 'customer', anna.id)).value.values.name, anna.name, 'nothing erased');

  await openSettings(page, 'search');
  const form = page.getByTestId('inventory-code-form');
  await form.waitFor();
  assert.equal(await page.getByTestId('search-input').count(), 0, 'no search before the code');
  const before = await lastId(adminMobile.e164);
  await form.getByRole('button', { name: 'Skicka kod via SMS' }).click();
  await form.getByTestId('code-sent').waitFor();
  const code = await codeAfter(adminMobile.e164, before);
  await form.getByLabel('Kod', { exact: true }).fill(code === '000000' ? '111111' : '000000');
  await form.getByRole('button', { name: 'Verifiera' }).click();
  await form.getByRole('alert').waitFor();
  assert.equal(await page.getByTestId('search-input').count(), 0, 'a wrong code opens nothing');
  await page.screenshot({ path: join(out, '86-inventory-code-sv.png'), style: hideToasts });
  await form.getByLabel('Kod', { exact: true }).fill(code);
  await form.getByRole('button', { name: 'Verifiera' }).click();
  await page.getByTestId('search-input').fill(anna.name);
  await page.getByTestId('person-group').first().waitFor();
  const info = (await callBound(page, 'InventoryStepUp')).value;
  assert.equal(info.asks, true);
  const left = Date.parse(info.openUntil) - Date.now();
  assert.ok(left > 9 * 60_000 && left <= 10 * 60_000, `open for the next 10 minutes (${left} ms)`);
  assert.equal((await callBound(page, 'SearchPersons', { query: anna.name, areas: [] })).ok, true);
  await page.screenshot({ path: join(out, '87-inventory-open-sv.png'), style: hideToasts });
  assert.deepEqual(app.pageErrors, []);
});
