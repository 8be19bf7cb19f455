// Zip archives, streamed through fflate's Unzip (the archive is never one buffer, each entry
// becomes a Blob). Entry names that could escape the folder they are unpacked to (absolute,
// `..`, backslash traversal, drive letters) are refused and reported; the rest are read.
// macOS resource forks (`__MACOSX/`) and dot files are skipped.
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { formatBytes, ZIP_LIMITS, type ZipLimits } from './limits';
import { readZipDirectory, type ZipDirectory, type ZipDirectoryEntry } from './zipDirectory';

export interface ZipEntry {
  /** `<zip path>/<entry name>`, with `/` separators. */
  path: string;
  blob: Blob;
}

export interface ZipProblem {
  /** The zip's path, or `<zip path>/<entry name>` for an entry. */
  file: string;
  message: string;
}

export interface ZipContents {
  entries: ZipEntry[];
  /** Refused entries and entries that could not be read. */
  problems: ZipProblem[];
  /** Entries passed over on purpose (`__MACOSX/`, dot files). */
  skipped: string[];
  /** Each read entry's time as the archive's directory states it (MS-DOS date << 16 | time). */
  times: Map<string, number>;
}

/**
 * Why an entry name must not be unpacked, or undefined when it is safe: absolute paths (`/x`,
 * `\x`), drive letters (`C:…`), `..` segments (with `/` or `\` as separator), NUL bytes.
 */
export function unsafeEntryName(name: string): string | undefined {
  if (name.length === 0) return 'has an empty name';
  if (name.includes('\0')) return 'has a NUL byte in its name';
  if (/^[\\/]/.test(name)) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'names a drive letter';
  if (name.split(/[\\/]/).some((s) => s === '..')) return 'climbs out of the archive (`..`)';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name)) return 'is a URL';
  return undefined;
}

/** The entry name with `/` separators and no `.` or empty segments (only for names that are safe). */
export const normaliseEntryName = (name: string): string =>
  name
    .split(/[\\/]/)
    .filter((s) => s !== '' && s !== '.')
    .join('/');

/** Paths passed over quietly: macOS resource forks and dot files (`.DS_Store`, `._photo.jpg`, `.git/…`). */
export const isIgnoredPath = (path: string): boolean => path.split('/').some((s) => s === '__MACOSX' || s.startsWith('.'));

const toStream = (input: Blob | Uint8Array | ReadableStream<Uint8Array>): ReadableStream<Uint8Array> => {
  if (input instanceof Uint8Array)
    return new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(input);
        c.close();
      },
    });
  if (typeof (input as Blob).stream === 'function') return (input as Blob).stream() as ReadableStream<Uint8Array>;
  return input as ReadableStream<Uint8Array>;
};

export interface ReadZipOptions {
  /** Caps on expansion (default ZIP_LIMITS); tests lower them. */
  limits?: Partial<ZipLimits>;
  /** Called with bytes of the archive read so far. */
  onBytes?: (read: number) => void;
}

/** Pieces pushed into the inflater at a time: deflate expands at most 1032 : 1, so one push yields ≤ 17 MB. */
const PUSH_BYTES = 16 * 1024;
/** Between entries: the next entry's header comes in a small piece, before its sizes are known. */
const PUSH_MIN = 512;
/**
 * The piece for an entry: no more than it states to hold packed (or unpacked, when less), so that
 * an entry stating a small size is caught after about that size, not after 17 MB; entries of
 * ordinary sizes (and those that state nothing) go 16 KB at a time.
 */
const pieceFor = (size: number | undefined, packed: number | undefined) =>
  Math.max(PUSH_MIN, Math.min(PUSH_BYTES, packed ?? Infinity, Math.max(size ?? Infinity, PUSH_MIN)));

/**
 * Lists and reads a zip: every safe file entry as `{path: <zipPath>/<name>, blob}`. Refused
 * entries are reported (and not read); a damaged archive is reported with what could be read.
 *
 * Decompression bombs: the sizes the central directory states are checked before anything is
 * inflated (per entry, in all, and the expansion ratio), and while inflating, an entry that goes
 * past what it states, or past a limit when it states nothing, stops the unpacking at once: what
 * was read before is kept, the rest of the archive is not read.
 */
