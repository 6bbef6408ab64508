// Browser journeys per role on the real server with the demo data (DESIGN §5):
// sign-in by keyboard, the main admin pages, a CPIP's refusals, a provider coordinator's
// own organisation, and the same forms with JavaScript disabled. Every page visited is
// checked with axe-core (WCAG 2.1 A/AA) and saved as a full-page screenshot.
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
  h1,
  newContext,
  screenshot,
  signInHome,
  visit,
} from './support.mjs';

const T = { timeout: TEST_TIMEOUT_MS };
const PROVIDER = 'Insertion Centre-Val (démo)';

// Makes a missing server obvious instead of a series of timeouts.
before(async () => {
  assert.ok(BASE_URL, 'PARCOURS_E2E_URL is not set: run scripts/run-e2e');
  const res = await fetch(new URL('/healthz', BASE_URL));
  assert.equal(res.status, 200, `${BASE_URL}/healthz`);
});
after(closeBrowser);

const activeElement = (page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    return {
      tag: e?.tagName.toLowerCase(),
      id: e?.id ?? '',
      text: (e?.textContent ?? '').trim(),
      href: e?.getAttribute('href') ?? null,
      classes: e?.className ?? '',
    };
  });

// One signed-in (or anonymous) context per role, shared by the tests of a `describe`,
// which node:test runs one after the other.
function session(login) {
  const s = { ctx: null, page: null };
  before(async () => {
    s.ctx = await newContext();
    s.page = await s.ctx.newPage();
    if (login) await signInHome(s.page, email(login));
  });
  after(async () => {
    await s.ctx?.close();
  });
  return s;
}

