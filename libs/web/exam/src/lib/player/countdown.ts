/** Warnings the player gives before time runs out, largest first. */
export const WARNINGS = [
  { key: 'five', atMs: 5 * 60_000 },
  { key: 'one', atMs: 60_000 },
] as const;

export type WarningKey = (typeof WARNINGS)[number]['key'];

/** "mm:ss", or "h:mm:ss" from an hour up; never negative. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** The warning due at `remainingMs`, if not given yet: only the latest one due is shown. */
export function dueWarning(remainingMs: number, given: ReadonlySet<WarningKey>): WarningKey | null {
  let due: WarningKey | null = null;
  for (const w of WARNINGS) if (remainingMs <= w.atMs) due = w.key;
  return due && !given.has(due) ? due : null;
}
