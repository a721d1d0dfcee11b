// Settings > GDPR > Search in the real app: a person imported in two formats is found by
// name without diacritics and by phone written differently, grouped by area and location;
// the access report is exported; "anonymise everywhere" leaves nothing to find.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { admin, adminPassword, callBound, launch, loginThroughScreen, out } from './lib.mjs';

const lines = [
  { type: 'customer', id: 'C1', customer_number: '5001', kind: 'private', name: 'Åsa Östergren', mobile_phone: '070-123 45 67',
    email: 'asa.ostergren@exempel.se', personal_number: '19121212-1212', street: 'Vinkelgatan 3', created_at: '2025-03-01' },
  { type: 'case', id: 'K1', number: '7', title: 'Fuktskada', customer_number: '5001', end_customer_name: 'Asa Ostergren',
    end_customer_phone: '+46701234567', comments: [{ text: 'Ringde Åsa Östergren om nyckeln' }], created_at: '2025-04-01' },
  { type: 'time_report', id: 'T1', date: '2025-04-02', hours: 3, comment: 'Hos Åsa Östergren, fuktmätning' },
  { type: 'meeting', id: 'M1', title: 'Besiktning', starts_at: '2025-04-03T09:00:00Z',
    participants: [{ name: 'Bo Ek', email: 'bo@exempel.se' }, { name: 'Å. Ö.', email: 'ASA.OSTERGREN@exempel.se' }] },
  { type: 'customer', id: 'C2', customer_number: '5002', kind: 'private', name: 'Bo Ek', mobile_phone: '070-123 45 68', created_at: '2025-03-02' },
];

let browser;
let tmp;

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'dataskydd-e2e-search-'));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