export async function readZip(zip: Blob | Uint8Array | ReadableStream<Uint8Array>, zipPath: string, opts: ReadZipOptions = {}): Promise<ZipContents> {
  const out: ZipContents = { entries: [], problems: [], skipped: [], times: new Map() };
  const limits: ZipLimits = { ...ZIP_LIMITS, ...opts.limits };
  const prefix = zipPath.replace(/\/+$/, '');
  const under = (name: string) => (prefix ? `${prefix}/${name}` : name);
  const refuse = (message: string): ZipContents => {
    out.problems.push({ file: prefix, message });
    return out;
  };

  // What the archive says it holds, from its central directory (a stream has none to read first)
  const stated = new Map<string, ZipDirectoryEntry[]>();
  if (zip instanceof Blob || zip instanceof Uint8Array) {
    let dir: ZipDirectory | null;
    try {
      dir = await readZipDirectory(zip, limits.entries);
    } catch (e) {
      return refuse(`the zip was not unpacked: ${(e as Error).message}`);
    }
    let size = 0;
    let packed = 0;
    for (const e of dir?.entries ?? []) {
      (stated.get(e.name) ?? stated.set(e.name, []).get(e.name)!).push(e);
      size += e.size;
      packed += e.compressedSize;
    }
    if (size > limits.totalBytes) return refuse(`the zip would expand to ${formatBytes(size)} in all; the limit is ${formatBytes(limits.totalBytes)} per archive, so nothing in it was unpacked`);
    if (size > limits.ratioAfterBytes && size > limits.ratio * Math.max(1, packed))
      return refuse(`the zip would expand ${Math.round(size / Math.max(1, packed))} times (${formatBytes(packed)} to ${formatBytes(size)}); the limit is ${limits.ratio} times, so nothing in it was unpacked`);
  }

  let total = 0;
  // Archive bytes handed to the inflater: up to the start and up to the end of the piece being pushed
  let pieceStart = 0;
  let pushed = 0;
  let piece = PUSH_MIN;
  /** Set when the archive stops being read (a bomb). */
  let stopped = false;
  const unfinished = new Set<string>();
  const unzip = new Unzip((file: UnzipFile) => {
    if (stopped) return;
    const raw = file.name;
    const reason = unsafeEntryName(raw);
    if (reason) {
      out.problems.push({ file: under(raw), message: `zip entry ${JSON.stringify(raw)} ${reason}; it was not unpacked` });
      return;
    }
    if (/[\\/]$/.test(raw)) return; // a folder
    const name = normaliseEntryName(raw);
    const path = under(name);
    if (isIgnoredPath(name)) {
      out.skipped.push(path);
      return;
    }
    const said = stated.get(raw)?.shift();
    if (said) out.times.set(path, said.dosTime);
    // An entry not started is never inflated: its compressed bytes pass by
    const size = said?.size ?? file.originalSize;
    const packed = said?.compressedSize ?? file.size;
    if (size !== undefined && size > limits.entryBytes) {
      out.problems.push({ file: path, message: `zip entry ${name} would expand to ${formatBytes(size)}; the limit is ${formatBytes(limits.entryBytes)} per entry, so it was not unpacked` });
      return;
    }
    if (size !== undefined && packed !== undefined && size > limits.ratioAfterBytes && size > limits.ratio * Math.max(1, packed)) {
      out.problems.push({ file: path, message: `zip entry ${name} would expand ${Math.round(size / Math.max(1, packed))} times (${formatBytes(packed)} to ${formatBytes(size)}); the limit is ${limits.ratio} times, so it was not unpacked` });
      return;
    }
    const parts: Blob[] = [];
    let failed = false;
    let got = 0;
    const from = pieceStart;
    piece = pieceFor(size, packed);
    unfinished.add(path);
    file.ondata = (err, data, final) => {
      if (failed || stopped) return;
      if (err) {
        failed = true;
        unfinished.delete(path);
        out.problems.push({ file: path, message: `zip entry could not be read (${err.message})` });
        return;
      }
      got += data.length;
      total += data.length;
      const over =
        size !== undefined && got > size
          ? `inflates past the ${formatBytes(size)} it states (the archive is damaged or was made to exhaust memory)`
          : got > limits.entryBytes
            ? `would expand to more than ${formatBytes(limits.entryBytes)}, the limit per entry`
            : total > limits.totalBytes
              ? `takes the archive past ${formatBytes(limits.totalBytes)}, the limit per archive`
              : got > limits.ratioAfterBytes && got > limits.ratio * Math.max(1, pushed - from)
                ? `expands more than ${limits.ratio} times (past ${formatBytes(got)})`
                : total > limits.ratioAfterBytes && total > limits.ratio * Math.max(1, pushed)
                  ? `takes the archive past ${limits.ratio} times its size (${formatBytes(total)} from ${formatBytes(pushed)})`
                  : undefined;
      if (over) {
        failed = true;
        stopped = true;
        unfinished.clear();
        out.problems.push({ file: path, message: `zip entry ${name} ${over}; it and the rest of the archive were not unpacked` });
        return;
      }
      // Copied at once into a Blob: the decoder's buffers are never relied upon later
      if (data.length) parts.push(new Blob([data as Uint8Array<ArrayBuffer>]));
      if (final) {
        unfinished.delete(path);
        out.entries.push({ path, blob: new Blob(parts) });
        piece = PUSH_MIN;
      }
    };
    try {
      file.start();
    } catch (e) {
      failed = true;
      unfinished.delete(path);
      out.problems.push({ file: path, message: `zip entry uses compression method ${file.compression}, which cannot be read here (${(e as Error).message})` });
    }
  });
  unzip.register(UnzipInflate);
  const reader = toStream(zip).getReader();
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        unzip.push(new Uint8Array(0), true);
        break;
      }
      read += value.byteLength;
      for (let at = 0; at < value.byteLength && !stopped; ) {
        const part = at === 0 && value.byteLength <= piece ? value : value.subarray(at, at + piece);
        at += part.byteLength;
        pieceStart = pushed;
        pushed += part.byteLength;
        unzip.push(part, false);
      }
      opts.onBytes?.(read);
      if (stopped) break;
    }
  } catch (e) {
    out.problems.push({ file: prefix, message: `the zip could not be read to its end (${(e as Error).message}); entries before the damage were kept` });
  } finally {
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  if (!out.entries.length && !out.problems.length && !out.skipped.length) out.problems.push({ file: prefix, message: 'no files were found in it: is it a zip archive?' });
  for (const path of unfinished) out.problems.push({ file: path, message: 'zip entry ends before its data does (truncated archive); it was not imported' });
  return out;
}
