import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isIgnoredPath, readZip, unsafeEntryName } from './zipEntries';

describe('unsafeEntryName', () => {
  it('refuses names that escape the folder they unpack to', () => {
    for (const bad of ['../evil.jsonl', 'a/../../evil.jsonl', '/etc/passwd', '\\windows\\x', 'C:/x.png', 'c:x.png', 'a\\..\\..\\evil.png', 'ok/..', 'a\0b'])
      expect(unsafeEntryName(bad), bad).toBeDefined();
    for (const ok of ['a.jsonl', 'dir/sub/b.png', './c.jsonl', 'x..y/z.jpg', 'name with spaces.json']) expect(unsafeEntryName(ok), ok).toBeUndefined();
  });
  it('passes over macOS forks and dot files', () => {
    expect(isIgnoredPath('__MACOSX/a/._b.jpg')).toBe(true);
    expect(isIgnoredPath('a/.DS_Store')).toBe(true);
    expect(isIgnoredPath('.git/config')).toBe(true);
    expect(isIgnoredPath('a/b.jsonl')).toBe(false);
  });
});

describe('readZip', () => {
  const zip = zipSync(
    {
      'items/a.jsonl': strToU8('{"x":1}\n'),
      'items/img/p.png': [new Uint8Array(3000).fill(7), { level: 0 }],
      '../evil.jsonl': strToU8('{}'),
      '/abs.jsonl': strToU8('{}'),
      'C:/drive.jsonl': strToU8('{}'),
      'a\\..\\..\\back.png': strToU8('{}'),
      '__MACOSX/items/._a.jsonl': strToU8('junk'),
      'items/.DS_Store': strToU8('junk'),
      'win\\style\\name.jsonl': strToU8('{"y":2}\n'),
    },
    { level: 6 },
  );

  it('reads the safe entries under the zip’s path, reports the refused ones, skips the junk', async () => {
    const out = await readZip(new Blob([zip]), 'drop/data.zip');
    expect(out.entries.map((e) => e.path).sort()).toEqual(['drop/data.zip/items/a.jsonl', 'drop/data.zip/items/img/p.png', 'drop/data.zip/win/style/name.jsonl']);
    const a = out.entries.find((e) => e.path.endsWith('a.jsonl'))!;
    expect(await a.blob.text()).toBe('{"x":1}\n');
    const p = out.entries.find((e) => e.path.endsWith('p.png'))!;
    expect(new Uint8Array(await p.blob.arrayBuffer())).toEqual(new Uint8Array(3000).fill(7));
    expect(out.problems).toHaveLength(4);
    expect(out.problems.map((q) => q.message).join('\n')).toMatch(/"\.\.\/evil\.jsonl" climbs out/);
    expect(out.problems.map((q) => q.message).join('\n')).toMatch(/"\/abs\.jsonl" is an absolute path/);
    expect(out.problems.map((q) => q.message).join('\n')).toMatch(/"C:\/drive\.jsonl" names a drive letter/);
    expect(out.problems.map((q) => q.message).join('\n')).toMatch(/back\.png" climbs out/);
    expect(out.skipped.sort()).toEqual(['drop/data.zip/__MACOSX/items/._a.jsonl', 'drop/data.zip/items/.DS_Store']);
  });

  it('keeps what precedes the damage in a truncated archive and reports the rest', async () => {
    const out = await readZip(zip.slice(0, Math.floor(zip.length * 0.6)), 't.zip');
    expect(out.entries.map((e) => e.path)).toContain('t.zip/items/a.jsonl');
    expect(out.problems.length).toBeGreaterThan(0);
  });

  it('reads from a stream in small chunks', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < zip.length; i += 97) c.enqueue(zip.slice(i, i + 97));
        c.close();
      },
    });
    const out = await readZip(stream, 's.zip');
    expect(out.entries).toHaveLength(3);
  });
});
