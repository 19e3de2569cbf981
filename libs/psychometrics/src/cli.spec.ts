import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Rng } from './lib/random';
import { normalThetas, randomItems, simulateResponses } from './lib/irt/simulate';

const root = resolve(__dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'psy-cli-'));
function write(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
function psy(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'libs/psychometrics/bin/psy.mjs'), ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const rng = new Rng(77);
const data = simulateResponses(randomItems(8, rng), normalThetas(400, rng), rng);
const ids = Array.from({ length: 8 }, (_, j) => `q${j + 1}`);
const lines = [ids.join(',')];
for (let p = 0; p < 400; p++) lines.push(Array.from(data.responses.subarray(p * 8, p * 8 + 8)).map((v, j) => (p % 37 === 0 && j === 2 ? '' : String(v))).join(','));
const good = write('good.csv', lines.join('\n') + '\n');

describe('psy analyze (spawned end to end)', () => {
  it('prints the documented JSON for a good file (default model 2pl)', () => {
    const r = psy('analyze', good);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['persons', 'items', 'ctt', 'irt']);
    expect(out.persons).toBe(400);
    expect(out.items).toBe(8);
    expect(Object.keys(out.ctt)).toEqual(['mean', 'sd', 'alpha', 'sem', 'items']);
    expect(Object.keys(out.ctt.items[0])).toEqual([
      'id', 'facility', 'sd', 'discriminationIndex', 'discriminativeEfficiency', 'effectiveWeight', 'pointBiserial', 'upperLowerD', 'flags',
    ]);
    expect(out.ctt.items.map((i: { id: string }) => i.id)).toEqual(ids);
    expect(out.irt.model).toBe('2pl');
    expect(Object.keys(out.irt.items[0])).toEqual(['id', 'a', 'b', 'd', 'c', 'seA', 'seD']);
    expect(out.irt.persons).toHaveLength(400);
    expect(Object.keys(out.irt.persons[0])).toEqual(['theta', 'se']);
    expect(out.irt.logLik).toBeLessThan(0);
    expect(out.irt.iterations).toBeGreaterThan(0);
  });
  it('--model none omits irt; rasch reports a common slope', () => {
    const none = JSON.parse(psy('analyze', good, '--model', 'none').stdout);
    expect(none.irt).toBeUndefined();
    const rasch = JSON.parse(psy('analyze', good, '--model', 'rasch').stdout);
    const slopes = new Set(rasch.irt.items.map((i: { a: number }) => i.a));
    expect(slopes.size).toBe(1);
  });
  it('accepts polytomous marks with --max-marks for CTT and refuses IRT on them', () => {
    const f = write('poly.csv', 'a,b,c\n2,1,0.5\n1,0,1\n0,1,0\n2,1,1\n1,0,0.5\n');
    const mm = write('max.csv', 'a,b,c\n2,1,1\n');
    const ok = psy('analyze', f, '--model', 'none', '--max-marks', mm);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).ctt.items[0].facility).toBeCloseTo(6 / 5 / 2, 12);
    const bad = psy('analyze', f, '--max-marks', mm);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/dichotomous/);
  });
  const cases: [string, string[], RegExp][] = [
    ['missing file', ['analyze', join(dir, 'nope.csv')], /cannot read responses file .*nope\.csv/],
    ['ragged row', ['analyze', write('ragged.csv', 'a,b\n1,0\n1\n')], /row 3: has 1 fields, expected 2/],
    ['non-numeric value', ['analyze', write('text.csv', 'a,b\n1,0\n1,x\n')], /row 3, column 2 \("b"\): "x" is not a number/],
    ['empty file', ['analyze', write('empty.csv', '')], /empty/],
    ['no variance', ['analyze', write('flat.csv', 'a,b\n1,0\n1,1\n1,0\n')], /column 1 \("a"\): no variance/],
    ['mark above the maximum', ['analyze', write('two.csv', 'a,b\n1,0\n2,1\n0,0\n')], /row 3, column 1 \("a"\): mark 2 exceeds the maximum 1/],
    ['unknown option', ['analyze', good, '--fast'], /unknown option "--fast"/],
    ['unknown model', ['analyze', good, '--model', '4pl'], /unknown model "4pl"/],
    ['bad max-marks', ['analyze', good, '--max-marks', write('mm.csv', '1,1,x,1,1,1,1,1\n')], /max-marks/],
  ];
  it.each(cases)('%s: exit 2 with a one-line message', (_name, args, message) => {
    const r = psy(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\s+at\s/);
  });
});
