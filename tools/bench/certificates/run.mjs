// Certificate benchmark: certificates per minute issued in bulk (rule check, registry-book number
// allocated under the counter row lock, Ed25519 signature and Open Badges credential (JWT), row
// written, PDF rendered with the embedded Vietnamese font and QR code) against a same-run
// baseline: rendering the same PDF with pdfkit alone (same renderer, fonts and QR code; no database, no numbering, no signature).
//
//   node tools/bench/certificates/run.mjs [--certificates 300] [--concurrency 8] [--rounds 3]
//
// Bundles the certification library with esbuild (no api build or Redis needed), migrates a
// database of its own (boiduong_bench_cert, emptied first), seeds one issuer unit and learners
// with SQL, and interleaves rounds: bulk issuance into an emptied book, then the baseline. All
// issuances go to one issuer and year, the worst case for the counter lock. Prints a table to
// stderr and a JSON summary to stdout; exits 0 (1 on failure).
//
// The same issuance through the real job, one worker process and the running api (with the api's
// p99 meanwhile, and public verification against the health route) is `platform.mjs` here.

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { ensurePostgres, recreateDatabase } from '../../stack/services.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const log = (/** @type {string} */ m) => process.stderr.write(`${m}\n`);

const { values: flags } = parseArgs({
  options: {
    certificates: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (flags.help) {
  process.stdout.write('Usage: node tools/bench/certificates/run.mjs [--certificates N] [--concurrency N] [--rounds N]\n');
  process.exit(0);
}
const count = Number(flags.certificates);
const concurrency = Number(flags.concurrency);
const rounds = Number(flags.rounds);
if (![count, concurrency, rounds].every((n) => Number.isInteger(n) && n >= 1)) {
  log('--certificates, --concurrency and --rounds must be positive integers');
  process.exit(2);
}

/** Bundles the library (TypeScript, path aliases) into one CommonJS file; packages stay external. */
async function loadLibrary() {
  fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
  const outfile = path.join(fs.mkdtempSync(path.join(root, 'tmp', 'bench-cert-')), 'cert.cjs');
  await esbuild.build({
    stdin: {
      contents: [
        `export * from './libs/api/certification/src/index.ts';`,
        `export { IDENTITY_ENTITIES } from './libs/api/identity/src/index.ts';`,
        `export { AppConfig, databaseOptions, validateEnvironment } from './libs/api/core/src/index.ts';`,
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.base.json'),
    outfile,
    logLevel: 'error',
  });
  return createRequire(import.meta.url)(outfile);
}

/** Runs `task(i)` for i in [0, n) with at most `width` in flight. */
async function pool(n, width, task) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, n) }, async () => {
    while (next < n) await task(next++);
  });
  await Promise.all(lanes);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const perMinute = (n, ms) => Math.round((n / ms) * 60_000);

async function main() {
  const database = 'boiduong_bench_cert';
  const postgres = await ensurePostgres({ root, database, log });
  await recreateDatabase(postgres.adminUrl, database);
  const url = new URL(postgres.url);
  url.pathname = `/${database}`;

  log('bundling the certification library…');
  const lib = await loadLibrary();
  const { DataSource } = createRequire(import.meta.url)('typeorm');
  const ds = new DataSource({ ...lib.databaseOptions(url.toString(), Math.max(concurrency, 2), 'bench-cert'), entities: [...lib.IDENTITY_ENTITIES, ...lib.CERTIFICATION_ENTITIES] });
  await ds.initialize();
  await ds.runMigrations();
  const config = new lib.AppConfig(lib.validateEnvironment({ NODE_ENV: 'test', DATABASE_URL: url.toString(), PUBLIC_BASE_URL: 'https://boiduong.example.vn' }));
  const signer = new lib.CertificateSigner(config, ds);
  await signer.onModuleInit();
  const credentials = new lib.CredentialsService(ds, config, signer, ds.getRepository(lib.Certificate));
  const service = new lib.CertificatesService(ds, config, signer, credentials, ds.getRepository(lib.Certificate), ds.getRepository(lib.CertificateRuleSet));

  const unitId = randomUUID();
  await ds.query(`INSERT INTO org_units (id, code, name, type, path, valid_from) VALUES ($1, 'HNI', 'Thành đoàn Hà Nội', 'province', $2::ltree, '2020-01-01')`, [unitId, unitId.replace(/-/g, '')]);
  const [{ id: learnerId }] = await ds.query(`INSERT INTO users (username, password_hash, full_name, org_unit_id) VALUES ('bench', 'x', 'Nguyễn Thị Ánh Tuyết', $1) RETURNING id`, [unitId]);
  // One course per certificate: the same learner may hold one certificate per course.
  const courseIds = Array.from({ length: count }, () => randomUUID());
  const input = (i) => ({
    issuerUnitId: unitId,
    learner: { userId: learnerId, fullName: 'Nguyễn Thị Ánh Tuyết', dateOfBirth: '1998-03-07' },
    program: { code: 'BT-XA', name: 'Bồi dưỡng Bí thư Đoàn xã, phường, đặc khu' },
    course: { id: courseIds[i], startsOn: '2026-03-02', endsOn: '2026-03-11' },
    result: 'Đạt (8,5 điểm)',
    completion: { attendanceShare: 1, assessments: [{ code: 'final', required: true, scorePercent: 85 }], rulesKept: true },
    signer: { name: 'Trần Quốc Việt', title: 'PHÓ BÍ THƯ THÀNH ĐOÀN' },
    issuedPlace: 'Hà Nội',
    issuedOn: '2026-03-20',
  });

  const bulkMs = [];
  const baseMs = [];
  let pdfBytes = 0;
  for (let r = 0; r < rounds; r++) {
    await ds.query(`TRUNCATE certificates, certificate_registries`);
    const t0 = performance.now();
    await pool(count, concurrency, async (i) => {
      // As the bulk job does: issue, then render outside the transaction (records the PDF's SHA-256).
      await service.pdf(await service.issue(null, input(i)));
    });
    bulkMs.push(performance.now() - t0);
    const numbers = (await ds.query(`SELECT entry_number FROM certificates ORDER BY entry_number`)).map((x) => x.entry_number);
    if (numbers.length !== count || numbers.some((n, i) => n !== i + 1)) throw new Error(`book numbers are not 1..${count}`);
    const [{ hashed, credentials: signed }] = await ds.query(`SELECT count(pdf_sha256)::int AS hashed, count(credential_jwt)::int AS credentials FROM certificates`);
    if (hashed !== count) throw new Error(`${count - hashed} certificates have no PDF hash`);
    if (signed !== count) throw new Error(`${count - signed} certificates have no verifiable credential`);

    // Baseline: the same document, rendered the same way, with nothing else around it.
    const [sample] = await ds.query(`SELECT id FROM certificates LIMIT 1`);
    const stored = await ds.getRepository(lib.Certificate).findOneByOrFail({ id: sample.id });
    const fields = lib.printedFieldsOf(stored);
    const verifyUrl = service.verifyUrl(stored.code);
    pdfBytes = (await lib.renderCertificatePdf(fields, verifyUrl)).length;
    const b0 = performance.now();
    await pool(count, concurrency, async () => {
      await lib.renderCertificatePdf(fields, verifyUrl);
    });
    baseMs.push(performance.now() - b0);
    log(`round ${r + 1}: bulk ${perMinute(count, bulkMs[r])}/min (${(bulkMs[r] / count).toFixed(1)} ms each), pdfkit alone ${perMinute(count, baseMs[r])}/min (${(baseMs[r] / count).toFixed(1)} ms each), ratio ${(baseMs[r] / bulkMs[r]).toFixed(2)}`);
  }
  await ds.destroy();

  const ratios = bulkMs.map((b, i) => baseMs[i] / b);
  const summary = {
    certificates: count,
    concurrency,
    rounds,
    pdfBytes,
    bulkPerMinute: perMinute(count, median(bulkMs)),
    bulkMsPerCertificate: Number((median(bulkMs) / count).toFixed(2)),
    pdfkitPerMinute: perMinute(count, median(baseMs)),
    pdfkitMsPerCertificate: Number((median(baseMs) / count).toFixed(2)),
    ratioBulkToPdfkit: Number(median(ratios).toFixed(2)),
    roundRatios: ratios.map((x) => Number(x.toFixed(2))),
    node: process.version,
  };
  log('');
  log('| Path | Median per minute | Median ms per certificate |');
  log('|---|---|---|');
  log(`| bulk issuance (rules, number, signature, row, PDF) | ${summary.bulkPerMinute} | ${summary.bulkMsPerCertificate} |`);
  log(`| PDF rendering alone (pdfkit) | ${summary.pdfkitPerMinute} | ${summary.pdfkitMsPerCertificate} |`);
  log(`ratio bulk/pdfkit (throughput, per round): ${summary.roundRatios.join(', ')}; median ${summary.ratioBulkToPdfkit}`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().then(
  () => process.exit(0),
  (e) => {
    log(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
