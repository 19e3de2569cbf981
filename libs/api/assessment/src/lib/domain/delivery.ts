/**
 * What learners may see of their results and attempts, and who may start in a supervised room.
 * Pure functions of the exam's settings and an instant, so tests run with any clock.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';

/** immediate: at submit; after_close: when the window closes; manual: when a lecturer releases them. */
export type ResultRelease = 'immediate' | 'after_close' | 'manual';
/** none: the score only; responses: own answers with per-item credit; full: also keys and explanations. */
export type ReviewPolicy = 'none' | 'responses' | 'full';

export interface ReleaseSettings {
  resultRelease: ResultRelease;
  closesAt: Date;
  resultsReleasedAt: Date | null;
}

/** Whether learners may see scores now. A lecturer may release early even when the rule is after_close. */
export function resultsReleased(now: Date, exam: ReleaseSettings): boolean {
  if (exam.resultRelease === 'immediate') return true;
  if (exam.resultsReleasedAt !== null && exam.resultsReleasedAt.getTime() <= now.getTime()) return true;
  return exam.resultRelease === 'after_close' && now.getTime() >= exam.closesAt.getTime();
}

/** When results will be released, when that is known in advance (after_close), else null. */
export function releaseExpectedAt(exam: ReleaseSettings): Date | null {
  return exam.resultRelease === 'after_close' && exam.resultsReleasedAt === null ? exam.closesAt : null;
}

/** A CIDR (`10.1.0.0/16`, `2001:db8::/32`) or a single address; null when it is neither. */
export function parseNetwork(text: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address, prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return null;
  const version = isIP(address);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** Whether `ip` is inside one of the networks; an empty list allows every address. */
export function ipAllowed(ip: string, networks: readonly string[]): boolean {
  if (networks.length === 0) return true;
  const list = new BlockList();
  for (const text of networks) {
    const network = parseNetwork(text);
    if (network) list.addSubnet(network.address, network.prefix, network.family);
  }
  // An IPv4 client seen through a dual-stack socket arrives as ::ffff:a.b.c.d.
  const plain = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  const version = isIP(plain);
  if (version === 0) return false;
  return list.check(plain, version === 4 ? 'ipv4' : 'ipv6');
}

/** Compares access codes in constant time (over their digests, so lengths leak nothing either). */
export function accessCodeMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s.normalize('NFC').trim()).digest();
  return timingSafeEqual(digest(expected), digest(given));
}
