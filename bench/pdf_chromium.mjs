// Side-by-side PDF benchmark (issue 13, called by scripts/bench-pdf): a warm headless Chromium
// prints, with page.pdf(), HTML holding the same content as the two documents Parcours renders in
// bench/documents_bench.cc (the 30-session attendance sheet and the final bilan): same header on
// every page, same rows, the same 30 QR codes (inline SVG, one path each, built from the modules
// Parcours encodes), same page size and margins, "Page N sur M" footer. It then prints both
// timings and their ratio.
//
// Usage: node bench/pdf_chromium.mjs --data DIR --parcours FILE.json [--runs N] [--warmup N]
//        [--out FILE]
//   DIR: sheet.json, bilan.json (and the PDFs) written by parcours_bench with
//        PARCOURS_BENCH_EXPORT_DIR=DIR; the HTML and Chromium's PDFs are written there too.
//   FILE.json: Google Benchmark's JSON output (--benchmark_repetitions, aggregates), whose
//        medians are Parcours' times.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';

function parseArgs(argv) {
  const args = { runs: 15, warmup: 3, out: '' };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    args[key] = ['runs', 'warmup'].includes(key) ? Number(argv[i + 1]) : argv[i + 1];
  }
  if (!args.data || !args.parcours) {
    console.error('usage : node bench/pdf_chromium.mjs --data DOSSIER --parcours FICHIER.json');
    process.exit(2);
  }
  return args;
}

const esc = (s) =>
  String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

// The QR code as one SVG path of horizontal runs of dark modules, quiet zone of 2 modules.
function qrSvg(rows, sizeMm) {
  const quiet = 2;
  const n = rows.length + 2 * quiet;
  let d = '';
  rows.forEach((row, y) => {
    for (const m of row.matchAll(/1+/g))
      d += `M${m.index + quiet} ${y + quiet}h${m[0].length}v1h-${m[0].length}z`;
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}" ` +
    `style="width:${sizeMm}mm;height:${sizeMm}mm;display:block;margin:0 auto;background:#fff">` +
    `<path d="${d}" fill="#000"/></svg>`
  );
}

// The page header of every page (institutional block, provider, title, reference and date,
// running head) as Chromium's header template; the footer as its footer template.
function headerTemplate(h, runningHead) {
  const left = h.justice_branding
    ? `<div style="font-weight:bold;font-size:10.5pt">MINISTÈRE DE LA JUSTICE</div>
       <div style="width:28mm;border-top:1.2pt solid #000;margin:0.8mm 0 1.2mm"></div>
       <div style="font-size:7.5pt;color:#333">${esc(h.disp_name)}</div>
       <div style="font-size:8.5pt;font-weight:bold">${esc(h.spip_name)}</div>
       <div style="font-size:8pt">${esc(h.establishment_name)}</div>`
    : '';
  const provider = `<div style="font-size:9.5pt;font-weight:bold">${esc(h.provider_name)}</div>
       <div style="font-size:7.5pt;color:#4d4d4d">${esc(h.provider_contact)}</div>`;
  return `<div style="font-family:'DejaVu Sans';width:100%;margin:12mm 15mm 0;
      -webkit-print-color-adjust:exact">
    <div style="display:flex;justify-content:space-between">
      <div style="width:105mm">${h.justice_branding ? left : provider}</div>
      <div style="width:72mm;text-align:right">${h.justice_branding ? provider : ''}</div>
    </div>
    <div style="border-top:0.8pt solid #000;margin:2.5mm 0 2.5mm"></div>
    <div style="font-size:14pt;font-weight:bold">${esc(h.title)}</div>
    <div style="font-size:8pt;color:#4d4d4d">${esc([h.reference, h.generated_on].filter(Boolean).join(' — '))}</div>
    <div style="margin-top:2mm;background:#ebebeb;padding:1.2mm 2.4mm;font-size:8.5pt;
      font-weight:bold;white-space:nowrap;overflow:hidden;text-overflow:ellipsis">${esc(runningHead)}</div>
  </div>`;
}

function footerTemplate(h) {
  const note = [h.title, h.reference].filter(Boolean).join(' — ');
  return `<div style="font-family:'DejaVu Sans';width:100%;margin:0 15mm 4mm;
      border-top:0.4pt solid #808080;padding-top:1.5mm;display:flex;justify-content:space-between">
    <span style="font-size:7.5pt;color:#595959">${esc(note)}</span>
    <span style="font-size:8pt">Page <span class="pageNumber"></span> sur <span class="totalPages"></span></span>
  </div>`;
}

