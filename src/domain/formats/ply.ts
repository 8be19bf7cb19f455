import { table } from '../dict';
/**
 * Binary little-endian PLY with float32 xyz and uint8 rgb per vertex: the layout Open3D,
 * MeshLab and CloudCompare read without options.
 */
export function writePly(xyz: Float32Array, rgb: Uint8Array | null, count: number, comments: string[] = []): Uint8Array {
  const header =
    'ply\nformat binary_little_endian 1.0\n' +
    comments.map((c) => `comment ${c.replace(/\n/g, ' ')}\n`).join('') +
    `element vertex ${count}\nproperty float x\nproperty float y\nproperty float z\n` +
    (rgb ? 'property uchar red\nproperty uchar green\nproperty uchar blue\n' : '') +
    'end_header\n';
  const head = new TextEncoder().encode(header);
  const stride = 12 + (rgb ? 3 : 0);
  const out = new Uint8Array(head.length + stride * count);
  out.set(head, 0);
  const view = new DataView(out.buffer, head.length);
  for (let i = 0, o = 0; i < count; i++, o += stride) {
    view.setFloat32(o, xyz[i * 3], true);
    view.setFloat32(o + 4, xyz[i * 3 + 1], true);
    view.setFloat32(o + 8, xyz[i * 3 + 2], true);
    if (rgb) {
      view.setUint8(o + 12, rgb[i * 3]);
      view.setUint8(o + 13, rgb[i * 3 + 1]);
      view.setUint8(o + 14, rgb[i * 3 + 2]);
    }
  }
  return out;
}

export interface PlyCloud {
  count: number;
  xyz: Float32Array;
  rgb: Uint8Array | null;
  comments: string[];
}

const SIZES = table<number>({ char: 1, uchar: 1, int8: 1, uint8: 1, short: 2, ushort: 2, int16: 2, uint16: 2, int: 4, uint: 4, int32: 4, uint32: 4, float: 4, float32: 4, double: 8, float64: 8 });

/** Reads the vertex positions and colours of a binary little-endian or ASCII PLY. */
export function parsePly(bytes: Uint8Array): PlyCloud {
  const headEnd = indexOfSeq(bytes, new TextEncoder().encode('end_header\n'));
  if (headEnd < 0) throw new Error('not a PLY file: no end_header');
  const header = new TextDecoder().decode(bytes.subarray(0, headEnd)).split('\n');
  if (header[0].trim() !== 'ply') throw new Error('not a PLY file');
  const format = header.find((l) => l.startsWith('format'))?.split(/\s+/)[1];
  const comments = header.filter((l) => l.startsWith('comment ')).map((l) => l.slice(8));
  let count = 0;
  const props: { name: string; type: string }[] = [];
  let inVertex = false;
  for (const line of header) {
    const p = line.trim().split(/\s+/);
    if (p[0] === 'element') {
      inVertex = p[1] === 'vertex';
      if (inVertex) count = Number(p[2]);
    } else if (p[0] === 'property' && inVertex) props.push({ type: p[1], name: p[2] });
  }
  const idx = (n: string) => props.findIndex((p) => p.name === n);
  const hasRgb = idx('red') >= 0;
  const xyz = new Float32Array(count * 3);
  const rgb = hasRgb ? new Uint8Array(count * 3) : null;
  const body = bytes.subarray(headEnd + 'end_header\n'.length);
  if (format === 'ascii') {
    const lines = new TextDecoder().decode(body).split('\n');
    for (let i = 0; i < count; i++) {
      const v = lines[i].trim().split(/\s+/).map(Number);
      xyz.set([v[idx('x')], v[idx('y')], v[idx('z')]], i * 3);
      if (rgb) rgb.set([v[idx('red')], v[idx('green')], v[idx('blue')]], i * 3);
    }
  } else if (format === 'binary_little_endian') {
    const offsets: number[] = [];
    let stride = 0;
    for (const p of props) {
      offsets.push(stride);
      stride += SIZES[p.type] ?? NaN;
    }
    const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
    const read = (o: number, t: string) =>
      t.startsWith('float') ? (SIZES[t] === 8 ? view.getFloat64(o, true) : view.getFloat32(o, true)) : SIZES[t] === 1 ? view.getUint8(o) : view.getInt32(o, true);
    for (let i = 0; i < count; i++) {
      const base = i * stride;
      for (const [axis, n] of ['x', 'y', 'z'].entries()) xyz[i * 3 + axis] = read(base + offsets[idx(n)], props[idx(n)].type);
      if (rgb) for (const [c, n] of ['red', 'green', 'blue'].entries()) rgb[i * 3 + c] = read(base + offsets[idx(n)], props[idx(n)].type);
    }
  } else throw new Error(`unsupported PLY format ${format}`);
  return { count, xyz, rgb, comments };
}

function indexOfSeq(hay: Uint8Array, needle: Uint8Array): number {
  const limit = Math.min(hay.length - needle.length, 65536);
  outer: for (let i = 0; i <= limit; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
