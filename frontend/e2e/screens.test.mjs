// e2e: demo-data 30
// Every screen in both languages, both themes and at the smallest (960x600) and a large
// (1920x1080) window, on the demo data set: one app, one browser, one page; language, theme
// and size change in the page. Every screenshot goes to build/test-output/screenshots/ and
// every page it shows is checked: no untranslated i18n key, no raw ISO time, and in Swedish
// no English or internal word (type names, enum values, area names, log actions).
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { admin, adminPassword, callBound, launch, loginThroughScreen, out, url } from './lib.mjs';

const shots = join(out, '..', 'screenshots');
const sizes = [
  { width: 960, height: 600 },
  { width: 1920, height: 1080 },
];
const hideToasts = '.mantine-Notifications-root { display: none !important; }';
let browser;
let page;
const problems = [];
let count = 0;

before(async () => {
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  browser = await launch();
  page = await browser.open();
  await page.setViewportSize(sizes[1]);
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

/** Switches the language with the header's switch (clicked in the page: a dialog's overlay may cover it). */
async function language(lang) {
  await page.getByTestId('language-switch').locator(`input[value="${lang}"]`).evaluate((input) => input.click());
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/**
 * What no text node of a page may hold. In Swedish: the registry's type names, enum values,
 * area names, log actions and English type labels, as whole words; any snake_case word.
 * Elements marked data-code show a technical code on purpose (a system-log code beside its
 * words) and are skipped; so are e-mail addresses.
 */
async function textProblems(lang) {
  return page.evaluate((swedish) => {
    const namespaces = 'app|nav|status|areas|import|export|errors|labels|vault|twofactor|secondFactor|sms|auth|records|users|logs|retention|search|language|noPhoneWhere';
    const key = new RegExp(`(^|[^\\w@.])(${namespaces})\\.[a-zA-Z_]+(\\.[a-zA-Z_]+)*($|[^\\w@])`);
    const iso = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
    const english = [
      // types (internal names and English labels) and areas
      'customer', 'contact_person', 'customer_contact', 'work_order', 'service_case', 'invoice_basis', 'partner_conversation',
      'system_log', 'time_report', 'vault_entry', 'vault_form', 'Customers', 'Customer', 'Work orders', 'Work order', 'Cases',
      'Quotes', 'Projects', 'Invoice bases', 'Contracts', 'Meetings', 'Events', 'System log', 'Deviations', 'Time reports',
      'Expenses', 'Schedule', 'Inventory', 'Incident reports', 'Users', 'Permissions', 'Time', 'Settings',
      // enum values and log actions
      'company', 'private', 'open', 'closed', 'deleted', 'invoiced', 'article', 'comment', 'login', 'logout', 'error',
      'create', 'update', 'delete', 'view', 'print', 'gdpr_officer', 'staff', 'access_report', 'anonymise_everywhere',
      'vault.decrypt', 'vault.entry.create', 'vault.form.create',
    ];
    const words = english.map((w) => new RegExp(`(^|[^\\p{L}\\w@.])${w.replace(/\./g, '\\.')}($|[^\\p{L}\\w@])`, 'u'));
    const snake = /(^|[^\p{L}\w@.])[a-z]+_[a-z_]+($|[^\p{L}\w@])/u;
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      if (!text.trim()) continue;
      const el = node.parentElement;
      if (!el || el.closest('script, style, [data-code]')) continue;
      const plain = text.replace(/\S+@\S+/g, ''); // e-mail addresses are data
      if (key.test(plain)) out.push(`untranslated key: "${text}"`);
      if (iso.test(plain)) out.push(`ISO time: "${text}"`);
      if (swedish) {
        for (const w of words) if (w.test(plain)) out.push(`English word ${w.source}: "${text}"`);
        if (snake.test(plain)) out.push(`internal word: "${text}"`);
      }
    }
    return [...new Set(out)];
  }, lang === 'sv');
}

/** Screenshots the current screen in every language, theme and size, checking each. */
async function shoot(name, { ready, full = false } = {}) {
  for (const lang of ['sv', 'en']) {
    await language(lang);
    for (const theme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: theme });
      for (const size of sizes) {
        await page.setViewportSize(size);
        if (ready) await ready();
        await page.waitForTimeout(120); // layout after the resize
        const file = `${name}-${lang}-${theme}-${size.width}x${size.height}.png`;
        await page.screenshot({ path: join(shots, file), style: hideToasts, fullPage: full });
        count++;
        for (const p of await textProblems(lang)) {
          if (problems.length < 40) console.log(`${file}: ${p}`);
          problems.push(`${file}: ${p}`);
        }
      }
    }
  }
  await language('sv');
  await page.emulateMedia({ colorScheme: 'light' });
}

