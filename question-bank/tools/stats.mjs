#!/usr/bin/env node
// Counts of the question bank as Markdown tables: node question-bank/tools/stats.mjs [bankDir]
import { readFileSync } from 'node:fs';
import { join, dirname, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FAMILIES, listItemFiles } from './validate.mjs';

const LEVELS = ['recognition', 'comprehension', 'application', 'high_application'];
const TYPES = ['single_choice', 'multiple_response', 'true_false', 'short_answer', 'matching', 'ordering', 'numeric', 'essay'];
const here = dirname(fileURLToPath(import.meta.url));
const bankDir = process.argv[2] || join(here, '..');

const byFamily = Object.fromEntries(FAMILIES.map((f) => [f, { total: 0, draft: 0, ...Object.fromEntries(LEVELS.map((l) => [l, 0])) }]));
const byType = Object.fromEntries(TYPES.map((t) => [t, 0]));
let total = 0;
let drafts = 0;
let choice = 0;
let keyLongest = 0;
for (const file of listItemFiles(bankDir)) {
  const family = relative(bankDir, file).split(sep)[0];
  let item;
  try {
    item = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    continue;
  }
  const row = byFamily[family];
  if (!row) continue;
  total++;
  row.total++;
  if (LEVELS.includes(item.level)) row[item.level]++;
  if (item.status === 'draft') {
    row.draft++;
    drafts++;
  }
  if (item.type in byType) byType[item.type]++;
  if (item.type === 'single_choice' && Array.isArray(item.options)) {
    const key = item.options.find((o) => o.id === item.key);
    if (key) {
      choice++;
      if (item.options.every((o) => o === key || o.text.length < key.text.length)) keyLongest++;
    }
  }
}

const lines = [];
lines.push('| family | recognition | comprehension | application | high_application | total | draft |');
lines.push('|---|---:|---:|---:|---:|---:|---:|');
for (const f of FAMILIES) {
  const r = byFamily[f];
  lines.push(`| ${f} | ${LEVELS.map((l) => r[l]).join(' | ')} | ${r.total} | ${r.draft} |`);
}
const sum = (l) => FAMILIES.reduce((s, f) => s + byFamily[f][l], 0);
lines.push(`| **all** | ${LEVELS.map((l) => sum(l)).join(' | ')} | ${total} | ${drafts} |`);
lines.push('');
lines.push('| type | items |');
lines.push('|---|---:|');
for (const t of TYPES) lines.push(`| ${t} | ${byType[t]} |`);
lines.push('');
lines.push(`single_choice items whose key is the longest option (a cue to review): ${keyLongest} of ${choice}`);
console.log(lines.join('\n'));
