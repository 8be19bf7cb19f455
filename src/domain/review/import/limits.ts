// How far an input may expand when it is read (imports, restores, export checks). A zip states the
// size of each entry in its central directory; a decompression bomb states a huge size (refused
// before any byte is inflated), states a small one and inflates past it (stopped at once), or leaves
// the sizes out (stopped by the ratio and size caps as it inflates).
//
// The limits, and why a real SPAR-7M / SPAR-Bench import never meets them:
// - 1 GB per entry: SPAR-Bench's parquet shards and SPAR-7M's per-task JSONL files are hundreds of
//   MB at most; a ScanNet frame is a few hundred KB.
// - 8 GB in all: more than a browser profile usually grants a site, so a bigger archive could not
//   be stored anyway.
// - 100 : 1 expansion, once an entry (or the archive) is past 16 MB: JSONL deflates about 8 : 1,
//   JPEG, PNG and parquet about 1 : 1; deflate cannot pass 1032 : 1, which runs of zeros reach.
// - 100 MB per JSONL line or JSON value: a SPAR record is about 1 KB (a question of 50 MB is still
//   read, and flagged).

export interface ZipLimits {
  /** Bytes one entry may inflate to. */
  entryBytes: number;
  /** Bytes the whole archive may inflate to. */
  totalBytes: number;
  /** Inflated bytes per archive byte. */
  ratio: number;
  /** Output past which the ratio is enforced (small files of repeated text may compress well). */
  ratioAfterBytes: number;
  /** Entries in one archive (our exports hold at most 65,535; a directory of millions is a bomb too). */
  entries: number;
}

export const ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({ entryBytes: 1e9, totalBytes: 8e9, ratio: 100, ratioAfterBytes: 16e6, entries: 1_000_000 });

/** Longest line of a JSONL file (or value of a JSON file), in characters. */
export const MAX_LINE_CHARS = 100e6;

/** Bytes in words: "2.3 GB", "512 KB", "900 bytes" (decimal units, as the limits are stated). */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} byte${n === 1 ? '' : 's'}`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1000;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v >= 100 || Number.isInteger(v) ? Math.round(v) : v.toFixed(1).replace(/\.0$/, '')} ${units[u]}`;
}
