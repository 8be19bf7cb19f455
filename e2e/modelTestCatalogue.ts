// A catalogue whose entries point at the generated test models (same input/output names as the
// real entries of their families) with their real hashes, and a server that serves them the way
// the model host does, beside the built app.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TEST_MODELS_DIR } from '../scripts/testModels';
import { CATALOGUE_SCHEMA, type Catalogue, type CatalogueEntry } from '../src/domain/models/catalogue';

const read = (file: string) => new Uint8Array(fs.readFileSync(path.join(TEST_MODELS_DIR, file)));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export const MIRROR_PREFIX = 'mirror';

interface TestEntry {
  entry: CatalogueEntry;
  bytes: Uint8Array;
}

function entry(id: string, file: string, extra: Partial<CatalogueEntry> = {}): TestEntry {
  const bytes = read(file);
  return {
    bytes,
    entry: {
      id,
      name: `Test ${id}`,
      variant: 'test',
      family: 'depth-anything-v2',
      repo: `test/${id}`,
      revision: 'r1',
      path: 'onnx/model.onnx',
      bytes: bytes.length,
      sha256: sha(bytes),
      licence: 'MIT',
      sourcePage: 'https://example.org/test',
      input: { name: 'pixel_values', normalization: 'ImageNet', resize: 'multiples of 14' },
      output: { name: 'predicted_depth', meaning: 'test output' },
      ...extra,
    },
  };
}

export function testCatalogue() {
  const list = [
    entry('tiny-metric', 'tiny-dav2-metric.onnx', { name: 'Tiny Metric Depth', variant: 'fp32', family: 'depth-anything-v2-metric', recommended: true, licence: 'Apache-2.0' }),
    entry('depthnet', 'depthnet-384.onnx', { name: 'DepthNet 384', variant: 'fp32' }),
    // served bytes are the MiDaS test model, the hash is another file's: must be refused
    { ...entry('bad-hash', 'tiny-midas.onnx', { name: 'Tampered Model', variant: 'fp32', family: 'midas' }), sha256: '' },
  ];
  list[2].entry.sha256 = sha(read('tiny-dav2-relative.onnx'));
  const catalogue: Catalogue = { schema: CATALOGUE_SCHEMA, entries: list.map((x) => x.entry), missing: [] };
  const files = new Map(list.map((x) => [`${MIRROR_PREFIX}/${x.entry.repo}/resolve/${x.entry.revision}/${x.entry.path}`, x.bytes]));
  return { catalogue, files, byId: new Map(list.map((x) => [x.entry.id, x])) };
}
