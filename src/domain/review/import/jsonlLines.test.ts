import { describe, expect, it } from 'vitest';
import { jsonlLines, jsonValues, type TextLine } from './jsonlLines';

/** A stream that hands out exactly these chunks. */
const streamOf = (chunks: Uint8Array[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const ch of chunks) c.enqueue(ch);
      c.close();
    },
  });

const enc = new TextEncoder();
/** The bytes of `text` cut at the given byte offsets. */
const cut = (text: string, at: number[]) => {
  const b = enc.encode(text);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const a of [...at, b.length]) {
    out.push(b.slice(prev, a));
    prev = a;
  }
  return out;
};

const collect = async <T>(g: AsyncGenerator<T>) => {
  const out: T[] = [];
  for await (const x of g) out.push(x);
  return out;
};

describe('jsonlLines', () => {
  it('decodes a multibyte character split across chunks', async () => {
    // "é" is C3 A9, "🙂" is F0 9F 99 82: cut inside both
    const text = '{"q":"café"}\n{"q":"🙂 ok"}\n';
    const b = enc.encode(text);
    const e = b.indexOf(0xc3);
    const smile = b.indexOf(0xf0);
    const lines = await collect(jsonlLines(streamOf(cut(text, [e + 1, smile + 1, smile + 3]))));
    expect(lines.map((l) => l.text)).toEqual(['{"q":"café"}', '{"q":"🙂 ok"}']);
    expect(JSON.parse(lines[1].text).q).toBe('🙂 ok');
  });

  it('cuts at every byte and still gives the same lines', async () => {
    const text = 'α\r\nβγ\n\n  \nδ';
    const b = enc.encode(text);
    for (let i = 1; i < b.length; i++) {
      const lines = await collect(jsonlLines(streamOf(cut(text, [i]))));
      expect(lines.map((l) => [l.line, l.text])).toEqual([
        [1, 'α'],
        [2, 'βγ'],
        [5, 'δ'],
      ]);
    }
  });

  it('numbers lines as an editor does (blank lines count), drops \\r, keeps a last line without newline', async () => {
    const blob = new Blob(['a\r\n', '\r\n', 'b\n', '   \n', 'c']);
    const lines = await collect(jsonlLines(blob));
    expect(lines.map((l) => ({ line: l.line, text: l.text }))).toEqual([
      { line: 1, text: 'a' },
      { line: 3, text: 'b' },
      { line: 5, text: 'c' },
    ]);
  });

  it('drops a UTF-8 byte-order mark and reports bytes read', async () => {
    const body = enc.encode('x\ny\n');
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...body]);
    const lines: TextLine[] = await collect(jsonlLines(streamOf([withBom.slice(0, 5), withBom.slice(5)])));
    expect(lines.map((l) => l.text)).toEqual(['x', 'y']);
    // "x\n" is complete in the first chunk (BOM + 2 bytes)
    expect(lines[0].bytesRead).toBe(5);
    expect(lines[1].bytesRead).toBe(withBom.length);
  });

  it('cuts one huge chunk into pieces (lines are handed out before the whole chunk is decoded)', async () => {
    const line = `{"q":"${'é'.repeat(100)}"}`;
    const text = Array.from({ length: 20_000 }, () => line).join('\n');
    let firstBytes = 0;
    let n = 0;
    for await (const l of jsonlLines(streamOf([enc.encode(text)]))) {
      if (!n) firstBytes = l.bytesRead;
      expect(l.text).toBe(line);
      n++;
    }
    expect(n).toBe(20_000);
    expect(firstBytes).toBe(1 << 20);
  });

  it('joins a line spread over many chunks in linear time', async () => {
    const long = 'x'.repeat(4_000_000);
    const bytes = enc.encode(`${long}\nend\n`);
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length; i += 1000) chunks.push(bytes.subarray(i, i + 1000));
    const t = performance.now();
    const lines = await collect(jsonlLines(streamOf(chunks)));
    expect(lines[0].text.length).toBe(4_000_000);
    expect(lines[1]).toMatchObject({ line: 2, text: 'end' });
    expect(performance.now() - t).toBeLessThan(2000);
  });
});

describe('jsonValues', () => {
  it('splits a top-level array into its elements, with the line each starts on', async () => {
    const text = '[\n  {"a": "]},[{"},\n  {"b": [1, 2]}\n  , 3, "x"\n]\n';
    const vals = await collect(jsonValues(new Blob([text])));
    expect(vals.map((v) => [v.line, JSON.parse(v.text)])).toEqual([
      [2, { a: ']},[{' }],
      [3, { b: [1, 2] }],
      [4, 3],
      [4, 'x'],
    ]);
  });

  it('splits concatenated pretty-printed objects, across chunk boundaries', async () => {
    const text = '{\n "id": "a",\n "q": "é\\"}"\n}\n{"id": "b"}\n';
    const b = enc.encode(text);
    for (let i = 1; i < b.length; i += 3) {
      const vals = await collect(jsonValues(streamOf(cut(text, [i]))));
      expect(vals.map((v) => [v.line, JSON.parse(v.text).id])).toEqual([
        [1, 'a'],
        [5, 'b'],
      ]);
    }
  });

  it('hands a broken value on to JSON.parse rather than losing it', async () => {
    const vals = await collect(jsonValues(new Blob(['{"a": 1}\n{"b": "open'])));
    expect(vals).toHaveLength(2);
    expect(() => JSON.parse(vals[1].text)).toThrow();
  });
});
