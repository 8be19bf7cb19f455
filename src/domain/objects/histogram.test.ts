import { describe, expect, it } from 'vitest';
import { histogram } from './histogram';

describe('histogram', () => {
  it('bins values equally between min and max, the maximum in the last bin', () => {
    const h = histogram([0, 0.1, 0.5, 0.99, 1], 4);
    expect(h.edges).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(h.counts).toEqual([2, 0, 1, 2]);
    expect(h.members[3]).toEqual([3, 4]);
  });
  it('widens a single value into one bin around it', () => {
    const h = histogram([1.7, 1.7], 2);
    expect(h.counts).toEqual([0, 2]);
    expect(h.edges[0]).toBeCloseTo(1.65, 9);
  });
});