async function firstId(type) {
  const page1 = await callBound(page, 'ListRecords', { type, offset: 0, limit: 1, sort: 'id', desc: false, status: '', text: '' });
  assert.equal(page1.ok, true, `${type}: ${page1.code}`);
  assert.ok(page1.value.items.length > 0, `the demo data has no ${type}`);
  return page1.value.items[0].id;
}

/** A secure-data form and entry, so the event log holds a vault_entry to link to. */
async function vaultEntry() {
  const me = await callBound(page, 'Me');
  const form = await callBound(page, 'VaultSaveForm', {
    id: '', name: 'Larmkoder', purpose: 'internal', autoDeleteDays: 0, twoFactor: false,
    fields: [{ id: '', name: 'Plats', kind: 'text', encrypted: false }, { id: '', name: 'Kod', kind: 'secret', encrypted: true }],
    readers: [], decrypters: [{ kind: 'user', id: me.value.userId }],
  });
  assert.equal(form.ok, true, `form: ${form.code}`);
  const [place, code] = form.value.fields;
  const entry = await callBound(page, 'VaultSaveEntry', form.value.id, '', { customerNumber: '', values: { [place.id]: 'Kontoret', [code.id]: '4711' } }, { password: adminPassword, challengeId: '', code: '', totp: false });
  assert.equal(entry.ok, true, `entry: ${entry.code}`);
  return entry.value.id;
}

