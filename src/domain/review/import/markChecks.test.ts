import { describe, expect, it } from 'vitest';
import { importAll } from './importer';
import { drawnBox, markFlags } from './markChecks';

const SIZE = [{ width: 640, height: 480 }];
// A 640×480 PNG header is all the importer reads for the size
const png640 = () => {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, 640);
  new DataView(b.buffer).setUint32(20, 480);
  b.set([8, 2], 24);
  return b;
};

describe('marks that cannot be right', () => {
  it('swapped corners and marks past the edges, with a pixel of slack for rounding', () => {
    expect(markFlags([{ kind: 'box', color: 'red', box: [100, 50, 20, 10] }], SIZE)).toEqual(['inverted-box']);
    expect(markFlags([{ kind: 'box', color: 'red', box: [0, 0, 640, 480] }], SIZE)).toEqual([]);
    expect(markFlags([{ kind: 'box', color: 'red', box: [-0.9, 0, 640.9, 480] }], SIZE)).toEqual([]);
    expect(markFlags([{ kind: 'box', color: 'red', box: [600, 10, 700, 40] }], SIZE)).toEqual(['mark-outside']);
    expect(markFlags([{ kind: 'point', color: 'blue', uv: [639.5, 479.5] }], SIZE)).toEqual([]);
    expect(markFlags([{ kind: 'point', color: 'blue', uv: [-2, 10] }], SIZE)).toEqual(['mark-outside']);
    // the second image's size is unknown: its marks are not judged as outside
    expect(markFlags([{ kind: 'point', color: 'blue', uv: [5000, 10], image: 1 }], SIZE)).toEqual([]);
    expect(markFlags([{ kind: 'box', color: 'red', box: [700, 50, 20, 10] }], SIZE)).toEqual(['mark-outside', 'inverted-box']);
  });

  it('drawn boxes never have a negative size', () => {
    expect(drawnBox([100, 50, 20, 10])).toEqual({ x: 20, y: 10, width: 80, height: 40 });
    expect(drawnBox([1, 2, 3, 4])).toEqual({ x: 1, y: 2, width: 2, height: 2 });
  });

  it('the importer flags them: our items against their images, SPAR-7M marks on their 0–1000 scale', async () => {
    const own = (id: string, marks: unknown[]) =>
      JSON.stringify({ id, image: ['p.png'], task: 't', question: 'q', answer: 'a', spatial_lens: { schema: 'spatial-lens/qa@1', format: 'fill', marks } });
    const spar = (id: string, extra: Record<string, unknown>) =>
      JSON.stringify({ id, type: 'depth_prediction_oc', image: ['p.png'], conversations: [{ from: 'human', value: 'q' }, { from: 'gpt', value: '1' }], ...extra });
    const r = await importAll([
      { path: 'p.png', blob: new Blob([png640()]) },
      { path: 'own.jsonl', blob: new Blob([[own('ok', [{ kind: 'point', color: 'red', uv: [10, 10] }]), own('far', [{ kind: 'point', color: 'red', uv: [900, 10] }]), own('swap', [{ kind: 'box', color: 'red', box: [300, 200, 100, 50] }])].join('\n')]) },
      { path: 'spar/fill/s.jsonl', blob: new Blob([[spar('s_ok', { red_point: [[500, 500]] }), spar('s_far', { red_point: [[1200, 500]] }), spar('s_swap', { red_bbox: [[600, 600, 100, 100]] })].join('\n')]) },
    ]);
    const flags = new Map(r.items.map((i) => [i.appId.split('#')[1], i.flags]));
    expect(flags).toEqual(
      new Map([
        ['ok', []],
        ['far', ['mark-outside']],
        ['swap', ['inverted-box']],
        ['s_ok', []],
        ['s_far', ['mark-outside']],
        ['s_swap', ['inverted-box']],
      ]),
    );
  });
});
