#!/usr/bin/env node
// Runs the psychometrics CLI from source on a fresh clone: the TypeScript entry is bundled
// with esbuild (a workspace devDependency) on first use and whenever a source file is newer.
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const libDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(libDir, '..', '..');
const srcDir = join(libDir, 'src');
const outFile = join(root, 'dist', 'psychometrics-cli', 'psy.cjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

const require = createRequire(import.meta.url);
const stale = !existsSync(outFile) || statSync(outFile).mtimeMs < Math.max(newestSource(srcDir), statSync(fileURLToPath(import.meta.url)).mtimeMs);
if (stale) {
  const esbuild = require(require.resolve('esbuild', { paths: [root] }));
  mkdirSync(dirname(outFile), { recursive: true });
  esbuild.buildSync({
    entryPoints: [join(srcDir, 'cli.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: outFile,
    logLevel: 'error',
    footer: { js: 'if (require.main === module || process.env.PSY_BUNDLE_MAIN) module.exports.main();' },
  });
}
require(outFile).main();
