import { chromium } from 'playwright-core';
const base = process.env.BASE;
const [login, ...paths] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const ctx = await b.newContext({ baseURL: base, locale: 'fr-FR' });
const page = await ctx.newPage();
await page.goto('/connexion');
await page.getByLabel('Adresse électronique').fill(login + '@demo.parcours.fr');
await page.getByLabel('Mot de passe').fill('Parcours-demo-2025');
await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.getByRole('button', { name: 'Se connecter' }).click()]);
for (const p of paths) {
  const r = await page.goto(p);
  console.log('=====', p, r.status(), await page.title());
  console.log((await page.locator('main').innerText()).slice(0, 6000));
}
await b.close();
