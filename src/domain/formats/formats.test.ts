import fs from 'node:fs';
import path from 'node:path';
import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { checkDepthValues, decodeDepthPng } from './depthPng';
import { focalFromExif, orientationSwapsAxes, readExif } from './exif';
import { sniffImage, workingSize } from './imageInfo';
import { depthScaleFromJson, parseIntrinsicsJson } from './intrinsicsJson';
import { parsePly, writePly } from './ply';
import { parseScene } from '../scene/scene';

const SHARED = path.resolve(import.meta.dirname, '../../../../shared/data');
const FIX = path.resolve(import.meta.dirname, '../../test/fixtures');
const read = (p: string) => new Uint8Array(fs.readFileSync(p));

describe('EXIF', () => {
  it('reads orientation and the 35 mm-equivalent focal of a real tagged JPEG', async () => {
    const exif = (await readExif(read(`${FIX}/exif-26mm-rot90.jpg`)))!;
    expect(exif.orientation).toBe(6);
    expect(exif.focalLength35mm).toBe(26);
    expect(orientationSwapsAxes(exif.orientation)).toBe(true);
    // displayed 48×64; diagonal 80 px; 26 mm of the 43.2666 mm full-frame diagonal
    const f = focalFromExif(exif, 48, 64, 64)!;
    expect(f.f).toBeCloseTo((26 / 43.266615) * 80, 4);
    expect(f.f).toBeCloseTo(48.074, 2);
    expect(f.how).toMatch(/35 mm/);
  });
  it('falls back to the focal-plane resolution', async () => {
    const exif = (await readExif(read(`${FIX}/exif-focalplane.jpg`)))!;
    expect(exif.focalLength35mm).toBeUndefined();
    const f = focalFromExif(exif, 64, 48, 64)!;
    expect(f.f).toBeCloseTo(4.0 * 256 * (64 / 4000), 6); // 16.384 px
  });
  it('returns null for an image without EXIF', async () => {
    const exif = await readExif(read(`${SHARED}/nyu/rgb/rgb_00000.jpg`));
    expect(exif === null || focalFromExif(exif, 640, 480, 640) === null).toBe(true);
  });
});

describe('16-bit depth PNG', () => {
  it('decodes the Open3D frame exactly (millimetres, scale 1000)', () => {
    const d = decodeDepthPng(read(`${SHARED}/open3d_redwood/depth/00000.png`), 1000);
    expect(d.width).toBe(640);
    expect(d.height).toBe(480);
    expect(d.data[240 * 640 + 320]).toBeCloseTo(2.195, 6); // the README's centre pixel
    expect(d.valid / (640 * 480)).toBeGreaterThan(0.86);
    expect(d.valid / (640 * 480)).toBeLessThan(0.88);
  });
  it('refuses 8-bit, multi-channel and empty maps with a message saying why', () => {
    const eight = encode({ width: 4, height: 4, data: new Uint8Array(16).fill(9), depth: 8, channels: 1 });
    expect(() => decodeDepthPng(eight, 1000)).toThrow(/8-bit PNG; a depth map must be 16-bit/);
    const rgb = encode({ width: 4, height: 4, data: new Uint16Array(48).fill(9), depth: 16, channels: 3 });
    expect(() => decodeDepthPng(rgb, 1000)).toThrow(/3 channels/);
    const zeros = encode({ width: 4, height: 4, data: new Uint16Array(16), depth: 16, channels: 1 });
    expect(() => decodeDepthPng(zeros, 1000)).toThrow(/no valid pixel/);
    expect(() => decodeDepthPng(new Uint8Array(0), 1000)).toThrow(/empty/);
    expect(() => decodeDepthPng(new Uint8Array([1, 2, 3]), 1000)).toThrow(/could not be read as a PNG/);
    expect(() => decodeDepthPng(zeros, 0)).toThrow(/depth scale/);
    expect(() => checkDepthValues(new Float32Array([NaN, -1, 0]), 'the model output')).toThrow(/no valid pixel/);
  });
});

