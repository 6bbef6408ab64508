// Side-by-side PDF benchmark (issue 13, called by scripts/bench-pdf): a warm headless Chromium
// prints, with page.pdf(), HTML holding the same content as the two documents Parcours renders in
// bench/documents_bench.cc (the 30-session attendance sheet and the final bilan): same header on
// every page, same rows, the same 30 QR codes (inline SVG, one path each, built from the modules
// Parcours encodes), same page size and margins, "Page N sur M" footer.
//
// The two sides are measured in alternation, round after round (one run of parcours_bench, then
// Chromium's prints), so that both see the same load on a shared machine; each figure is the
// median over the rounds. It then prints both timings and their ratio.
//
// Usage: node bench/pdf_chromium.mjs --bench BUILD/parcours_bench --data DIR [--runs N]
//        [--warmup N] [--out FILE]
//   DIR receives the documents as parcours_bench exports them (PARCOURS_BENCH_EXPORT_DIR: JSON
//   and PDF), the equivalent HTML and Chromium's PDFs.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';

function parseArgs(argv) {
  const args = { runs: 15, warmup: 3, out: '' };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    args[key] = ['runs', 'warmup'].includes(key) ? Number(argv[i + 1]) : argv[i + 1];
  }
  if (!args.data || !args.bench) {
    console.error('usage : node bench/pdf_chromium.mjs --bench BUILD/parcours_bench --data DOSSIER');
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

const kFilter = '^BM_(IndividualSheet30Sessions|FinalBilan)$';

// One run of parcours_bench on the two documents: the mean wall-clock time of each, in ms.
function parcoursRound(args, env = {}) {
  const json = execFileSync(
    args.bench,
    [`--benchmark_filter=${kFilter}`, '--benchmark_min_time=0.1', '--benchmark_format=json'],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 24 },
  );
  const times = {};
  for (const b of JSON.parse(json).benchmarks) {
    const scale = { ns: 1e-6, us: 1e-3, ms: 1, s: 1e3 }[b.time_unit];
    times[b.name] = { real: b.real_time * scale, cpu: b.cpu_time * scale };
  }
  return times;
}

// Processor time (user + system) used so far by the descendants of `rootPid` (here Chromium's
// browser, renderer, GPU and utility processes), in ms, from /proc (clock ticks).
const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
function chromiumCpuMs(rootPid) {
  const procs = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  let ticks = 0;
  for (const [pid, p] of procs) {
    let q = pid;
    while (q !== rootPid && procs.has(q) && q > 1) q = procs.get(q).ppid;
    if (q === rootPid && pid !== rootPid) ticks += p.ticks;
  }
  return (ticks * 1000) / ticksPerSecond;
}

function pdfOptions(docData) {
  return {
    format: 'A4',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: headerTemplate(docData.header, docData.runningHead),
    footerTemplate: footerTemplate(docData.header),
    margin: { top: '62mm', bottom: '17mm', left: '15mm', right: '15mm' },
  };
}

async function timed(action) {
  const t0 = performance.now();
  const result = await action();
  return [performance.now() - t0, result];
}

const args = parseArgs(process.argv);
// The documents, exported by the benchmark itself (which also warms Parcours up).
parcoursRound(args, { PARCOURS_BENCH_EXPORT_DIR: args.data });
const sheet = JSON.parse(readFileSync(join(args.data, 'sheet.json'), 'utf8'));
const bilan = JSON.parse(readFileSync(join(args.data, 'bilan.json'), 'utf8'));
sheet.runningHead = `Personne\u00a0: ${sheet.person_name}`;
bilan.runningHead = `${bilan.person_name} — ${bilan.copy_label}`;
sheet.html = sheetHtml(sheet);
bilan.html = bilanHtml(bilan);
writeFileSync(join(args.data, 'sheet.html'), sheet.html);
writeFileSync(join(args.data, 'bilan.html'), bilan.html);

