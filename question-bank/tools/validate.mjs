#!/usr/bin/env node
// Validates every item of the question bank: node question-bank/tools/validate.mjs [bankDir]
// bankDir defaults to the folder above this script. Items live in <bankDir>/<family>/**/*.json.
// Prints one line per problem ("file: message"), then "N passed, N failed"; exits 1 on any failure.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, basename, dirname, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020').default;

export const FAMILIES = ['title', 'basic', 'specialty', 'innovation', 'leadership', 'lecturer'];
const OPTION_TYPES = new Set(['single_choice', 'multiple_response', 'matching', 'ordering']);
// Folders of the bank that hold no items.
const SKIP_DIRS = new Set(['tools', 'node_modules']);

const here = dirname(fileURLToPath(import.meta.url));
const schemaPath = join(here, '..', 'item.schema.json');

/** Lower case, no diacritics (đ -> d), punctuation dropped, single spaces. */
export function normaliseStem(stem) {
  return String(stem)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function listJson(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...listJson(p));
    else if (name.endsWith('.json')) out.push(p);
  }
  return out;
}

/** Item files: every .json under a sub-folder of the bank (top-level files such as the schema are not items). */
export function listItemFiles(bankDir) {
  const files = [];
  for (const name of readdirSync(bankDir).sort()) {
    const p = join(bankDir, name);
    if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
    if (statSync(p).isDirectory()) files.push(...listJson(p));
  }
  return files;
}

function isNumber(x) {
  return typeof x === 'number' && Number.isFinite(x);
}

/** Rules on options and key beyond the schema; returns a list of messages. */
export function checkKey(item) {
  const errs = [];
  const { type, key } = item;
  const options = Array.isArray(item.options) ? item.options : null;
  const ids = new Set();
  if (OPTION_TYPES.has(type)) {
    if (!options || options.length < 2) errs.push(`type ${type} needs at least two options`);
  }
  if (options) {
    for (const o of options) {
      if (o && typeof o.id === 'string') {
        if (ids.has(o.id)) errs.push(`duplicate option id "${o.id}"`);
        ids.add(o.id);
      }
    }
    const texts = new Set();
    for (const o of options) {
      if (!o || typeof o.text !== 'string') continue;
      const t = normaliseStem(o.text);
      if (texts.has(t)) errs.push(`duplicate option text "${o.text}"`);
      texts.add(t);
    }
  }
  const known = (id) => typeof id === 'string' && ids.has(id);
  switch (type) {
    case 'single_choice':
      if (typeof key !== 'string') errs.push('key must be a string (one option id) for single_choice');
      else if (!known(key)) errs.push(`key "${key}" is not an option id`);
      break;
    case 'multiple_response':
      if (!Array.isArray(key) || key.length === 0) errs.push('key must be a non-empty array of option ids for multiple_response');
      else {
        for (const k of key) if (!known(k)) errs.push(`key "${k}" is not an option id`);
        if (new Set(key).size !== key.length) errs.push('key repeats an option id');
      }
      break;
    case 'true_false':
      if (typeof key !== 'boolean') errs.push('key must be true or false for true_false');
      if (options) errs.push('true_false takes no options');
      break;
    case 'short_answer':
      if (!Array.isArray(key) || key.length === 0 || !key.every((k) => typeof k === 'string' && k.trim() !== ''))
        errs.push('key must be a non-empty array of accepted answers (strings) for short_answer');
      break;
    case 'matching': {
      if (!key || typeof key !== 'object' || Array.isArray(key) || Object.keys(key).length === 0) {
        errs.push('key must be an object of pairs {leftId: rightId} for matching');
        break;
      }
      const rights = new Set();
      for (const [l, r] of Object.entries(key)) {
        if (!known(l)) errs.push(`key pair left "${l}" is not an option id`);
        if (!known(r)) errs.push(`key pair right "${r}" is not an option id`);
        if (l === r) errs.push(`key pairs "${l}" with itself`);
        if (rights.has(r)) errs.push(`key uses right option "${r}" twice`);
        rights.add(r);
      }
      break;
    }
    case 'ordering':
      if (!Array.isArray(key)) errs.push('key must be an array of all option ids for ordering');
      else {
        for (const k of key) if (!known(k)) errs.push(`key "${k}" is not an option id`);
        if (new Set(key).size !== key.length) errs.push('key repeats an option id');
        if (options && (key.length !== ids.size || [...ids].some((id) => !key.includes(id))))
          errs.push('key must list every option id exactly once for ordering');
      }
      break;
    case 'numeric':
      if (!(isNumber(key) || (key && typeof key === 'object' && isNumber(key.value) && isNumber(key.tolerance) && key.tolerance >= 0)))
        errs.push('key must be a number or {value, tolerance} for numeric');
      break;
    case 'essay':
      if (key !== undefined && (typeof key !== 'string' || key.trim() === ''))
        errs.push('key must be absent or a rubric string for essay');
      break;
    default:
      break;
  }
  return errs;
}

export function validateBank(bankDir) {
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validateItem = ajv.compile(schema);
  const files = listItemFiles(bankDir);
  const problems = [];
  const ids = new Map();
  const stems = new Map();
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const rel = relative(bankDir, file).split(sep).join('/');
    const errs = [];
    const family = rel.split('/')[0];
    if (!FAMILIES.includes(family)) errs.push(`folder "${family}" is not a program family (${FAMILIES.join(', ')})`);
    let item;
    try {
      item = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      errs.push(`not valid JSON: ${e.message}`);
    }
    if (item !== undefined) {
      if (!validateItem(item)) {
        for (const e of validateItem.errors) {
          if (e.keyword === 'if') continue;
          errs.push(`schema: ${e.instancePath || '/'} ${e.message}${e.params && e.params.allowedValues ? ` (${e.params.allowedValues.join(', ')})` : ''}${e.params && e.params.additionalProperty ? ` "${e.params.additionalProperty}"` : ''}`);
        }
      }
      if (item && typeof item === 'object' && !Array.isArray(item)) {
        const expected = basename(file, '.json');
        if (typeof item.id === 'string') {
          if (item.id !== expected) errs.push(`id "${item.id}" differs from the file name "${expected}"`);
          if (ids.has(item.id)) errs.push(`id "${item.id}" already used by ${ids.get(item.id)}`);
          else ids.set(item.id, rel);
        }
        errs.push(...checkKey(item));
        if (typeof item.stem === 'string') {
          const n = normaliseStem(item.stem);
          if (stems.has(n)) errs.push(`duplicate stem of ${stems.get(n)}`);
          else stems.set(n, rel);
        }
      }
    }
    if (errs.length) {
      failed++;
      for (const m of errs) problems.push(`${rel}: ${m}`);
    } else passed++;
  }
  return { passed, failed, problems };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const bankDir = process.argv[2] ? process.argv[2] : join(here, '..');
  const { passed, failed, problems } = validateBank(bankDir);
  for (const p of problems) console.log(p);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}
