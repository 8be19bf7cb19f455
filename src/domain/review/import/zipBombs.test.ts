// Decompression bombs, made in the test (src/test/bombs.ts): refused before inflating when the
// archive states their size, stopped at once when it lies or states nothing; quick, and without
// holding the output.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zeroZip } from '../../../test/bombs';
import { importAll } from './importer';
import { formatBytes } from './limits';
import { readZip } from './zipEntries';

const asStream = (b: Uint8Array, piece = 1 << 16) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < b.length; i += piece) c.enqueue(b.subarray(i, i + piece));
      c.close();
    },
  });

/**
 * Runs `f`, returning its result, the processor time it took (not the wall time: the machine may be
 * shared, and what the bomb costs is the work done) and how far the process's memory grew.
 */
async function measured<T>(f: () => Promise<T>): Promise<{ r: T; ms: number; grewMB: number }> {
  const before = process.memoryUsage();
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const cpu = process.cpuUsage();
  const r = await f();
  const used = process.cpuUsage(cpu);
  const ms = (used.user + used.system) / 1000;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { r, ms, grewMB: (peak - before.rss) / 1e6 };
}

describe('zip bombs', () => {
  // 2.3 MB that inflates to 2.3 GB, as in the issue
  const BIG = 2.3e9;

  it('formatBytes says sizes the way the limits are stated', () => {
    expect(formatBytes(2.3e9)).toBe('2.3 GB');
    expect(formatBytes(1e9)).toBe('1 GB');
    expect(formatBytes(16e6)).toBe('16 MB');
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
  });

  it('an entry stating 2.3 GB is refused before a byte is inflated; the entries around it are read', async () => {
    const good = strToU8('{"id":1}\n');
    const bomb = zeroZip([{ name: 'x.jsonl', bytes: BIG }]);
    expect(bomb.length).toBeLessThan(2.5e6);
    const { r, ms, grewMB } = await measured(() => readZip(new Blob([bomb]), 'b.zip'));
    expect(r.entries).toEqual([]);
    expect(r.problems).toEqual([{ file: 'b.zip', message: 'the zip would expand 1011 times (2.3 MB to 2.3 GB); the limit is 100 times, so nothing in it was unpacked' }]);
    expect(ms).toBeLessThan(2000);
    expect(grewMB).toBeLessThan(100);

    // judged entry by entry (the archive's ratio relaxed), the entry is refused by its stated size
    const e = await readZip(new Blob([bomb]), 'b.zip', { limits: { ratio: 2000 } });
    expect(e.problems).toEqual([{ file: 'b.zip/x.jsonl', message: 'zip entry x.jsonl would expand to 2.3 GB; the limit is 1 GB per entry, so it was not unpacked' }]);
    const around = zipSync({ 'a.jsonl': good, 'c.jsonl': good });
    expect((await readZip(new Blob([around]), 'ok.zip')).entries).toHaveLength(2);
  });

  it('an entry that states 1,000 bytes and inflates past them is stopped at once', async () => {
    const bomb = zeroZip([{ name: 'liar.jsonl', bytes: BIG, sizes: 'small' }]);
    const { r, ms, grewMB } = await measured(() => readZip(new Blob([bomb]), 'l.zip'));
    expect(r.entries).toEqual([]);
    expect(r.problems).toEqual([
      { file: 'l.zip/liar.jsonl', message: 'zip entry liar.jsonl inflates past the 1 KB it states (the archive is damaged or was made to exhaust memory); it and the rest of the archive were not unpacked' },
    ]);
    expect(ms).toBeLessThan(2000);
    expect(grewMB).toBeLessThan(150);
  });

  it('without a directory to read first (a stream), the expansion ratio stops it after 16 MB', async () => {
    const bomb = zeroZip([{ name: 'dd.jsonl', bytes: BIG, sizes: 'none' }]);
    const { r, ms, grewMB } = await measured(() => readZip(asStream(bomb), 's.zip'));
    expect(r.entries).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].message).toMatch(/^zip entry dd\.jsonl expands more than 100 times \(past 1[67](\.\d)? MB\); it and the rest of the archive were not unpacked$/);
    expect(ms).toBeLessThan(2000);
    expect(grewMB).toBeLessThan(200);
    // read as a file, the directory states the size: refused before inflating
    const file = await readZip(new Blob([bomb]), 's.zip', { limits: { ratio: 2000 } });
    expect(file.problems[0].message).toBe('zip entry dd.jsonl would expand to 2.3 GB; the limit is 1 GB per entry, so it was not unpacked');
  });

  it('many small entries of zeros: refused as an archive (stated), stopped as a stream (inflated)', async () => {
    const bomb = zeroZip(Array.from({ length: 200 }, (_, i) => ({ name: `z${i}.bin`, bytes: 12e6, sizes: 'none' as const })));
    const stated = await readZip(new Blob([bomb]), 'm.zip');
    expect(stated.problems).toEqual([{ file: 'm.zip', message: 'the zip would expand 1010 times (2.4 MB to 2.4 GB); the limit is 100 times, so nothing in it was unpacked' }]);
    const { r, ms } = await measured(() => readZip(asStream(bomb), 'm.zip'));
    // a dozen entries inflate before the archive's ratio is past its limit
    expect(r.problems.at(-1)!.message).toMatch(/takes the archive past 100 times its size \(1[67](\.\d)? MB from \d+(\.\d)? KB\)/);
    expect(r.entries.length).toBeLessThan(3);
    expect(ms).toBeLessThan(2000);
  });

  it('the per-archive total is stated in the refusal', async () => {
    const bomb = zeroZip([{ name: 'a.bin', bytes: 3e6 }, { name: 'b.bin', bytes: 3e6 }]);
    const r = await readZip(new Blob([bomb]), 't.zip', { limits: { totalBytes: 5e6, ratio: 5000 } });
    expect(r.problems).toEqual([{ file: 't.zip', message: 'the zip would expand to 6 MB in all; the limit is 5 MB per archive, so nothing in it was unpacked' }]);
  });

  it('real data is far from the limits: 20 MB of JSONL deflated 8 : 1 is read whole', async () => {
    const line = JSON.stringify({ id: 'scene0261_00_16', question: 'With the counter (red point) having a depth of 1.6 meters, determine the depth of towel (blue point).', answer: '1.5' });
    const lines: string[] = [];
    for (let i = 0, n = 0; n < 20e6; i++) {
      const l = line.replace('16"', `${i}"`).replace('1.6', (i % 97 / 10).toFixed(1));
      lines.push(l);
      n += l.length + 1;
    }
    const text = strToU8(`${lines.join('\n')}\n`);
    const zip = zipSync({ 'qa.jsonl': text }, { level: 9 });
    expect(text.length / zip.length).toBeLessThan(100);
    const r = await readZip(new Blob([zip]), 'r.zip');
    expect(r.problems).toEqual([]);
    expect(r.entries[0].blob.size).toBe(text.length);
  });

  it('the importer lists the refusal and imports the rest of the drop', async () => {
    const bomb = zeroZip([{ name: 'x.jsonl', bytes: BIG }]);
    const r = await importAll([
      { path: 'bomb.zip', blob: new Blob([bomb]) },
      { path: 'ok.jsonl', blob: new Blob(['{"id":1,"format_type":"fill","task":"t","image":[],"question":"q","answer":"1"}\n']) },
    ]);
    expect(r.items.map((i) => i.appId)).toEqual(['ok.jsonl#1']);
    expect(r.problems).toEqual([{ file: 'bomb.zip', kind: 'zip-entry', message: 'the zip would expand 1011 times (2.3 MB to 2.3 GB); the limit is 100 times, so nothing in it was unpacked' }]);
  });
});
