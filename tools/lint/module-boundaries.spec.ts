import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Proves the layering is enforced by lint, not by discipline: each forbidden import below,
 * linted as a file in a real project's folder, must be reported by
 * @nx/enforce-module-boundaries; each allowed one must not.
 */
const root = join(__dirname, '../..');

const forbidden: Array<[string, string, string]> = [
  ['shared contracts importing the api core', 'libs/shared/contracts/src/lib/probe.ts', `import { AppConfig } from '@boiduong/api-core';\nexport const x = AppConfig;\n`],
  ['psychometrics importing anything of ours', 'libs/psychometrics/src/lib/probe.ts', `import { ROLES } from '@boiduong/shared-contracts';\nexport const x = ROLES;\n`],
  ['the api core importing a feature', 'libs/api/core/src/lib/probe.ts', `import { IdentityModule } from '@boiduong/api-identity';\nexport const x = IdentityModule;\n`],
  ['a web lib importing the api', 'libs/web/core/src/lib/probe.ts', `import { AppConfig } from '@boiduong/api-core';\nexport const x = AppConfig;\n`],
  ['test support importing a feature', 'libs/api/testing/src/lib/probe.ts', `import { IdentityModule } from '@boiduong/api-identity';\nexport const x = IdentityModule;\n`],
  ['a web screen (not a spec) importing web test support', 'libs/web/admin/src/lib/probe.ts', `import { query } from '@boiduong/web-testing';\nexport const x = query;\n`],
  ['web test support importing a feature', 'libs/web/testing/src/lib/probe.ts', `import { profileRoutes } from '@boiduong/web-admin';\nexport const x = profileRoutes;\n`],
];
const allowed: Array<[string, string, string]> = [
  ['a feature importing core and contracts', 'libs/api/identity/src/lib/probe.ts', `import { AppConfig } from '@boiduong/api-core';\nimport { ROLES } from '@boiduong/shared-contracts';\nexport const x = [AppConfig, ROLES];\n`],
  ['the api app importing a feature', 'apps/api/src/probe.ts', `import { IdentityModule } from '@boiduong/api-identity';\nexport const x = IdentityModule;\n`],
  ['a web feature spec importing web test support', 'libs/web/admin/src/lib/probe.spec.ts', `import { query } from '@boiduong/web-testing';\nexport const x = query;\n`],
];

describe('module boundaries', () => {
  let messages: string[][];

  beforeAll(() => {
    const cases = [...forbidden, ...allowed].map(([, file, code]) => ({ file: join(root, file), code }));
    const out = execFileSync(process.execPath, [join(__dirname, 'probe-boundaries.mjs')], {
      cwd: root,
      input: JSON.stringify(cases),
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    });
    messages = JSON.parse(out.toString()) as string[][];
  }, 180000);

  it.each(forbidden.map(([name], i) => [name, i] as const))('rejects %s', (_name, i) => {
    expect(messages[i].length).toBeGreaterThan(0);
  });

  it.each(allowed.map(([name], i) => [name, forbidden.length + i] as const))('allows %s', (_name, i) => {
    expect(messages[i]).toEqual([]);
  });
});
