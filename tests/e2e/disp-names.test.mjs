// SEC-1: the DISP contract manager sees case numbers and initials, never a person's name — on
// every page it reaches from its home and on every export (CSV, Excel, PDF) of those pages,
// monthly statements included. UX-1: a notification reads as a fact, in the past tense.
//
// Run: scripts/run-e2e [BUILD_DIR]
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  BASE_URL,
  SHOTS_DIR,
  TEST_TIMEOUT_MS,
  auditPage,
  closeBrowser,
  email,
  expectFrenchPage,
  newContext,
  signInHome,
} from './support.mjs';

const T = { timeout: TEST_TIMEOUT_MS * 3 };

// Every person of the demo (src/seed/demo_journeys.cc), first name and last name.
const DEMO_PEOPLE = [
  ['Nathalie', 'Fabre'], ['Sébastien', 'Marchal'], ['Julie', 'Perrin'], ['Karim', 'Diallo'],
  ['Thomas', 'Girard'], ['Amina', 'Benali'], ['Lucas', 'Moreau'], ['Mélanie', 'Roux'],
  ['Yanis', 'Lambert'], ['Josiane', 'Henry'], ['Kévin', 'Gauthier'],
];
// « Amina BENALI », « BENALI Amina », « Benali Amina »… whatever the case and the spaces.
const NAME_PATTERNS = DEMO_PEOPLE.map(
  ([first, last]) => new RegExp(`${first}\\s+${last}|${last}\\s+${first}`, 'i'),
);

function namesIn(text) {
  return NAME_PATTERNS.filter((re) => re.test(text)).map((re) => re.source);
}

before(async () => {
  assert.ok(BASE_URL, 'PARCOURS_E2E_URL is not set: run scripts/run-e2e');
});
after(closeBrowser);

// The text of an export: CSV as is, Excel's shared strings and sheets, PDF through pdftotext.
function exportText(bytes, format, name) {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const file = path.join(SHOTS_DIR, name);
  writeFileSync(file, bytes);
  if (format === 'csv' || format === 'json') return bytes.toString('utf8');
  if (format === 'xlsx') return execFileSync('unzip', ['-p', file], { maxBuffer: 1 << 26 }).toString('utf8');
  if (format === 'pdf') return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8');
  throw new Error(`format ${format}`);
}

describe('the DISP sees no names', () => {
  it('every page and export of « Pilotage », statements included (SEC-1)', T, async (t) => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    try {
      await signInHome(page, email('disp'));
      // The DISP's home leads to « Pilotage ».
      assert.equal(namesIn(await page.locator('body').innerText()).length, 0, 'home');
      const start = ['/pilotage', '/pilotage/echeances', '/pilotage/egalite', '/pilotage/intervenants',
        '/pilotage/copil', '/pilotage/releves'];
      const seen = new Set();
      const queue = [...start];
      const exports = new Set();
      let shots = 0;
      while (queue.length && seen.size < 60) {
        const next = queue.shift();
        if (seen.has(next)) continue;
        seen.add(next);
        const res = await page.goto(next);
        assert.ok(res && res.status() < 400, `${next}: ${res?.status()}`);
        await expectFrenchPage(page);
        const found = namesIn(await page.locator('body').innerText());
        assert.deepEqual(found, [], `names on ${next}`);
        if (shots++ < 3) await auditPage(t, page, `disp-sans-nom-${shots}`);
        for (const href of await page.locator('a[href^="/pilotage"]').evaluateAll((as) =>
          as.map((a) => a.getAttribute('href')))) {
          // The statements' list exports nothing by itself: each statement has its own.
          if (/[?&]format=/.test(href)) {
            if (!href.startsWith('/pilotage/releves?')) exports.add(href);
          }
          else if (!seen.has(href) && /^\/pilotage(\/(echeances\/\d+|releves\/lot\/\d+))?/.test(href)) queue.push(href);
        }
      }
      assert.ok([...seen].some((p) => p.startsWith('/pilotage/releves/lot/')), 'a statement was opened');
      assert.ok(exports.size > 0, 'exports were found');
      let n = 0;
      for (const href of exports) {
        const format = /[?&]format=(\w+)/.exec(href)[1];
        const res = await page.request.get(href);
        assert.equal(res.status(), 200, href);
        const text = exportText(await res.body(), format, `disp-export-${++n}.${format}`);
        assert.deepEqual(namesIn(text), [], `names in ${href}`);
      }
    } finally {
      await ctx.close();
    }
  });
});

describe('notifications say what happened', () => {
  it('the provider reads a decision in the past tense (UX-1)', T, async (t) => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    try {
      await signInHome(page, email('coordination'));
      await page.goto('/notifications');
      await expectFrenchPage(page);
      const text = await page.locator('main').innerText();
      assert.match(text, /Proposition validée|PPAIP prescrit|Programme démarré/);
      assert.doesNotMatch(text, /Valider la proposition|Prescrire le PPAIP|Démarrer le programme/);
      await auditPage(t, page, 'notifications-passe');
    } finally {
      await ctx.close();
    }
  });
});
