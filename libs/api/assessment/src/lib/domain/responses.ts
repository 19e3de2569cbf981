/**
 * Idempotent saves. Every response carries a per-item sequence number chosen by the client
 * (it increases with each change of that item). Resending a batch after a dropped connection
 * must change nothing; an older change arriving after a newer one must not overwrite it.
 */

export interface IncomingResponse {
  itemId: string;
  seq: number;
}

export type SaveVerdict = 'apply' | 'duplicate' | 'stale';

export function verdictFor(storedSeq: number | undefined, incomingSeq: number): SaveVerdict {
  if (storedSeq === undefined || incomingSeq > storedSeq) return 'apply';
  return incomingSeq === storedSeq ? 'duplicate' : 'stale';
}

/**
 * Reduces a batch to what must be written: the highest sequence per item when the batch
 * repeats an item, compared with what is stored. Order of the batch does not matter.
 */
export function planSave<T extends IncomingResponse>(
  stored: ReadonlyMap<string, number>,
  batch: readonly T[],
): { apply: T[]; duplicate: T[]; stale: T[] } {
  const latest = new Map<string, T>();
  const superseded: T[] = [];
  for (const r of batch) {
    const seen = latest.get(r.itemId);
    if (!seen || r.seq > seen.seq) {
      if (seen) superseded.push(seen);
      latest.set(r.itemId, r);
    } else {
      superseded.push(r);
    }
  }
  const out = { apply: [] as T[], duplicate: [] as T[], stale: superseded };
  for (const r of latest.values()) out[verdictFor(stored.get(r.itemId), r.seq)].push(r);
  return out;
}
