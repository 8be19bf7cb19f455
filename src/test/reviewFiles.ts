// Test helper (Node only): the review fixtures as dropped files.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportFile } from '../domain/review/import/importer';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/review');

/** Every file under `fixtures/review/<sub>` as `{path, blob}`, paths relative to `fixtures/review` (sorted). */
export async function fixtureFiles(sub = ''): Promise<ImportFile[]> {
  const dir = path.join(FIXTURES, sub);
  const names = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile());
  const files = await Promise.all(
    names.map(async (d) => {
      const full = path.join(d.parentPath, d.name);
      return { path: path.relative(FIXTURES, full).split(path.sep).join('/'), blob: new Blob([await readFile(full)]) };
    }),
  );
  return files.filter((f) => !f.path.endsWith('README.md')).sort((a, b) => (a.path < b.path ? -1 : 1));
}

export const fixtureText = (rel: string) => readFile(path.join(FIXTURES, rel), 'utf8');
export const fixtureBytes = async (rel: string) => new Uint8Array(await readFile(path.join(FIXTURES, rel)));
