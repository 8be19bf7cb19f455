import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dict, own, setOwn, table } from './dict';

describe('records keyed by data', () => {
  it('dict: __proto__, constructor, toString and hasOwnProperty are ordinary keys, and JSON keeps them', () => {
    const d = dict<number>();
    for (const k of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(d[k]).toBeUndefined();
      d[k] = (d[k] ?? 0) + 1;
    }
    expect(Object.keys(d)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    expect(JSON.parse(JSON.stringify(d))).toEqual(JSON.parse('{"__proto__":1,"constructor":1,"toString":1,"hasOwnProperty":1}'));
  });

  it('table: a missing key reads undefined whatever its name; the table cannot change', () => {
    const t = table({ tv: 'TV' });
    expect(t.tv).toBe('TV');
    for (const k of ['__proto__', 'constructor', 'toString', 'valueOf']) expect(t[k]).toBeUndefined();
    expect(Object.isFrozen(t)).toBe(true);
  });

  it('setOwn stores under __proto__ as data; own reads only what the record holds', () => {
    const o: Record<string, unknown> = {};
    setOwn(o, '__proto__', { polluted: true });
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(o.polluted).toBeUndefined();
    expect(JSON.stringify(o)).toBe('{"__proto__":{"polluted":true}}');
    expect(own({ a: 1 }, 'constructor')).toBeUndefined();
    expect(own({ a: 1 }, 'a')).toBe(1);
  });
});

// A lint: an empty `{}` typed as a record with string keys is filled at run time, from data; such a
// record must be a Map, or a dict() where a JSON shape is needed. Static lookup tables are not
// flagged (their keys are written here); the ones read with keys from data are made with table().
describe('no plain-object records filled from data outside the UI', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const EMPTY_RECORD = /(Record<string,[^;=]*>|\{\s*\[\w+:\s*string\]:[^}]*\})\s*=\s*\{\s*\}|=\s*\{\s*\}\s*as\s+Record<string/;
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [path.join(dir, d.name)] : []));

  it('src/domain, src/app, src/adapters, src/workers, src/cli and src/store hold none', () => {
    const found: string[] = [];
    for (const sub of ['domain', 'app', 'adapters', 'workers', 'cli', 'store'])
      for (const f of files(path.join(root, sub)))
        readFileSync(f, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (EMPTY_RECORD.test(line)) found.push(`${path.relative(root, f)}:${i + 1}: ${line.trim()}`);
          });
    expect(found).toEqual([]);
  });

  it('the pattern catches what it is meant to', () => {
    expect(EMPTY_RECORD.test('  const byTask: Record<string, number> = {};')).toBe(true);
    expect(EMPTY_RECORD.test('const m: { [k: string]: string[] } = {};')).toBe(true);
    expect(EMPTY_RECORD.test('const x = {} as Record<string, number>;')).toBe(true);
    expect(EMPTY_RECORD.test('const byTask = dict<number>();')).toBe(false);
    expect(EMPTY_RECORD.test("const line: Record<string, unknown> = { path: im.path };")).toBe(false);
  });
});
