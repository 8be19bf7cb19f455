// Two items of different source files may share an id (SPAR-7M's README record and the same record
// in its training file): the export keeps a marked photo for each instead of failing.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { QAItem } from '../qa/types';
import { writeExport } from './exportBundle';

const qa = (id: string, file: string): QAItem => ({
  id,
  image: ['543.jpg'],
  task: 'depth_prediction_oc',
  question: 'q',
  answer: '1.5',
  spatial_lens: { schema: 'spatial-lens/qa@1', format: 'sentence', objects: [], marks: [], evidence: {}, scene: 's', generator: { name: 'spatial-lens', version: 't', seed: 0 }, source: { file, line: 1, layout: 'spar7m', id } },
});

describe('marked photos of items that share an id', () => {
  it('are both written, the second under a numbered name', async () => {
    const parts: Uint8Array[] = [];
    const photo = (v: number) => new Uint8Array(20).fill(v);
    const manifest = await writeExport(
      [
        { appId: 'a.jsonl#scene0261_00_16', item: qa('scene0261_00_16', 'a.jsonl'), images: [], marked: [{ path: 'scene0261_00_16.jpg', blob: photo(1) }] },
        { appId: 'b.jsonl#scene0261_00_16', item: qa('scene0261_00_16', 'b.jsonl'), images: [], marked: [{ path: 'scene0261_00_16.jpg', blob: photo(2) }] },
      ],
      { recordOf: (item) => ({ id: item.id }), layoutOf: () => 'spar7m' },
      (c) => void parts.push(c.slice()),
    );
    expect(manifest.counts.marked).toBe(2);
    const zip = unzipSync(new Uint8Array(await new Blob(parts as BlobPart[]).arrayBuffer()));
    expect(zip['marked/scene0261_00_16.jpg'][0]).toBe(1);
    expect(zip['marked/scene0261_00_16~2.jpg'][0]).toBe(2);
  });
});
