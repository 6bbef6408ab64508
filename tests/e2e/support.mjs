// Shared helpers for the browser tests (DESIGN §5): one headless Chromium per test file,
// a context per role, sign-in, axe-core checks and full-page screenshots.
//
// Run through scripts/run-e2e, which starts a fresh server with the demo data and sets
// PARCOURS_E2E_URL and PARCOURS_E2E_SHOTS. Only 127.0.0.1 is ever contacted.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

export const BASE_URL = process.env.PARCOURS_E2E_URL ?? '';
export const SHOTS_DIR = process.env.PARCOURS_E2E_SHOTS ?? 'build/screenshots';
export const PASSWORD = 'Parcours-demo-2025';
export const ACTION_TIMEOUT_MS = 30_000;
export const TEST_TIMEOUT_MS = 120_000;

export const email = (local) => `${local}@demo.parcours.fr`;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // No name resolves: the tests only ever talk to the server on 127.0.0.1.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  // The browser's own language (date and time fields shown as jj/mm/aaaa and 14:30, as for a
  // French user) when Chromium's French resources are installed (Debian: chromium-l10n).
  '--lang=fr-FR',
];

let browserPromise = null;

export function browser() {
  if (!BASE_URL) throw new Error('PARCOURS_E2E_URL is not set: run the tests with scripts/run-e2e');
  browserPromise ??= chromium.launch({
    executablePath: process.env.PARCOURS_E2E_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, LANGUAGE: 'fr_FR' }, // read by Chromium on Linux, with --lang
    timeout: 30_000,
  });
  return browserPromise;
}

export async function closeBrowser() {
  if (!browserPromise) return;
  const b = await browserPromise.catch(() => null);
  browserPromise = null;
  await b?.close();
}

// The desktop window of every walk, and the phone of the phone walk (an iPhone 14's CSS size).
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

// A fresh, isolated context (own cookies): French locale, fixed viewport, bounded waits. With
// `phone`, a 390×844 touch screen with a mobile viewport (meta viewport honoured).
export async function newContext({ javaScriptEnabled = true, phone = false } = {}) {
  const ctx = await (await browser()).newContext({
    baseURL: BASE_URL,
    locale: 'fr-FR',
    viewport: phone ? PHONE : DESKTOP,
    ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    javaScriptEnabled,
  });
  ctx.setDefaultTimeout(ACTION_TIMEOUT_MS);
  ctx.setDefaultNavigationTimeout(ACTION_TIMEOUT_MS);
  return ctx;
}

// Signs in and waits for the home page.
export async function signInHome(page, login) {
  await page.goto('/connexion');
  await page.getByLabel('Adresse électronique').fill(login);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/'),
    page.getByRole('button', { name: 'Se connecter' }).click(),
  ]);
  await page.getByRole('heading', { level: 1, name: /^Bonjour / }).waitFor();
}

// Opens a path and returns the main response (status checked by the caller).
export async function visit(page, pathname) {
  const res = await page.goto(pathname);
  assert.ok(res, `no response for ${pathname}`);
  return res;
}

export async function h1(page) {
  return (await page.getByRole('heading', { level: 1 }).first().innerText()).trim();
}

// Every page is in French and titled "… — Parcours".
export async function expectFrenchPage(page, heading) {
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  const title = await page.title();
  assert.match(title, / — Parcours$/, `page title « ${title} »`);
  if (heading instanceof RegExp) assert.match(await h1(page), heading);
  else if (heading !== undefined) assert.equal(await h1(page), heading);
}

// A full-page screenshot, or with `{ fullPage: false }` only what the window shows.
export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const file = path.join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage, animations: 'disabled' });
  return file;
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const BLOCKING = new Set(['serious', 'critical']);

function describeViolation(v) {
  const targets = v.nodes.map((n) => `      ${JSON.stringify(n.target)} ${n.html.slice(0, 160)}`);
  return `  [${v.impact}] ${v.id} — ${v.help}\n${targets.join('\n')}`;
}

// Runs axe-core (WCAG 2.1 A/AA) on the current page. Serious and critical violations fail
// the test with their rule ids and targets; lesser ones are reported as diagnostics.
export async function checkAccessibility(t, page, label) {
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .options({ resultTypes: ['violations'] }) // passes are not needed: much faster
    .analyze();
  const blocking = results.violations.filter((v) => BLOCKING.has(v.impact));
  const minor = results.violations.filter((v) => !BLOCKING.has(v.impact));
  for (const v of minor) t.diagnostic(`axe ${label}: ${describeViolation(v)}`);
  assert.equal(
    blocking.length,
    0,
    `axe-core: ${blocking.length} serious/critical violation(s) on ${label} (${page.url()}):\n` +
      blocking.map(describeViolation).join('\n'),
  );
}

// Every data table is rectangular: each body row has as many cells as the header has
// columns (a missing cell shifts or drops data for every user, and breaks the header/cell
// association screen readers rely on).
export async function checkTables(page, label) {
  const problems = await page.locator('table').evaluateAll((tables) => {
    const width = (row) =>
      [...row.cells].reduce((n, c) => n + (Number(c.getAttribute('colspan')) || 1), 0);
    const out = [];
    for (const table of tables) {
      const head = table.tHead?.rows[table.tHead.rows.length - 1];
      if (!head) continue;
      const name = (table.caption?.textContent ?? '').trim() || table.id || '(table)';
      const headers = [...head.cells].map((c) => c.textContent.trim());
      const bad = [...table.tBodies].flatMap((b) => [...b.rows]).filter((r) => width(r) !== width(head));
      if (bad.length)
        out.push(
          `« ${name} »: ${width(head)} column(s) [${headers.join(' | ')}] but ` +
            `${bad.length} row(s) with ${[...new Set(bad.map(width))].join('/')} cell(s)`,
        );
    }
    return out;
  });
  if (problems.length)
    assert.fail(`table shape on ${label} (${page.url()}):\n  ${problems.join('\n  ')}`);
}

// The usual end of a page check: accessibility and table shape, then the screenshot (taken
// even when a check fails, so the reviewer can see the page). Both checks always run.
export async function auditPage(t, page, name) {
  const failures = [];
  for (const check of [() => checkAccessibility(t, page, name), () => checkTables(page, name)]) {
    try {
      await check();
    } catch (e) {
      failures.push(e);
    }
  }
  await screenshot(page, name);
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1)
    throw new assert.AssertionError({ message: failures.map((e) => e.message).join('\n\n') });
}
