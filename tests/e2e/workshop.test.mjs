// Collective workshops, paper attendance sheets and bilans through the pages (issue 4), with
// three browser contexts: the provider's intervenant CIP (Julien Lefèvre), the CPIP of the
// SPIP du Cher (Sandrine Leroy) and the provider's coordinator.
//
//  1. The intervenant plans a workshop on an agreed theme (WS-1, WS-2) — the form is first
//     submitted empty and shows its French errors —, registers the four people prescribed a
//     collective PPAIP (already in the demo workshop: a person may attend two workshops) and
//     submits the list; the CPIP validates it from « Ateliers » (WS-3).
//  2. The intervenant prints the convocation and the collective attendance sheets (WS-4, WS-5):
//     downloaded PDFs, read back with poppler when it is installed.
//  3. Paper attendance (ATT-1, ATT-2): the code of the demo workshop's past session, typed on
//     « Émargement », opens its sheet page, where the signed scan is deposited; the session then
//     leaves « Feuilles signées à déposer ». The code of an individual session, read on the
//     printed sheet, opens that session's page, where its attendance is recorded when the demo
//     still has it to record (the journey test may have recorded it first).
//  4. The final bilan of the case ended two days ago (PPAIP-15, PPAIP-16): four sections, draft,
//     PDF previews of both copies, delivery in person; the case is then closed and both copies
//     are in the professional file (BEN-4).
//
// Every page is checked with axe-core (WCAG 2.1 A/AA) and saved as a full-page screenshot
// (atelier-*.png, emargement-*.png, bilan-*.png, dossier-professionnel.png); the PDFs are saved
// next to them. The server runs on the real clock: dates are computed from today (Paris).
//
// Run: scripts/run-e2e [BUILD_DIR]
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  screenshot,
  signInHome,
  visit,
} from './support.mjs';

const T = { timeout: TEST_TIMEOUT_MS };
const SITE = 'Maison d’arrêt de démonstration de Bourges';
const INTERVENANT = 'Julien Lefèvre';
const DEMO_THEME = 'CV et lettre de motivation';
const THEME = 'Techniques de recherche d’emploi';
// The four people the demo prescribed a collective PPAIP (all in the demo workshop).
const COLLECTIVE = [
  'Mme Mélanie ROUX',
  'M. Yanis LAMBERT',
  'Mme Josiane HENRY',
  'M. Kévin GAUTHIER',
];
const ENDED = 'Mme Nathalie FABRE'; // ended two days ago: the final bilan is due
const IN_PROGRESS = 'M. Sébastien MARCHAL'; // the session of “yesterday” is to record
// A small valid PDF: the signed sheet, as a scanner would produce it.
const SIGNED_SCAN = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');

before(async () => {
  assert.ok(BASE_URL, 'PARCOURS_E2E_URL is not set: run scripts/run-e2e');
  const res = await fetch(new URL('/healthz', BASE_URL));
  assert.equal(res.status, 200, `${BASE_URL}/healthz`);
});
after(closeBrowser);

// ---- Dates (Europe/Paris, like the server) ------------------------------------------------

const PARIS_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const parisToday = () => PARIS_DAY.format(new Date());
// The day the demo was played (scripts/run-e2e): its sessions are placed around that day.
const demoDay = () => process.env.PARCOURS_E2E_DEMO_DAY || parisToday();

function addDays(isoDate, days) {
  const [y, m, d] = isoDate.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return { date: t.toISOString().slice(0, 10), weekday: t.getUTCDay() };
}

// The first weekday (Monday to Friday) on or after `days` days from `isoDate`.
function weekdayFrom(isoDate, days) {
  for (let k = days; ; ++k) {
    const d = addDays(isoDate, k);
    if (d.weekday >= 1 && d.weekday <= 5) return d.date;
  }
}

// The demo's sessions are on weekdays: a Saturday or Sunday moves back to the Friday before.
function demoWeekday(isoDate, offset) {
  const { weekday } = addDays(isoDate, offset);
  return addDays(isoDate, weekday === 6 ? offset - 1 : weekday === 0 ? offset - 2 : offset).date;
}

const WEEKDAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août',
  'septembre', 'octobre', 'novembre', 'décembre'];

// "vendredi 20 novembre 2026", as the server writes dates (1er for the first of the month).
function frenchLong(isoDate) {
  const [y, m, d] = isoDate.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${WEEKDAYS[weekday]} ${d === 1 ? '1er' : d} ${MONTHS[m - 1]} ${y}`;
}

// ---- Page helpers -------------------------------------------------------------------------

// Clicks a button (or link) and waits for the page reached after the redirect.
async function submitTo(page, control, urlPredicate) {
  await Promise.all([page.waitForURL(urlPredicate), control.click()]);
  await page.waitForLoadState('domcontentloaded');
}

// The flash message shown after an action (role status, or alert for errors).
async function expectFlash(page, text) {
  await page.locator('.pc-flash').filter({ hasText: text }).first().waitFor();
}

function mainNav(page, label) {
  return page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: label, exact: true });
}

// Selects the option of `select` whose text contains `text`.
async function selectContaining(select, text) {
  const option = select.locator('option').filter({ hasText: text }).first();
  const value = await option.getAttribute('value');
  assert.ok(value, `an option « ${text} » in the list`);
  await select.selectOption(value);
}

// Saves a downloaded or fetched file next to the screenshots, checks it is a PDF.
function savePdf(name, bytes) {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const file = path.join(SHOTS_DIR, name);
  writeFileSync(file, bytes);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', `${name} is a PDF`);
  return file;
}

// Clicks a PDF button (a POST form answered with an attachment) and keeps the download.
async function downloadPdf(page, button, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  assert.equal(await download.failure(), null, `download of ${name}`);
  const file = path.join(SHOTS_DIR, name);
  await download.saveAs(file);
  savePdf(name, readFileSync(file));
  assert.match(download.suggestedFilename(), /\.pdf$/);
  return file;
}

// The text of a PDF read back with poppler's pdftotext (DESIGN §5), or null without poppler.
function pdfText(t, file) {
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } catch (e) {
    if (e.code === 'ENOENT') {
      t.diagnostic('pdftotext (poppler-utils) is not installed: PDF text not checked');
      return null;
    }
    throw e;
  }
}

async function expectBadge(page, text) {
  await page.locator('.pc-subheading .pc-badge').filter({ hasText: text }).first().waitFor();
}

// The row of the sessions table of a workshop page whose number is `n`.
function workshopSessionRow(page, n) {
  return page
    .getByRole('table', { name: 'Séances de l’atelier' })
    .locator('tbody tr')
    .filter({ has: page.locator('th', { hasText: new RegExp(`^${n}$`) }) });
}

describe('Workshops, paper attendance and bilans (issue 4)', { concurrency: 1 }, () => {
  const cip = { ctx: null, page: null };
  const cpip = { ctx: null, page: null };
  const coordination = { ctx: null, page: null };
  const state = {
    demoWorkshopPath: '',
    workshopPath: '',
    workshopTitle: '',
    sessionDays: [],
    registered: [],
  };

  before(async () => {
    for (const [s, login] of [
      [cip, 'cip'],
      [cpip, 'cpip'],
      [coordination, 'coordination'],
    ]) {
      s.ctx = await newContext();
      s.page = await s.ctx.newPage();
      await signInHome(s.page, email(login));
    }
  });
  after(async () => {
    for (const s of [cip, cpip, coordination]) await s.ctx?.close();
  });

  const needWorkshop = () =>
    assert.ok(state.workshopPath, 'the workshop of an earlier step exists');

  it('intervenant: workshop list, new workshop form submitted empty (WS-1)', T, async (t) => {
    const { page } = cip;
    await mainNav(page, 'Ateliers').click();
    await page.waitForURL((u) => u.pathname === '/ateliers');
    await expectFrenchPage(page, 'Ateliers collectifs');
    const demo = page.getByRole('link', { name: new RegExp(`^${DEMO_THEME}`) });
    await demo.waitFor();
    state.demoWorkshopPath = new URL(await demo.getAttribute('href'), BASE_URL).pathname;
    assert.match(
      await page.locator('table tbody tr').filter({ has: demo }).innerText(),
      /Liste validée par le SPIP/,
    );
    await auditPage(t, page, 'atelier-01-liste-prestataire');

    await submitTo(page, page.getByRole('link', { name: 'Nouvel atelier' }), (u) =>
      u.pathname.startsWith('/ateliers/nouveau'),
    );
    await expectFrenchPage(page, 'Nouvel atelier');
    // A lot covering several SPIPs: the form first asks which one.
    const spip = page.getByRole('combobox', { name: 'SPIP', exact: true });
    if (await spip.count()) {
      await spip.selectOption({ label: 'SPIP du Cher' });
      await submitTo(page, page.getByRole('button', { name: 'Continuer' }), (u) =>
        u.searchParams.has('spip'),
      );
    }
    const form = page.locator('form#atelier-formulaire');
    await form.locator('.pc-meta').filter({ hasText: 'SPIP du Cher' }).waitFor();
    // WS-1: only the themes the SPIP agreed (the demo SPIP agreed the whole catalogue).
    const themes = await page.getByLabel('Thématique').locator('option').allInnerTexts();
    assert.ok(themes.includes(THEME), `« ${THEME} » among ${themes.length - 1} agreed theme(s)`);
    assert.equal(
      await page.getByLabel('Site').locator('option:checked').innerText(),
      'Locaux du prestataire',
    );

    // Submitted empty, as a browser without form validation would: the French error summary.
    await form.evaluate((f) => {
      f.noValidate = true;
    });
    const [res] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/ateliers/nouveau',
      ),
      page.getByRole('button', { name: 'Créer l’atelier' }).click(),
    ]);
    assert.equal(res.status(), 422, 'an invalid workshop is answered 422');
    const summary = page
      .getByRole('alert')
      .filter({ hasText: 'Le formulaire contient des erreurs' });
    await summary.waitFor();
    await summary.getByRole('link', { name: 'Choisissez l’intervenant.' }).waitFor();
    const intervenant = page.getByRole('combobox', { name: 'Intervenant', exact: true });
    assert.equal(await intervenant.getAttribute('aria-invalid'), 'true');
    await auditPage(t, page, 'atelier-02-nouveau-erreurs');
  });

  it('intervenant: plans a workshop of two sessions to come (WS-1, WS-2)', T, async (t) => {
    const { page } = cip;
    assert.equal(new URL(page.url()).pathname, '/ateliers/nouveau', 'the form of the step before');
    const today = parisToday();
    const first = weekdayFrom(today, 3);
    const second = weekdayFrom(first, 7);
    state.sessionDays = [first, second];
    state.workshopTitle = 'Préparer ses candidatures';

    await page.getByLabel('Thématique').selectOption({ label: THEME });
    await page.getByLabel('Intitulé').fill(state.workshopTitle);
    await page
      .getByLabel('Description')
      .fill('Deux séances : chercher des offres, puis préparer un appel et un entretien.');
    await page.getByLabel('Site').selectOption({ label: SITE });
    await page
      .getByRole('combobox', { name: 'Intervenant', exact: true })
      .selectOption({ label: INTERVENANT });
    await page
      .getByLabel('Professionnels extérieurs')
      .fill('Un conseiller France Travail (séance 2)');
    const places = page.getByRole('combobox', { name: 'Lieu', exact: true });
    if ((await places.locator('option').count()) > 1) await places.selectOption({ index: 1 });
    await page
      .getByLabel('Lieu (texte libre)')
      .fill('Salle polyvalente — quartier socio-éducatif');
    for (const [i, day] of state.sessionDays.entries()) {
      const row = (label) => page.getByLabel(`${label} de la séance ${i + 1}`, { exact: true });
      await row('Date').fill(day);
      await row('Heure de début').fill('14:00');
      await row('Durée en minutes').fill('120');
    }
    await screenshot(page, 'atelier-03-nouveau-rempli');
    await submitTo(page, page.getByRole('button', { name: 'Créer l’atelier' }), (u) =>
      /^\/ateliers\/\d+$/.test(u.pathname),
    );
    state.workshopPath = new URL(page.url()).pathname;
    await expectFlash(page, 'Atelier créé.');
    await expectFrenchPage(page, `Atelier : ${THEME} — ${state.workshopTitle}`);
    const facts = await page.locator('dl.pc-facts').innerText();
    assert.match(facts, new RegExp(SITE));
    assert.match(facts, new RegExp(INTERVENANT));
    assert.match(facts, /4\s+h/, 'two sessions of two hours (WS-2)');
    for (const [i, day] of state.sessionDays.entries()) {
      const row = workshopSessionRow(page, i + 1);
      assert.match(await row.innerText(), new RegExp(frenchLong(day)));
      assert.match(await row.innerText(), /14\s+h\s+00/);
      assert.match(await row.locator('code').innerText(), /^S-[0-9A-Z]{7}$/);
    }
  });

  it('intervenant: registers the collective cases, submits the list (WS-3, WS-4)', T, async (t) => {
    needWorkshop();
    const { page } = cip;
    await visit(page, state.workshopPath);
    const select = page.getByLabel('Inscrire une personne');
    for (const name of COLLECTIVE) {
      await selectContaining(select, name);
      await submitTo(
        page,
        page.getByRole('button', { name: 'Inscrire', exact: true }),
        (u) => u.pathname === state.workshopPath,
      );
      await expectFlash(page, 'Personne inscrite.');
      state.registered.push(name);
    }
    const participants = page.getByRole('table', { name: 'Participants de l’atelier' });
    for (const name of COLLECTIVE) {
      const row = participants.locator('tbody tr').filter({ hasText: name });
      const text = await row.innerText();
      assert.match(text, /Inscrit\(e\)/, `${name} registered`);
      // A person may attend two workshops; the other one is shown (WS-4).
      assert.match(text, new RegExp(DEMO_THEME), `${name}: the demo workshop among the others`);
    }
    await page.getByRole('heading', { name: 'Participants (4)' }).waitFor();
    await auditPage(t, page, 'atelier-04-page-prestataire');

    await submitTo(
      page,
      page.getByRole('button', { name: 'Soumettre la liste au SPIP' }),
      (u) => u.pathname === state.workshopPath,
    );
    await expectFlash(page, 'Liste soumise au SPIP pour validation.');
    assert.equal(
      await page.getByRole('button', { name: 'Soumettre la liste au SPIP' }).count(),
      0,
      'submitted once',
    );
  });

  it('CPIP: validates the list from « Ateliers » (WS-3)', T, async (t) => {
    needWorkshop();
    const { page } = cpip;
    await mainNav(page, 'Ateliers').click();
    await page.waitForURL((u) => u.pathname === '/ateliers');
    await expectFrenchPage(page, 'Ateliers collectifs');
    const link = page.getByRole('link', { name: `${THEME} — ${state.workshopTitle}` });
    // SPIP side: the lists awaiting validation come first.
    const firstRow = page.locator('table tbody tr').first();
    assert.equal(await firstRow.filter({ has: link }).count(), 1, 'the submitted list first');
    assert.match(await firstRow.innerText(), new RegExp(INTERVENANT));
    await auditPage(t, page, 'atelier-05-liste-cpip');

    await submitTo(page, link, (u) => u.pathname === state.workshopPath);
    const decision = page.locator('form#decision-liste');
    await decision.getByRole('heading', { name: 'Votre décision sur la liste' }).waitFor();
    assert.equal(
      await page.getByLabel('Inscrire une personne').count(),
      0,
      'the SPIP does not register people',
    );
    await decision
      .getByLabel('Commentaire (obligatoire pour renvoyer la liste)')
      .fill('Liste et calendrier validés en CPU.');
    await auditPage(t, page, 'atelier-06-decision-cpip');
    await submitTo(
      page,
      decision.getByRole('button', { name: 'Valider la liste' }),
      (u) => u.pathname === state.workshopPath,
    );
    await expectFlash(page, 'Liste validée : le prestataire en est informé.');
    await expectBadge(page, 'Liste validée par le SPIP');
    await page.getByText('Liste et calendrier validés en CPU.').waitFor();
    await screenshot(page, 'atelier-07-liste-validee');
  });

  it('intervenant: the convocation and the attendance sheets as PDF (WS-4, WS-5)', T, async (t) => {
    needWorkshop();
    const { page } = cip;
    await visit(page, state.workshopPath);
    await expectBadge(page, 'Liste validée par le SPIP');
    const codes = [];
    for (let n = 1; n <= state.sessionDays.length; ++n)
      codes.push((await workshopSessionRow(page, n).locator('code').innerText()).trim());

    const printing = page.locator('section#documents-a-imprimer');
    const convocation = await downloadPdf(
      page,
      printing.getByRole('button', { name: 'Convocation (PDF)' }),
      'atelier-convocation.pdf',
    );
    const sheets = await downloadPdf(
      page,
      printing.getByRole('button', { name: 'Feuilles d’émargement (PDF)' }),
      'atelier-feuilles-emargement.pdf',
    );
    const convocationText = pdfText(t, convocation);
    if (convocationText !== null) {
      assert.match(convocationText, /recherche d.emploi/i, 'the theme on the convocation');
      for (const day of state.sessionDays)
        assert.match(convocationText, new RegExp(frenchLong(day).split(' ').slice(1, 3).join(' ')));
      assert.match(convocationText, /LAMBERT/, 'a participant on the convocation');
    }
    const sheetsText = pdfText(t, sheets);
    if (sheetsText !== null) {
      for (const code of codes) assert.ok(sheetsText.includes(code), `code ${code} on the sheets`);
      for (const name of ['ROUX', 'LAMBERT', 'HENRY', 'GAUTHIER'])
        assert.match(sheetsText, new RegExp(name), `${name} on the sheets`);
    }

    // Each document printed is kept with the workshop.
    await visit(page, state.workshopPath);
    const documents = page.getByRole('table', { name: 'Documents de l’atelier' });
    await documents.waitFor();
    assert.ok((await documents.locator('tbody tr').count()) >= 2, 'both documents are kept');
    await screenshot(page, 'atelier-08-documents');
  });

  it('intervenant: the past demo session from its code, its signed scan (ATT-2)', T, async (t) => {
    const { page } = cip;
    assert.ok(state.demoWorkshopPath, 'the demo workshop was listed');
    await visit(page, state.demoWorkshopPath);
    const past = workshopSessionRow(page, 1);
    assert.match(await past.innerText(), /Présences saisies : 3 présent\(s\) sur 4/);
    const code = (await past.locator('code').innerText()).trim();
    assert.match(code, /^S-[0-9A-Z]{7}$/);

    // The coordinator sees the session among those whose signed sheet is missing.
    const todo = coordination.page;
    await visit(todo, '/emargement/a-rapprocher');
    await expectFrenchPage(todo, 'Feuilles signées à déposer');
    await todo.locator('table tbody tr').filter({ hasText: code }).waitFor();

    await mainNav(page, 'Émargement').click();
    await page.waitForURL((u) => u.pathname === '/emargement');
    await expectFrenchPage(page, 'Saisir une feuille d’émargement');
    await auditPage(t, page, 'emargement-01-saisie-code');
    // A mistyped code: the French error beside the field.
    const field = page.getByLabel('Code de la feuille');
    await field.fill(code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A'));
    await page.getByRole('button', { name: 'Ouvrir la séance' }).click();
    await page.getByRole('alert').filter({ hasText: 'Le code n’a pas été reconnu' }).waitFor();
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    await auditPage(t, page, 'emargement-02-code-errone');

    // Typed as read on the sheet, in lower case and without its dash.
    await field.fill(code.replace('-', '').toLowerCase());
    await submitTo(page, page.getByRole('button', { name: 'Ouvrir la séance' }), (u) =>
      /^\/ateliers\/seances\/\d+\/emargement$/.test(u.pathname),
    );
    const sheetPath = new URL(page.url()).pathname;
    await expectFrenchPage(
      page,
      `Émargement — ${DEMO_THEME} — Rédiger son CV et sa lettre, séance n° 1`,
    );
    assert.match(await page.locator('dl.pc-facts').innerText(), new RegExp(code));
    // The attendance of the demo is already recorded: read-only, the scan is what is missing.
    const recorded = page.getByRole('table', { name: 'Présences enregistrées' });
    await recorded.waitFor();
    assert.equal(await recorded.locator('tbody tr').count(), 4);
    assert.match(await recorded.innerText(), /Absent\(e\), justifiée/);
    await page.getByText('Aucune feuille signée déposée pour cette séance.').waitFor();
    await auditPage(t, page, 'emargement-03-seance-atelier');

    await page.getByLabel('Déposer la feuille signée').setInputFiles({
      name: 'feuille-signee-seance-1.pdf',
      mimeType: 'application/pdf',
      buffer: SIGNED_SCAN,
    });
    await submitTo(
      page,
      page.getByRole('button', { name: 'Envoyer la feuille signée' }),
      (u) => u.pathname === sheetPath,
    );
    await expectFlash(page, 'Feuille signée enregistrée.');
    const scans = page.getByRole('table', { name: 'Feuilles signées déposées' });
    await scans.waitFor();
    assert.equal(await scans.locator('tbody tr').count(), 1);
    assert.match(await scans.innerText(), /PDF/);
    await screenshot(page, 'emargement-04-feuille-deposee');

    // It leaves « Feuilles signées à déposer », for the coordinator and the intervenant.
    for (const p of [todo, page]) {
      await visit(p, '/emargement/a-rapprocher');
      await expectFrenchPage(p, 'Feuilles signées à déposer');
      assert.equal(
        await p.locator('table tbody tr').filter({ hasText: code }).count(),
        0,
        'the session has its signed sheet',
      );
    }
    await auditPage(t, todo, 'emargement-05-a-rapprocher');
    await visit(page, state.demoWorkshopPath);
    assert.match(await workshopSessionRow(page, 1).innerText(), /Feuille signée déposée \(1\)/);
  });

  it('intervenant: an individual session from its printed code (ATT-1, ATT-2)', T, async (t) => {
    const { page } = cip;
    await visit(page, '/prescriptions?filtre=toutes');
    await submitTo(page, page.getByRole('link', { name: IN_PROGRESS, exact: true }), (u) =>
      /^\/prescriptions\/\d+$/.test(u.pathname),
    );
    const casePath = new URL(page.url()).pathname;
    // The demo's session of “yesterday” (a weekday), at 9 h 30.
    const day = demoWeekday(demoDay(), -1);
    const when = frenchLong(day);
    const row = page
      .locator('#seances table tbody tr')
      .filter({ hasText: when })
      .filter({ hasText: '9 h 30' });
    await row.waitFor();
    const sheetLink = row.getByRole('link', { name: `Feuille d’émargement du ${when}` });
    const sheetPath = new URL(await sheetLink.getAttribute('href'), BASE_URL).pathname;

    // The code, as the intervenant reads it on the printed sheet: below the session's line.
    const pdf = await downloadPdf(
      page,
      page.getByRole('button', { name: 'Feuille d’émargement (PDF)' }),
      'emargement-feuille-individuelle.pdf',
    );
    let code = null;
    const text = pdfText(t, pdf);
    if (text !== null) {
      const [weekday, dayNumber] = when.split(' ');
      const blocks = text.split(/(E-[0-9A-Z]{7})/);
      for (let i = 1; i < blocks.length; i += 2)
        if (new RegExp(`${weekday} ${dayNumber}\\b`).test(blocks[i - 1])) code = blocks[i];
      assert.ok(code, `the code of the session of ${when} on the printed sheet`);
    } else {
      await visit(page, sheetPath);
      const fact = page.locator('.pc-facts__item').filter({ hasText: 'Code de la feuille' });
      code = (await fact.locator('dd').innerText()).trim();
      await visit(page, casePath);
    }

    await mainNav(page, 'Émargement').click();
    await page.waitForURL((u) => u.pathname === '/emargement');
    await page.getByLabel('Code de la feuille').fill(code);
    await submitTo(page, page.getByRole('button', { name: 'Ouvrir la séance' }), (u) =>
      /^\/seances\/\d+\/emargement$/.test(u.pathname),
    );
    assert.equal(new URL(page.url()).pathname, sheetPath, 'the code opens that session');
    await expectFrenchPage(page, `Émargement — ${IN_PROGRESS}`);
    assert.match(await page.locator('dl.pc-facts').innerText(), new RegExp(code));
    await auditPage(t, page, 'emargement-06-seance-individuelle');

    const form = page
      .locator('form.pc-subform')
      .filter({ has: page.getByRole('group', { name: /^Présence — / }) });
    if (await form.count()) {
      await form.getByLabel(/^Présente?$/).check();
      await form.getByLabel('Note (facultatif)').fill('Recopié de la feuille signée.');
      await submitTo(
        page,
        form.getByRole('button', { name: 'Enregistrer la présence' }),
        (u) => u.pathname === sheetPath,
      );
      // The journey test, running at the same time, may have recorded it just before.
      const done = page.locator('.pc-flash').filter({ hasText: 'Présence enregistrée.' });
      if (!(await done.count()))
        t.diagnostic('the attendance was recorded meanwhile by another test');
    } else {
      t.diagnostic('the attendance of this session is already recorded (journey test)');
    }
    const status = page.locator('section#presences .pc-panel .pc-badge');
    await status.waitFor();
    assert.doesNotMatch(await status.innerText(), /Prévue/, 'the session is recorded');
    await screenshot(page, 'emargement-07-seance-individuelle-enregistree');
  });

  it('intervenant: the final bilan, previewed, delivered (PPAIP-16, BEN-4)', T, async (t) => {
    const { page } = cip;
    await visit(page, '/prescriptions?filtre=toutes');
    await submitTo(page, page.getByRole('link', { name: ENDED, exact: true }), (u) =>
      /^\/prescriptions\/\d+$/.test(u.pathname),
    );
    const casePath = new URL(page.url()).pathname;
    await expectBadge(page, 'Terminé');
    await submitTo(page, page.getByRole('link', { name: 'Bilan final', exact: true }), (u) =>
      u.pathname === `${casePath}/bilan` && u.searchParams.get('type') === 'final',
    );
    await expectFrenchPage(page, `Bilan final — ${ENDED}`);
    const activities = page.getByRole('table', { name: 'Entretiens et ateliers du parcours' });
    await activities.waitFor();
    assert.ok((await activities.locator('tbody tr').count()) >= 2, 'the sessions of the programme');
    await auditPage(t, page, 'bilan-01-editeur');

    const sections = {
      'Ce que nous avons fait ensemble':
        'Trois entretiens individuels. Nous avons fait le point sur votre expérience de ' +
        'secrétaire médicale et sur ce que vous aimez dans l’accueil du public.',
      'Votre projet professionnel':
        'Devenir agente d’accueil dans un établissement de santé ou une collectivité.',
      'Les prochaines étapes':
        'Vous inscrire à France Travail dès votre sortie.\n' +
        'Envoyer votre CV à trois centres hospitaliers du Cher.',
      'Conseils des partenaires (facultatif)':
        'La mission locale peut vous aider pour le permis de conduire.',
    };
    for (const [label, value] of Object.entries(sections)) await page.getByLabel(label).fill(value);
    await submitTo(
      page,
      page.getByRole('button', { name: 'Enregistrer le brouillon' }),
      (u) => u.pathname === `${casePath}/bilan`,
    );
    await expectFlash(page, 'Brouillon enregistré.');
    await expectBadge(page, 'Brouillon');
    for (const [label, value] of Object.entries(sections))
      assert.equal(await page.getByLabel(label).inputValue(), value, `${label} kept`);

    // The previews: both copies, opened in a new tab by the buttons of the form.
    const personPreview = page.getByRole('button', {
      name: /Aperçu PDF — exemplaire de la personne/,
    });
    const cpipPreview = page.getByRole('button', { name: /Aperçu PDF — exemplaire du CPIP/ });
    for (const b of [personPreview, cpipPreview]) {
      await b.waitFor();
      assert.equal(await b.getAttribute('formtarget'), '_blank');
    }
    const csrf = await page.locator('form#bilan input[name="csrf_token"]').inputValue();
    const fields = {
      csrf_token: csrf,
      type: 'final',
      programme_done: sections['Ce que nous avons fait ensemble'],
      professional_project: sections['Votre projet professionnel'],
      action_plan: sections['Les prochaines étapes'],
      recommendations: sections['Conseils des partenaires (facultatif)'],
    };
    for (const [action, name] of [
      ['apercu-personne', 'bilan-apercu-personne.pdf'],
      ['apercu-cpip', 'bilan-apercu-cpip.pdf'],
    ]) {
      const res = await page.request.post(`${casePath}/bilan`, { form: { ...fields, action } });
      assert.equal(res.status(), 200, `preview ${action}`);
      assert.match(res.headers()['content-type'] ?? '', /application\/pdf/);
      const file = savePdf(name, await res.body());
      const text = pdfText(t, file);
      if (text === null) continue;
      assert.match(text, /agente d.accueil/, `${name}: the professional project`);
      if (action === 'apercu-personne') {
        assert.match(text, /Exemplaire de la personne/);
        // PPAIP-16: no Justice ministry wording on the person's copy.
        assert.doesNotMatch(text, /minist[eè]re de la justice/i, 'no Justice branding');
      } else {
        assert.match(text, /MINIST[ÈE]RE DE LA JUSTICE/i, 'the CPIP copy is branded');
      }
    }
    await screenshot(page, 'bilan-02-brouillon');

    // Delivered in person today: both copies are stored, the case is closed.
    const delivery = page.locator('form#remise');
    await delivery.getByLabel('Remis à la personne le').fill(parisToday());
    await delivery.getByLabel('Mode de remise').selectOption({ label: 'Remis en main propre' });
    await auditPage(t, page, 'bilan-03-remise');
    await submitTo(
      page,
      delivery.getByRole('button', { name: 'Enregistrer la remise' }),
      (u) => u.pathname === `${casePath}/bilan`,
    );
    await expectFlash(page, 'Remise enregistrée');
    await expectBadge(page, 'Remis');
    const done = page.getByRole('status').filter({ hasText: 'Remis à la personne le' });
    assert.match(
      await done.innerText(),
      new RegExp(`${frenchLong(parisToday())} \\(Remis en main propre\\)`),
    );
    const copy = done.getByRole('link', { name: 'Exemplaire de la personne (PDF)' });
    const res = await page.request.get(await copy.getAttribute('href'));
    assert.equal(res.status(), 200);
    savePdf('bilan-exemplaire-personne.pdf', await res.body());
    assert.equal(await page.locator('form#bilan').count(), 0, 'a delivered bilan is read-only');
    await auditPage(t, page, 'bilan-04-remis');

    await visit(page, casePath);
    await expectBadge(page, 'Clôturé');
    await screenshot(page, 'bilan-05-dossier-cloture');

    await submitTo(page, page.getByRole('link', { name: 'Dossier professionnel' }), (u) =>
      /^\/personnes\/\d+\/dossier-professionnel$/.test(u.pathname),
    );
    await expectFrenchPage(page, `Dossier professionnel — ${ENDED}`);
    const documents = page.getByRole('table', { name: 'Documents du dossier professionnel' });
    for (const copy of ['du CPIP', 'de la personne'])
      await documents.getByRole('link', { name: `Bilan final — exemplaire ${copy}` }).waitFor();
    await auditPage(t, page, 'dossier-professionnel');
  });
});