describe('intrinsics JSON', () => {
  it("reads Open3D's column-major intrinsic_matrix", () => {
    const r = parseIntrinsicsJson(fs.readFileSync(`${SHARED}/open3d_redwood/camera_primesense.json`, 'utf8'), 640, 480);
    expect(r.layout).toBe('open3d');
    expect(r.K).toEqual({ fx: 525, fy: 525, cx: 319.5, cy: 239.5 });
  });
  it("reads Metric3D's annotation file and its depth scale", () => {
    const text = fs.readFileSync(`${SHARED}/nyu/test_annotations.json`, 'utf8');
    const r = parseIntrinsicsJson(text, 640, 480, 'rgb_00050.jpg');
    expect(r.layout).toBe('metric3d');
    expect(r.K.fx).toBeCloseTo(518.8579, 4);
    expect(r.K.cy).toBeCloseTo(253.73617, 4);
    expect(depthScaleFromJson(text)).toBe(1000);
  });
  it("takes the depth scale of the photo's own entry in an annotation file, and refuses a nonsense one", () => {
    const text = JSON.stringify({
      files: [
        { cam_in: [518.9, 519.5, 325.6, 253.7], rgb: 'data/nyu/rgb_00000.jpg', depth_scale: 1000 },
        { cam_in: [721.5, 721.5, 609.6, 172.9], rgb: 'data/kitti/0000000005.png', depth_scale: 256.0 },
      ],
    });
    expect(depthScaleFromJson(text, '0000000005.png')).toBe(256);
    expect(depthScaleFromJson(text, 'rgb_00000.jpg')).toBe(1000);
    expect(depthScaleFromJson('{"fx":500,"fy":500,"cx":319.5,"cy":239.5}', 'a.jpg')).toBeUndefined();
    expect(depthScaleFromJson('{"cam_in":[500,500,319.5,239.5],"depth_scale":5000}')).toBe(5000);
    for (const bad of [-5, 0, '256', null]) expect(() => depthScaleFromJson(JSON.stringify({ depth_scale: bad }), 'a.jpg', 'scale.json')).toThrow(/scale.json gives depth_scale .*: a depth scale must be a positive number of units per metre/);
  });
  it('reads K.json, a 3×3 K, and rescales a same-aspect size', () => {
    expect(parseIntrinsicsJson('{"fx":500,"fy":500,"cx":319.5,"cy":239.5}', 640, 480).K.fx).toBe(500);
    expect(parseIntrinsicsJson('{"K":[[500,0,319.5],[0,501,239.5],[0,0,1]]}', 640, 480).K).toEqual({ fx: 500, fy: 501, cx: 319.5, cy: 239.5 });
    const r = parseIntrinsicsJson('{"fx":1000,"fy":1000,"cx":639.5,"cy":479.5,"width":1280,"height":960}', 640, 480);
    expect(r.K).toEqual({ fx: 500, fy: 500, cx: 319.5, cy: 239.5 });
    expect(r.note).toMatch(/rescaled from 1280×960/);
  });
  it('explains nonsense values instead of lifting with them', () => {
    expect(() => parseIntrinsicsJson('{"fx":-5,"fy":500,"cx":319.5,"cy":239.5}', 640, 480)).toThrow(/fx must be positive/);
    expect(() => parseIntrinsicsJson('{"fx":500,"fy":500,"cx":2000,"cy":239.5}', 640, 480)).toThrow(/cx = 2000 lies outside the image/);
    expect(() => parseIntrinsicsJson('{"fx":"a"}', 640, 480)).toThrow(/fx must be a finite number/);
    expect(() => parseIntrinsicsJson('{"focal":3}', 640, 480)).toThrow(/none of the known layouts/);
    expect(() => parseIntrinsicsJson('{oops', 640, 480)).toThrow(/not valid JSON/);
    expect(() => parseIntrinsicsJson('{"fx":1,"fy":1,"cx":1,"cy":1,"width":100,"height":100}', 640, 480)).toThrow(/another aspect ratio/);
  });
});

describe('image headers', () => {
  it('reads type and size without decoding', () => {
    expect(sniffImage(read(`${SHARED}/nyu/rgb/rgb_00000.jpg`))).toEqual({ type: 'jpeg', width: 640, height: 480 });
    expect(sniffImage(read(`${SHARED}/coco/000000039769.png`))).toEqual({ type: 'png', width: 640, height: 480 });
  });
  it('refuses empty files, non-images, HEIC and decompression bombs before decoding', () => {
    expect(() => sniffImage(new Uint8Array(0), 'a.jpg')).toThrow(/a.jpg is empty/);
    expect(() => sniffImage(new TextEncoder().encode('hello, I am text'), 'notes.jpg')).toThrow(/not an image/);
    // ISO-BMFF header with the 'heic' brand, as an iPhone writes it
    const heic = new Uint8Array(64);
    heic.set([0, 0, 0, 24], 0);
    heic.set(new TextEncoder().encode('ftypheic'), 4);
    heic.set(new TextEncoder().encode('mif1heic'), 16);
    expect(() => sniffImage(heic, 'IMG_0001.HEIC')).toThrow(/HEIC\/HEIF, which browsers cannot decode/);
    // a 30000×30000 PNG header: refused from the header alone
    const png = encode({ width: 1, height: 1, data: new Uint8Array(3), depth: 8, channels: 3 });
    const bomb = png.slice();
    new DataView(bomb.buffer).setUint32(16, 30000);
    new DataView(bomb.buffer).setUint32(20, 30000);
    expect(() => sniffImage(bomb, 'bomb.png')).toThrow(/900 MP.*not decoded/);
  });
  it('refuses truncated files that browsers would quietly grey-fill', () => {
    const jpg = read(`${SHARED}/nyu/rgb/rgb_00000.jpg`);
    expect(() => sniffImage(jpg.subarray(0, 3000), 'cut.jpg')).toThrow(/cut.jpg could not be decoded: the file is truncated/);
    const png = read(`${SHARED}/coco/000000039769.png`);
    expect(() => sniffImage(png.subarray(0, png.length - 20), 'cut.png')).toThrow(/truncated/);
    expect(sniffImage(jpg, 'whole.jpg').type).toBe('jpeg');
  });
  it('picks a working size under the pixel budget', () => {
    expect(workingSize(640, 480)).toEqual({ width: 640, height: 480, scale: 1 });
    const w = workingSize(6000, 4000);
    expect(w.width * w.height).toBeLessThanOrEqual(4_200_000);
    expect(w.width / w.height).toBeCloseTo(1.5, 2);
  });
});

