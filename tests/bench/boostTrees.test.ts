import { describe, expect, it } from 'vitest';
import { boost, platt, scaled } from '../../bench/boostTrees';
import { calibratedConfidence, type Features, type TreeModel } from '../../src/answer/confidence';

describe('Platt scaling on top of the trees', () => {
  it('recovers the slope and offset that produced the outcomes', () => {
    // Outcomes drawn as σ(2z − 0.5), with a fixed pseudo-random sequence.
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const z = Array.from({ length: 20000 }, () => random() * 6 - 3);
    const y = z.map((zi) => (random() < 1 / (1 + Math.exp(-(2 * zi - 0.5))) ? 1 : 0));
    const { a, b } = platt(
      z,
      y,
      z.map(() => 1),
    );
    expect(a).toBeGreaterThan(1.8);
    expect(a).toBeLessThan(2.2);
    expect(b).toBeGreaterThan(-0.7);
    expect(b).toBeLessThan(-0.3);
  });

  it('folds the scaling into the trees: the scaled model gives σ(a·z + b)', () => {
    const x = [0, 1, 2, 3, 4, 5, 6, 7].map((v) => [v]);
    const y = [0, 0, 1, 0, 1, 1, 1, 1];
    const fitted = boost(
      ['coverage'],
      x,
      y,
      y.map(() => 1),
      { trees: 5, depth: 1, rate: 0.3, lambda: 1, minLeaf: 0.1, bins: 8 },
    );
    const model: TreeModel = { kind: 'trees', ...fitted };
    const twice: TreeModel = { kind: 'trees', ...scaled(fitted, 2, 0.5) };
    for (const [v] of x) {
      const features = { coverage: v } as unknown as Features;
      const p = calibratedConfidence(features, model);
      const z = Math.log(p / (1 - p));
      expect(calibratedConfidence(features, twice)).toBeCloseTo(1 / (1 + Math.exp(-(2 * z + 0.5))), 3);
    }
  });
});
