// Contract execution through the pages (issue 5), as the DISP contract manager: the lot
// dashboard (ORG-3, INV-2), deadline compliance drilled down to one late deadline (DL-3), the
// equal-access and staff pages (REP-2, ORG-4), then the COPIL pack downloaded as Excel and PDF
// (REP-4). A provider coordinator then opens the monthly statement of its lot (INV-1).
//
// Every page is checked with axe-core (WCAG 2.1 A/AA) and table shape, and saved as a
// full-page screenshot (pilotage-*.png); the downloads are saved next to them.
//
// Run: scripts/run-e2e [BUILD_DIR]
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
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

const T = { timeout: TEST_TIMEOUT_MS };

before(async () => {
  assert.ok(BASE_URL, 'PARCOURS_E2E_URL is not set: run scripts/run-e2e');
});
after(closeBrowser);

const mainNav = (page, name) =>
  page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name, exact: true });

// Clicks a download link and keeps the file next to the screenshots.
async function download(page, link, name) {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(await file.failure(), null, `download of ${name}`);
  mkdirSync(SHOTS_DIR, { recursive: true });
  const target = path.join(SHOTS_DIR, name);
  await file.saveAs(target);
  return { bytes: readFileSync(target), suggested: file.suggestedFilename() };
}

describe('pilotage du marché', () => {
  const disp = {};
  before(async () => {
    disp.ctx = await newContext();
    disp.page = await disp.ctx.newPage();
    await signInHome(disp.page, email('disp'));
  });
  after(async () => disp.ctx?.close());

  it('DISP: lot dashboard with volumes, monthly chart and alerts (ORG-3, INV-2)', T, async (t) => {
    const { page } = disp;
    await mainNav(page, 'Pilotage du marché').click();
    await page.waitForURL((u) => u.pathname === '/pilotage');
    await expectFrenchPage(page, 'Exécution du marché : volumes et consommation');
    await page.getByRole('heading', { name: 'Heures d’entretiens individuels par lot' }).waitFor();
    await page.getByRole('img', { name: 'Heures réalisées par mois' }).waitFor();
    const rows = page.locator('#table-volumes-individual').locator('xpath=../..').locator('tbody tr');
    assert.equal(await rows.count(), 6, 'six lots of the DISP de Dijon');
    await auditPage(t, page, 'pilotage-01-volumes');
  });

  it('DISP: deadline compliance, then one late deadline (DL-3)', T, async (t) => {
    const { page } = disp;
    await page.getByRole('link', { name: 'Délais', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/pilotage/echeances');
    await expectFrenchPage(page, 'Respect des délais');
    await auditPage(t, page, 'pilotage-02-delais');
    const late = page.locator('.pc-table-wrap[aria-labelledby="table-retards"] tbody tr');
    assert.ok((await late.count()) > 0, 'the demo has late deadlines');
    // The DISP sees no name: case number and initials.
    assert.match(await late.first().locator('td').nth(1).innerText(), /^Dossier n° \d+/);
    await late.first().locator('td').first().getByRole('link').click();
    await page.waitForURL((u) => /^\/pilotage\/echeances\/\d+$/.test(u.pathname));
    await expectFrenchPage(page);
    await page.getByText(/En retard|Tenue en retard/).first().waitFor();
    await auditPage(t, page, 'pilotage-03-echeance-en-retard');
  });

  it('DISP: equal access and staff (REP-2, ORG-4)', T, async (t) => {
    const { page } = disp;
    await page.goto('/pilotage/egalite');
    await expectFrenchPage(page, 'Égalité d’accès : femmes et jeunes sans qualification');
    await auditPage(t, page, 'pilotage-04-egalite');
    await page.goto('/pilotage/intervenants');
    await expectFrenchPage(page, 'Intervenants : psychologues, remplacements, suppléants');
    await auditPage(t, page, 'pilotage-05-intervenants');
  });

  it('DISP: the COPIL pack as Excel and PDF (REP-4)', T, async (t) => {
    const { page } = disp;
    await page.getByRole('link', { name: 'Dossier COPIL' }).click();
    await page.waitForURL((u) => u.pathname === '/pilotage/copil');
    await expectFrenchPage(page, 'Dossier du comité de pilotage');
    await auditPage(t, page, 'pilotage-06-copil');
    const xlsx = await download(page, page.getByRole('link', { name: 'Excel' }).first(), 'pilotage-copil.xlsx');
    assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK', 'an XLSX is a zip');
    assert.match(xlsx.suggested, /\.xlsx$/);
    const pdf = await download(page, page.getByRole('link', { name: 'PDF' }).first(), 'pilotage-copil.pdf');
    assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
  });

  it('coordinator: the monthly statement of its lot (INV-1)', T, async (t) => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    try {
      await signInHome(page, email('coordination'));
      await page.goto('/pilotage/releves');
      await expectFrenchPage(page, 'Relevés mensuels par lot');
      const lots = page.locator('.pc-table-wrap[aria-labelledby="table-lots"] tbody tr');
      assert.equal(await lots.count(), 1, 'the provider sees only its lot');
      await auditPage(t, page, 'pilotage-07-releves');
      await lots.first().getByRole('link').click();
      await page.waitForURL((u) => /^\/pilotage\/releves\/lot\/\d+$/.test(u.pathname));
      await expectFrenchPage(page, /^Relevé mensuel — /);
      await auditPage(t, page, 'pilotage-08-releve-projet');
    } finally {
      await ctx.close();
    }
  });
});
