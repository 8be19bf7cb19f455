// Depth PNGs judged by their header before a byte is inflated: size, bit depth, channels.
import fs from 'node:fs';
import path from 'node:path';
import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { depthPngBomb } from '../../test/bombs';
import { decodeDepthPng, MAX_DEPTH_PIXELS, readPngHeader } from './depthPng';

const SHARED = path.resolve(import.meta.dirname, '../../../../shared/data');

describe('depth PNG header checks', () => {
  it('a 30000×30000 bomb (1.8 GB of pixels in 2.5 MB) is refused in milliseconds, without decoding', () => {
    const bomb = depthPngBomb();
    expect(bomb.length).toBeLessThan(3e6);
    expect(readPngHeader(bomb)).toEqual({ width: 30000, height: 30000, bitDepth: 16, colourType: 0 });
    const rss = process.memoryUsage().rss;
    const cpu = process.cpuUsage();
    expect(() => decodeDepthPng(bomb, 1000, 'bomb.png')).toThrow('bomb.png is 30000×30000 pixels (900 MP) by its header; the limit for a depth map is 50 MP, so it was not decoded.');
    const used = process.cpuUsage(cpu);
    expect((used.user + used.system) / 1000).toBeLessThan(50);
    expect(process.memoryUsage().rss - rss).toBeLessThan(50e6);
  });

  it('the generator makes real PNGs: a small one decodes to its value', () => {
    const d = decodeDepthPng(depthPngBomb(64, 48, 1500), 1000, 'small.png');
    expect([d.width, d.height, d.valid]).toEqual([64, 48, 64 * 48]);
    expect(d.data[100]).toBeCloseTo(1.5, 6);
  });

  it('real depth maps are far below the limit and decode as before', () => {
    expect(MAX_DEPTH_PIXELS).toBeGreaterThan(15 * 1920 * 1440);
    const real = decodeDepthPng(new Uint8Array(fs.readFileSync(`${SHARED}/nyu/depth/sync_depth_00000.png`)), 1000, 'nyu.png');
    expect([real.width, real.height]).toEqual([640, 480]);
  });

  it('8-bit, RGB and palette PNGs are named by their header', () => {
    const rgb16 = encode({ width: 4, height: 4, data: new Uint16Array(48), depth: 16, channels: 3 });
    const grey8 = encode({ width: 4, height: 4, data: new Uint8Array(16), depth: 8, channels: 1 });
    expect(() => decodeDepthPng(rgb16, 1000, 'rgb.png')).toThrow('rgb.png has 3 channels; a depth map must have one.');
    expect(() => decodeDepthPng(grey8, 1000, 'grey.png')).toThrow('grey.png is an 8-bit PNG; a depth map must be 16-bit single-channel (e.g. millimetres, scale 1000).');
    expect(() => decodeDepthPng(new TextEncoder().encode('not a png at all, just text here....'), 1000, 'x.png')).toThrow('x.png could not be read as a PNG (it does not start like one)');
  });
});
