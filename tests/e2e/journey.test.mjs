// The PPAIP journey through the pages, with two browser contexts open side by side: the CPIP
// (SPIP du Cher) and the provider's intervenant CIP (Insertion Centre-Val, whose lot covers
// the SPIP). From the person's file to the suspension and the resumption of the programme,
// each side sees what the other did. A third context, the provider's coordinator, records a
// permanence; the intervenant also records the attendance of a past session of the demo data
// (skipped, with a message, when `parcours demo` has none). Every new page is checked with
// axe-core (WCAG 2.1 A/AA) and saved as a full-page screenshot (journey-NN-….png), which the
// user guide docs/guide-cpip-prestataire.md reuses.
//
// The server runs on the real clock: the first interview is recorded at the first minute after
// the prescription (it may neither precede the prescription nor be in the future), sessions are
// planned in the coming days. Times are Europe/Paris wall-clock times, as in the forms.
//
// Run: scripts/run-e2e [BUILD_DIR]
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL,
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
const PROVIDER = 'Insertion Centre-Val (démo)';
const SITE = 'Maison d’arrêt de démonstration de Bourges';
const CPIP_NAME = 'Sandrine Leroy';

// The person created by the journey (a name the demo data does not use).
const PERSON = { first: 'Inès', last: 'Marchetti', display: 'Mme Inès MARCHETTI' };
const DIAGNOSIS =
  'Arrivée en détention en septembre ; CAP de cuisine obtenu en 2014, deux ans en restauration ' +
  'collective.\nSouhaite reprendre une formation qualifiante à la sortie ; pas de permis de ' +
  'conduire.';

before(async () => {
  assert.ok(BASE_URL, 'PARCOURS_E2E_URL is not set: run scripts/run-e2e');
  const res = await fetch(new URL('/healthz', BASE_URL));
  assert.equal(res.status, 200, `${BASE_URL}/healthz`);
});
after(closeBrowser);

// ---- Time (Europe/Paris, like the server's forms) --------------------------------------

const PARIS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