const browser = await chromium.launch({
  executablePath: process.env.PARCOURS_BENCH_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const docs = { sheet, bilan };
const names = { sheet: 'BM_IndividualSheet30Sessions', bilan: 'BM_FinalBilan' };
const samples = {};
let version;
try {
  version = browser.version();
  const pid = process.pid;  // Chromium's processes are this script's descendants
  for (const [key, doc] of Object.entries(docs)) {
    doc.page = await browser.newPage();
    await doc.page.setContent(doc.html, { waitUntil: 'load' });
    doc.options = pdfOptions(doc);
    for (let i = 0; i < args.warmup; ++i) doc.pdf = await doc.page.pdf(doc.options);
    samples[key] = { parcours: [], parcoursCpu: [], pdf: [], pdfCpu: 0, fresh: [] };
  }
  for (let round = 0; round < args.runs; ++round) {
    const ours = parcoursRound(args);
    for (const [key, doc] of Object.entries(docs)) {
      samples[key].parcours.push(ours[names[key]].real);
      samples[key].parcoursCpu.push(ours[names[key]].cpu);
      const cpuBefore = chromiumCpuMs(pid);
      const [ms, pdf] = await timed(() => doc.page.pdf(doc.options));
      samples[key].pdfCpu += chromiumCpuMs(pid) - cpuBefore;
      samples[key].pdf.push(ms);
      doc.pdf = pdf;
      // The HTML loaded anew before printing: laid out from its source every time, as Parcours
      // lays its document out from the data every time.
      const [fresh] = await timed(async () => {
        await doc.page.setContent(doc.html, { waitUntil: 'load' });
        return doc.page.pdf(doc.options);
      });
      samples[key].fresh.push(fresh);
    }
  }
  for (const [key, doc] of Object.entries(docs)) {
    writeFileSync(join(args.data, `${key}-chromium.pdf`), doc.pdf);
    doc.chromiumPages = pageCount(doc.pdf);
  }
} finally {
  await browser.close();
}

const fmt = (ms) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)).replace('.', ',');
const ratio = (a, b) => `${(a / b).toFixed(1).replace('.', ',')} ×`;
const lines = [
  `Documents PDF : Parcours (cairo + pango) face à Chromium ${version} sans interface`,
  `${args.runs} tours alternés après ${args.warmup} impressions de chauffe ; médianes des tours. ` +
    'Parcours : temps écoulé moyen d’un passage de parcours_bench ; Chromium : page.pdf(), puis ' +
    'setContent() + page.pdf()',
  '',
  'document                          | Parcours   | pages | Chromium page.pdf() | rapport | ' +
    'Chromium setContent + pdf | rapport',
  '----------------------------------|------------|-------|---------------------|---------|' +
    '---------------------------|--------',
];
for (const [key, label] of [['sheet', 'feuille d’émargement, 30 séances'], ['bilan', 'bilan final']]) {
  const mine = median(samples[key].parcours);
  const theirs = median(samples[key].pdf);
  const fresh = median(samples[key].fresh);
  const doc = docs[key];
  lines.push(
    `${label.padEnd(34)}| ${(fmt(mine) + ' ms').padEnd(11)}| ${String(doc.pages).padEnd(6)}| ` +
      `${(fmt(theirs) + ` ms (${doc.chromiumPages} p.)`).padEnd(20)}| ` +
      `${ratio(theirs, mine).padEnd(8)}| ${(fmt(fresh) + ' ms').padEnd(26)}| ${ratio(fresh, mine)}`,
  );
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
lines.push(
  '',
  'Temps processeur (utilisateur + système ; insensible à la charge de la machine) : Parcours, ' +
    'temps processeur de parcours_bench ; Chromium, celui de tous ses processus pendant ' +
    'page.pdf() (/proc, au centième de seconde), moyenne des tours',
);
for (const [key, label] of [['sheet', 'feuille d’émargement, 30 séances'], ['bilan', 'bilan final']]) {
  const mine = mean(samples[key].parcoursCpu);
  const theirs = samples[key].pdfCpu / args.runs;
  lines.push(
    `${label.padEnd(34)}| Parcours ${fmt(mine)} ms | Chromium ${fmt(theirs)} ms | ${ratio(theirs, mine)}`,
  );
}
lines.push('');
for (const key of ['sheet', 'bilan']) {
  const s = samples[key];
  const range = (xs) => `${fmt(Math.min(...xs))} à ${fmt(Math.max(...xs))} ms`;
  lines.push(
    `${key === 'sheet' ? 'feuille' : 'bilan'} — Parcours : ${range(s.parcours)} ; ` +
      `Chromium page.pdf() : ${range(s.pdf)} ; setContent + pdf : ${range(s.fresh)}`,
  );
}
const text = lines.join('\n');
console.log(text);
if (args.out) writeFileSync(args.out, `${text}\n`);
