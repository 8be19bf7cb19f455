// The dependency rule the architecture rests on (docs/architecture.md): ui → store → app → domain,
// adapters implementing the app's ports. Checked on the source text, so a shortcut import is caught
// when it is written rather than when a test app can no longer be built without a browser.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '..');

function sources(dir: string, skip: (rel: string) => boolean): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    const rel = path.relative(SRC, p);
    if (skip(rel)) continue;
    if (e.isDirectory()) out.push(...sources(p, skip));
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Every module a file imports, resolved to a path under src/ (relative imports) or a package name. */
function importsOf(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'/g)) {
    const spec = m[1];
    out.push(spec.startsWith('.') ? path.relative(SRC, path.resolve(path.dirname(file), spec)) : spec);
  }
  return out;
}

function offences(files: string[], forbidden: (spec: string) => boolean): string[] {
  return files.flatMap((f) => importsOf(f).filter(forbidden).map((spec) => `${path.relative(SRC, f)} imports ${spec}`));
}

describe('dependencies point one way', () => {
  it('domain/ imports no other layer, no UI, storage or runtime library, and nothing from Node', () => {
    const files = sources(path.join(SRC, 'domain'), () => false);
    expect(files.length).toBeGreaterThan(100);
    const bad = offences(files, (s) => /^(app|adapters|workers|store|ui|cli)\//.test(s) || /^(react|three|@react-three|dexie|zustand|onnxruntime-(web|node)|sharp)(\/|$)/.test(s) || s.startsWith('node:'));
    expect(bad).toEqual([]);
  });

  it('app/ reaches the world only through its ports: no adapters, workers, store or ui', () => {
    const files = sources(path.join(SRC, 'app'), (rel) => rel === path.join('app', 'testing'));
    expect(files.length).toBeGreaterThan(40);
    const bad = offences(files, (s) => /^(adapters|workers|store|ui|cli)\//.test(s) || /^(react|three|@react-three|dexie|onnxruntime-(web|node))(\/|$)/.test(s));
    expect(bad).toEqual([]);
  });

  it('the check sees an offending import (it is not vacuous)', () => {
    const probe = path.join(SRC, 'app', 'review', 'probe.ts');
    const specs = importsOf(probe, "import type { X } from '../../adapters/browser/storage/db';\nexport { y } from '../../workers/measureProtocol';\n");
    expect(specs).toEqual(['adapters/browser/storage/db', 'workers/measureProtocol']);
  });
});
