import { continuedFraction, erfc, gammaQ } from './math';

/** Reference values: Python's math.erfc, and Q(s, x) = exp(-x) * sum_{k<s} x^k / k! for integer s. */
describe('special functions', () => {
  it.each([
    [0.5, 0.4795001221869535],
    [2.5, 0.0004069520174449589],
    [-3, 1.9999779095030015],
    [6, 2.1519736712498916e-17],
  ])('erfc(%p) matches to 1e-13 relative', (x, expected) => {
    expect(Math.abs(erfc(x) - expected) / expected).toBeLessThan(1e-13);
  });

  it.each([
    [2, 3, 0.19914827347145578],
    [5, 20, 1.6944743930067385e-5],
    [3, 1.5, 0.8088468305380581],
  ])('gammaQ(%p, %p) matches on both the series and the fraction branch', (s, x, expected) => {
    expect(Math.abs(gammaQ(s, x) - expected) / expected).toBeLessThan(1e-12);
  });

  it('evaluates a known continued fraction: 1 + 1/(1 + 1/(1 + ...)) is the golden ratio', () => {
    expect(continuedFraction(1, () => 1, () => 1, 1e-16)).toBeCloseTo((1 + Math.sqrt(5)) / 2, 12);
  });
});
