// How many records an item file holds, before it is imported: the non-blank lines of a JSONL file
// (the lines the importer reads as records), the rows of a parquet file. Read in slices, so a large
// file is never one string; a few hundred megabytes a second.
import { parquetMetadataAsync } from 'hyparquet';
import { asyncBufferOf } from './parquet';

const SLICE = 4 << 20;

/** Lines of a UTF-8 text holding something other than spaces, tabs and `\r` (a leading BOM is not content). */
export async function countContentLines(blob: Blob): Promise<number> {
  let count = 0;
  // whether the line running over from the previous slice has content already
  let content = false;
  for (let at = 0; at < blob.size; at += SLICE) {
    const bytes = new Uint8Array(await blob.slice(at, at + SLICE).arrayBuffer());
    let i = at === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    while (i < bytes.length) {
      if (!content) {
        // look for content up to the end of the line
        for (; i < bytes.length; i++) {
          const c = bytes[i];
          if (c === 10 || (c !== 32 && c !== 9 && c !== 13)) break;
        }
        if (i === bytes.length) break;
        if (bytes[i] === 10) {
          i++;
          continue;
        }
        content = true;
      }
      // the rest of a line with content: jump to its end (indexOf is native)
      const nl = bytes.indexOf(10, i);
      if (nl < 0) break;
      count++;
      content = false;
      i = nl + 1;
    }
  }
  return content ? count + 1 : count;
}

/**
 * The records an item file holds: parquet rows from its footer, JSONL lines by counting; null for
 * a .json file (its values are only known by parsing it) and for a file that cannot be read.
 */
export async function countRecords(file: { blob: Blob; kind: 'parquet' | 'jsonl' | 'json' }): Promise<number | null> {
  try {
    if (file.kind === 'parquet') return Number((await parquetMetadataAsync(asyncBufferOf(file.blob))).num_rows);
    if (file.kind === 'json') return null;
    return await countContentLines(file.blob);
  } catch {
    return null;
  }
}