test('every screen, in both languages, both themes and both sizes, reads as finished', async () => {
  const started = Date.now();
  const entryId = await vaultEntry();
  const customer = await firstId('customer');
  const workOrder = await firstId('work_order');
  const invoice = await firstId('invoice_basis');
  const heading = (text) => async () => page.getByRole('heading', { level: 2 }).first().waitFor();

  // The check itself finds what it looks for (and nothing in an e-mail address or a code).
  await go('#/');
  await page.getByRole('heading', { level: 2 }).first().waitFor();
  await page.evaluate(() => {
    const probe = document.createElement('div');
    probe.id = 'probe';
    probe.innerHTML = '<p>Ta bort work_order 12?</p><p>2022-07-15T05:43:10Z</p><p>records.list.total</p><p>Typ: company</p>' +
      '<p>anna.berg@example.se</p><p data-code>login_ok</p>';
    document.body.append(probe);
  });
  const found = await textProblems('sv');
  await page.evaluate(() => document.getElementById('probe')?.remove());
  assert.equal(found.length, 5, found.join('\n')); // work_order twice (a type name, snake_case), ISO, key, company
  assert.deepEqual(await textProblems('sv'), []);

  await shoot('01-overview', { ready: heading() });

  // Every record type's list (they differ in columns, enum values and amounts).
  const schemas = (await callBound(page, 'RecordSchemas')).value;
  for (const [i, s] of schemas.entries()) {
    await go(`#/records/${s.name}`);
    await page.getByTestId('record-table').waitFor();
    await page.getByTestId('record-total').waitFor();
    await shoot(`1${String(i).padStart(2, '0')}-list-${s.name}`);
  }

  await go(`#/records/customer/${customer}`);
  await page.getByTestId('record-detail').waitFor();
  await shoot('20-customer-detail', { full: true });
  await page.getByTestId('edit-record').click();
  await page.getByTestId('record-form').waitFor();
  await shoot('21-customer-form');
  await page.getByRole('button', { name: 'Avbryt' }).click();

  await go(`#/records/work_order/${workOrder}`);
  await page.getByTestId('record-detail').waitFor();
  await shoot('22-work-order-detail', { full: true });
  await page.getByTestId('delete-record').click();
  await page.getByRole('dialog').waitFor();
  await page.waitForTimeout(300);
  await shoot('23-work-order-delete');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'hidden' });

  for (const [n, type] of [['25', 'event'], ['26', 'system_log']]) {
    await go(`#/records/${type}/${await firstId(type)}`);
    await page.getByTestId('record-detail').waitFor();
    await shoot(`${n}-${type}-detail`);
  }

  await go(`#/records/invoice_basis/${invoice}`);
  await page.getByTestId('record-detail').waitFor();
  await shoot('24-invoice-basis-detail', { full: true });

  await go('#/settings/logs');
  await page.getByTestId('log-event').waitFor();
  await shoot('30-logs-events');
  await page.getByTestId('tab-system').click();
  await page.getByTestId('log-system_log').waitFor();
  await shoot('31-logs-system');

  await go('#/settings/users');
  await page.getByTestId(`user-${admin}`).waitFor();
  await shoot('32-users');
  for (const [n, pageName] of [['33', 'general'], ['34', 'sms'], ['35', 'twofactor'], ['36', 'my-twofactor']]) {
    await go(`#/settings/${pageName}`);
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    await shoot(`${n}-settings-${pageName}`);
  }

  await go('#/settings/anonymisation');
  await page.getByTestId('policy-case').waitFor();
  await shoot('40-anonymisation', { full: true });
  await page.getByTestId('policy-case').getByRole('switch').click({ force: true });
  await page.getByTestId('enable-case').waitFor();
  await page.getByTestId('enable-days').fill('0');
  await page.getByTestId('enable-preview-button').click();
  await page.getByTestId('enable-preview').waitFor();
  await page.waitForTimeout(300);
  await shoot('41-anonymisation-switch-on-0-days');
  await page.getByTestId('enable-case').getByRole('button', { name: 'Avbryt' }).click();

  await go('#/settings/search');
  await page.getByRole('heading', { level: 2 }).first().waitFor();
  await shoot('42-person-search');

  await go('#/vault');
  await page.getByRole('heading', { name: 'Säkra uppgifter', level: 2 }).waitFor();
  await shoot('43-vault');

  // The event log's link to the secure-data entry opens its form with the entry marked.
  await go('#/settings/logs');
  const link = page.getByTestId('log-event').locator(`a[href="#/vault/entry/${entryId}"]`).first();
  await link.waitFor();
  assert.match(await link.textContent(), /^Säker uppgift /);
  await link.click();
  await page.getByTestId('vault-entry-marked').waitFor();
  await shoot('44-vault-entry-from-log');

  // A deep link opens and marks its group in the menu.
  await page.goto(page.url().split('#')[0] + '#/settings/anonymisation');
  await page.getByTestId('policy-case').waitFor();
  const gdpr = page.getByTestId('nav-GDPR');
  assert.equal(await gdpr.getAttribute('data-holds-screen'), 'true');
  assert.notEqual(await gdpr.getAttribute('data-expanded'), null, 'the GDPR group is open');
  assert.equal(await page.getByTestId('nav-Settings').getAttribute('data-holds-screen'), null);
  await shoot('45-deep-link-anonymisation');

  // Logged out: the login screen.
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.getByTestId('login-form').waitFor();
  await shoot('50-login');
  await loginThroughScreen(page, admin, adminPassword);
  await page.getByTestId('user-menu').waitFor();

  const seconds = (Date.now() - started) / 1000;
  console.log(`${count} screenshots in ${seconds.toFixed(0)} s, in ${shots}`);
  assert.deepEqual(problems, []);
});

test('the window paints a splash within 300 ms, before any script has run', async () => {
  const html = await (await fetch(url)).text();
  assert.match(html, /data-testid="splash"/, 'the splash is in index.html itself');
  const fresh = await browser.context.newPage();
  await fresh.bringToFront(); // a page in the background is not painted
  await fresh.goto(url, { waitUntil: 'load' });
  // The paint entry may come after the load event on a busy machine: wait for it (it still
  // says when the paint happened).
  const fcp = await fresh.evaluate(
    () =>
      new Promise((resolve) => {
        const found = performance.getEntriesByName('first-contentful-paint')[0];
        if (found) return resolve(found.startTime);
        new PerformanceObserver((list) => {
          const e = list.getEntriesByName('first-contentful-paint')[0];
          if (e) resolve(e.startTime);
        }).observe({ type: 'paint', buffered: true });
        setTimeout(() => resolve(-1), 5000);
      }),
  );
  await fresh.close();
  console.log(`first contentful paint after ${fcp.toFixed(0)} ms`);
  assert.ok(fcp > 0 && fcp < 300, `first paint after ${fcp} ms`);
});

test('no page errors besides the known Wails ipc.js noise', () => {
  assert.deepEqual(browser.pageErrors, []);
});
