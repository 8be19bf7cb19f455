// Test helper (Node only): a folder on disk as dropped files, paths relative to its parent (as a
// folder drop names them: `spar/scannet/...`).
import fs from 'node:fs';
import path from 'node:path';
import type { ImportFile } from '../domain/review/import/importer';

export function folderFiles(dir: string): ImportFile[] {
  const base = path.dirname(dir);
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => {
      const full = path.join(d.parentPath, d.name);
      return { path: path.relative(base, full).split(path.sep).join('/'), blob: new Blob([fs.readFileSync(full)]) };
    })
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}
