// Question bank import benchmark: parse a generated GIFT file of 10,000 items and import it
// through ImportService (validation, sanitizing, hashing, classification, set-based inserts in
// one transaction) into a real PostgreSQL database, against a same-run baseline: a raw COPY of
// the same rows (the prepared item and version rows, no parsing or checks) into the same tables.
//
//   node tools/bench/question-bank/run.mjs [--items 10000] [--rounds 3]
//
// Bundles the library with esbuild (no api build or Redis needed), migrates a database of its
// own (boiduong_bench_qb, emptied first), seeds one unit and one author with SQL, and times each
// round on emptied tables. Then re-imports the same file once to time the idempotent path (every
// item skipped). Prints a table to stderr and a JSON summary to stdout; exits 0 (1 on failure).

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import pg from 'pg';
import { ensurePostgres, recreateDatabase } from '../../stack/services.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const log = (/** @type {string} */ m) => process.stderr.write(`${m}\n`);
const TARGET_SECONDS = 10;

const { values: flags } = parseArgs({
  options: { items: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '3' }, help: { type: 'boolean', short: 'h', default: false } },
});
if (flags.help) {
  process.stdout.write('Usage: node tools/bench/question-bank/run.mjs [--items N] [--rounds N]\n');
  process.exit(0);
}
const items = Number(flags.items);
const rounds = Number(flags.rounds);
if (!Number.isInteger(items) || items < 10 || !Number.isInteger(rounds) || rounds < 1) {
  log('--items must be an integer >= 10 and --rounds >= 1');
  process.exit(2);
}

