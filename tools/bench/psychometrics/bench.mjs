#!/usr/bin/env node
// Psychometrics benchmark: 2PL calibration on 10,000 x 50 (ours vs OpenMx, interleaved rounds)
// and CTT on 2,000 x 50 = 100,000 responses. Run: node tools/bench/psychometrics/bench.mjs [rounds]
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..', '..');
const require = createRequire(import.meta.url);
const esbuild = require(require.resolve('esbuild', { paths: [root] }));
const outFile = join(root, 'dist', 'psychometrics-bench', 'lib.cjs');
mkdirSync(dirname(outFile), { recursive: true });
esbuild.buildSync({ entryPoints: [join(root, 'libs/psychometrics/src/index.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: outFile, logLevel: 'error' });
const psy = require(outFile);

const rounds = Number(process.argv[2] ?? 3);
const median = (v) => { const s = [...v].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };

const rng = new psy.Rng(20240601);
const items = psy.randomItems(50, rng);
const data = psy.simulateResponses(items, psy.normalThetas(10000, rng), rng);
const csvPath = join(tmpdir(), 'psy-bench-10000x50.csv');
const lines = [Array.from({ length: 50 }, (_, j) => `i${j + 1}`).join(',')];
for (let p = 0; p < 10000; p++) lines.push(Array.from(data.responses.subarray(p * 50, (p + 1) * 50)).join(','));
writeFileSync(csvPath, lines.join('\n') + '\n');

const haveR = spawnSync('Rscript', ['-e', 'suppressPackageStartupMessages({library(OpenMx); library(rpf)})'], { encoding: 'utf8' }).status === 0;
const ours = [];
const openmx = [];
let ourFit = null;
let mxFit = null;
for (let r = 0; r < rounds; r++) {
  // Ours times parsing the same CSV file plus calibration, like the R script does.
  const t0 = performance.now();
  const table = psy.parseResponses(require('node:fs').readFileSync(csvPath, 'utf8'));
  const resp = Int8Array.from(table.values, (v) => (Number.isNaN(v) ? -1 : v));
  ourFit = psy.calibrate({ persons: table.persons, items: table.items, responses: resp });
  ours.push((performance.now() - t0) / 1000);
  if (haveR) {
    // Wall time of the whole Rscript run includes R start-up and package loading; the fit's own
    // share is measured by subtracting a run that only loads the packages.
    const t1 = performance.now();
    const res = spawnSync('Rscript', [join(here, 'ref_irt_openmx.R'), csvPath, '2PL'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    openmx.push((performance.now() - t1) / 1000);
    if (res.status === 0) mxFit = JSON.parse(res.stdout.trim().split('\n').pop());
  }
}
let rStartup = null;
if (haveR) {
  const s = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    spawnSync('Rscript', ['-e', 'suppressPackageStartupMessages({library(OpenMx); library(rpf)})']);
    s.push((performance.now() - t) / 1000);
  }
  rStartup = median(s);
}

const ctt = [];
const small = new Float64Array(2000 * 50);
for (let i = 0; i < small.length; i++) small[i] = data.responses[i];
for (let r = 0; r < Math.max(rounds, 5); r++) {
  const t = performance.now();
  psy.analyzeCtt({ persons: 2000, items: 50, marks: small, maxMarks: new Float64Array(50).fill(1) });
  ctt.push((performance.now() - t) / 1000);
}

let maxDev = null;
if (mxFit) {
  maxDev = { a: 0, d: 0 };
  ourFit.items.forEach((it, j) => {
    maxDev.a = Math.max(maxDev.a, Math.abs(it.a - mxFit.a[j]));
    maxDev.d = Math.max(maxDev.d, Math.abs(it.d - mxFit.d[j]));
  });
}
const report = {
  machine: `${require('node:os').cpus().length} cores, ${require('node:os').cpus()[0]?.model ?? ''}, Node ${process.version}`,
  rounds,
  twoPl10000x50: {
    oursSeconds: ours,
    oursMedian: median(ours),
    emSteps: ourFit.emSteps,
    logLik: ourFit.logLik,
    openmxSeconds: haveR ? openmx : 'Rscript/OpenMx not installed',
    openmxMedian: haveR ? median(openmx) : null,
    rStartupMedian: rStartup,
    openmxFitOnlyMedian: haveR ? median(openmx) - rStartup : null,
    ratioOursToOpenmx: haveR ? median(ours) / median(openmx) : null,
    ratioOursToOpenmxFitOnly: haveR ? median(ours) / (median(openmx) - rStartup) : null,
    openmxLogLik: mxFit?.logLik ?? null,
    maxAbsDeviationFromOpenmx: maxDev,
  },
  ctt2000x50: { seconds: ctt, median: median(ctt) },
};
console.log(JSON.stringify(report, null, 2));
