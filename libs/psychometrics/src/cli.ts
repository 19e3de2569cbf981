/**
 * `psy analyze <responses.csv> [--model none|rasch|2pl|3pl] [--max-marks <csv>]`
 * Prints one JSON document; every user error is one line on stderr with exit code 2.
 */
import { readFileSync } from 'node:fs';
import { analyzeCtt, MarkMatrix } from './lib/ctt';
import { CsvError, parseMaxMarks, parseResponses } from './lib/csv';
import { itemFlags } from './lib/flags';
import { calibrate, IrtModelName } from './lib/irt/calibrate';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => string;
}

class UsageError extends Error {}

const USAGE = 'usage: psy analyze <responses.csv> [--model none|rasch|2pl|3pl] [--max-marks <csv>]';

function finite(v: number | null | undefined): number | null {
  return v === null || v === undefined || !Number.isFinite(v) ? null : v;
}

function parseArgs(argv: string[]): { file: string; model: IrtModelName | 'none'; maxMarks: string | null } {
  if (argv.length === 0) throw new UsageError(`missing command; ${USAGE}`);
  const [cmd, ...rest] = argv;
  if (cmd !== 'analyze') throw new UsageError(`unknown command "${cmd}"; ${USAGE}`);
  let file: string | null = null;
  let model: IrtModelName | 'none' = '2pl';
  let maxMarks: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`option ${name} needs a value`);
      return v;
    };
    if (name === '--model') {
      const v = value().toLowerCase();
      if (v !== 'none' && v !== 'rasch' && v !== '2pl' && v !== '3pl') throw new UsageError(`unknown model "${v}" (use none, rasch, 2pl or 3pl)`);
      model = v;
    } else if (name === '--max-marks') maxMarks = value();
    else if (name.startsWith('-')) throw new UsageError(`unknown option "${name}"; ${USAGE}`);
    else if (file === null) file = arg;
    else throw new UsageError(`unexpected argument "${arg}"; ${USAGE}`);
  }
  if (file === null) throw new UsageError(`missing responses file; ${USAGE}`);
  return { file, model, maxMarks };
}

function read(io: CliIo, path: string, what: string): string {
  try {
    return io.readFile(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(`cannot read ${what} "${path}"${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`);
  }
}

export function runCli(argv: string[], io: CliIo): number {
  try {
    const { file, model, maxMarks: maxFile } = parseArgs(argv);
    const table = parseResponses(read(io, file, 'responses file'));
    const J = table.items;
    const N = table.persons;
    const maxMarks = maxFile ? parseMaxMarks(read(io, maxFile, 'max-marks file'), table.ids) : new Float64Array(J).fill(1);
    const marks = new Float64Array(N * J);
    for (let p = 0; p < N; p++)
      for (let j = 0; j < J; j++) {
        const v = table.values[p * J + j];
        if (v > maxMarks[j])
          throw new CsvError(`row ${p + 2}, column ${j + 1} ("${table.ids[j]}"): mark ${v} exceeds the maximum ${maxMarks[j]}`);
        // Not answered scores 0 in classical statistics, as Moodle does.
        marks[p * J + j] = Number.isNaN(v) ? 0 : v;
      }
    const m: MarkMatrix = { persons: N, items: J, marks, maxMarks };
    const ctt = analyzeCtt(m);
    const out: Record<string, unknown> = {
      persons: N,
      items: J,
      ctt: {
        mean: finite(ctt.test.mean),
        sd: finite(ctt.test.sd),
        alpha: finite(ctt.test.alpha),
        sem: finite(ctt.test.sem),
        items: ctt.items.map((s, j) => ({
          id: table.ids[j],
          facility: finite(s.facility),
          sd: finite(s.sd),
          discriminationIndex: finite(s.discriminationIndex),
          discriminativeEfficiency: finite(s.discriminativeEfficiency),
          effectiveWeight: finite(s.effectiveWeight),
          pointBiserial: finite(s.pointBiserial),
          upperLowerD: finite(s.upperLowerD),
          flags: itemFlags({ facility: s.facility, pointBiserialRest: finite(s.pointBiserialRest), discriminativeEfficiency: s.discriminativeEfficiency }),
        })),
      },
    };
    if (model !== 'none') {
      const responses = new Int8Array(N * J);
      for (let j = 0; j < J; j++) {
        if (maxMarks[j] !== 1)
          throw new CsvError(`column ${j + 1} ("${table.ids[j]}"): model ${model} needs dichotomous 0/1 items, but its max mark is ${maxMarks[j]}; use --model none`);
        let seen0 = false;
        let seen1 = false;
        for (let p = 0; p < N; p++) {
          const v = table.values[p * J + j];
          if (Number.isNaN(v)) {
            responses[p * J + j] = -1;
            continue;
          }
          if (v !== 0 && v !== 1)
            throw new CsvError(`row ${p + 2}, column ${j + 1} ("${table.ids[j]}"): value ${v} is not 0/1; model ${model} needs dichotomous data (use --model none)`);
          responses[p * J + j] = v;
          if (v === 0) seen0 = true;
          else seen1 = true;
        }
        if (!(seen0 && seen1))
          throw new CsvError(
            `column ${j + 1} ("${table.ids[j]}"): no variance (${seen0 ? 'every answer is 0' : seen1 ? 'every answer is 1' : 'never answered'}); model ${model} cannot estimate this item`,
          );
      }
      const fit = calibrate({ persons: N, items: J, responses }, { model });
      out['irt'] = {
        model,
        logLik: fit.logLik,
        iterations: fit.emSteps,
        items: fit.items.map((it, j) => ({
          id: table.ids[j],
          a: it.a,
          b: finite(it.b),
          d: it.d,
          c: it.c,
          seA: finite(it.seA),
          seD: finite(it.seD),
        })),
        persons: Array.from(fit.patterns.patternOfRow, (k) => ({ theta: fit.patternEap[k], se: fit.patternEapSd[k] })),
      };
    }
    io.stdout(JSON.stringify(out) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof CsvError) {
      io.stderr(`psy: ${e.message}\n`);
      return 2;
    }
    io.stderr(`psy: internal error: ${(e as Error).message ?? String(e)}\n`);
    return 1;
  }
}

/** Entry point when bundled: wires real stdio and the file system. */
export function main(): void {
  const code = runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readFile: (p) => readFileSync(p, 'utf8'),
  });
  process.exitCode = code;
}