/** Bundles the library (TypeScript, path aliases) into one CommonJS file; packages stay external. */
async function loadLibrary() {
  // Inside the workspace so that the bundle resolves node_modules.
  fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
  const outfile = path.join(fs.mkdtempSync(path.join(root, 'tmp', 'bench-qb-')), 'qb.cjs');
  await esbuild.build({
    stdin: {
      contents: `export * from './libs/api/question-bank/src/index.ts'; export { databaseOptions } from './libs/api/core/src/index.ts';`,
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

/** A GIFT file mixing the types a bank holds; every stem distinct. */
function generateGift(n) {
  const out = ['// generated for the import benchmark', ''];
  for (let i = 0; i < n; i++) {
    if (i % 500 === 0) out.push(`$CATEGORY: $course$/top/Chuyên đề ${Math.floor(i / 500) + 1}`, '');
    const title = `::bench-${i}::`;
    switch (i % 5) {
      case 0:
        out.push(`${title}Câu ${i}: Đoàn TNCS Hồ Chí Minh được thành lập năm nào theo tài liệu số ${i}? {=1931 ~1930 ~1941 ~1945 ####Theo Điều lệ Đoàn.}`);
        break;
      case 1:
        out.push(`${title}Câu ${i}: Luật Thanh niên 2020 áp dụng cho công dân từ đủ 16 đến 30 tuổi (mục ${i}). {TRUE}`);
        break;
      case 2:
        out.push(`${title}Câu ${i}: Những tổ chức nào do Đoàn phụ trách (mục ${i})? {~%50%Đội TNTP Hồ Chí Minh ~%50%Hội LHTN Việt Nam ~%-100%Công đoàn}`);
        break;
      case 3:
        out.push(`${title}Câu ${i}: Tên viết tắt của Đoàn Thanh niên Cộng sản, mục ${i}? {=TNCS =Đoàn TNCS}`);
        break;
      default:
        out.push(`${title}Câu ${i}: Độ tuổi tối đa của thanh niên theo mục ${i}? {#30:0}`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** Minimal COPY FROM STDIN for node-postgres (the protocol messages pg-copy-streams sends). */
function copyFrom(client, sql, data) {
  return new Promise((resolve, reject) => {
    let failed = null;
    client.query({
      submit(connection) {
        connection.query(sql);
      },
      handleCopyInResponse(connection) {
        const buffer = Buffer.from(data, 'utf8');
        for (let at = 0; at < buffer.length; at += 1 << 20) connection.sendCopyFromChunk(buffer.subarray(at, at + (1 << 20)));
        connection.endCopyFrom();
      },
      handleCommandComplete() {},
      handleReadyForQuery() {
        if (failed) reject(failed);
        else resolve();
      },
      handleError(error) {
        failed = error;
      },
    });
  });
}

const copyText = (v) => (v === null || v === undefined ? '\\N' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (ms) => Number((ms / 1000).toFixed(3));

async function main() {
  const database = 'boiduong_bench_qb';
  const postgres = await ensurePostgres({ root, database, log });
  await recreateDatabase(postgres.adminUrl, database);
  const url = new URL(postgres.url);
  url.pathname = `/${database}`;

  log('bundling the question-bank library…');
  const lib = await loadLibrary();
  const { DataSource } = createRequire(import.meta.url)('typeorm');
  const ds = new DataSource({ ...lib.databaseOptions(url.toString(), 4, 'bench-qb'), entities: [] });
  await ds.initialize();
  await ds.runMigrations();
  const unitId = randomUUID();
  const userId = randomUUID();
  await ds.query(`INSERT INTO org_units (id, code, name, type, path, valid_from) VALUES ($1, 'BENCH', 'Bench', 'central', $2::ltree, CURRENT_DATE)`, [unitId, unitId.replace(/-/g, '')]);
  await ds.query(`INSERT INTO users (id, username, password_hash, full_name, org_unit_id) VALUES ($1, 'bench', 'x', 'Bench', $2)`, [userId, unitId]);
  const who = { ownerOrgUnitId: unitId, authorId: userId };
  const itemsService = new lib.ItemsService(ds);
  const importService = new lib.ImportService(ds, itemsService);

  const gift = generateGift(items);
  log(`generated ${items} GIFT items (${(gift.length / 1e6).toFixed(1)} MB)`);
  const empty = () => ds.query(`TRUNCATE qb_review_comments, qb_item_versions, qb_items CASCADE`);

  const importMs = [];
  const parseMs = [];
  const copyMs = [];
  let last;
  for (let r = 0; r < rounds; r++) {
    await empty();
    const t0 = performance.now();
    const parsed = lib.parseGift(gift);
    const t1 = performance.now();
    last = await importService.importParsed(parsed.items, parsed.problems, who, { mode: 'all' });
    const t2 = performance.now();
    if (last.created !== items || last.errors.length) throw new Error(`import created ${last.created}, errors ${JSON.stringify(last.errors.slice(0, 3))}`);
    parseMs.push(t1 - t0);
    importMs.push(t2 - t0);

    // Baseline: the same rows (taken from what the import wrote), loaded with raw COPY.
    const itemRows = await ds.query(`SELECT * FROM qb_items`);
    const versionRows = await ds.query(`SELECT * FROM qb_item_versions`);
    await empty();
    const itemCols = ['id', 'owner_org_unit_id', 'author_id', 'type', 'status', 'current_version', 'approved_version', 'external_ref', 'topic', 'level', 'tags', 'stem_text', 'content_hash'];
    const versionCols = ['item_id', 'version', 'type', 'stem', 'options', 'answer_key', 'scoring', 'explanation', 'topic', 'level', 'program_ids', 'tags', 'estimated_seconds', 'source', 'author_id', 'content_hash'];
    const json = new Set(['tags', 'options', 'answer_key', 'scoring', 'program_ids', 'source']);
    const tsv = (rows, cols) => rows.map((row) => cols.map((c) => copyText(json.has(c) && row[c] !== null ? JSON.stringify(row[c]) : row[c])).join('\t')).join('\n') + '\n';
    const itemsTsv = tsv(itemRows, itemCols);
    const versionsTsv = tsv(versionRows, versionCols);
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const c0 = performance.now();
    await client.query('BEGIN');
    await copyFrom(client, `COPY qb_items (${itemCols.join(',')}) FROM STDIN`, itemsTsv);
    await copyFrom(client, `COPY qb_item_versions (${versionCols.join(',')}) FROM STDIN`, versionsTsv);
    await client.query('COMMIT');
    copyMs.push(performance.now() - c0);
    await client.end();
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM qb_item_versions`);
    if (n !== items) throw new Error(`COPY loaded ${n} versions`);
    log(`round ${r + 1}: parse+import ${seconds(importMs[r])} s (parse ${seconds(parseMs[r])} s), COPY ${seconds(copyMs[r])} s`);
  }

  // Idempotent re-import: the tables hold the import's rows again, every item is skipped.
  await empty();
  const parsedOnce = lib.parseGift(gift);
  await importService.importParsed(parsedOnce.items, parsedOnce.problems, who, { mode: 'all' });
  const s0 = performance.now();
  const parsedAgain = lib.parseGift(gift);
  const again = await importService.importParsed(parsedAgain.items, parsedAgain.problems, who, { mode: 'all' });
  const reimportMs = performance.now() - s0;
  if (again.skipped !== items) throw new Error(`re-import skipped ${again.skipped}`);
  await ds.destroy();

  const summary = {
    items,
    rounds,
    importSeconds: seconds(median(importMs)),
    parseSeconds: seconds(median(parseMs)),
    copySeconds: seconds(median(copyMs)),
    importOverCopy: Number((median(importMs) / median(copyMs)).toFixed(1)),
    reimportSeconds: seconds(reimportMs),
    targetSeconds: TARGET_SECONDS,
    meetsTarget: median(importMs) / 1000 < TARGET_SECONDS,
    cpus: os.cpus().length,
    node: process.version,
  };
  log(`median over ${rounds}: parse+import ${summary.importSeconds} s, raw COPY ${summary.copySeconds} s (x${summary.importOverCopy}), idempotent re-import ${summary.reimportSeconds} s; target < ${TARGET_SECONDS} s: ${summary.meetsTarget ? 'met' : 'MISSED'}`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().then(
  () => process.exit(0),
  (error) => {
    log(`benchmark failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
