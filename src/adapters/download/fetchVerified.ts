// Downloads one model file into a sink, resuming from what the sink already holds where the server
// honours a byte range, hashing as the bytes arrive, and refusing the file unless its size and
// SHA-256 are the ones expected. One implementation for the browser (an OPFS file in a worker) and
// the CLI (a file on disk). Only fetch and @noble/hashes: no DOM, no Node APIs.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { UserError } from '../../domain/errors';
import { formatSize } from '../../domain/models/catalogue';
import type { FetchVerifiedRequest } from '../../domain/models/verifiedFile';

export type { FetchVerifiedRequest };

/** Where the bytes go: a random-access file. */
export interface ByteSink {
  size(): Promise<number>;
  read(offset: number, length: number): Promise<Uint8Array>;
  write(bytes: Uint8Array, at: number): Promise<void>;
  truncate(length: number): Promise<void>;
  flush(): Promise<void>;
}

export interface FetchVerifiedResult {
  bytes: number;
  /** How many bytes were already there and not fetched again (0 for a fresh download). */
  resumedFrom: number;
}

export interface FetchVerifiedOptions {
  sink: ByteSink;
  signal?: AbortSignal;
  onProgress?: (received: number, total: number | null) => void;
  fetchImpl?: typeof fetch;
}

const READ_CHUNK = 4 << 20;
const FLUSH_EVERY = 1 << 20;

/** Parses "bytes 100-199/1000" (the total may be "*"). */
export function parseContentRange(h: string | null): { start: number; end: number; total: number | null } | null {
  const m = h?.match(/^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i);
  if (!m) return null;
  return { start: Number(m[1]), end: Number(m[2]), total: m[3] === '*' ? null : Number(m[3]) };
}

export async function fetchVerified(req: FetchVerifiedRequest, opts: FetchVerifiedOptions): Promise<FetchVerifiedResult> {
  const { sink, signal } = opts;
  const doFetch = opts.fetchImpl ?? fetch;
  let have = await sink.size();
  if (req.bytes != null && have > req.bytes) {
    await sink.truncate(0);
    have = 0;
  }
  // The hash of a resumed file covers the bytes already on disk: read them back once.
  let hash = sha256.create();
  for (let at = 0; at < have; at += READ_CHUNK) {
    signal?.throwIfAborted();
    hash.update(await sink.read(at, Math.min(READ_CHUNK, have - at)));
  }
  let resumedFrom = have;
  let total: number | null = req.bytes;

  if (!(req.bytes != null && have === req.bytes)) {
    // A single open range is CORS-safelisted, so a resume needs no preflight; no other header is sent.
    let res = await doFetch(req.url, { signal, headers: have > 0 ? { Range: `bytes=${have}-` } : {}, credentials: 'omit' });
    let range = res.status === 206 ? parseContentRange(res.headers.get('Content-Range')) : null;
    if (have > 0 && (res.status !== 206 || !range || range.start !== have)) {
      // The server ignored the range (200), or answered a different one: start again from zero.
      await sink.truncate(0);
      have = 0;
      hash = sha256.create();
      if (res.status !== 200) {
        await res.body?.cancel();
        res = await doFetch(req.url, { signal, credentials: 'omit' });
      }
      range = null;
      resumedFrom = 0;
    }
    if (!res.ok)
      throw new UserError(`The download of ${req.label} failed: the server answered HTTP ${res.status} for ${req.url}. Nothing was kept.`, 'model-download');
    const length = Number(res.headers.get('Content-Length') ?? NaN);
    const offered = range?.total ?? (Number.isFinite(length) ? have + length : null);
    if (req.bytes != null && offered != null && offered !== req.bytes) {
      await res.body?.cancel();
      await sink.truncate(0);
      throw new UserError(
        `${req.label} was refused: the server offers ${offered.toLocaleString('en')} bytes where the catalogue says ${req.bytes.toLocaleString('en')}; it is not the published file. Nothing was kept.`,
        'model-hash',
      );
    }
    total = req.bytes ?? offered;
    if (!res.body) throw new UserError(`The download of ${req.label} failed: the server sent no body.`, 'model-download');
    const reader = res.body.getReader();
    let sinceFlush = 0;
    opts.onProgress?.(have, total);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (req.bytes != null && have + value.length > req.bytes) {
          await sink.truncate(0);
          throw new UserError(`${req.label} was refused: the server sent more than the catalogue's ${req.bytes.toLocaleString('en')} bytes. Nothing was kept.`, 'model-hash');
        }
        await sink.write(value, have);
        hash.update(value);
        have += value.length;
        sinceFlush += value.length;
        if (sinceFlush >= FLUSH_EVERY) {
          await sink.flush();
          sinceFlush = 0;
        }
        opts.onProgress?.(have, total);
      }
    } finally {
      await sink.flush();
    }
  }

  const digest = bytesToHex(hash.digest());
  if (digest !== req.sha256.toLowerCase()) {
    await sink.truncate(0);
    throw new UserError(
      `${req.label} was refused: its SHA-256 is ${digest.slice(0, 16)}…, not the published ${req.sha256.slice(0, 16)}… (${formatSize(have)} received). ` +
        'The file on the server is not the one the catalogue names; nothing was kept.',
      'model-hash',
    );
  }
  return { bytes: have, resumedFrom };
}
