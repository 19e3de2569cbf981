import { createHash } from 'node:crypto';
import type { ItemContent } from './item-content';

/** Sorted-key JSON, so that the hash does not depend on property order. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The identity of a version's content: what a learner sees and how it is scored. */
export function contentHash(content: ItemContent): string {
  const hashed = {
    type: content.type,
    stem: content.stem,
    options: content.options,
    key: content.key,
    scoring: content.scoring,
    explanation: content.explanation ?? null,
    topic: content.topic,
    level: content.level,
    programIds: [...content.programIds].sort(),
    tags: [...content.tags].sort(),
    estimatedSeconds: content.estimatedSeconds ?? null,
    source: content.source ?? null,
  };
  return createHash('sha256').update(canonicalJson(hashed)).digest('hex');
}
