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
 * A dataset depth PNG decoded exactly (a canvas would premultiply and squash it to 8 bits):
 * 16-bit single channel, depth_m = value / unitsPerMetre, 0 = no measurement.
 */
export function decodeDepthPng(bytes: Uint8Array, unitsPerMetre: number, name = 'the depth map'): MetricDepthMap {
  if (!(unitsPerMetre > 0 && Number.isFinite(unitsPerMetre)))
    throw new UserError(`The depth scale must be a positive number of units per metre (found ${unitsPerMetre}).`, 'depth-scale');
  if (bytes.length === 0) throw new UserError(`${name} is empty (0 bytes).`, 'depth-empty');
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
