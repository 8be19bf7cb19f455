import { describe, expect, it } from 'vitest';
import { TEST_MODELS } from '../../../scripts/testModels';
import { CATALOGUE, CATALOGUE_SCHEMA, catalogueUrl, consentLine, findEntry, formatSize, parseCatalogue, parseModelBase, recommended, toManifestEntry } from './catalogue';
import { FAMILY_TASK } from './manifest';

describe('the model catalogue', () => {
  it('recommends the int8 Depth Anything V2 Small and names it as the consent screen must', () => {
    const r = recommended()!;
    expect(r.id).toBe('dav2-small-int8');
    expect(consentLine(r)).toBe('Download Depth Anything V2 Small, int8, 27 MB, Apache-2.0');
  });

  it('pins every file to a full revision with its exact hash, and every id is unique', () => {
    const ids = new Set(CATALOGUE.entries.map((e) => e.id));
    expect(ids.size).toBe(CATALOGUE.entries.length);
    for (const e of CATALOGUE.entries) {
      expect(e.revision).toMatch(/^[0-9a-f]{40}$/);
      expect(e.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(catalogueUrl(e)).toBe(`https://huggingface.co/${e.repo}/resolve/${e.revision}/${e.path}`);
    }
    // the quantized file and the fp32 file are different bytes; a file named "metric" that is the relative one is caught by its hash
    expect(findEntry('dav2-small-int8').sha256).not.toBe(findEntry('dav2-small-fp32').sha256);
    expect(findEntry('dav2-small-fp32').bytes).toBe(99_060_839);
    expect(findEntry('moge2-vits').bytes).toBe(140_852_051);
  });

  it('offers the families the app runs: relative, metric, MoGe-2 and Metric3D, and says which slots are empty and why', () => {
    const fams = new Set(CATALOGUE.entries.map((e) => e.family));
    for (const f of ['depth-anything-v2', 'depth-anything-v2-metric', 'moge-2', 'metric3d-v2']) expect(fams.has(f as never)).toBe(true);
    expect(CATALOGUE.missing.map((m) => m.slot)).toEqual(['metric depth, outdoor', 'camera / field of view']);
    // what is not clearly permissive or not fully verified says so
    expect(findEntry('metric3d-vits').caveat).toMatch(/Licence unclear/);
    expect(findEntry('dav2-metric-indoor-small').bytes).toBeNull();
  });

  it('uses the input and output names of the generated test models of the same family', () => {
    const same = (id: string, model: { inputs: readonly { name: string }[]; outputs: readonly { name: string }[] }) => {
      const e = findEntry(id);
      expect(model.inputs[0].name).toBe(e.input.name);
      expect(model.outputs.map((o) => o.name)).toContain(e.output.name);
    };
    same('dav2-small-int8', TEST_MODELS.dav2Relative);
    same('moge2-vits', TEST_MODELS.moge2);
    same('metric3d-vits', TEST_MODELS.metric3d);
  });

  it('puts a mirror or a test server in place of the host, keeping the file path', () => {
    const e = findEntry('dav2-small-int8');
    expect(catalogueUrl(e, 'http://localhost:9000/mirror/')).toBe(`http://localhost:9000/mirror/onnx-community/depth-anything-v2-small/resolve/${e.revision}/onnx/model_quantized.onnx`);
    expect(parseModelBase(' https://m.example.org/hf/ ')).toBe('https://m.example.org/hf');
    expect(() => parseModelBase('m.example.org')).toThrow(/not a URL/);
    expect(() => parseModelBase('ftp://m.example.org')).toThrow(/http or https/);
    expect(() => parseModelBase('https://m.example.org/?token=1')).toThrow(/query/);
  });

  it('becomes an installed-model entry with its family task, hash and size', () => {
    const m = toManifestEntry(findEntry('moge2-vits'));
    expect(m).toMatchObject({ id: 'moge2-vits', family: 'moge-2', task: FAMILY_TASK['moge-2'], sha256: findEntry('moge2-vits').sha256, bytes: 140_852_051, numTokens: 1800 });
  });

  it('formats sizes as people read them', () => {
    expect(formatSize(27_258_801)).toBe('27 MB');
    expect(formatSize(140_852_051)).toBe('141 MB');
    expect(formatSize(4_812)).toBe('5 kB');
    expect(formatSize(null)).toBe('size unpublished');
  });
});

describe('a catalogue file', () => {
  const good = () => JSON.parse(JSON.stringify(CATALOGUE));
  it('reads the built-in catalogue written as JSON back unchanged', () => {
    expect(parseCatalogue(JSON.stringify(CATALOGUE))).toEqual(CATALOGUE);
  });
  it('names the entry and the field that is wrong', () => {
    const c = good();
    c.entries[1].sha256 = 'ABC';
    expect(() => parseCatalogue(JSON.stringify(c))).toThrow('catalogue.json, entry 2 ("dav2-small-fp32"): "sha256" must be 64 lowercase hex digits.');
    const d = good();
    d.entries[0].path = '../../etc/passwd.onnx';
    expect(() => parseCatalogue(JSON.stringify(d))).toThrow(/"path" must name an .onnx file/);
    const y = good();
    y.entries[0].family = 'yolox';
    expect(() => parseCatalogue(JSON.stringify(y))).toThrow(/not a depth or camera family/);
    const twice = good();
    twice.entries[1].id = twice.entries[0].id;
    expect(() => parseCatalogue(JSON.stringify(twice))).toThrow(/appears twice/);
    const proto = good();
    proto.entries[0].id = '__proto__';
    expect(() => parseCatalogue(JSON.stringify(proto))).toThrow(/"id" must be/);
  });
  it('refuses what is not a catalogue', () => {
    expect(() => parseCatalogue('{"schema":"x","entries":[]}')).toThrow(`expected "schema": "${CATALOGUE_SCHEMA}"`);
    expect(() => parseCatalogue('{oops')).toThrow(/not valid JSON/);
  });
});
