import { accessCodeMatches, ipAllowed, parseNetwork, releaseExpectedAt, resultsReleased } from './delivery';

describe('result release', () => {
  const closesAt = new Date('2026-12-01T10:00:00Z');
  const before = new Date('2026-12-01T09:59:59Z');

  it('immediate results are always released', () => {
    expect(resultsReleased(before, { resultRelease: 'immediate', closesAt, resultsReleasedAt: null })).toBe(true);
  });

  it('after_close releases at the close, or earlier by hand', () => {
    const rule = { resultRelease: 'after_close' as const, closesAt, resultsReleasedAt: null };
    expect(resultsReleased(before, rule)).toBe(false);
    expect(resultsReleased(closesAt, rule)).toBe(true);
    expect(releaseExpectedAt(rule)).toEqual(closesAt);
    const early = { ...rule, resultsReleasedAt: new Date('2026-12-01T09:00:00Z') };
    expect(resultsReleased(before, early)).toBe(true);
    expect(releaseExpectedAt(early)).toBeNull();
  });

  it('manual waits for the release, even after the close', () => {
    const rule = { resultRelease: 'manual' as const, closesAt, resultsReleasedAt: null };
    expect(resultsReleased(new Date('2027-01-01T00:00:00Z'), rule)).toBe(false);
    expect(releaseExpectedAt(rule)).toBeNull();
    expect(resultsReleased(before, { ...rule, resultsReleasedAt: before })).toBe(true);
  });
});

describe('supervised rooms', () => {
  it.each([
    ['10.1.2.0/24', { address: '10.1.2.0', prefix: 24, family: 'ipv4' }],
    ['10.1.2.3', { address: '10.1.2.3', prefix: 32, family: 'ipv4' }],
    ['2001:db8::/32', { address: '2001:db8::', prefix: 32, family: 'ipv6' }],
  ])('reads %s as a network', (text, expected) => {
    expect(parseNetwork(text)).toEqual(expected);
  });

  it.each(['10.1.2.0/33', '10.1.2/24', 'phong-thi', '10.0.0.0/8/1', '10.0.0.0/', '::1/129', '10.0.0.0/+8'])('refuses %s', (text) => {
    expect(parseNetwork(text)).toBeNull();
  });

  it('admits addresses inside the ranges only, IPv4 seen through IPv6 included', () => {
    const room = ['10.1.2.0/24', '2001:db8::/32'];
    expect(ipAllowed('10.1.2.77', room)).toBe(true);
    expect(ipAllowed('::ffff:10.1.2.77', room)).toBe(true);
    expect(ipAllowed('2001:db8::1', room)).toBe(true);
    expect(ipAllowed('10.1.3.1', room)).toBe(false);
    expect(ipAllowed('', room)).toBe(false);
    expect(ipAllowed('203.0.113.9', [])).toBe(true);
  });

  it('compares access codes exactly, ignoring surrounding spaces and Unicode form', () => {
    expect(accessCodeMatches('PHÒNG-3', ' PHÒNG-3 ')).toBe(true);
    expect(accessCodeMatches('PHÒNG-3', 'PHO\u0300NG-3')).toBe(true);
    expect(accessCodeMatches('PHÒNG-3', 'phòng-3')).toBe(false);
    expect(accessCodeMatches('PHÒNG-3', undefined)).toBe(false);
  });
});