test('find, export and anonymise a person everywhere', async () => {
  const page = await browser.open();
  await loginThroughScreen(page, admin, adminPassword);
  await page.getByTestId('user-menu').waitFor();
  const file = join(tmp, 'person.jsonl');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const imported = await callBound(page, 'ImportFiles', [file]);
  assert.equal(imported.ok, true, JSON.stringify(imported));

  await page.goto(page.url().split('#')[0] + '#/settings/search');
  await page.getByRole('heading', { name: 'Sökning av uppgifter', level: 2 }).waitFor();
  const input = page.getByTestId('search-input');

  // By name without diacritics: found as written with them. The person's own record comes
  // first, with the case that links to it; the other mentions by area and location.
  await input.fill('asa ostergren');
  await page.getByTestId('query-kind').getByText('Namn').waitFor();
  await page.getByTestId('person-group').first().waitFor();
  const person = page.getByTestId('person-group').first();
  assert.equal(await person.getAttribute('data-person'), 'customer/C1');
  assert.match(await person.innerText(), /Kopplad/, 'the linked case is shown as a link hit');
  const locations = await page.getByTestId('hit-group').evaluateAll((els) => els.map((e) => e.dataset.location));
  for (const l of ['Workcloud/Ärendehantering', 'Time/Tidrapporter']) {
    assert.ok(locations.includes(l), `${l} in ${locations.join(' | ')}`);
  }
  assert.ok(locations.indexOf('Workcloud/Ärendehantering') < locations.indexOf('Time/Tidrapporter'), 'Workcloud before Time');
  assert.ok((await page.locator('mark', { hasText: 'Östergren' }).count()) >= 2, 'the matches are highlighted');
  const link = page.getByRole('link', { name: /C1$/ }).first();
  assert.equal(await link.getAttribute('href'), '#/records/customer/C1');
  await page.screenshot({ path: join(out, '40-search-name-sv.png'), fullPage: true });

  // The area filter.
  await page.locator('label', { hasText: /^Tid \(/ }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="hit-group"]').length === 1 &&
    document.querySelectorAll('[data-testid="person-group"]').length === 0);
  assert.match(await page.getByTestId('hit-group').innerText(), /Tidrapporter/);
  await page.locator('label', { hasText: /^Tid \(/ }).click();

  // By phone, written another way: both formats of the data are found, the number one digit off is not.
  await input.fill('0046 70 123 45 67');
  await input.press('Enter');
  await page.getByTestId('query-kind').getByText('Telefon').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="hit-total"]')?.textContent?.startsWith('3 '));
  const phoneText = (await page.locator('[data-testid="hit-group"], [data-testid="person-group"]').allInnerTexts()).join('\n');
  assert.match(phoneText, /070-123 45 67/);
  assert.match(phoneText, /\+46701234567/);
  assert.doesNotMatch(phoneText, /C2/);
  await page.screenshot({ path: join(out, '41-search-phone-sv.png'), fullPage: true });

  // Export the access report (the native save dialog is stood in for: it cannot be driven here).
  await input.fill('Åsa Östergren');
  await input.press('Enter');
  await page.getByTestId('person-group').first().waitFor();
  const reportPath = join(tmp, 'registerutdrag.html');
  await page.evaluate((p) => {
    window.go.desktop.SearchService.ChooseReportFile = () => Promise.resolve(p);
  }, reportPath);
  await page.getByRole('button', { name: 'Exportera registerutdrag…' }).click();
  await page.getByText('Registerutdraget är sparat').waitFor();
  assert.ok(existsSync(reportPath) && existsSync(join(tmp, 'registerutdrag.json')));
  const report = JSON.parse(readFileSync(join(tmp, 'registerutdrag.json'), 'utf8'));
  assert.equal(report.query, 'Åsa Östergren');
  assert.ok(report.records >= 3, `records in the report: ${report.records}`);
  // Exactly the mentions of her, not the text around them.
  const html = readFileSync(reportPath, 'utf8');
  assert.match(html, /Åsa Östergren/);
  assert.doesNotMatch(html, /Ringde|om nyckeln/);
  const reportPage = await browser.context.newPage();
  await reportPage.goto('file://' + reportPath);
  await reportPage.screenshot({ path: join(out, '42-access-report-html.png'), fullPage: true });
  await reportPage.close();

  // Anonymise everywhere: the plan lists every change as field, before and after.
  await page.getByRole('button', { name: 'Anonymisera överallt…' }).click();
  const plan = page.getByTestId('erasure-plan');
  await plan.waitFor();
  await plan.getByText('Anonymiseras enligt regeln').first().waitFor();
  await plan.getByText('Omnämnandet ersätts').first().waitFor(); // the comment: only her name in it
  await plan.getByText('Ringde Anonymiserad om nyckeln').waitFor();
  await plan.getByText(/Möte M1|Meeting M1/).first().waitFor(); // her name inside her e-mail address there
  await page.waitForTimeout(400); // the modal's opening transition
  await page.screenshot({ path: join(out, '43-erasure-preview-sv.png'), fullPage: true });
  await page.getByRole('button', { name: /^Anonymisera \d+ poster$/ }).click();
  await page.getByText('Personen är anonymiserad').waitFor();
  await page.getByTestId('no-hits').waitFor();
  await page.screenshot({ path: join(out, '44-after-erasure-sv.png'), fullPage: true });
  // Her phone number as written on the case is another value: erased through its own search.
  await input.fill('070-123 45 67');
  await input.press('Enter');
  await page.getByTestId('hit-group').first().waitFor();
  await page.getByRole('button', { name: 'Anonymisera överallt…' }).click();
  await page.getByTestId('erasure-plan').waitFor();
  await page.getByRole('button', { name: /^Anonymisera \d+ post(er)?$/ }).click();
  await page.getByTestId('no-hits').waitFor(); // searched again: nothing left (the notice of the first run may still show)

  for (const q of ['asa ostergren', '0701234567', 'asa.ostergren@exempel.se', '191212121212', 'Vinkelgatan']) {
    const res = await callBound(page, 'SearchPersons', { query: q, areas: [] });
    assert.equal(res.value.total, 0, `${q}: ${JSON.stringify(res.value.groups)}`);
  }
  assert.ok((await callBound(page, 'SearchPersons', { query: 'Bo Ek', areas: [] })).value.total > 0, 'Bo Ek is kept');

  // The index: rebuilt from the database with progress, then checked.
  await page.getByRole('button', { name: 'Bygg om' }).click();
  await page.getByTestId('index-check').getByText('Indexet stämmer med databasen.').waitFor();
  assert.equal((await callBound(page, 'SearchPersons', { query: 'asa ostergren', areas: [] })).value.total, 0, 'nothing comes back with a rebuild');

  // English.
  await page.getByText('English', { exact: true }).click();
  await input.fill('Bo Ek');
  await page.getByTestId('hit-group').first().waitFor();
  await page.screenshot({ path: join(out, '45-search-en.png'), fullPage: true });
  await page.close();
});