// { date: 'YYYY-MM-DD', time: 'HH:MM' } of an instant in Paris.
function paris(ms) {
  const p = Object.fromEntries(PARIS.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

// The calendar date `days` after an ISO date, and its weekday (0 = Sunday).
function addDays(isoDate, days) {
  const [y, m, d] = isoDate.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return { date: t.toISOString().slice(0, 10), weekday: t.getUTCDay() };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- Page helpers ----------------------------------------------------------------------

// Clicks a button (or link) and waits for the page reached after the redirect.
async function submitTo(page, control, urlPredicate) {
  await Promise.all([page.waitForURL(urlPredicate), control.click()]);
  await page.waitForLoadState('domcontentloaded');
}

// The flash message shown after an action (role status, or alert for errors).
async function expectFlash(page, text) {
  await page.locator('.pc-flash').filter({ hasText: text }).first().waitFor();
}

async function expectState(page, label) {
  const badge = page.locator('.pc-subheading .pc-badge');
  assert.equal((await badge.innerText()).trim(), label, 'state of the case');
}

// A generic action of the case page: a <details id="evt-EVENT"> with its own form.
async function fireEvent(page, event, fill = async () => {}) {
  const details = page.locator(`details#evt-${event}`);
  await details.locator('summary').click();
  await fill(details);
  const casePath = new URL(page.url()).pathname;
  await submitTo(page, details.locator('button[type="submit"]'), (u) => u.pathname === casePath);
}

// The row of the deadlines table (Délais) whose first cell is `label`.
function deadlineRow(page, label) {
  return page
    .locator('#delais table tbody tr')
    .filter({ has: page.locator('th', { hasText: label }) });
}

describe('PPAIP journey, CPIP and provider side by side', { concurrency: 1 }, () => {
  const cpip = { ctx: null, page: null };
  const provider = { ctx: null, page: null };
  const coordination = { ctx: null, page: null };
  const state = {
    personPath: '',
    casePath: '',
    prescribedAfterMs: 0,
    sessionDay: '',
  };

  before(async () => {
    for (const [s, login] of [
      [cpip, 'cpip'],
      [provider, 'cip'],
      [coordination, 'coordination'],
    ]) {
      s.ctx = await newContext();
      s.page = await s.ctx.newPage();
      await signInHome(s.page, email(login));
    }
  });
  after(async () => {
    for (const s of [cpip, provider, coordination]) await s.ctx?.close();
  });

  const needCase = () => assert.ok(state.casePath, 'the prescription of an earlier step exists');

  it('CPIP: people list and a new person file with a diagnosis (BEN-1, BEN-2)', T, async (t) => {
    const { page } = cpip;
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Personnes suivies' })
      .click();
    await page.waitForURL((u) => u.pathname === '/personnes');
    await expectFrenchPage(page, 'Personnes suivies');
    await auditPage(t, page, 'journey-01-cpip-personnes');

    await submitTo(
      page,
      page.getByRole('link', { name: 'Nouvelle personne' }),
      (u) => u.pathname === '/personnes/nouvelle',
    );
    await expectFrenchPage(page, 'Nouvelle personne');
    // Created by the CPIP of a single SPIP: the SPIP and the referent are preselected.
    assert.equal(
      (await page.getByLabel('CPIP référent').locator('option:checked').innerText()).trim(),
      CPIP_NAME,
    );
    const today = paris(Date.now()).date;
    await page.getByRole('textbox', { name: 'Nom', exact: true }).fill(PERSON.last);
    await page.getByRole('textbox', { name: 'Prénom', exact: true }).fill(PERSON.first);
    await page.getByLabel('Date de naissance').fill('1995-03-14');
    await page.getByLabel('Sexe').selectOption({ label: 'Femme' });
    await page
      .getByRole('combobox', { name: 'Milieu', exact: true })
      .selectOption({ label: 'Milieu fermé' });
    await page
      .getByLabel('Établissement pénitentiaire ou antenne')
      .selectOption({ label: `${SITE} (établissement, milieu fermé)` });
    await page.getByLabel('Statut judiciaire').selectOption({ label: 'Personne condamnée' });
    await page.getByLabel('Niveau de qualification').selectOption({ label: 'Niveau 3 (CAP, BEP)' });
    await page.getByLabel('Numéro d’écrou').fill('18-2025-0147');
    await page.getByLabel('Date de fin de peine').fill(addDays(today, 420).date);
    await page.getByLabel('Diagnostic socio-professionnel', { exact: true }).fill(DIAGNOSIS);
    await page.getByLabel('Date du diagnostic').fill(addDays(today, -30).date);
    await page.getByLabel('Auteur du diagnostic').fill('CPU arrivants');
    await auditPage(t, page, 'journey-02-cpip-nouvelle-personne');

    await submitTo(page, page.getByRole('button', { name: 'Créer le dossier' }), (u) =>
      /^\/personnes\/\d+$/.test(u.pathname),
    );
    state.personPath = new URL(page.url()).pathname;
    await expectFrenchPage(page, PERSON.display);
    await expectFlash(page, `Dossier de ${PERSON.display} créé.`);
    await page.getByRole('heading', { level: 2, name: 'Situation judiciaire' }).waitFor();
    await page.getByText('Information visible du seul SPIP.').waitFor();
    await page.getByText('Souhaite reprendre une formation qualifiante').waitFor();
    await page.getByText('Aucune prise en charge.').waitFor();
    await auditPage(t, page, 'journey-03-cpip-dossier-personne');
  });

  it('CPIP: refused without “volontaire”, then prescribed (PPAIP-1, 3)', T, async (t) => {
    const { page } = cpip;
    assert.ok(state.personPath, 'the person file of the previous step exists');
    await visit(page, state.personPath);
    await submitTo(
      page,
      page.getByRole('link', { name: 'Prescrire un PPAIP' }),
      (u) => u.pathname === `${state.personPath}/prescrire`,
    );
    await expectFrenchPage(page, 'Prescrire un PPAIP');
    assert.equal(
      (await page.getByLabel('Modalité').locator('option:checked').innerText()).trim(),
      'PPAIP individuel',
    );
    await page
      .getByLabel('Objectifs attendus')
      .fill('Construire un projet de formation qualifiante en restauration à la sortie.');
    await page
      .getByLabel('Emploi du temps de la formation suivie')
      .fill('mardi 09:00-12:00\njeudi 09:00-12:00');
    await page.getByLabel(/^Avoir besoin d’être accompagné/).check();
    await auditPage(t, page, 'journey-04-cpip-prescrire');

    // Without the declaration “volontaire”: refused, the rule named beside the checkbox.
    const [refused] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith(`${state.personPath}/prescrire`) && r.request().method() === 'POST',
      ),
      page.getByRole('button', { name: 'Prescrire', exact: true }).click(),
    ]);
    assert.equal(refused.status(), 422);
    await page.waitForLoadState('domcontentloaded');
    const summary = page.locator('.pc-error-summary');
    await summary.waitFor();
    assert.match(
      await summary.innerText(),
      new RegExp(
        'Prescription refusée : condition d’éligibilité non remplie — Être volontaire pour ' +
          's’inscrire dans un parcours d’insertion socioprofessionnelle',
      ),
    );
    const volunteer = page.getByLabel(/^Être volontaire/);
    assert.equal(await volunteer.getAttribute('aria-invalid'), 'true');
    await page
      .locator('#f-volunteer-erreur')
      .filter({ hasText: 'Condition non remplie : Être volontaire' })
      .waitFor();
    // What was typed is kept.
    assert.match(await page.getByLabel('Objectifs attendus').inputValue(), /restauration/);
    assert.equal(await page.getByLabel(/^Avoir besoin d’être accompagné/).isChecked(), true);
    await auditPage(t, page, 'journey-05-cpip-prescription-refusee');

    await volunteer.check();
    await submitTo(page, page.getByRole('button', { name: 'Prescrire', exact: true }), (u) =>
      /^\/prescriptions\/\d+$/.test(u.pathname),
    );
    state.prescribedAfterMs = Date.now();
    state.casePath = new URL(page.url()).pathname;
    await expectFrenchPage(page, `PPAIP — ${PERSON.display}`);
    await expectFlash(page, 'PPAIP prescrit : la prescription est transmise au prestataire.');
    await expectState(page, 'Prescrit — premier entretien à tenir');
    await page.getByText(`${PROVIDER} (Lot`).waitFor();
    await deadlineRow(page, 'Premier entretien avec la personne')
      .filter({ hasText: 'En cours' })
      .waitFor();
    // The CPIP does not get the provider's “read before the first interview” banner.
    assert.equal(await page.locator('section#diagnostic').count(), 0);
    await auditPage(t, page, 'journey-06-cpip-prescription');
  });

  it('provider: “Prescriptions reçues”, “À faire”, the file (SEC-1)', T, async (t) => {
    needCase();
    const { page } = provider;
    const nav = page.getByRole('navigation', { name: 'Menu principal' });
    await nav.getByRole('link', { name: 'Prescriptions reçues' }).click();
    await page.waitForURL((u) => u.pathname === '/prescriptions');
    await expectFrenchPage(page, 'Prescriptions reçues');
    const row = page.locator('table tbody tr').filter({ hasText: PERSON.display });
    await row.waitFor();
    assert.match(await row.innerText(), /SPIP du Cher/);
    assert.match(await row.innerText(), new RegExp(CPIP_NAME));
    assert.match(await row.innerText(), /Premier entretien avec la personne — avant le/);
    await auditPage(t, page, 'journey-07-prestataire-prescriptions-recues');

    await nav.getByRole('link', { name: 'À faire' }).click();
    await page.waitForURL((u) => u.pathname === '/a-faire');
    await expectFrenchPage(page, 'À faire');
    const todo = page.locator('table tbody tr').filter({ hasText: PERSON.display });
    await todo.filter({ hasText: 'Premier entretien avec la personne' }).waitFor();
    assert.match(await todo.first().innerText(), /CCTP\s+§\s+6\.1-2/);
    await auditPage(t, page, 'journey-08-prestataire-a-faire');

    // SEC-1: the provider sees the person's file, without the judicial information.
    await visit(page, state.personPath);
    await expectFrenchPage(page, PERSON.display);
    assert.equal(
      await page.getByRole('heading', { name: 'Situation judiciaire' }).count(),
      0,
      'the judicial section is for the SPIP only',
    );
    assert.equal(await page.getByText(/Condamné/).count(), 0, 'no judicial status');
    assert.equal(await page.getByText('Reliquat de peine').count(), 0, 'no sentence');
    assert.equal(await page.getByRole('link', { name: 'Prescrire un PPAIP' }).count(), 0);
    await auditPage(t, page, 'journey-09-prestataire-dossier-personne');
  });

  // The two steps below do not depend on the new case: they run while the minute of the
  // prescription passes, before the first interview can be recorded.
  it('coordinator: permanences on the sites (PPAIP-17)', T, async (t) => {
    const { page } = coordination;
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Permanences' })
      .click();
    await page.waitForURL((u) => u.pathname === '/permanences');
    await expectFrenchPage(page, 'Permanences');
    const form = page.locator('form#permanence');
    await form.getByLabel('Site').selectOption({ label: `${SITE} (établissement)` });
    await form.getByLabel('Date').fill(paris(Date.now()).date);
    await form
      .getByLabel('Note (facultatif)')
      .fill('Rencontre avec les CPIP du quartier arrivants.');
    await submitTo(
      page,
      form.getByRole('button', { name: 'Enregistrer la permanence' }),
      (u) => u.pathname === '/permanences',
    );
    await expectFlash(page, 'Permanence enregistrée.');
    await page
      .locator('table tbody tr')
      .filter({ hasText: 'quartier arrivants' })
      .first()
      .waitFor();
    await page
      .locator('table tbody tr')
      .filter({ has: page.locator('th', { hasText: SITE }) })
      .first()
      .waitFor();
    await auditPage(t, page, 'journey-10-coordination-permanences');
  });

  // The demo data may hold a case in progress with a past session whose attendance is still
  // to record (see `parcours demo`): the provider records it from the case page.
  it('provider: attendance of a past demo session (PPAIP-11, PPAIP-12)', T, async (t) => {
    let page = null;
    let link = null;
    for (const s of [provider, coordination]) {
      await visit(s.page, '/a-faire');
      const candidate = s.page
        .locator('table tbody tr')
        .filter({ hasText: 'Présence à enregistrer' })
        .getByRole('link', { name: /Présence à enregistrer/ })
        .first();
      if (await candidate.count()) {
        page = s.page;
        link = candidate;
        break;
      }
    }
    if (!link) {
      t.skip('the demo data has no past session whose attendance is to record (parcours demo)');
      return;
    }
    // « Présence à enregistrer — séance du lundi 16 novembre 2026 à 9 h 30 »
    const label = (await link.innerText()).trim();
    await submitTo(page, link, (u) => /^\/prescriptions\/\d+$/.test(u.pathname));
    const casePath = new URL(page.url()).pathname;
    const when = label.replace(/^Présence à enregistrer — séance du /, '');
    const form = page
      .locator('form.pc-subform')
      .filter({ has: page.locator('legend', { hasText: when }) })
      .first();
    await form.waitFor();
    await auditPage(t, page, 'journey-11-prestataire-presence-a-enregistrer');
    await form.getByLabel(/^Absente?$/).check();
    await form
      .getByLabel('Motif de l’absence')
      .selectOption({ label: 'Maladie (justifiée par défaut)' });
    await form
      .getByLabel('Note (facultatif)')
      .fill('Certificat médical transmis par l’établissement.');
    await submitTo(
      page,
      form.getByRole('button', { name: 'Enregistrer la présence' }),
      (u) => u.pathname === casePath,
    );
    await expectFlash(page, 'Absence justifiée enregistrée.');
    await page
      .locator('#seances table tbody tr')
      .filter({ hasText: 'Maladie' })
      .first()
      .waitFor();
    await screenshot(page, 'journey-12-prestataire-absence-justifiee');
  });

  it('provider: the diagnosis first, then the first interview (BEN-2, PPAIP-4)', T, async (t) => {
    needCase();
    const { page } = provider;
    await visit(page, '/a-faire');
    await submitTo(
      page,
      page
        .locator('table tbody tr')
        .filter({ hasText: PERSON.display })
        .getByRole('link', { name: 'Premier entretien avec la personne' }),
      (u) => u.pathname === state.casePath,
    );
    await expectFrenchPage(page, `PPAIP — ${PERSON.display}`);
    const banner = page.locator('section#diagnostic');
    await banner
      .getByRole('heading', {
        name: /Diagnostic socio-professionnel — à lire avant le premier entretien/,
      })
      .waitFor();
    assert.match(await banner.innerText(), /Souhaite reprendre une formation qualifiante/);
    assert.match(await banner.innerText(), /CPU arrivants/);
    // The diagnosis comes before the actions of the case.
    const order = await page.evaluate(() => {
      const d = document.querySelector('section#diagnostic');
      const a = document.querySelector('section#actions');
      return d && a ? d.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
    });
    assert.ok(order, 'the diagnosis section precedes the actions');
    await auditPage(t, page, 'journey-13-prestataire-prescription-avant-entretien');

    await submitTo(
      page,
      page.getByRole('link', { name: 'Enregistrer le premier entretien' }),
      (u) => u.pathname === `${state.casePath}/premier-entretien`,
    );
    await expectFrenchPage(page, 'Enregistrer le premier entretien');
    await page.locator('section#diagnostic').getByText('Souhaite reprendre').waitFor();
    // The interview may neither precede the prescription nor be in the future: the first
    // minute after the prescription, once it has passed.
    const at = Math.floor(state.prescribedAfterMs / 60_000) * 60_000 + 60_000;
    const wait = at + 1_000 - Date.now();
    if (wait > 0) {
      t.diagnostic(`waiting ${Math.ceil(wait / 1000)} s for the first interview's minute`);
      await sleep(wait);
    }
    const { date, time } = paris(at);
    await page.locator('#f-date').fill(date);
    await page.getByLabel('Heure de début').fill(time);
    // A session ends the day it starts: near midnight in Paris the interview is shorter.
    const [hour, minute] = time.split(':').map(Number);
    const duration = Math.max(1, Math.min(60, 24 * 60 - (hour * 60 + minute) - 1));
    await page.getByLabel('Durée en minutes').fill(String(duration));
    await page.getByLabel('Lieu (texte libre)').fill('Parloir avocats, bâtiment A');
    await auditPage(t, page, 'journey-14-prestataire-premier-entretien');
    await submitTo(
      page,
      page.getByRole('button', { name: 'Enregistrer', exact: true }),
      (u) => u.pathname === state.casePath,
    );
    await expectFlash(page, 'Premier entretien enregistré.');
    await expectState(page, 'Premier entretien réalisé');
    assert.equal(await page.locator('section#diagnostic').count(), 0, 'the banner is gone');
    await deadlineRow(page, 'Premier entretien avec la personne')
      .filter({ hasText: 'Respecté' })
      .waitFor();
    await page
      .locator('#seances table tbody tr')
      .filter({ hasText: 'Premier entretien' })
      .filter({ hasText: 'Parloir avocats' })
      .waitFor();
    await screenshot(page, 'journey-15-prestataire-apres-premier-entretien');
  });

  it('provider: proposes a programme (PPAIP-6)', T, async (t) => {
    needCase();
    const { page } = provider;
    await submitTo(
      page,
      page.getByRole('link', { name: 'Proposer un programme' }),
      (u) => u.pathname === `${state.casePath}/proposition`,
    );
    await expectFrenchPage(page, 'Proposer un programme');
    const actions = page.getByRole('group', { name: /Actions du programme/ });
    for (const label of [
      'Positionnement, orientation et bilan de compétences',
      'Définition du projet professionnel ou de formation',
      'CV et lettre de motivation',
    ])
      await actions.getByLabel(label).check();
    await page.getByLabel('Heures individuelles').fill('12');
    await page
      .getByLabel('Contenu du programme')
      .fill('Bilan de positionnement, puis définition du projet de formation en restauration.');
    await page
      .getByLabel('Justification du nombre d’heures')
      .fill('Quatre séances de trois heures : positionnement, projet, candidatures.');
    await page
      .getByLabel('Calendrier prévisionnel')
      .fill('Mardis après-midi, sur quatre semaines.');
    await auditPage(t, page, 'journey-16-prestataire-proposition');
    await submitTo(
      page,
      page.getByRole('button', { name: 'Soumettre au CPIP' }),
      (u) => u.pathname === state.casePath,
    );
    await expectFlash(page, 'Proposition soumise au CPIP pour validation.');
    await expectState(page, 'Proposition soumise au CPIP');
    await page
      .getByRole('heading', { level: 3, name: /^Version 1 — Proposition initiale/ })
      .waitFor();
  });

  it('CPIP: “Validations”, “À faire”; refuses with a comment (PPAIP-7)', T, async (t) => {
    needCase();
    const { page } = cpip;
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Validations' })
      .click();
    await page.waitForURL((u) => u.pathname === '/validations');
    await expectFrenchPage(page, 'Propositions à valider');
    const link = page.getByRole('link', { name: PERSON.display });
    await link.waitFor();
    await auditPage(t, page, 'journey-17-cpip-validations');

    await visit(page, '/a-faire');
    await page
      .locator('table tbody tr')
      .filter({ hasText: PERSON.display })
      .filter({ hasText: 'Proposition de programme à valider' })
      .waitFor();
    await auditPage(t, page, 'journey-18-cpip-a-faire');

    await visit(page, '/validations');
    await submitTo(
      page,
      page.getByRole('link', { name: PERSON.display }),
      (u) => u.pathname === state.casePath,
    );
    const decision = page.locator('form#decision');
    await decision.getByRole('heading', { name: 'Votre décision sur la version 1' }).waitFor();
    await decision
      .getByLabel('Commentaire (facultatif)')
      .fill(
        'Douze heures ne suffiront pas : prévoir un temps sur les candidatures et les entretiens.',
      );
    await auditPage(t, page, 'journey-19-cpip-decision');
    await submitTo(
      page,
      decision.getByRole('button', { name: 'Refuser la proposition' }),
      (u) => u.pathname === state.casePath,
    );
    await expectFlash(page, 'Proposition refusée : le prestataire en est informé.');
    await expectState(page, 'Proposition refusée — à revoir');
  });

  it('provider: sees the refusal and submits version 2 (PPAIP-7)', T, async (t) => {
    needCase();
    const { page } = provider;
    await visit(page, state.casePath);
    await expectState(page, 'Proposition refusée — à revoir');
    const v1 = page.locator('article[aria-labelledby="proposition-v1"]');
    assert.match(await v1.innerText(), /Douze heures ne suffiront pas/);
    await submitTo(
      page,
      page.getByRole('link', { name: 'Proposer une nouvelle version' }),
      (u) => u.pathname === `${state.casePath}/proposition`,
    );
    // The new version starts from the previous one.
    assert.equal(await page.getByLabel('Heures individuelles').inputValue(), '12');
    assert.equal(
      await page.getByLabel('CV et lettre de motivation').isChecked(),
      true,
      'the actions of version 1 are kept',
    );
    await page.getByLabel('Aide aux démarches de candidature').check();
    await page.getByLabel('Heures individuelles').fill('18');
    await page
      .getByLabel('Justification du nombre d’heures')
      .fill(
        'Six séances de trois heures : positionnement, projet, candidatures et préparation ' +
          'aux entretiens.',
      );
    await submitTo(
      page,
      page.getByRole('button', { name: 'Soumettre au CPIP' }),
      (u) => u.pathname === state.casePath,
    );
    await expectFlash(page, 'Proposition soumise au CPIP pour validation.');
    await expectState(page, 'Proposition soumise au CPIP');
    await screenshot(page, 'journey-20-prestataire-version-2');
  });

  it('CPIP: validates version 2, sees both versions compared (PPAIP-7)', T, async (t) => {
    needCase();
    const { page } = cpip;
    await visit(page, state.casePath);
    const decision = page.locator('form#decision');
    await decision.getByRole('heading', { name: 'Votre décision sur la version 2' }).waitFor();
    await submitTo(
      page,
      decision.getByRole('button', { name: 'Valider la proposition' }),
      (u) => u.pathname === state.casePath,
    );
    await expectFlash(page, 'Proposition validée : le prestataire en est informé.');
    await expectState(page, 'Validé — démarrage à venir');
    const v1 = page.locator('article[aria-labelledby="proposition-v1"]');
    const v2 = page.locator('article[aria-labelledby="proposition-v2"]');
    await v1.locator('.pc-badge').filter({ hasText: /refus/i }).waitFor();
    await v2.locator('.pc-badge').filter({ hasText: /valid/i }).waitFor();
    const changes = v2.getByRole('table', {
      name: 'Modifications par rapport à la version précédente',
    });
    await changes.waitFor();
    const hoursRow = changes.locator('tbody tr').filter({ hasText: /heures/i }).first();
    assert.match(await hoursRow.innerText(), /12/);
    assert.match(await hoursRow.innerText(), /18/);
    await deadlineRow(page, 'Démarrage du programme validé')
      .filter({ hasText: 'En cours' })
      .waitFor();
    await auditPage(t, page, 'journey-21-cpip-versions-comparees');
  });

  it('provider: a session, the calendar and its letter (PPAIP-3, PPAIP-10)', T, async (t) => {
    needCase();
    const { page } = provider;
    await visit(page, state.casePath);
    await expectState(page, 'Validé — démarrage à venir');
    await submitTo(
      page,
      page.getByRole('link', { name: 'Planifier une séance' }),
      (u) => u.pathname === `${state.casePath}/seances/nouvelle`,
    );
    await expectFrenchPage(page, 'Planifier une séance');
    // Next Tuesday (from tomorrow on) at 10:00: within the training hours “mardi 09:00-12:00”.
    const today = paris(Date.now()).date;
    let day = addDays(today, 1);
    for (let k = 2; day.weekday !== 2; ++k) day = addDays(today, k);
    state.sessionDay = day.date;
    await page.locator('#f-date').fill(day.date);
    await page.getByLabel('Heure de début').fill('10:00');
    await page.getByLabel('Durée en minutes').fill('90');
    await page.getByLabel('Lieu (texte libre)').fill('Salle de formation, bâtiment B');
    await auditPage(t, page, 'journey-22-prestataire-planifier-seance');
    await submitTo(
      page,
      page.getByRole('button', { name: 'Planifier la séance' }),
      (u) => u.pathname === state.casePath,
    );
    await expectFlash(page, 'chevauche l’emploi du temps de la formation');
    const session = page
      .locator('#seances table tbody tr')
      .filter({ hasText: 'Salle de formation' });
    await session.getByText('Chevauche l’emploi du temps de formation').waitFor();
    await screenshot(page, 'journey-23-prestataire-seance-chevauchement');

    // Moved to the afternoon, outside the training hours (no calendar sent yet: no change).
    const move = page
      .locator('details.pc-action')
      .filter({ hasText: 'Déplacer ou annuler' })
      .first();
    await move.locator('summary').click();
    await move.getByLabel('Heure de début').fill('14:00');
    await submitTo(
      page,
      move.getByRole('button', { name: 'Déplacer la séance' }),
      (u) => u.pathname === state.casePath,
    );
    await expectFlash(page, 'Séance déplacée.');
    assert.equal(
      await session.getByText('Chevauche l’emploi du temps').count(),
      0,
      'no overlap any more',
    );

    // PPAIP-10: the personalised calendar to the CPIP.
    await fireEvent(page, 'send_calendar', async (d) => {
      await d
        .getByLabel('Commentaire (facultatif)')
        .fill('Calendrier remis à la personne en main propre.');
    });
    await expectFlash(page, 'Calendrier personnalisé transmis au CPIP.');
    await page
      .locator('#historique')
      .getByText('Calendrier personnalisé transmis au CPIP', { exact: false })
      .first()
      .waitFor();

    await submitTo(
      page,
      page.getByRole('link', { name: 'Courrier à imprimer pour la personne (calendrier)' }),
      (u) => u.pathname === `${state.casePath}/courrier-calendrier`,
    );
    await expectFrenchPage(page, 'Objet : vos prochains rendez-vous d’accompagnement');
    assert.equal(await page.title(), 'Courrier — calendrier des rendez-vous — Parcours');
    const letter = page.locator('article.pc-letter');
    const text = await letter.innerText();
    assert.match(text, /Madame,/);
    assert.match(text, new RegExp(`prescrit par ${CPIP_NAME}`));
    assert.match(text, /Écrou n° 18-2025-0147/);
    assert.match(text, new RegExp(SITE));
    assert.match(text, /14\s+h\s+00/);
    assert.match(text, /Salle de formation/);
    await auditPage(t, page, 'journey-24-prestataire-courrier');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.pc-letter-tools').isVisible(), false, 'tools not printed');
    await screenshot(page, 'journey-25-prestataire-courrier-impression');
    await page.emulateMedia({ media: 'screen' });
  });

  it('CPIP: the calendar arrives in the notifications', T, async (t) => {
    needCase();
    const { page } = cpip;
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Notifications' })
      .click();
    await page.waitForURL((u) => u.pathname === '/notifications');
    await expectFrenchPage(page, 'Notifications');
    const calendarTitle = `Calendrier personnalisé transmis au CPIP — ${PERSON.display}`;
    const item = page.locator('table tbody tr').filter({ hasText: calendarTitle });
    await item.waitFor();
    assert.match(await item.innerText(), /Non lue/);
    assert.match(await item.innerText(), /Calendrier personnalisé et ses modifications/);
    // The other steps of the journey were notified too.
    for (const title of [
      `Proposition de programme soumise — ${PERSON.display}`,
      `Nouvelle version de la proposition soumise — ${PERSON.display}`,
    ])
      await page.locator('table tbody tr').filter({ hasText: title }).first().waitFor();
    await auditPage(t, page, 'journey-26-cpip-notifications');

    // Opening it leads to the case, and marks it as read.
    await submitTo(
      page,
      item.getByRole('link', { name: /Calendrier personnalisé transmis au CPIP/ }),
      (u) => u.pathname === state.casePath,
    );
    await visit(page, '/notifications');
    const read = page.locator('table tbody tr').filter({ hasText: calendarTitle });
    assert.match(await read.innerText(), /\bLue\b/, 'the notification is marked as read');
    assert.doesNotMatch(await read.innerText(), /Non lue/);
  });

  it('provider: starts, moves a session, suspends, resumes (PPAIP-8, 10, 13)', T, async (t) => {
    needCase();
    const { page } = provider;
    await visit(page, state.casePath);
    await fireEvent(page, 'start');
    await expectFlash(page, 'Programme démarré.');
    await expectState(page, 'En cours');
    await deadlineRow(page, 'Démarrage du programme validé')
      .filter({ hasText: 'Respecté' })
      .waitFor();

    // Once the calendar is sent, moving a session is a change to communicate within 48 h.
    const move = page
      .locator('details.pc-action')
      .filter({ hasText: 'Déplacer ou annuler' })
      .first();
    await move.locator('summary').click();
    await move.getByLabel('Heure de début').fill('14:30');
    await submitTo(
      page,
      move.getByRole('button', { name: 'Déplacer la séance' }),
      (u) => u.pathname === state.casePath,
    );
    await expectFlash(page, 'Séance déplacée.');
    const change = deadlineRow(page, 'Communication d’une modification du calendrier');
    await change.filter({ hasText: 'En cours' }).waitFor();

    await fireEvent(page, 'suspend', async (d) => {
      await d
        .getByLabel('Motif')
        .selectOption({ label: 'Fouille générale de l’établissement' });
      await d.getByLabel('Commentaire (facultatif)').fill('Mouvements bloqués toute la semaine.');
    });
    await expectFlash(page, 'Programme suspendu.');
    await expectState(page, 'Suspendu');
    const suspension = page.locator('#suspensions table tbody tr').first();
    assert.match(await suspension.innerText(), /Fouille générale de l’établissement/);
    assert.match(await suspension.innerText(), /En cours/);
    await change.filter({ hasText: 'En pause depuis le' }).waitFor();
    await auditPage(t, page, 'journey-27-prestataire-suspendu');

    await fireEvent(page, 'resume');
    await expectFlash(page, 'Programme repris.');
    await expectState(page, 'En cours');
    assert.doesNotMatch(await suspension.innerText(), /En cours/, 'the suspension has ended');
    assert.equal(await change.filter({ hasText: 'En pause' }).count(), 0, 'the delay runs again');

    await fireEvent(page, 'communicate_calendar_change');
    await change.filter({ hasText: 'Respecté' }).waitFor();
    await screenshot(page, 'journey-28-prestataire-repris');
  });

  it('CPIP: the case page after the journey', T, async (t) => {
    needCase();
    const { page } = cpip;
    await visit(page, state.casePath);
    await expectState(page, 'En cours');
    const history = await page.locator('#historique').innerText();
    for (const label of ['Programme suspendu', 'Programme repris'])
      assert.match(history, new RegExp(label));
    await auditPage(t, page, 'journey-29-cpip-prescription-en-cours');
  });

  it('provider: the agenda lists the session', T, async (t) => {
    needCase();
    const { page } = provider;
    await page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Agenda' })
      .click();
    await page.waitForURL((u) => u.pathname === '/agenda');
    await expectFrenchPage(page, 'Mon agenda');
    await page
      .locator(`section[aria-labelledby="jour-${state.sessionDay}"] tbody tr`)
      .filter({ hasText: PERSON.display })
      .filter({ hasText: '14 h 30' })
      .waitFor();
    await auditPage(t, page, 'journey-30-prestataire-agenda');
  });
});