const baseCss = `
  @page { size: A4; }
  body { font-family: 'DejaVu Sans'; font-size: 9.5pt; margin: 0; -webkit-print-color-adjust: exact; }
  table.data { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 8pt; }
  table.data th { background: #e0e0e0; font-size: 7.5pt; text-align: left; vertical-align: top; }
  table.data th, table.data td { border: 0.6pt solid #000; padding: 1.3mm; vertical-align: top; }
  table.data tr { break-inside: avoid; }
  .box { border: 0.6pt solid #000; background: #f7f7f7; padding: 2mm; }
  .note { font-size: 7.5pt; font-style: italic; color: #262626; }
  .code { font-family: 'DejaVu Sans Mono'; font-weight: bold; font-size: 7.5pt; text-align: center; margin-top: 1mm; }
  h2 { font-size: 11.5pt; margin: 5mm 0 0.8mm; padding-bottom: 1.2mm; border-bottom: 0.5pt solid #737373; break-after: avoid; }
  p { margin: 0 0 2.2mm; }
  .signatures { display: flex; break-inside: avoid; margin-top: 6mm; }
  .signatures div { border: 0.6pt solid #000; height: 24mm; padding: 1.3mm; font-weight: bold; font-size: 8pt; }
`;

function sheetHtml(d) {
  const widths = [24, 15, 13, 28, 22, 34, 21, 23];
  const labels = ['Date', 'Heure de début', 'Durée', 'Lieu', 'Nature de la séance',
    'Signature de la personne ou motif d’absence', 'Code de la séance', 'Signature de l’intervenant'];
  const rows = d.lines.map((l) => `<tr style="height:20mm">
      <td>${esc(l.date)}</td><td>${esc(l.start)}</td><td>${esc(l.duration)}</td>
      <td>${esc(l.place)}</td><td>${esc(l.kind)}</td>
      <td class="note">${esc(l.recorded)}</td>
      <td>${qrSvg(l.qr, 16.5)}<div class="code">${esc(l.code)}</div></td><td></td></tr>`);
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><style>${baseCss}</style></head><body>
    <div style="display:flex" class="box">
      <div style="width:105mm">
        <div style="font-size:10pt"><b>Personne&nbsp;:</b> <b>${esc(d.person_name)}</b></div>
        <div style="font-size:8pt">${esc(d.person_detail)}</div>
        <div><b>Programme&nbsp;:</b> ${esc(d.programme_label)}</div>
      </div>
      <div><div><b>CPIP référent&nbsp;:</b> ${esc(d.cpip_name)}</div>
        <div><b>Intervenant&nbsp;:</b> ${esc(d.intervenant_name)}</div></div>
    </div>
    <p class="note" style="margin-top:3mm">Chaque séance est signée par la personne et par
      l’intervenant. En cas d’absence, indiquer le motif s’il est connu.</p>
    <table class="data"><colgroup>${widths.map((w) => `<col style="width:${w}mm">`).join('')}</colgroup>
      <thead><tr>${labels.map((l) => `<th>${esc(l)}</th>`).join('')}</tr></thead>
      <tbody>${rows.join('')}</tbody></table>
    <div style="break-inside:avoid;margin-top:6mm">
      <p><b>Nom, prénom et signature de l’intervenant&nbsp;:</b> ${esc(d.intervenant_name)}</p>
      <div class="signatures" style="margin-top:0"><div style="width:90mm;height:22mm">Signature</div></div>
    </div>
  </body></html>`;
}

function bilanHtml(d) {
  const paragraphs = (text) =>
    text.split(/\n\s*\n/).filter((p) => p.trim()).map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`).join('');
  const field = (label, value) => (value ? `<div><b>${esc(label)}&nbsp;:</b> ${esc(value)}</div>` : '');
  const activities = d.activities.map((a) =>
    `<tr><td>${esc(a.date)}</td><td>${esc(a.kind)}</td><td>${esc(a.duration)}</td><td>${esc(a.outcome)}</td></tr>`);
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><style>${baseCss}</style></head><body>
    <div style="display:flex;border:0.6pt solid #000;background:#ebebeb">
      <div style="width:100mm;padding:2.5mm;font-size:14pt;font-weight:bold">${esc(d.kind_label)}</div>
      <div style="flex:1;padding:2.5mm;font-size:11pt;font-weight:bold;text-align:right;border-left:0.6pt solid #000">${esc(d.copy_label)}</div>
    </div>
    <div style="margin-top:3mm;padding:1mm">${field('Personne', d.person_name)}${field('Période', d.period)}
      ${field('Intervenant', d.intervenant_name)}${field('CPIP référent', d.cpip_name)}
      ${field('Volume horaire', d.hours_summary)}</div>
    <h2>1. Le programme réalisé</h2>${paragraphs(d.programme_done)}
    <table class="data" style="margin-top:1mm"><colgroup><col style="width:50mm"><col style="width:80mm">
      <col style="width:20mm"><col style="width:30mm"></colgroup>
      <thead><tr><th>Date</th><th>Activité</th><th>Durée</th><th>Présence</th></tr></thead>
      <tbody>${activities.join('')}</tbody></table>
    <h2>2. Le projet professionnel</h2>${paragraphs(d.professional_project)}
    <h2>3. Le plan d’action</h2>${paragraphs(d.action_plan)}
    <h2>4. Les recommandations</h2>${paragraphs(d.recommendations || 'Aucune recommandation.')}
    <div style="break-inside:avoid;margin-top:6mm"><p>${esc(d.author_line)}</p>
      <div class="signatures" style="margin-top:0"><div style="width:50%">Signature de l’intervenant</div>
      <div style="width:50%">Signature de la personne</div></div></div>
  </body></html>`;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const pageCount = (buffer) => (buffer.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;

// Google Benchmark's median real time of a benchmark, in milliseconds.
function parcoursMedian(report, name) {
  const row = report.benchmarks.find((b) => b.run_name === name && b.aggregate_name === 'median');
  if (!row) throw new Error(`pas de médiane pour ${name} dans le rapport de parcours_bench`);
  const scale = { ns: 1e-6, us: 1e-3, ms: 1, s: 1e3 }[row.time_unit];
  return { ms: row.real_time * scale, reps: row.repetitions };
}

async function timePdf(page, html, docData, args, file) {
  await page.setContent(html, { waitUntil: 'load' });
  const options = {
    format: 'A4',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: headerTemplate(docData.header, docData.runningHead),
    footerTemplate: footerTemplate(docData.header),
    margin: { top: '62mm', bottom: '17mm', left: '15mm', right: '15mm' },
  };
  let pdf;
  for (let i = 0; i < args.warmup; ++i) pdf = await page.pdf(options);
  const times = [];
  for (let i = 0; i < args.runs; ++i) {
    const t0 = performance.now();
    pdf = await page.pdf(options);
    times.push(performance.now() - t0);
  }
  // The same, the HTML loaded anew before each print: the document is laid out from its source
  // every time, as Parcours lays its document out from the data every time.
  const fresh = [];
  for (let i = 0; i < args.runs; ++i) {
    const t0 = performance.now();
    await page.setContent(html, { waitUntil: 'load' });
    pdf = await page.pdf(options);
    fresh.push(performance.now() - t0);
  }
  writeFileSync(file, pdf);
  return {
    ms: median(times),
    min: Math.min(...times),
    max: Math.max(...times),
    freshMs: median(fresh),
    pages: pageCount(pdf),
  };
}

const args = parseArgs(process.argv);
const sheet = JSON.parse(readFileSync(join(args.data, 'sheet.json'), 'utf8'));
const bilan = JSON.parse(readFileSync(join(args.data, 'bilan.json'), 'utf8'));
const report = JSON.parse(readFileSync(args.parcours, 'utf8'));
sheet.runningHead = `Personne\u00a0: ${sheet.person_name}`;
bilan.runningHead = `${bilan.person_name} — ${bilan.copy_label}`;
const sheetPage = sheetHtml(sheet);
const bilanPage = bilanHtml(bilan);
writeFileSync(join(args.data, 'sheet.html'), sheetPage);
writeFileSync(join(args.data, 'bilan.html'), bilanPage);

const browser = await chromium.launch({
  executablePath: process.env.PARCOURS_BENCH_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let chromeSheet;
let chromeBilan;
let version;
try {
  version = browser.version();
  const page = await browser.newPage();
  chromeSheet = await timePdf(page, sheetPage, sheet, args, join(args.data, 'sheet-chromium.pdf'));
  chromeBilan = await timePdf(page, bilanPage, bilan, args, join(args.data, 'bilan-chromium.pdf'));
} finally {
  await browser.close();
}

const ours = {
  sheet: parcoursMedian(report, 'BM_IndividualSheet30Sessions'),
  bilan: parcoursMedian(report, 'BM_FinalBilan'),
};
const fmt = (ms) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)).replace('.', ',');
const ratio = (a, b) => `${(a / b).toFixed(1).replace('.', ',')} ×`;
const lines = [
  `Documents PDF : Parcours (cairo + pango) face à Chromium ${version} sans interface`,
  `Parcours : médiane de ${ours.sheet.reps} répétitions de parcours_bench (temps écoulé) ; ` +
    `Chromium : médiane de ${args.runs} page.pdf() après ${args.warmup} de chauffe, ` +
    'puis médiane de setContent() + page.pdf()',
  '',
  'document                          | Parcours   | pages | Chromium page.pdf() | rapport | ' +
    'Chromium setContent + pdf | rapport',
  '----------------------------------|------------|-------|---------------------|---------|' +
    '---------------------------|--------',
];
for (const [label, mine, theirs, pages] of [
  ['feuille d’émargement, 30 séances', ours.sheet, chromeSheet, sheet.pages],
  ['bilan final', ours.bilan, chromeBilan, bilan.pages],
]) {
  lines.push(
    `${label.padEnd(34)}| ${(fmt(mine.ms) + ' ms').padEnd(11)}| ${String(pages).padEnd(6)}| ` +
      `${(fmt(theirs.ms) + ` ms (${theirs.pages} p.)`).padEnd(20)}| ` +
      `${ratio(theirs.ms, mine.ms).padEnd(8)}| ${(fmt(theirs.freshMs) + ' ms').padEnd(26)}| ` +
      ratio(theirs.freshMs, mine.ms),
  );
}
lines.push('', `Chromium, feuille : min ${fmt(chromeSheet.min)} ms, max ${fmt(chromeSheet.max)} ms ; ` +
  `bilan : min ${fmt(chromeBilan.min)} ms, max ${fmt(chromeBilan.max)} ms`);
const text = lines.join('\n');
console.log(text);
if (args.out) writeFileSync(args.out, `${text}\n`);
