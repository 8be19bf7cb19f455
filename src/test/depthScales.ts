// Depth maps in the units other datasets use, made from the real millimetre frames of ../shared/data,
// and an outdoor street rendered analytically: the inputs of the depth-scale tests.
import fs from 'node:fs';
import path from 'node:path';
import { decode, encode } from 'fast-png';
import { renderFloorScene } from './scenes';

export { SHARED_DATA } from '../../scripts/sharedData';
import { SHARED_DATA } from '../../scripts/sharedData';

export const NYU_K = { fx: 518.8579, fy: 519.46961, cx: 325.58245, cy: 253.73617 };
export const OPEN3D_K = { fx: 525, fy: 525, cx: 319.5, cy: 239.5 };

/** The same depths at another number of units per metre (values rounded, clipped to 16 bits). */
export function rescaleDepthPng(bytes: Uint8Array, fromPerMetre: number, toPerMetre: number): Uint8Array {
  const png = decode(bytes);
  const src = png.data as Uint16Array;
  const out = new Uint16Array(src.length);
  const k = toPerMetre / fromPerMetre;
  for (let i = 0; i < src.length; i++) out[i] = Math.min(65535, Math.round(src[i] * k));
  return encode({ width: png.width, height: png.height, data: out, depth: 16, channels: 1 });
}

/** A millimetre frame of ../shared/data re-encoded at `perMetre` units per metre. */
export const sharedDepthAt = (relPath: string, perMetre: number): Uint8Array =>
  rescaleDepthPng(new Uint8Array(fs.readFileSync(path.join(SHARED_DATA, relPath))), 1000, perMetre);

/** A 16-bit single-channel depth PNG from metric depth (0 stays "no measurement"). */
export function depthPngFromMetres(depth: Float32Array, width: number, height: number, perMetre: number): Uint8Array {
  const out = new Uint16Array(depth.length);
  for (let i = 0; i < depth.length; i++) out[i] = depth[i] > 0 ? Math.min(65535, Math.round(depth[i] * perMetre)) : 0;
  return encode({ width, height, data: out, depth: 16, channels: 1 });
}

/** KITTI's left colour camera at half resolution (its calibration: fx 721.5, cx 609.6, cy 172.9 at 1242×375). */
export const STREET = { width: 621, height: 188, K: { fx: 360.75, fy: 360.75, cx: 304.8, cy: 86.45 }, cameraHeight: 1.65 };

/**
 * A street as a car-mounted camera sees it (camera 1.65 m above the road, looking along it): the
 * road, building fronts 6.5 m and 7 m to either side, three parked cars. As in KITTI's ground truth,
 * which comes from a LiDAR that sees nothing above the cars' roofs, the top 30 % of the image has no
 * depth, nor has anything beyond 50 m.
 */
export function streetDepth(): Float32Array {
  const { width: W, height: H, K, cameraHeight } = STREET;
  const box = (min: [number, number, number], max: [number, number, number]) => ({ min, max });
  const depth = renderFloorScene(W, H, K, { roll: 0, pitch: 0.02 }, cameraHeight, [
    box([-14, 3, 0], [-6.5, 60, 12]),
    box([7, 3, 0], [15, 60, 15]),
    box([-3.6, 10, 0], [-1.8, 14.5, 1.5]),
    box([2, 18, 0], [3.8, 22.5, 1.5]),
    box([-3.2, 30, 0], [-1.4, 34.5, 1.6]),
  ]);
  depth.fill(0, 0, Math.floor(H * 0.3) * W);
  return depth;
}

/** A Metric3D-style annotation file for one frame: its intrinsics and its depth scale. */
export const metric3dAnnotation = (rgb: string, depth: string, K: { fx: number; fy: number; cx: number; cy: number }, depthScale: number): string =>
  JSON.stringify({ files: [{ cam_in: [K.fx, K.fy, K.cx, K.cy], rgb, depth, depth_scale: depthScale }] });
