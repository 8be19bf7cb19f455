// A zip's central directory, read from the end of the file without inflating anything: what each
// entry says it holds (sizes, method, time). The sizes are what a decompression bomb is judged by
// before a byte is inflated; the unpacking then checks that no entry inflates past what it states.
import { strFromU8 } from 'fflate';

export interface ZipDirectoryEntry {
  name: string;
  /** Bytes of the entry's data in the archive. */
  compressedSize: number;
  /** Bytes once inflated, as stated. */
  size: number;
  method: number;
  /** MS-DOS date and time as stored (date << 16 | time): 2-second resolution, no time zone. */
  dosTime: number;
  crc32: number;
}

export interface ZipDirectory {
  entries: ZipDirectoryEntry[];
  /** Entries the end record announces (may differ from what was found when the directory is damaged). */
  declared: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const TAIL = 22 + 0xffff;
/** A directory of a million entries with long names; anything larger is no archive of ours to read. */
const MAX_DIRECTORY_BYTES = 256e6;

type Source = Blob | Uint8Array;
const sizeOf = (s: Source) => (s instanceof Uint8Array ? s.length : s.size);
async function slice(s: Source, from: number, to: number): Promise<Uint8Array> {
  if (s instanceof Uint8Array) return s.subarray(from, to);
  return new Uint8Array(await s.slice(from, to).arrayBuffer());
}

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 2 ** 32;

/**
 * The central directory of a zip held as a Blob or in memory; null when the file has no end record
 * (not a zip, or cut short). A directory larger than `maxEntries` entries or bytes is refused with
 * an Error naming the limit. Zip64 sizes are read.
 */
export async function readZipDirectory(source: Source, maxEntries = Infinity): Promise<ZipDirectory | null> {
  const n = sizeOf(source);
  if (n < 22) return null;
  const tailStart = Math.max(0, n - TAIL);
  const tail = await slice(source, tailStart, n);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (u32(tail, i) === EOCD && i + 22 + u16(tail, i + 20) <= tail.length) {
      at = i;
      break;
    }
  if (at < 0) return null;
  let count = u16(tail, at + 10);
  let cdSize = u32(tail, at + 12);
  let cdOffset = u32(tail, at + 16);
  if ((count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) && at >= 20 && u32(tail, at - 20) === EOCD64_LOCATOR) {
    const recAt = u64(tail, at - 12);
    const rec = await slice(source, recAt, Math.min(n, recAt + 56));
    if (rec.length >= 56 && u32(rec, 0) === EOCD64) {
      count = u64(rec, 32);
      cdSize = u64(rec, 40);
      cdOffset = u64(rec, 48);
    }
  }
  if (count > maxEntries) throw new Error(`it lists ${count.toLocaleString('en-US')} entries; the limit is ${maxEntries.toLocaleString('en-US')} per archive`);
  if (cdSize > MAX_DIRECTORY_BYTES) throw new Error(`its directory of entries takes ${cdSize.toLocaleString('en-US')} bytes; the limit is ${MAX_DIRECTORY_BYTES.toLocaleString('en-US')}`);
  // A self-extracting stub or other data before the archive shifts every offset by the same amount
  const shift = Math.max(0, tailStart + at - cdSize - cdOffset);
  const cd = await slice(source, cdOffset + shift, Math.min(n, cdOffset + shift + cdSize));
  const entries: ZipDirectoryEntry[] = [];
  for (let i = 0; i + 46 <= cd.length && u32(cd, i) === CENTRAL; ) {
    const flags = u16(cd, i + 8);
    const nameLen = u16(cd, i + 28);
    const extraLen = u16(cd, i + 30);
    const commentLen = u16(cd, i + 32);
    if (i + 46 + nameLen + extraLen > cd.length) break;
    const name = strFromU8(cd.subarray(i + 46, i + 46 + nameLen), !(flags & 0x800));
    let size = u32(cd, i + 24);
    let compressedSize = u32(cd, i + 20);
    // Zip64: the fields that overflowed are in the 0x0001 extra block, in this order
    for (let e = i + 46 + nameLen, end = e + extraLen; e + 4 <= end; ) {
      const id = u16(cd, e);
      const len = u16(cd, e + 2);
      if (id === 1) {
        let k = e + 4;
        if (size === 0xffffffff && k + 8 <= e + 4 + len) (size = u64(cd, k)), (k += 8);
        if (compressedSize === 0xffffffff && k + 8 <= e + 4 + len) compressedSize = u64(cd, k);
      }
      e += 4 + len;
    }
    entries.push({ name, compressedSize, size, method: u16(cd, i + 10), dosTime: u16(cd, i + 14) * 0x10000 + u16(cd, i + 12), crc32: u32(cd, i + 16) });
    i += 46 + nameLen + extraLen + commentLen;
  }
  return { entries, declared: count };
}
