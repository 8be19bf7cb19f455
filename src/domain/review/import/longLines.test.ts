// Lines and values past the length limit are passed over without being held and reported with
// their line number; empty files say that they are empty.
import { describe, expect, it } from 'vitest';
import { importAll } from './importer';
import { jsonlLines, jsonValues } from './jsonlLines';

const chunked = (text: string, size: number) => {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < bytes.length; i += size) c.enqueue(bytes.slice(i, i + size));
      c.close();
    },
  });
};
const collect = async <T>(g: AsyncGenerator<T>) => {
  const out: T[] = [];
  for await (const x of g) out.push(x);
  return out;
};
const REC = '{"id":1,"format_type":"fill","task":"t","image":[],"question":"q","answer":"1"}';

describe('lines past the limit', () => {
  it('JSONL: a long line (in one chunk or many) is reported by number and length; the lines around it are read', async () => {
    for (const size of [7, 64, 4096]) {
      const text = `${'a'.repeat(50)}\n${'b'.repeat(500)}\r\n\n${'c'.repeat(20)}\n${'d'.repeat(101)}`;
      const lines = await collect(jsonlLines(chunked(text, size), { maxChars: 100 }));
      expect(lines.map((l) => [l.line, l.text.length, l.tooLong]), `chunks of ${size}`).toEqual([
        [1, 50, undefined],
        [2, 0, 501],
        [4, 20, undefined],
        [5, 0, 101],
      ]);
    }
  });

  it('JSON: a long element of a top-level array is reported; the next ones are read', async () => {
    const text = `[{"a":1},\n{"b":"${'x'.repeat(300)}"},\n{"c":3}]`;
    const values = await collect(jsonValues(chunked(text, 13), { maxChars: 100 }));
    expect(values.map((v) => [v.line, v.text, v.tooLong])).toEqual([
      [1, '{"a":1}', undefined],
      [2, '', 308],
      [3, '{"c":3}', undefined],
    ]);
  });

  it('one endless line of 200 MB is passed over in little memory', async () => {
    const MB = 1 << 20;
    const piece = new TextEncoder().encode('x'.repeat(MB));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ < 200) c.enqueue(piece);
        else {
          c.enqueue(new TextEncoder().encode(`\n${REC}\n`));
          c.close();
        }
      },
    });
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const lines = await collect(jsonlLines(stream, { maxChars: 10e6 }));
    clearInterval(timer);
    expect(lines.map((l) => [l.line, l.tooLong ?? l.text])).toEqual([
      [1, 200 * MB],
      [2, REC],
    ]);
    expect((peak - before) / 1e6).toBeLessThan(150);
  });

  it('the importer lists the long line and imports the rest', async () => {
    const r = await importAll([{ path: 'long.jsonl', blob: new Blob([`${REC}\n{"id":2,"question":"${'q'.repeat(2000)}"}\n${REC.replace('"id":1', '"id":3')}\n`]) }], { maxLineChars: 1000 });
    expect(r.items.map((i) => i.appId)).toEqual(['long.jsonl#1', 'long.jsonl#3']);
    expect(r.problems).toEqual([
      { file: 'long.jsonl', line: 2, kind: 'line', message: 'this line is 2,022 characters long; the limit is 1,000 (a QA record is about a thousand), so it was skipped unread' },
    ]);
  });
});

describe('empty files', () => {
  it('an empty .jsonl, a .jsonl of blank lines and an empty .json each say so', async () => {
    const r = await importAll([
      { path: 'empty.jsonl', blob: new Blob([]) },
      { path: 'blank.jsonl', blob: new Blob(['\n\n  \n']) },
      { path: 'empty.json', blob: new Blob(['  \n']) },
    ]);
    expect(r.summary.items).toBe(0);
    expect(r.problems).toEqual([
      { file: 'empty.jsonl', kind: 'file', message: 'the file is empty (0 bytes): there is nothing in it to import' },
      { file: 'blank.jsonl', kind: 'file', message: 'the file holds only blank lines (5 bytes): there is nothing in it to import' },
      { file: 'empty.json', kind: 'file', message: 'the file holds only white space (3 bytes): there is nothing in it to import' },
    ]);
  });
});