// The user's report (issue 11): a typo search must never rewrite another person's data.
test('a typo search erases only the value chosen, never the namesakes', async () => {
  const page = await browser.open(); // the app is still logged in from the test before
  await page.getByTestId('user-menu').waitFor();
  const people = [
    { type: 'customer', id: 'H1', customer_number: '7001', kind: 'private', name: 'Ulla Hedlund', email: 'ulla.hedlund@outlook.com' },
    { type: 'customer', id: 'H2', customer_number: '7002', kind: 'private', name: 'Anders Hedlund' },
    { type: 'customer', id: 'H3', customer_number: '7003', kind: 'private', name: 'Ulla Nilsson' },
    { type: 'case', id: 'HK1', number: '71', title: 'Offert', customer_number: '7002', description: 'Anders Hedlund och Ulla Nilsson var på plats' },
  ];
  const file = join(tmp, 'hedlund.jsonl');
  writeFileSync(file, people.map((l) => JSON.stringify(l)).join('\n') + '\n');
  assert.equal((await callBound(page, 'ImportFiles', [file])).ok, true);
  await page.goto(page.url().split('#')[0] + '#/settings/search');
  await page.getByText('Svenska', { exact: true }).click(); // the test before ended in English
  await page.getByRole('heading', { name: 'Sökning av uppgifter', level: 2 }).waitFor();
  const input = page.getByTestId('search-input');
  await input.fill('Ulla Hedlnd');
  await input.press('Enter');
  const person = page.getByTestId('person-group').first();
  await person.waitFor();
  assert.equal(await person.getAttribute('data-person'), 'customer/H1');
  assert.match(await person.getByTestId('match-kind').first().innerText(), /Stavfel/);
  const shown = (await page.locator('[data-testid="hit-group"], [data-testid="person-group"]').allInnerTexts()).join('\n');
  assert.doesNotMatch(shown, /Anders Hedlund|Ulla Nilsson|H2|H3|HK1/, 'no namesake is found');
  await page.screenshot({ path: join(out, '46-search-typo-sv.png'), fullPage: true });

  // The plan: the typo match is offered, not selected; nothing to erase until it is chosen.
  await page.getByRole('button', { name: 'Anonymisera överallt…' }).click();
  const value = page.getByRole('checkbox', { name: 'Ulla Hedlund' });
  await value.waitFor();
  assert.equal(await value.isChecked(), false);
  assert.equal(await page.getByRole('button', { name: /^Anonymisera \d+ post/ }).isDisabled(), true);
  // The plan is computed again for the new selection; the box shows it once it is back.
  await value.click();
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="erasure-value"]')].some((e) => e.checked));
  await page.getByTestId('erasure-plan').waitFor();
  await page.getByText('Ulla Hedlund', { exact: true }).last().waitFor();
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(out, '47-erasure-plan-typo-chosen-sv.png'), fullPage: true });
  const planText = await page.getByTestId('erasure-plan').innerText();
  assert.doesNotMatch(planText, /Anders|Nilsson|H2|H3|HK1/, 'the plan touches no namesake');
  await page.getByRole('button', { name: /^Anonymisera \d+ post/ }).click();
  await page.getByText('Personen är anonymiserad').waitFor();

  // The other Hedlund is untouched on his customer card.
  await page.goto(page.url().split('#')[0] + '#/records/customer/H2');
  await page.getByText('Anders Hedlund').first().waitFor();
  const h2 = await callBound(page, 'GetRecord', 'customer', 'H2');
  assert.equal(h2.value.values.name, 'Anders Hedlund');
  assert.equal((await callBound(page, 'GetRecord', 'customer', 'H3')).value.values.name, 'Ulla Nilsson');
  assert.equal((await callBound(page, 'GetRecord', 'case', 'HK1')).value.values.description, 'Anders Hedlund och Ulla Nilsson var på plats');
  assert.equal((await callBound(page, 'GetRecord', 'customer', 'H1')).value.values.name, 'Anonymiserad');
  const k = await callBound(page, 'SearchPersons', { query: 'Anders Hedlund', areas: [] });
  assert.ok(k.value.total >= 2, 'Anders Hedlund and his case are still found');
  await page.screenshot({ path: join(out, '48-namesake-untouched-sv.png'), fullPage: true });
  await page.close();
});

test('no page errors besides the known Wails ipc.js noise', () => {
  assert.deepEqual(browser.pageErrors, []);
});
