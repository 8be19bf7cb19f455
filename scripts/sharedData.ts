// The real frames, models and benchmark examples that sit beside a checkout in `../shared/data`.
// Tests that read them are listed here by what they import or name, so that a clone without that
// folder runs everything else and says plainly what it left out (CI has the folder and runs all).
import fs from 'node:fs';
import path from 'node:path';

export const SHARED_DATA = path.resolve(import.meta.dirname, '../../shared/data');
export const HAS_SHARED_DATA = fs.existsSync(path.join(SHARED_DATA, 'nyu'));

/** Test files under `dirs` whose text reads the shared folder directly or through a helper that does. */
export function testsNeedingSharedData(root: string, dirs: string[], testFile: RegExp, helpers: RegExp): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else if (testFile.test(d.name) && (/shared\/data|shared\/models|SHARED/.test(fs.readFileSync(p, 'utf8')) || helpers.test(fs.readFileSync(p, 'utf8')))) out.push(path.relative(root, p));
    }
  };
  for (const d of dirs) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d));
  return out;
}

/** Says once which tests a run leaves out for want of the shared folder. */
export function reportSkipped(kind: string, files: string[]): void {
  if (!files.length) return;
  console.warn(`\n${kind}: ${SHARED_DATA} is absent, so the ${files.length} test files that read its real frames are skipped:\n  ${files.join('\n  ')}\nPut the shared folder beside the checkout to run them (CI does).\n`);
}
