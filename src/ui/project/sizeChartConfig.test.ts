import { describe, expect, it } from 'vitest';
import { sizeChartConfig } from './sizeChartConfig';

describe('Sizes histogram configuration', () => {
  const cfg = sizeChartConfig(['0.40–0.60', '0.60–0.80'], [3, 1], '#f00', 'height', () => {});

  it('draws no legend even when another chart registered the Legend plugin globally', () => {
    expect(cfg.options?.plugins?.legend?.display).toBe(false);
  });

  it('names every dataset, so nothing that reads the label (legend, tooltip, screen reader) says "undefined"', () => {
    for (const d of cfg.data.datasets) {
      expect(typeof d.label).toBe('string');
      expect(String(d.label)).not.toMatch(/undefined/);
    }
    // what Chart.js builds for a legend item (`'' + dataset.label`) and its default legend text
    const meta = cfg.data.datasets.map((d) => '' + d.label);
    expect(meta).toEqual(['objects by height']);
  });

  it('the tooltip reads the bin and the count in words', () => {
    const cb = cfg.options!.plugins!.tooltip!.callbacks!;
    expect((cb.title as (i: unknown[]) => string)([{ label: '0.40–0.60' }])).toBe('height 0.40–0.60 m');
    expect((cb.label as (i: unknown) => string)({ formattedValue: '3', raw: 3 })).toBe('3 objects');
    expect((cb.label as (i: unknown) => string)({ formattedValue: '1', raw: 1 })).toBe('1 object');
  });

  it('a click on a bar reports its bin', () => {
    let got = -1;
    const c = sizeChartConfig([], [], '#f00', 'width', (b) => (got = b));
    (c.options!.onClick as (e: unknown, el: { index: number }[]) => void)(null, [{ index: 1 }]);
    expect(got).toBe(1);
  });
});
