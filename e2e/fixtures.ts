// Files the end-to-end tests drop into the app: real frames from ../shared/data, the generated
// tiny models, and synthetic photos made here.
import fs from 'node:fs';
import path from 'node:path';
import { encode } from 'fast-png';
import { TEST_MODELS_DIR } from '../scripts/testModels';
import { NYU_K, OPEN3D_K, metric3dAnnotation, sharedDepthAt } from '../src/test/depthScales';

export const SHARED = path.resolve(import.meta.dirname, '../../shared/data');
export const FIXTURES = path.join(TEST_MODELS_DIR, 'e2e');
export const model = (file: string) => path.join(TEST_MODELS_DIR, file);
export const fixture = (file: string) => path.join(FIXTURES, file);

/**
 * A 320×240 photo of a floor seen by a level camera 1.4 m up (fx = 260): each row's brightness
 * encodes the floor's depth for the tiny metric model (depth = 0.5 + 4.5·(1 − b)); rows above the
 * floor's usable range are black (5 m, a far wall).
 */
export function floorPhoto(width = 320, height = 240, f = 260, h = 1.4): Uint8Array {
  const cy = (height - 1) / 2;
  const data = new Uint8Array(width * height * 3);
  for (let v = 0; v < height; v++) {
    const depth = v - cy > 1e-6 ? Math.min(5, (f * h) / (v - cy)) : 5;
    const b = v > cy + 75 ? 1 - (depth - 0.5) / 4.5 : 0;
    const g = Math.round(255 * b);
    for (let u = 0; u < width; u++) data.set([g, g, g], (v * width + u) * 3);
  }
  return encode({ width, height, data, depth: 8, channels: 3 });
}

export function makeFixtures(): void {
  fs.mkdirSync(FIXTURES, { recursive: true });
  const write = (name: string, bytes: Uint8Array | string) => fs.writeFileSync(fixture(name), bytes);
  write('floor.png', floorPhoto());
  write('floor-K.json', JSON.stringify({ fx: 260, fy: 260, cx: 159.5, cy: 119.5 }));
  write('photo-640.png', floorPhoto(640, 480, 520, 1.4));
  const rgb = fs.readFileSync(path.join(SHARED, 'nyu/rgb/rgb_00000.jpg'));
  write('truncated.jpg', rgb.subarray(0, 3000));
  write('notes.onnx', 'this is a text file with an .onnx name, not a network');
  const heic = new Uint8Array(64);
  heic.set([0, 0, 0, 24], 0);
  heic.set(new TextEncoder().encode('ftypheic'), 4);
  heic.set(new TextEncoder().encode('mif1heic'), 16);
  write('IMG_0001.HEIC', heic);
  write('bad-K.json', JSON.stringify({ fx: -5, fy: 500, cx: 900, cy: 239.5 }));
  write('nyu0-coco.json', JSON.stringify(NYU0_COCO));
  makeScaleFixtures(write);
}

/**
 * Frames in other datasets' depth units, made from the real millimetre frames: TUM-like (5000 per
 * metre, NYU frame 00050) and KITTI-like (256 per metre, Open3D frame 00003), each with a
 * Metric3D-style annotation file naming its scale and, for the drops without one, a plain K.json.
 */
function makeScaleFixtures(write: (name: string, bytes: Uint8Array | string) => void): void {
  write('nyu_K.json', JSON.stringify(NYU_K));
  write('tum_00050.jpg', fs.readFileSync(path.join(SHARED, 'nyu/rgb/rgb_00050.jpg')));
  write('tum_00050_depth.png', sharedDepthAt('nyu/depth/sync_depth_00050.png', 5000));
  write('tum_00050.json', metric3dAnnotation('tum_00050.jpg', 'tum_00050_depth.png', NYU_K, 5000));
  write('tum_00050_K.json', JSON.stringify(NYU_K));
  write('kitti_00003.jpg', fs.readFileSync(path.join(SHARED, 'open3d_redwood/color/00003.jpg')));
  write('kitti_00003_depth.png', sharedDepthAt('open3d_redwood/depth/00003.png', 256));
  write('kitti_00003.json', metric3dAnnotation('kitti_00003.jpg', 'kitti_00003_depth.png', OPEN3D_K, 256));
  write('kitti_00003_K.json', JSON.stringify(OPEN3D_K));
}

/** Boxes drawn by hand on NYU frame 00000: the table and chairs in the back room, the wardrobe, bins, a box. */
export const NYU0_COCO = {
  images: [{ id: 1, file_name: 'rgb_00000.jpg', width: 640, height: 480 }],
  categories: [
    { id: 62, name: 'chair' },
    { id: 67, name: 'dining table' },
    { id: 1001, name: 'wardrobe' },
    { id: 1002, name: 'storage bin' },
    { id: 1003, name: 'cardboard box' },
  ],
  annotations: [
    { id: 1, image_id: 1, category_id: 67, bbox: [448, 178, 136, 72] },
    { id: 2, image_id: 1, category_id: 62, bbox: [466, 168, 42, 88] },
    { id: 3, image_id: 1, category_id: 62, bbox: [510, 168, 46, 88] },
    { id: 4, image_id: 1, category_id: 62, bbox: [594, 336, 40, 138] },
    { id: 5, image_id: 1, category_id: 1001, bbox: [170, 96, 186, 264] },
    { id: 6, image_id: 1, category_id: 1002, bbox: [36, 186, 66, 62] },
    { id: 7, image_id: 1, category_id: 1002, bbox: [64, 300, 86, 86] },
    { id: 8, image_id: 1, category_id: 1003, bbox: [322, 342, 100, 60] },
  ],
};

/** Photos in awkward encodings and sizes, each with a matching 16-bit depth map. */
export async function makeEncodingFixtures(): Promise<void> {
  const sharp = (await import('sharp')).default;
  const { renderFloorScene } = await import('../src/test/scenes');
  const { intrinsicsFromHfov } = await import('../src/domain/geometry/camera');
  const write = (name: string, bytes: Uint8Array | string) => fs.writeFileSync(fixture(name), bytes);
  const nyu = fs.readFileSync(path.join(SHARED, 'nyu/rgb/rgb_00000.jpg'));
  write('cmyk.jpg', await sharp(nyu).toColourspace('cmyk').jpeg({ quality: 90 }).toBuffer());
  const raw = await sharp(nyu).removeAlpha().raw().toBuffer();
  const rgb16 = new Uint16Array(raw.length);
  for (let i = 0; i < raw.length; i++) rgb16[i] = raw[i] * 257;
  write('rgb16.png', encode({ width: 640, height: 480, data: rgb16, depth: 16, channels: 3 }));
  write('empty.jpg', new Uint8Array(0));
  // 2560×1920 (4.9 MP): above the 4.2 MP working budget, so it is downscaled, and said so
  const W = 2560, H = 1920, K = intrinsicsFromHfov(W, H, 65);
  const z = renderFloorScene(W, H, K, { roll: 0, pitch: 0.4 }, 1.5);
  const d16 = new Uint16Array(W * H);
  for (let i = 0; i < z.length; i++) d16[i] = z[i] > 0 && z[i] < 60 ? Math.round(z[i] * 1000) : 0;
  write('big.png', await sharp({ create: { width: W, height: H, channels: 3, background: { r: 120, g: 110, b: 100 } } }).png().toBuffer());
  write('big-depth.png', encode({ width: W, height: H, data: d16, depth: 16, channels: 1 }));
  write('big-K.json', JSON.stringify(K));
}
