import type { ImportProblem, ImportReport, ItemScoring } from '@boiduong/shared-contracts';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Ajv2020 from 'ajv/dist/2020';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DataSource } from 'typeorm';
import type { ParsedItem } from '../formats';
import { ImportService } from './import.service';

/** One item file of the `question-bank/` folder (see its item.schema.json). */
interface BankFile {
  id: string;
  type: string;
  stem: string;
  options?: Array<{ id: string; text: string }>;
  key: unknown;
  explanation?: string;
  topic: string;
  level: string;
  programs?: string[];
  tags?: string[];
  source: { document: string; article?: string; url?: string };
  status: 'draft' | 'approved';
}

export interface BankImportReport extends ImportReport {
  files: number;
}

/**
 * Loads the content-as-code bank into the database: each file is validated against the folder's
 * JSON schema, named by its `id` (the item's external ref in the central unit), and written only
 * when its content hash or status changed; an edited approved file becomes a new approved version.
 */
@Injectable()
export class BankImportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly imports: ImportService,
  ) {}

  async importFolder(folder: string, options: { dryRun?: boolean } = {}): Promise<BankImportReport> {
    const schema = JSON.parse(await readFile(join(folder, 'item.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    const paths = (await listJson(folder)).filter((p) => relative(folder, p).includes('/'));
    const problems: ImportProblem[] = [];
    const parsed: ParsedItem[] = [];
    const fileOf = new Map<number, string>();
    const status = new Map<number, 'draft' | 'approved'>();
    let index = 0;
    for (const path of paths.sort()) {
      const line = ++index;
      const name = relative(folder, path);
      fileOf.set(line, name);
      let data: unknown;
      try {
        data = JSON.parse(await readFile(path, 'utf8'));
      } catch (e) {
        problems.push({ line, message: `${name}: not JSON (${e instanceof Error ? e.message : String(e)})` });
        continue;
      }
      if (!validate(data)) {
        problems.push({ line, message: `${name}: ${(validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}` });
        continue;
      }
      const f = data as BankFile;
      status.set(line, f.status);
      const { options, key, scoring } = adaptBankKey(f);
      parsed.push({
        line,
        ref: f.id,
        input: {
          type: f.type,
          stem: f.stem,
          options,
          key,
          scoring,
          explanation: f.explanation ?? null,
          topic: f.topic,
          level: f.level,
          programIds: f.programs ?? [],
          tags: f.tags ?? [],
          source: f.source,
        },
      });
    }
    const who = await this.systemAuthor();
    const report = await this.imports.importParsed(parsed, problems, who, {
      mode: 'valid-only',
      dryRun: options.dryRun,
      skipSimilarity: true,
      status: (p) => status.get(p.line) ?? 'draft',
    });
    // Reports name files, not ordinal "lines".
    const named = (list: ImportProblem[]) => list.map((e) => ({ line: e.line, message: e.message.startsWith(fileOf.get(e.line) ?? '\u0000') ? e.message : `${fileOf.get(e.line)}: ${e.message}` }));
    return { ...report, errors: named(report.errors), warnings: named(report.warnings), files: paths.length };
  }

  /** The bank belongs to the root unit and is recorded as authored by the first super admin. */
  private async systemAuthor(): Promise<{ ownerOrgUnitId: string; authorId: string }> {
    const rows = await this.db.query(
      `SELECT g.user_id, o.id AS unit_id FROM role_grants g JOIN org_units o ON o.id = g.org_unit_id
        WHERE g.role = 'super_admin' AND o.parent_id IS NULL ORDER BY g.created_at LIMIT 1`,
    );
    if (!rows.length) throw new Error('no super admin on the root unit: run the bootstrap first');
    return { ownerOrgUnitId: rows[0].unit_id as string, authorId: rows[0].user_id as string };
  }
}

/**
 * The bank files write two keys differently from the API: matching as `{ leftId: rightId }` over
 * options holding both sides (the right side becomes the match text; unused right options are
 * dropped), and essays as the marking guide in `key` (kept as a one-criterion rubric on the
 * 10-point scale).
 */
export function adaptBankKey(f: Pick<BankFile, 'type' | 'options' | 'key'>): { options: BankFile['options']; key: unknown; scoring?: ItemScoring } {
  if (f.type === 'matching' && f.key && typeof f.key === 'object' && !Array.isArray(f.key)) {
    const pairs = Object.entries(f.key as Record<string, unknown>);
    const byId = new Map((f.options ?? []).map((o) => [o.id, o.text]));
    const left = new Set(pairs.map(([l]) => l));
    return {
      options: (f.options ?? []).filter((o) => left.has(o.id)),
      key: pairs.map(([l, r]) => [l, typeof r === 'string' ? (byId.get(r) ?? r) : '']),
    };
  }
  if (f.type === 'essay' && typeof f.key === 'string') {
    return { options: f.options, key: null, scoring: { rubric: [{ criterion: f.key, points: 10 }] } };
  }
  return { options: f.options, key: f.key };
}

async function listJson(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'tools') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listJson(path)));
    else if (entry.name.endsWith('.json') && entry.name !== 'project.json' && entry.name !== 'item.schema.json') out.push(path);
  }
  return out;
}
