/// <reference types="node" />
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TranslationObject } from '@ngx-translate/core';

/**
 * The app's own translation files, read from disk where the test runner works (the workspace root),
 * so a spec also catches a missing or misspelt key. Read, not imported: an import would make this
 * library depend on the app, which depends on every feature whose specs use this library.
 */
function i18nFolder(): string {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    const folder = join(dir, 'apps/web/public/i18n');
    if (existsSync(join(folder, 'vi.json'))) return folder;
    if (dirname(dir) === dir) throw new Error(`apps/web/public/i18n not found from ${process.cwd()}`);
  }
}

const folder = i18nFolder();
const read = (lang: 'vi' | 'en') => JSON.parse(readFileSync(join(folder, `${lang}.json`), 'utf8')) as TranslationObject;

export const VI: TranslationObject = read('vi');
export const EN: TranslationObject = read('en');