// The walks run one after the other (one context each, sharing the browser), so that a
// loaded 2-core machine stays well within the timeouts.
describe('Parcours in Chromium', { concurrency: 1 }, () => {
  describe('Sign-in journey (keyboard only)', { concurrency: 1 }, () => {
    const s = session(null);

    it('the sign-in page is in French and accessible', T, async (t) => {
      const { page } = s;
      const res = await visit(page, '/connexion');
      assert.equal(res.status(), 200);
      await expectFrenchPage(page, 'Connexion à Parcours');
      assert.equal(await page.title(), 'Connexion — Parcours');
      await page.getByLabel('Adresse électronique').waitFor();
      await page.getByLabel('Mot de passe').waitFor();
      await page.getByRole('button', { name: 'Se connecter' }).waitFor();
      assert.equal(await page.getByRole('navigation', { name: 'Menu principal' }).count(), 0);
      await auditPage(t, page, 'anonyme-connexion');
    });

    it('Tab reaches the skip link first, and it leads to the main content', T, async () => {
      const { page } = s;
      await visit(page, '/connexion');
      await page.keyboard.press('Tab');
      const first = await activeElement(page);
      assert.deepEqual(
        { tag: first.tag, text: first.text, href: first.href },
        { tag: 'a', text: 'Aller au contenu', href: '#contenu' },
        'the first Tab stop is the skip link',
      );
      const skip = page.getByRole('link', { name: 'Aller au contenu' });
      const box = await skip.boundingBox();
      assert.ok(box && box.width > 1 && box.height > 1, 'the focused skip link is visible');
      await screenshot(page, 'anonyme-connexion-lien-evitement');
      await page.keyboard.press('Enter');
      await page.waitForURL((u) => u.hash === '#contenu');
      assert.equal((await activeElement(page)).id, 'contenu', 'focus moves to <main>');
      await page.keyboard.press('Tab');
      assert.equal((await activeElement(page)).id, 'f-email', 'next Tab stop is the e-mail field');
    });

    it('a wrong password shows the French error, the right one opens the home page', T, async (t) => {
      const { page } = s;
      // Wrong password, keyboard only.
      await visit(page, '/connexion');
      await page.keyboard.press('Tab'); // skip link
      await page.keyboard.press('Enter'); // to <main>
      await page.keyboard.press('Tab'); // e-mail
      await page.keyboard.type(email('admin'));
      await page.keyboard.press('Tab'); // password
      assert.equal((await activeElement(page)).id, 'f-password');
      await page.keyboard.type('pas-le-bon-mot-de-passe');
      const [refused] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/connexion') && r.request().method() === 'POST'),
        page.keyboard.press('Enter'),
      ]);
      assert.equal(refused.status(), 401);
      await page.waitForLoadState('domcontentloaded');
      const alert = page.getByRole('alert');
      // The visible message, after a prefix only screen readers announce.
      assert.equal(
        (await alert.textContent()).replace(/\s+/g, ' ').trim(),
        'Erreur : Adresse e-mail ou mot de passe incorrect.',
      );
      assert.match(await alert.locator('.visually-hidden').textContent(), /^Erreur\s:\s*$/u);
      assert.equal(await page.getByLabel('Adresse électronique').inputValue(), email('admin'));
      assert.equal(await page.getByLabel('Mot de passe').inputValue(), '', 'password not echoed');
      await auditPage(t, page, 'anonyme-connexion-erreur');

      // Right password, keyboard only: skip link, main, e-mail (kept), password, Enter.
      await page.keyboard.press('Tab');
      // After a reload the first Tab stop is the skip link again.
      assert.equal((await activeElement(page)).text, 'Aller au contenu');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      assert.equal((await activeElement(page)).id, 'f-email');
      await page.keyboard.press('Tab');
      assert.equal((await activeElement(page)).id, 'f-password');
      await page.keyboard.type('Parcours-demo-2025');
      await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.keyboard.press('Enter')]);
      await expectFrenchPage(page, 'Bonjour Agnès Poirier');
      assert.equal(await page.title(), 'Accueil — Parcours');
      await page.getByRole('status').filter({ hasText: 'Bienvenue, Agnès Poirier.' }).waitFor();
      await page
        .getByRole('heading', { level: 2, name: 'Administration de la plateforme Parcours (démo)' })
        .waitFor();
      await page.getByText('Vos espaces de travail, selon vos rattachements').waitFor();
      await screenshot(page, 'admin-accueil-apres-connexion'); // audited in the admin walk
    });

    it('“Se déconnecter” returns to the sign-in page and ends the session', T, async () => {
      const { page } = s;
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/connexion'),
        page.getByRole('button', { name: 'Se déconnecter' }).click(),
      ]);
      await expectFrenchPage(page, 'Connexion à Parcours');
      await screenshot(page, 'anonyme-deconnexion');
      await visit(page, '/');
      assert.equal(new URL(page.url()).pathname, '/connexion', 'the home page needs a session again');
    });

    it('the public pages (accessibility, help) are accessible', T, async (t) => {
      const { page } = s;
      for (const [path, heading, shot] of [
        ['/accessibilite', 'Accessibilité', 'anonyme-accessibilite'],
        ['/aide', 'Aide', 'anonyme-aide'],
      ]) {
        const res = await visit(page, path);
        assert.equal(res.status(), 200, path);
        await expectFrenchPage(page, heading);
        await auditPage(t, page, shot);
      }
    });
  });

  describe('Administrator walk', { concurrency: 1 }, () => {
    const s = session('admin');

    it('home page lists the admin workspace', T, async (t) => {
      const { page } = s;
      await visit(page, '/');
      await expectFrenchPage(page, 'Bonjour Agnès Poirier');
      const nav = page.getByRole('navigation', { name: 'Menu principal' });
      for (const label of ['Accueil', 'Organisations', 'Utilisateurs', 'Marché et lots', 'Import'])
        await nav.getByRole('link', { name: label, exact: true }).waitFor();
      assert.equal(
        await nav.getByRole('link', { name: 'Accueil' }).getAttribute('aria-current'),
        'page',
      );
      await auditPage(t, page, 'admin-accueil');
    });

    it('organisations list, and its type filter', T, async (t) => {
      const { page } = s;
      await page
        .getByRole('navigation', { name: 'Menu principal' })
        .getByRole('link', { name: 'Organisations' })
        .click();
      await page.waitForURL((u) => u.pathname === '/admin/organisations');
      await expectFrenchPage(page, 'Organisations');
      const table = page.getByRole('table');
      assert.match(await table.locator('caption').innerText(), /^\d+ organisations?$/);
      await table.getByRole('link', { name: PROVIDER }).waitFor();
      await page.getByRole('link', { name: 'Nouvelle organisation' }).waitFor();
      await auditPage(t, page, 'admin-organisations');

      await page.getByLabel('Type').selectOption({ label: 'SPIP' });
      await Promise.all([
        page.waitForURL((u) => u.searchParams.get('type') === 'spip'),
        page.getByRole('button', { name: 'Filtrer' }).click(),
      ]);
      const types = await page.locator('table tbody tr td:nth-child(2)').allInnerTexts();
      assert.ok(types.length > 0, 'the SPIP filter shows SPIPs');
      assert.deepEqual([...new Set(types.map((x) => x.trim()))], ['SPIP']);
      assert.equal(await page.getByLabel('Type').inputValue(), 'spip', 'the filter stays selected');
      await auditPage(t, page, 'admin-organisations-spip');
    });

    it(`organisation detail: the provider “${PROVIDER}”`, T, async (t) => {
      const { page } = s;
      await visit(page, '/admin/organisations');
      await Promise.all([
        page.waitForURL(/\/admin\/organisations\/\d+$/),
        page.getByRole('link', { name: PROVIDER }).click(),
      ]);
      await expectFrenchPage(page, PROVIDER);
      await page.locator('.pc-subheading', { hasText: 'Prestataire' }).waitFor();
      for (const section of [
        'Membres',
        'Lots du marché',
        'Lieux et salles',
        'Autorisations d’accès aux établissements',
        'Coordinateurs par établissement',
        'Suppléants désignés',
      ])
        await page.getByRole('heading', { level: 2, name: section }).waitFor();
      await page.getByRole('table', { name: 'Membres' }).getByRole('link', { name: 'Élodie Marchand' }).waitFor();
      await auditPage(t, page, 'admin-organisation-prestataire');
    });

    it('new organisation form submitted empty shows the French error summary', T, async (t) => {
      const { page } = s;
      const res = await visit(page, '/admin/organisations/nouvelle');
      assert.equal(res.status(), 200);
      await expectFrenchPage(page, 'Nouvelle organisation');
      await page.getByText('Les champs marqués d’un astérisque (*) sont obligatoires.').waitFor();
      await auditPage(t, page, 'admin-organisation-nouvelle');

      // The browser's own check stops an empty submission on the required fields first.
      const submit = page.getByRole('button', { name: 'Créer l’organisation' });
      await submit.click();
      assert.equal(new URL(page.url()).pathname, '/admin/organisations/nouvelle');
      assert.equal(
        await page.getByLabel('Nom').evaluate((e) => e.validity.valueMissing),
        true,
        'the browser flags the empty required name',
      );

      // The server-side validation, as reached by a browser that does not check forms.
      await page.locator('form.pc-form').evaluate((f) => {
        f.noValidate = true;
      });
      const [posted] = await Promise.all([
        page.waitForResponse(
          (r) => r.url().endsWith('/admin/organisations/nouvelle') && r.request().method() === 'POST',
        ),
        submit.click(),
      ]);
      assert.equal(posted.status(), 422);
      await page.waitForLoadState('domcontentloaded');
      await expectFrenchPage(page, 'Nouvelle organisation');
      const summary = page.locator('.pc-error-summary');
      await summary.waitFor();
      assert.equal(await summary.getAttribute('role'), 'alert');
      await summary.getByRole('heading', { name: 'Le formulaire contient des erreurs' }).waitFor();
      assert.match(await summary.innerText(), /L’organisation n’est pas valide\./);
      const links = summary.getByRole('link');
      const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.ok(hrefs.includes('#f-name'), `summary links ${hrefs}`);
      assert.ok(hrefs.includes('#f-code'), `summary links ${hrefs}`);
      for (const href of hrefs)
        assert.equal(await page.locator(href).count(), 1, `the summary link ${href} has a target`);
      assert.match(await summary.getByRole('link', { name: /nom/i }).innerText(), /obligatoire/);
      // `autofocus` moves the focus to the summary once the page is rendered.
      await page.locator('.pc-error-summary:focus').waitFor();
      const name = page.getByRole('textbox', { name: 'Nom', exact: true });
      assert.equal(await name.getAttribute('aria-invalid'), 'true');
      assert.match(await name.getAttribute('aria-describedby'), /f-name-erreur/);
      await page.locator('#f-name-erreur', { hasText: 'obligatoire' }).waitFor();
      await auditPage(t, page, 'admin-organisation-nouvelle-erreurs');

      // Following a summary link lands on the field.
      await summary.locator('a[href="#f-code"]').click();
      await page.waitForURL((u) => u.hash === '#f-code');
      assert.equal((await activeElement(page)).id, 'f-code', 'the link moves the focus to the field');
    });

    it('users list', T, async (t) => {
      const { page } = s;
      const res = await visit(page, '/admin/utilisateurs');
      assert.equal(res.status(), 200);
      await expectFrenchPage(page, 'Utilisateurs');
      await page.getByRole('table').getByText(email('cpip')).waitFor();
      await auditPage(t, page, 'admin-utilisateurs');
    });

    it('contract DISP21-PPAIP and one of its lots', T, async (t) => {
      const { page } = s;
      await visit(page, '/');
      await page
        .getByRole('navigation', { name: 'Menu principal' })
        .getByRole('link', { name: 'Marché et lots' })
        .click();
      await page.waitForURL((u) => u.pathname === '/admin/marches');
      await expectFrenchPage(page, 'Marché et lots');
      await auditPage(t, page, 'admin-marches');

      await Promise.all([
        page.waitForURL(/\/admin\/marches\/\d+$/),
        page.getByRole('link', { name: 'DISP21-PPAIP', exact: true }).click(),
      ]);
      await expectFrenchPage(page, /DISP21-PPAIP|PPAIP/);
      const lot = page.locator('a[href^="/admin/lots/"]').first();
      await lot.waitFor();
      await auditPage(t, page, 'admin-marche');

      await Promise.all([page.waitForURL(/\/admin\/lots\/\d+$/), lot.click()]);
      await expectFrenchPage(page, /^Lot \d+/);
      await auditPage(t, page, 'admin-lot');
    });

    it('import page', T, async (t) => {
      const { page } = s;
      const res = await visit(page, '/admin/import');
      assert.equal(res.status(), 200);
      await expectFrenchPage(page, 'Importer un fichier CSV');
      await page.getByRole('button', { name: 'Importer' }).waitFor();
      await auditPage(t, page, 'admin-import');
    });

    it('account page', T, async (t) => {
      const { page } = s;
      await page.getByRole('link', { name: 'Mon compte' }).first().click();
      await page.waitForURL((u) => u.pathname === '/compte');
      await expectFrenchPage(page, 'Mon compte');
      await page.getByText(email('admin')).first().waitFor();
      await auditPage(t, page, 'admin-compte');
    });
  });

  // Issue 2 acceptance: every demo role signs in and gets its own home page, in French,
  // with its organisation and no serious accessibility problem.
  describe('Every demo role', { concurrency: 1 }, () => {
    const roles = [
      ['admin', 'Administrateur'],
      ['disp', 'Gestionnaire de marché (DISP)'],
      ['cpip', 'CPIP'],
      ['spip', 'Encadrement du SPIP'],
      ['coordination', 'Coordinateur prestataire'],
      ['cip', 'Intervenant CIP'],
      ['psychologue', 'Psychologue du travail'],
      ['plie', 'Chef de projet PLIE'],
      ['siae', 'Équipe SIAE'],
    ];
    for (const [login, roleLabel] of roles) {
      it(`${login}: home page`, T, async (t) => {
        const ctx = await newContext();
        try {
          const page = await ctx.newPage();
          await signInHome(page, email(login));
          await page.getByText(roleLabel, { exact: false }).first().waitFor();
          await auditPage(t, page, `accueil-${login}`);
        } finally {
          await ctx.close();
        }
      });
    }
  });

  describe('CPIP walk', { concurrency: 1 }, () => {
    const s = session('cpip');

    it('home page shows the SPIP membership and no admin menu', T, async (t) => {
      const { page } = s;
      await visit(page, '/');
      await expectFrenchPage(page, 'Bonjour Sandrine Leroy');
      await page.getByRole('heading', { level: 2, name: 'SPIP du Cher' }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Menu principal' });
      assert.equal(await nav.getByRole('link', { name: 'Organisations' }).count(), 0);
      await auditPage(t, page, 'cpip-accueil');
    });

    it('/admin/organisations is refused with 403 “Accès refusé”', T, async (t) => {
      const { page } = s;
      const res = await visit(page, '/admin/organisations');
      assert.equal(res.status(), 403);
      await expectFrenchPage(page, 'Accès refusé');
      await page.getByRole('link', { name: 'Retour à l’accueil' }).waitFor();
      await auditPage(t, page, 'cpip-organisations-refuse');
    });
  });

  describe('Provider coordinator walk', { concurrency: 1 }, () => {
    const s = session('coordination');

    it('home page', T, async (t) => {
      const { page } = s;
      await visit(page, '/');
      await expectFrenchPage(page, 'Bonjour Élodie Marchand');
      await page.getByRole('heading', { level: 2, name: PROVIDER }).waitFor();
      await auditPage(t, page, 'coordination-accueil');
    });

    it('own organisation lists the staff sections', T, async (t) => {
      const { page } = s;
      await visit(page, '/');
      await Promise.all([
        page.waitForURL(/\/admin\/organisations\/\d+$/),
        page.getByRole('link', { name: 'Ma structure et mes équipes' }).click(),
      ]);
      await expectFrenchPage(page, PROVIDER);
      for (const section of ['Autorisations d’accès aux établissements', 'Suppléants désignés'])
        await page.getByRole('heading', { level: 2, name: section }).waitFor();
      await page.getByRole('link', { name: 'Nouvelle autorisation' }).waitFor();
      await page.getByRole('link', { name: 'Désigner un suppléant' }).waitFor();
      await auditPage(t, page, 'coordination-structure');
    });
  });

  describe('Without JavaScript', { concurrency: 1 }, () => {
    const s = { ctx: null, page: null };
    before(async () => {
      s.ctx = await newContext({ javaScriptEnabled: false });
      s.page = await s.ctx.newPage();
    });
    after(async () => {
      await s.ctx?.close();
    });

    it('signs in, filters a list and creates an organisation', T, async () => {
      const { page } = s;
      await visit(page, '/connexion');
      await page.getByLabel('Adresse électronique').fill(email('admin'));
      await page.getByLabel('Mot de passe').fill('Parcours-demo-2025');
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/'),
        page.getByRole('button', { name: 'Se connecter' }).click(),
      ]);
      assert.equal(await h1(page), 'Bonjour Agnès Poirier');
      await screenshot(page, 'sansjs-admin-accueil');

      await visit(page, '/admin/organisations');
      await page.getByLabel('Type').selectOption('provider');
      await Promise.all([
        page.waitForURL((u) => u.searchParams.get('type') === 'provider'),
        page.getByRole('button', { name: 'Filtrer' }).click(),
      ]);
      await page.getByRole('link', { name: PROVIDER }).waitFor();

      // A unique code, so that a rerun on the same database still creates a new one.
      const code = `E2E-SANSJS-${Date.now()}`;
      const name = `Partenaire créé sans JavaScript ${code}`;
      await visit(page, '/admin/organisations/nouvelle');
      await page.getByLabel('Type d’organisation').selectOption('partner');
      await page.getByLabel('Nom').fill(name);
      await page.getByLabel('Code').fill(code);
      await page.getByLabel('Département').fill('21');
      await Promise.all([
        page.waitForURL(/\/admin\/organisations\/\d+$/),
        page.getByRole('button', { name: 'Créer l’organisation' }).click(),
      ]);
      assert.equal(await h1(page), name);
      await page.getByRole('status').filter({ hasText: 'Organisation créée.' }).waitFor();
      await screenshot(page, 'sansjs-admin-organisation-creee');

      await Promise.all([
        page.waitForURL((u) => u.pathname === '/connexion'),
        page.getByRole('button', { name: 'Se déconnecter' }).click(),
      ]);
    });
  });
});
