// A parquet file cut short or damaged in its data is named with the rows that could not be read;
// the rows before the damage are imported.
import { describe, expect, it } from 'vitest';
import { fixtureBytes } from '../../../test/reviewFiles';
import { importAll } from './importer';

const PARQUET = 'spar-bench/test-00000-of-00001.parquet';

describe('damaged parquet', () => {
  it('data cut out of the middle (the footer kept): the message says which rows and that the file is damaged', async () => {
    const b = await fixtureBytes(PARQUET);
    const footer = new DataView(b.buffer, b.byteOffset).getUint32(b.length - 8, true) + 8;
    let damaged = 0;
    for (let cut = 4; cut < b.length - footer; cut += 97) {
      const bytes = new Uint8Array([...b.subarray(0, cut), ...b.subarray(Math.min(cut + 50, b.length - footer))]);
      const r = await importAll([{ path: 'cut.parquet', blob: new Blob([bytes]) }]);
      for (const p of r.problems) {
        damaged++;
        expect(p.message).toMatch(/^cut\.parquet (is damaged or cut short: rows \d+–\d+ of 5 could not be read(; rows 1–\d+ were read)?|is not a readable parquet file: its footer .+)$/);
      }
    }
    expect(damaged).toBeGreaterThan(5);
  });

  it('a file cut short at its end is not a readable parquet file', async () => {
    const b = await fixtureBytes(PARQUET);
    const r = await importAll([{ path: 'short.parquet', blob: new Blob([b.subarray(0, b.length - 100)]) }]);
    expect(r.problems).toEqual([{ file: 'short.parquet', kind: 'file', message: 'short.parquet is not a readable parquet file: its footer (which describes the rows) is missing or damaged, so the file was cut short or is not parquet' }]);
  });
});
