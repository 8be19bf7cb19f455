import { decode } from 'fast-png';
import { UserError } from '../errors';

export interface MetricDepthMap {
  width: number;
  height: number;
  /** Metres along the optical axis; 0 where the map has no measurement. */
  data: Float32Array;
  valid: number;
  /** The stored values before any scale: what they say about their unit. */
  raw?: RawDepthStats;
}

export interface RawDepthStats {
  /** Non-zero values. */
  count: number;
  /** Share of the non-zero values that are multiples of 5 (TUM stores millimetres × 5). */
  multiplesOf5: number;
}

/**
 * Pixels above which a depth map is refused before decoding (decoding costs about 8 bytes a pixel:
 * the inflated rows, the 16-bit values and the metres). The largest depth maps of real datasets
 * (ARKitScenes' laser scans, 1920×1440; ScanNet++'s DSLR renders, 1752×1168) are under 3 MP.
 */
export const MAX_DEPTH_PIXELS = 50_000_000;

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  /** PNG colour type: 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  colourType: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** The PNG's IHDR (its first chunk), read without inflating anything; undefined when it is not a PNG. */
export function readPngHeader(bytes: Uint8Array): PngHeader | undefined {
  if (bytes.length < 33 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) return undefined;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15]) !== 'IHDR') return undefined;
  return { width: v.getUint32(16), height: v.getUint32(20), bitDepth: bytes[24], colourType: bytes[25] };
}

/** What is wrong with a depth PNG that its header already says, before a byte is inflated. */
function checkDepthHeader(h: PngHeader, name: string): void {
  if (h.bitDepth !== 16 || h.colourType === 3)
    throw new UserError(
      `${name} is ${h.colourType === 3 ? 'a palette' : `${h.bitDepth === 8 ? 'an' : 'a'} ${h.bitDepth}-bit`} PNG; a depth map must be 16-bit single-channel (e.g. millimetres, scale 1000).`,
      'depth-bit-depth',
    );
  if (h.colourType !== 0) throw new UserError(`${name} has ${CHANNELS[h.colourType] ?? 'several'} channels; a depth map must have one.`, 'depth-channels');
  if (!(h.width > 0 && h.height > 0)) throw new UserError(`${name} states a size of ${h.width}×${h.height} pixels in its header; the file is damaged.`, 'depth-not-png');
  if (h.width * h.height > MAX_DEPTH_PIXELS)
    throw new UserError(
      `${name} is ${h.width}×${h.height} pixels (${Math.round((h.width * h.height) / 1e6)} MP) by its header; the limit for a depth map is ${MAX_DEPTH_PIXELS / 1e6} MP, so it was not decoded.`,
      'depth-too-large',
    );
}

/**
 * A dataset depth PNG decoded exactly (a canvas would premultiply and squash it to 8 bits):
 * 16-bit single channel, depth_m = value / unitsPerMetre, 0 = no measurement.
 */
export function decodeDepthPng(bytes: Uint8Array, unitsPerMetre: number, name = 'the depth map'): MetricDepthMap {
  if (!(unitsPerMetre > 0 && Number.isFinite(unitsPerMetre)))
    throw new UserError(`The depth scale must be a positive number of units per metre (found ${unitsPerMetre}).`, 'depth-scale');
  if (bytes.length === 0) throw new UserError(`${name} is empty (0 bytes).`, 'depth-empty');
  const header = readPngHeader(bytes);
  if (!header) throw new UserError(`${name} could not be read as a PNG (it does not start like one); a depth map must be a 16-bit single-channel PNG.`, 'depth-not-png');
  checkDepthHeader(header, name);
  let png: ReturnType<typeof decode>;
  try {
    png = decode(bytes);
  } catch (e) {
    throw new UserError(`${name} could not be read as a PNG (${(e as Error).message}).`, 'depth-not-png');
  }
  if (png.depth !== 16)
    throw new UserError(
      `${name} is a ${png.depth}-bit PNG; a depth map must be 16-bit single-channel (e.g. millimetres, scale 1000).`,
      'depth-bit-depth',
    );
  if (png.channels !== 1)
    throw new UserError(`${name} has ${png.channels} channels; a depth map must have one.`, 'depth-channels');
  const src = png.data as Uint16Array;
  const data = new Float32Array(png.width * png.height);
  const inv = 1 / unitsPerMetre;
  let valid = 0, fives = 0;
  for (let i = 0; i < data.length; i++) {
    const v = src[i];
    if (v > 0) {
      data[i] = v * inv;
      valid++;
      if (v % 5 === 0) fives++;
    }
  }
  if (valid === 0) throw new UserError(`${name} has no valid pixel: every value is 0.`, 'depth-empty-map');
  return { width: png.width, height: png.height, data, valid, raw: { count: valid, multiplesOf5: fives / valid } };
}

/** A float depth map (from a model or a file) checked for usable values. */
export function checkDepthValues(data: Float32Array, name: string): number {
  let valid = 0;
  for (let i = 0; i < data.length; i++) if (data[i] > 0 && data[i] < Infinity) valid++;
  if (valid === 0) throw new UserError(`${name} has no valid pixel (all zero, negative or NaN).`, 'depth-empty-map');
  return valid;
}
