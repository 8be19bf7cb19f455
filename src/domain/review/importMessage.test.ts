import { describe, expect, it } from 'vitest';
import { importMessage } from './importMessage';
import { countsText, importCounts } from './importReport';

const base = { added: 0, images: 0, ms: 1234, problems: [], problemCount: 0, missingCount: 0 };

describe('what an import says when it is done', () => {
  it('nothing imported: the first problem, in words, and how many more', () => {
    expect(importMessage({ ...base, problems: [{ file: 'empty.jsonl', message: 'the file is empty (0 bytes): there is nothing in it to import' }], problemCount: 1 })).toEqual({
      kind: 'error',
      text: 'Imported 0 items: empty.jsonl: the file is empty (0 bytes): there is nothing in it to import.',
      link: 'import-report',
    });
    expect(importMessage({ ...base, problems: [{ file: 'a.jsonl', line: 3, message: 'not valid JSON.' }, { file: 'b', message: 'x' }], problemCount: 3 }).text).toBe(
      'Imported 0 items: a.jsonl:3: not valid JSON (and 2 more problems; see the import report).',
    );
    expect(importMessage({ ...base, problems: [{ file: 'b.zip', message: 'no files were found in it: is it a zip archive?' }], problemCount: 1 }).text).toBe('Imported 0 items: b.zip: no files were found in it: is it a zip archive?');
  });

  it('something imported: counts, images reused, and each export checked against its manifest', () => {
    const sha = 'ab'.repeat(32);
    expect(
      importMessage({ ...base, added: 3, images: 2, imagesReused: 1, problemCount: 1, exports: [{ zip: 'x.zip', filesListed: 5, manifestSha256: sha, modified: false }] }),
    ).toEqual({
      kind: 'info',
      link: 'import-report',
      text: `Imported 3 items and 2 images in 1.2 s; 1 problem (see the import report). 1 image was already in the project and not stored again. x.zip matches its manifest (5 files; manifest SHA-256 ${sha.slice(0, 12)}…).`,
    });
    expect(importMessage({ ...base, added: 1, images: 0, flagged: 1, exports: [{ zip: 'x.zip', filesListed: 5, manifestSha256: sha, modified: true }] }).text).toBe(
      'Imported 1 item and 0 images in 1.2 s. x.zip no longer matches its manifest: 1 item flagged “modified after export”.',
    );
  });

  it('says the report’s counts in the report’s words: missing images are not problems', () => {
    const s = { ...base, added: 30, images: 10, missingCount: 20, missingImages: [], existing: 0 };
    const m = importMessage(s);
    expect(m).toEqual({ kind: 'info', link: 'import-report', text: 'Imported 30 items and 10 images in 1.2 s; 20 with missing images (see the import report).' });
    // the report's heading, from the same counts
    expect(countsText(importCounts(s), true)).toBe('0 problems, 20 with missing images');
    expect(importMessage({ ...s, problemCount: 2, problems: [{ file: 'a', line: 1, message: 'x' }, { file: 'a', line: 2, message: 'y' }] }).text).toBe(
      'Imported 30 items and 10 images in 1.2 s; 2 problems, 20 with missing images (see the import report).',
    );
    // the same file again: items already there are said once, not as problems
    const again = importMessage({ ...base, added: 0, existing: 5, problemCount: 5, problems: [{ file: 'a', line: 1, message: 'duplicate' }] });
    expect(again.text).toBe('Imported 0 items and 0 images in 1.2 s; 5 already there, 0 added.');
    expect(again.link).toBe('import-report');
    expect(countsText(importCounts({ problemCount: 5, existing: 5, missingCount: 0 }), true)).toBe('0 problems, 5 already in the project');
    // nothing imported, one bad line and missing images: the rest is counted in the same words
    expect(importMessage({ ...base, problems: [{ file: 'a.jsonl', line: 3, message: 'not valid JSON.' }], problemCount: 1, missingCount: 4 }).text).toBe(
      'Imported 0 items: a.jsonl:3: not valid JSON (and 4 with missing images; see the import report).',
    );
    // a clean import has no report to open
    expect(importMessage({ ...base, added: 2 }).link).toBeUndefined();
  });
});
