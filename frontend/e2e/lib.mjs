// Shared parts of the end-to-end tests: Chromium on the app's dev server, page-error
// collection, logging in. scripts/e2e.sh starts one app per test file and sets:
//   E2E_URL       the dev server of this file's app (http://localhost:PORT)
//   E2E_DATA_DIR  its data folder (fresh for this file)
//   E2E_OUT       where screenshots go
//   E2E_ADMIN / E2E_ADMIN_PASSWORD  the administrator `dataskydd init` created (unless the
//                 file asked for an empty data folder)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const url = process.env.E2E_URL ?? 'http://localhost:34115';
export const dataDir = process.env.E2E_DATA_DIR ?? '';
export const out = process.env.E2E_OUT ?? resolve('build/test-output/e2e');
export const admin = process.env.E2E_ADMIN ?? 'admin';
export const adminPassword = process.env.E2E_ADMIN_PASSWORD ?? '';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Wails v2.16's /wails/ipc.js throws "reading 'nodes'" in Chromium; that alone is harmless. */
export function isKnownIpcNoise(err) {
  return /reading 'nodes'/.test(err.message) && /\/wails\/ipc\.js/.test(err.stack ?? '');
}

/** A browser with a fresh profile; pageErrors collects what pages throw. */
export async function launch({ locale = 'sv-SE' } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'dataskydd-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1366, height: 900 },
    locale,
  });
  const pageErrors = [];
  return {
    context,
    pageErrors,
    /** Opens the app and waits for the Go bindings. */
    async open({ colorScheme = 'light', path = '' } = {}) {
      const page = await context.newPage();
      await page.emulateMedia({ colorScheme });
      page.on('pageerror', (err) => {
        if (!isKnownIpcNoise(err)) pageErrors.push(`${err.message}\n${err.stack ?? ''}`);
      });
      await page.goto(url + path, { waitUntil: 'domcontentloaded' });
      await page.waitForFunction(() => window.go?.desktop?.SessionService);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Logs in through the login screen. */
export async function loginThroughScreen(page, username, password) {
  const form = page.getByTestId('login-form');
  await form.waitFor();
  await form.locator('input[name="username"]').fill(username);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
}

/** Calls a bound method (of whichever service has it) from the page; resolves to {ok, value} or {ok: false, code}. */
export async function callBound(page, method, ...args) {
  return page.evaluate(
    ([m, a]) =>
      Object.values(window.go.desktop).find((svc) => m in svc)[m](...a).then(
        (value) => ({ ok: true, value }),
        (e) => {
          try {
            return { ok: false, code: JSON.parse(e.message ?? e).code };
          } catch {
            return { ok: false, code: String(e) };
          }
        },
      ),
    [method, args],
  );
}

/** Clicks a Settings entry, opening the Settings section of the navigation first. */
export async function openSettings(page, name) {
  // The section may be opening (a collapse animation): ask the toggle, not the link.
  const section = page.getByTestId('nav-Settings');
  await section.waitFor();
  if ((await section.getAttribute('data-expanded')) === null) await section.click();
  await page.getByTestId(`nav-settings-${name}`).click();
}

/**
 * Starts the local 46elks-speaking SMS provider (backend/sms/smstest/cmd/fakesms) on smsURL,
 * where the rig points the app's DATASKYDD_SMS_BASE_URL; resolves to its process (kill it
 * after). scripts/e2e.sh builds it; a run by hand builds it here.
 */
export async function startFakeSms(smsURL) {
  const repo = resolve(import.meta.dirname, '../..');
  const bin = join(repo, 'build/bin/fakesms');
  if (!existsSync(bin)) execFileSync('go', ['build', '-o', bin, './backend/sms/smstest/cmd/fakesms'], { cwd: repo, stdio: 'inherit' });
  const proc = spawn(bin, ['-addr', new URL(smsURL).host, '-user', 'e2e-user', '-pass', 'e2e-secret'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((ok, fail) => {
    proc.stdout.once('data', ok);
    proc.once('exit', (c) => fail(new Error(`fakesms exited ${c}`)));
  });
  return proc;
}