describe('PLY', () => {
  it('round-trips binary xyz float32 + rgb uint8', () => {
    const xyz = Float32Array.from([0, 1, 2, -3.5, 4.25, 1e-3]);
    const rgb = Uint8Array.from([255, 0, 10, 1, 2, 3]);
    const bytes = writePly(xyz, rgb, 2, ['made by a test']);
    const header = new TextDecoder().decode(bytes.subarray(0, 200));
    expect(header).toMatch(/^ply\nformat binary_little_endian 1.0\ncomment made by a test\nelement vertex 2\nproperty float x/);
    const back = parsePly(bytes);
    expect(back.count).toBe(2);
    expect(Array.from(back.xyz)).toEqual(Array.from(xyz));
    expect(Array.from(back.rgb!)).toEqual(Array.from(rgb));
  });
  it('reads ASCII PLY too', () => {
    const ascii = new TextEncoder().encode('ply\nformat ascii 1.0\nelement vertex 1\nproperty float x\nproperty float y\nproperty float z\nend_header\n1 2 3\n');
    expect(Array.from(parsePly(ascii).xyz)).toEqual([1, 2, 3]);
  });
});

describe('scene file', () => {
  const base = { schema: 'spatial-lens/scene@1', id: 's', image: { file: 'a.jpg', width: 1, height: 1 }, camera: { fx: 1, fy: 1, cx: 0, cy: 0, source: 'manual' }, worldFromCamera: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]] };
  it('reads version 1 and defaults the lists', () => {
    const s = parseScene(JSON.stringify(base));
    expect(s.objects).toEqual([]);
    expect(s.views).toEqual([]);
  });
  it('refuses an unknown major version and missing fields', () => {
    expect(() => parseScene(JSON.stringify({ ...base, schema: 'spatial-lens/scene@2' }))).toThrow(/schema spatial-lens\/scene@2; this version reads spatial-lens\/scene@1/);
    expect(() => parseScene(JSON.stringify({ ...base, camera: undefined }))).toThrow(/lacks the required field "camera"/);
    expect(() => parseScene('[1,2]')).toThrow(/not a Spatial Lens scene/);
  });
});

describe('dropped files', () => {
  const head = (bytes: number[]) => Uint8Array.from(bytes);
  it('tells depth maps, photos, annotations, scenes, intrinsics and models apart', async () => {
    const { classifyDropped, groupDropped } = await import('./dropFiles');
    const png16 = read(`${SHARED}/nyu/depth/sync_depth_00000.png`).subarray(0, 64);
    const png8 = read(`${SHARED}/coco/000000039769.png`).subarray(0, 64);
    expect(classifyDropped({ name: 'anything.png', size: 1, head: png16 })).toBe('depth');
    expect(classifyDropped({ name: 'photo.png', size: 1, head: png8 })).toBe('image');
    expect(classifyDropped({ name: 'my_depth.png', size: 1, head: png8 })).toBe('depth');
    expect(classifyDropped({ name: 'a.json', size: 1, head: head([]) }, '{"images":[],"annotations":[{"id":1}]}')).toBe('annotations');
    expect(classifyDropped({ name: 'coco_annotations.txt', size: 1, head: head([]) }, '[{"segmentation": [[1,2]], "bbox": [1,2,3,4]}]')).toBe('annotations');
    expect(classifyDropped({ name: 's.json', size: 1, head: head([]) }, '{"schema":"spatial-lens/scene@1"}')).toBe('scene');
    expect(classifyDropped({ name: 'K.json', size: 1, head: head([]) }, '{"fx":1}')).toBe('intrinsics');
    expect(classifyDropped({ name: 'm.onnx', size: 1, head: head([]) })).toBe('model');
    expect(classifyDropped({ name: 'notes.txt', size: 1, head: head([]) }, 'hello')).toBe('unknown');
    const g = groupDropped([
      { file: { name: 'a.jpg' }, role: 'image' },
      { file: { name: 'b.jpg' }, role: 'image' },
      { file: { name: 'x.bin' }, role: 'unknown' },
    ]);
    expect(g.image?.name).toBe('a.jpg');
    expect(g.ignored.map((i) => i.file.name)).toEqual(['b.jpg', 'x.bin']);
    const withCoco = groupDropped([
      { file: { name: 'a.jpg' }, role: 'image' },
      { file: { name: 'coco.json' }, role: 'annotations' },
      { file: { name: 'b.jpg' }, role: 'image' },
    ]);
    expect(withCoco.images.map((f) => f.name)).toEqual(['a.jpg', 'b.jpg']);
    expect(withCoco.annotations?.name).toBe('coco.json');
  });
});
