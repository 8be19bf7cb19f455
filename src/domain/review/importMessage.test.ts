import { describe, expect, it } from 'vitest';
import { importMessage } from './importMessage';

const base = { added: 0, images: 0, ms: 1234, problems: [], problemCount: 0, missingCount: 0 };

describe('what an import says when it is done', () => {
  it('nothing imported: the first problem, in words, and how many more', () => {
    expect(importMessage({ ...base, problems: [{ file: 'empty.jsonl', message: 'the file is empty (0 bytes): there is nothing in it to import' }], problemCount: 1 })).toEqual({
      kind: 'error',
      text: 'Imported 0 items: empty.jsonl: the file is empty (0 bytes): there is nothing in it to import.',
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
      text: `Imported 3 items and 2 images in 1.2 s; 1 problem (see the import report). 1 image was already in the project and not stored again. x.zip matches its manifest (5 files; manifest SHA-256 ${sha.slice(0, 12)}…).`,
    });
    expect(importMessage({ ...base, added: 1, images: 0, flagged: 1, exports: [{ zip: 'x.zip', filesListed: 5, manifestSha256: sha, modified: true }] }).text).toBe(
      'Imported 1 item and 0 images in 1.2 s. x.zip no longer matches its manifest: 1 item flagged “modified after export”.',
    );
  });
});
