// Decompression bombs made on the fly (Node only; tests and bench/robustness): gigabytes of
// output from a few megabytes, without ever holding the output. A deflate block of a run of
// bytes, ended by a sync flush, starts from no history and ends on a byte boundary, so copies of
// it can be laid end to end: n copies inflate to n runs.
import zlib from 'node:zlib';

const MiB = 1 << 20;
const bytesOf = (b: Buffer) => new Uint8Array(b.buffer as ArrayBuffer, b.byteOffset, b.length);

/** Raw deflate data that inflates to `bytes` zeros (about 1 KB per MiB), without a final block. */
function zeroBlocks(bytes: number): Buffer[] {
  const whole = zlib.deflateRawSync(Buffer.alloc(MiB), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const out: Buffer[] = new Array(Math.floor(bytes / MiB)).fill(whole);
  const rest = bytes % MiB;
  if (rest) out.push(zlib.deflateRawSync(Buffer.alloc(rest), { finishFlush: zlib.constants.Z_SYNC_FLUSH }));
  return out;
}

/** The final, empty, fixed-Huffman block that ends a deflate stream. */
const FINAL = Buffer.from([0x03, 0x00]);

const crcs = new Map<number, number>();
/** CRC-32 of `bytes` zeros. */
function zeroCrc(bytes: number): number {
  const known = crcs.get(bytes);
  if (known !== undefined) return known;
  const buf = Buffer.alloc(Math.min(bytes, 8 * MiB));
  let crc = 0;
  for (let left = bytes; left > 0; left -= buf.length) crc = zlib.crc32(left >= buf.length ? buf : buf.subarray(0, left), crc);
  crcs.set(bytes, crc >>> 0);
  return crc >>> 0;
}

export interface BombEntry {
  name: string;
  /** Bytes of zeros the entry inflates to. */
  bytes: number;
  /**
   * What the entry's headers say it holds: 'true' (the real sizes), 'small' (1,000 bytes: a lie),
   * 'none' (sizes left to a data descriptor, as streaming writers do; the directory still states them).
   */
  sizes?: 'true' | 'small' | 'none';
}

/** A zip of entries of zeros (sizes below 4 GiB: no Zip64). */
export function zeroZip(entries: BombEntry[]): Uint8Array<ArrayBuffer> {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  const push = (b: Buffer) => {
    parts.push(b);
    offset += b.length;
  };
  for (const e of entries) {
    const blocks = [...zeroBlocks(e.bytes), FINAL];
    const packed = blocks.reduce((n, b) => n + b.length, 0);
    const crc = zeroCrc(e.bytes);
    const mode = e.sizes ?? 'true';
    const statedSize = mode === 'small' ? 1000 : e.bytes;
    const statedPacked = mode === 'small' ? Math.min(packed, 1000) : packed;
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800 | (mode === 'none' ? 8 : 0), 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(mode === 'none' ? 0 : crc, 14);
    // A lying entry must still carry its real compressed size locally, or no reader finds the next header
    local.writeUInt32LE(mode === 'none' ? 0 : packed, 18);
    local.writeUInt32LE(mode === 'none' ? 0 : statedSize, 22);
    local.writeUInt16LE(name.length, 26);
    const at = offset;
    push(local);
    push(name);
    for (const b of blocks) push(b);
    if (mode === 'none') {
      const dd = Buffer.alloc(16);
      dd.writeUInt32LE(0x08074b50, 0);
      dd.writeUInt32LE(crc, 4);
      dd.writeUInt32LE(packed, 8);
      dd.writeUInt32LE(e.bytes, 12);
      push(dd);
    }
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x800 | (mode === 'none' ? 8 : 0), 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(statedPacked, 20);
    c.writeUInt32LE(statedSize, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(at, 42);
    central.push(c, name);
  }
  const cdStart = offset;
  for (const b of central) push(b);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(offset - cdStart, 12);
  end.writeUInt32LE(cdStart, 16);
  push(end);
  return bytesOf(Buffer.concat(parts));
}

/** adler32(A ‖ B) from adler32(A), adler32(B) and B's length (zlib's adler32_combine). */
function adlerCombine(a1: number, a2: number, len2: number): number {
  const BASE = 65521;
  const rem = len2 % BASE;
  let sum1 = a1 & 0xffff;
  let sum2 = (rem * sum1) % BASE;
  sum1 += (a2 & 0xffff) + BASE - 1;
  sum2 += ((a1 >>> 16) & 0xffff) + ((a2 >>> 16) & 0xffff) + BASE - rem;
  if (sum1 >= BASE) sum1 -= BASE;
  if (sum1 >= BASE) sum1 -= BASE;
  if (sum2 >= BASE * 2) sum2 -= BASE * 2;
  if (sum2 >= BASE) sum2 -= BASE;
  return (sum1 | (sum2 << 16)) >>> 0;
}

function adler32(b: Uint8Array): number {
  let a = 1, s = 0;
  for (let i = 0; i < b.length; i++) {
    a = (a + b[i]) % 65521;
    s = (s + a) % 65521;
  }
  return ((s << 16) | a) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(data, zlib.crc32(Buffer.from(type, 'latin1'))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A valid 16-bit greyscale PNG of width × height pixels, every one `value` (millimetres: 1000 is
 * 1 m), whose compressed data is about a thousandth of its pixels' bytes: 30000 × 30000 is
 * 1.8 GB of pixels in about 2 MB.
 */
export function depthPngBomb(width = 30000, height = 30000, value = 1000): Uint8Array<ArrayBuffer> {
  const row = Buffer.alloc(1 + width * 2);
  for (let x = 0; x < width; x++) row.writeUInt16BE(value, 1 + x * 2);
  const block = zlib.deflateRawSync(row, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  // adler32 of `height` copies of the row, by doubling
  let adler = 1;
  let piece = adler32(row);
  let pieceLen = row.length;
  for (let n = height; n > 0; n >>= 1) {
    if (n & 1) adler = adlerCombine(adler, piece, pieceLen);
    piece = adlerCombine(piece, piece, pieceLen);
    pieceLen *= 2;
  }
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(adler, 0);
  const idat = Buffer.concat([Buffer.from([0x78, 0x01]), ...new Array<Buffer>(height).fill(block), FINAL, trailer]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 16; // bit depth
  ihdr[9] = 0; // greyscale
  return bytesOf(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]));
}
