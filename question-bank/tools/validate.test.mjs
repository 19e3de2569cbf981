// Tests of the bank validator: node --test question-bank/tools/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { normaliseStem } from './validate.mjs';

const script = join(dirname(fileURLToPath(import.meta.url)), 'validate.mjs');

function base(id, over = {}) {
  return {
    id,
    type: 'single_choice',
    stem: `Câu hỏi mẫu số ${id}?`,
    options: [
      { id: 'A', text: 'Phương án một' },
      { id: 'B', text: 'Phương án hai' },
    ],
    key: 'A',
    explanation: 'Giải thích.',
    topic: 'Thử nghiệm',
    level: 'recognition',
    source: { document: 'Điều lệ Đoàn TNCS Hồ Chí Minh' },
    status: 'approved',
    ...over,
  };
}

/** Writes files {relPath: object|string} into a fresh bank folder and runs the validator on it. */
function run(files) {
  const dir = mkdtempSync(join(tmpdir(), 'qbank-'));
  try {
    for (const [rel, content] of Object.entries(files)) {
      const p = join(dir, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    }
    const r = spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });
    return { code: r.status, out: r.stdout, lines: r.stdout.trim().split('\n') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function item(family, obj) {
  return { [`${family}/${obj.id}.json`]: obj };
}

function expectFail(files, pattern, failedCount = 1) {
  const r = run(files);
  assert.equal(r.code, 1, r.out);
  assert.match(r.out, pattern);
  assert.match(r.lines.at(-1), new RegExp(`, ${failedCount} failed$`));
  return r;
}

test('a good bank of every type passes', () => {
  const files = {
    ...item('basic', base('basic.sc.001')),
    ...item('title', base('title.mr.001', { type: 'multiple_response', key: ['A', 'B'] })),
    ...item('specialty', base('specialty.tf.001', { type: 'true_false', options: undefined, key: false })),
    ...item('innovation', base('innovation.sa.001', { type: 'short_answer', options: undefined, key: ['26/3/1931', '26-3-1931'] })),
    ...item('leadership', base('leadership.ma.001', {
      type: 'matching',
      options: [
        { id: 'L1', text: 'Trái 1' }, { id: 'L2', text: 'Trái 2' },
        { id: 'R1', text: 'Phải 1' }, { id: 'R2', text: 'Phải 2' },
      ],
      key: { L1: 'R2', L2: 'R1' },
    })),
    ...item('lecturer', base('lecturer.or.001', { type: 'ordering', key: ['B', 'A'] })),
    ...item('lecturer', base('lecturer.nu.001', { type: 'numeric', options: undefined, key: { value: 90, tolerance: 0 } })),
    ...item('lecturer', base('lecturer.nu.002', { type: 'numeric', options: undefined, key: 16 })),
    ...item('basic', base('basic.es.001', { type: 'essay', options: undefined, key: 'Nêu đủ ba ý: ...' })),
    ...item('basic', base('basic.es.002', { type: 'essay', options: undefined, key: undefined })),
    'basic/sub/folder/basic.sc.002.json': base('basic.sc.002'),
  };
  const r = run(files);
  assert.equal(r.code, 0, r.out);
  assert.equal(r.out.trim(), '11 passed, 0 failed');
});

test('an empty bank passes with zero counts', () => {
  const r = run({});
  assert.equal(r.code, 0);
  assert.equal(r.out.trim(), '0 passed, 0 failed');
});

test('schema: missing required field fails', () => {
  const bad = base('basic.x.001');
  delete bad.source;
  expectFail(item('basic', bad), /basic\/basic\.x\.001\.json: schema: .*source/);
});

test('schema: unknown level and extra property fail', () => {
  expectFail(item('basic', base('basic.x.002', { level: 'analysis', extra: 1 })), /schema: \/level must be equal to one of the allowed values/);
});

test('file that is not JSON fails', () => {
  expectFail({ 'basic/basic.x.003.json': '{ not json' }, /basic\/basic\.x\.003\.json: not valid JSON/);
});

test('id must equal the file name', () => {
  expectFail({ 'basic/other-name.json': base('basic.x.004') }, /id "basic\.x\.004" differs from the file name "other-name"/);
});

test('ids must be unique across the bank', () => {
  const r = expectFail(
    { 'basic/a/basic.x.005.json': base('basic.x.005'), 'title/basic.x.005.json': base('basic.x.005', { stem: 'Một câu khác hẳn?' }) },
    /already used by/,
  );
  assert.match(r.out, /2 passed|1 passed/);
});

test('folder must be a program family', () => {
  expectFail(item('misc', base('misc.x.001')), /folder "misc" is not a program family/);
});

test('choice types need options', () => {
  expectFail(item('basic', base('basic.x.006', { options: undefined })), /needs at least two options|options/);
  expectFail(item('basic', base('basic.x.007', { type: 'ordering', options: [{ id: 'A', text: 'Một' }], key: ['A'] })), /at least two options|fewer than 2/);
});

test('option ids must be unique', () => {
  expectFail(item('basic', base('basic.x.008', { options: [{ id: 'A', text: 'Một' }, { id: 'A', text: 'Hai' }] })), /duplicate option id "A"/);
});

test('single_choice key must be a string naming an option', () => {
  expectFail(item('basic', base('basic.x.009', { key: 'C' })), /key "C" is not an option id/);
  expectFail(item('basic', base('basic.x.010', { key: ['A'] })), /key must be a string/);
});

test('multiple_response key must be a non-empty array of option ids', () => {
  expectFail(item('basic', base('basic.x.011', { type: 'multiple_response', key: [] })), /non-empty array/);
  expectFail(item('basic', base('basic.x.012', { type: 'multiple_response', key: ['A', 'Z'] })), /key "Z" is not an option id/);
  expectFail(item('basic', base('basic.x.013', { type: 'multiple_response', key: 'A' })), /non-empty array/);
});

test('true_false key must be boolean', () => {
  expectFail(item('basic', base('basic.x.014', { type: 'true_false', options: undefined, key: 'true' })), /true or false/);
});

test('short_answer key must be an array of strings', () => {
  expectFail(item('basic', base('basic.x.015', { type: 'short_answer', options: undefined, key: '1931' })), /array of accepted answers/);
  expectFail(item('basic', base('basic.x.016', { type: 'short_answer', options: undefined, key: [1931] })), /array of accepted answers/);
});

test('matching key must be an object of pairs of option ids', () => {
  const options = [{ id: 'L1', text: 'Trái' }, { id: 'R1', text: 'Phải' }, { id: 'R2', text: 'Phải hai' }];
  expectFail(item('basic', base('basic.x.017', { type: 'matching', options, key: [['L1', 'R1']] })), /object of pairs/);
  expectFail(item('basic', base('basic.x.018', { type: 'matching', options, key: { L1: 'R9' } })), /right "R9" is not an option id/);
  expectFail(item('basic', base('basic.x.019', { type: 'matching', options, key: { L1: 'R1', R2: 'R1' } })), /uses right option "R1" twice/);
});

test('ordering key must list all option ids', () => {
  const options = [{ id: 'A', text: 'Một' }, { id: 'B', text: 'Hai' }, { id: 'C', text: 'Ba' }];
  expectFail(item('basic', base('basic.x.020', { type: 'ordering', options, key: ['A', 'B'] })), /every option id exactly once/);
  expectFail(item('basic', base('basic.x.021', { type: 'ordering', options, key: ['A', 'B', 'D'] })), /key "D" is not an option id/);
  expectFail(item('basic', base('basic.x.022', { type: 'ordering', options, key: 'ABC' })), /array of all option ids/);
});

test('numeric key must be a number or {value, tolerance}', () => {
  expectFail(item('basic', base('basic.x.023', { type: 'numeric', options: undefined, key: '90' })), /number or \{value, tolerance\}/);
  expectFail(item('basic', base('basic.x.024', { type: 'numeric', options: undefined, key: { value: 90 } })), /number or \{value, tolerance\}/);
});

test('essay key must be absent or a rubric string', () => {
  expectFail(item('basic', base('basic.x.025', { type: 'essay', options: undefined, key: 5 })), /absent or a rubric string/);
});

test('non-essay items need a key', () => {
  expectFail(item('basic', base('basic.x.026', { key: undefined })), /key/);
});

test('duplicate stems fail after normalising case, spacing and diacritics', () => {
  const r = expectFail(
    {
      'basic/basic.x.027.json': base('basic.x.027', { stem: 'Đoàn TNCS Hồ Chí Minh được thành lập ngày nào?' }),
      'title/basic.x.028.json': base('basic.x.028', { stem: '  doan tncs  HO CHI MINH duoc thanh lap ngay nao ?' }),
    },
    /duplicate stem of basic\/basic\.x\.027\.json/,
  );
  assert.equal(r.lines.at(-1), '1 passed, 1 failed');
});

test('one line per problem, file name first, then the summary', () => {
  const r = run({ ...item('basic', base('basic.x.029', { key: 'Q', level: 'x' })), ...item('basic', base('basic.x.030')) });
  assert.equal(r.code, 1);
  const problems = r.lines.slice(0, -1);
  assert.ok(problems.length >= 2);
  for (const l of problems) assert.match(l, /^basic\/basic\.x\.029\.json: /);
  assert.equal(r.lines.at(-1), '1 passed, 1 failed');
});

test('normaliseStem folds case, spaces, punctuation and diacritics', () => {
  assert.equal(normaliseStem('  Đoàn   viên, ĐỘI viên? '), 'doan vien doi vien');
});
