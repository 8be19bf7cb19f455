// Zip archives, streamed through fflate's Unzip (the archive is never one buffer, each entry
// becomes a Blob). Entry names that could escape the folder they are unpacked to (absolute,
// `..`, backslash traversal, drive letters) are refused and reported; the rest are read.
// macOS resource forks (`__MACOSX/`) and dot files are skipped.
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';

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
  /** Refuse entries that would unpack to more than this many bytes in all (default 8 GiB). */
  maxTotalBytes?: number;
  /** Called with bytes of the archive read so far. */
  onBytes?: (read: number) => void;
}

/**
 * Lists and reads a zip: every safe file entry as `{path: <zipPath>/<name>, blob}`. Refused
 * entries are reported (and not read); a damaged archive is reported with what could be read.
 */
export async function readZip(zip: Blob | Uint8Array | ReadableStream<Uint8Array>, zipPath: string, opts: ReadZipOptions = {}): Promise<ZipContents> {
  const out: ZipContents = { entries: [], problems: [], skipped: [] };
  const maxTotal = opts.maxTotalBytes ?? 8 * 1024 ** 3;
  let total = 0;
  const prefix = zipPath.replace(/\/+$/, '');
  const unfinished = new Set<string>();
  const unzip = new Unzip((file: UnzipFile) => {
    const raw = file.name;
    const reason = unsafeEntryName(raw);
    if (reason) {
      out.problems.push({ file: `${prefix}/${raw}`, message: `zip entry ${JSON.stringify(raw)} ${reason}; it was not unpacked` });
      return;
    }
    if (/[\\/]$/.test(raw)) return; // a folder
    if (total > maxTotal) return; // already reported once
    const name = normaliseEntryName(raw);
    const path = `${prefix}/${name}`;
    if (isIgnoredPath(name)) {
      out.skipped.push(path);
      return;
    }
    const parts: Blob[] = [];
    let failed = false;
    unfinished.add(path);
    file.ondata = (err, data, final) => {
      if (failed) return;
      if (err) {
        failed = true;
        unfinished.delete(path);
        out.problems.push({ file: path, message: `zip entry could not be read (${err.message})` });
        return;
      }
      total += data.length;
      if (total > maxTotal) {
        failed = true;
        unfinished.delete(path);
        out.problems.push({ file: path, message: `the archive unpacks to more than ${maxTotal} bytes; this entry and the rest were not read` });
        return;
      }
      // Copied at once into a Blob: the decoder's buffers are never relied upon later
      if (data.length) parts.push(new Blob([data as Uint8Array<ArrayBuffer>]));
      if (final) {
        unfinished.delete(path);
        out.entries.push({ path, blob: new Blob(parts) });
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
      unzip.push(value, false);
      opts.onBytes?.(read);
    }
  } catch (e) {
    out.problems.push({ file: prefix, message: `the zip could not be read to its end (${(e as Error).message}); entries before the damage were kept` });
    await reader.cancel().catch(() => undefined);
  } finally {
    reader.releaseLock();
  }
  if (!out.entries.length && !out.problems.length && !out.skipped.length) out.problems.push({ file: prefix, message: 'no files were found in it (is it a zip archive?)' });
  for (const path of unfinished) out.problems.push({ file: path, message: 'zip entry ends before its data does (truncated archive); it was not imported' });
  return out;
}
