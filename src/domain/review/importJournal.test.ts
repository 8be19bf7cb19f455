import { describe, expect, it } from 'vitest';
import { fixtureFiles } from '../../test/reviewFiles';
import { countContentLines, countRecords } from './import/lineCount';
import { afterBatch, coversFiles, interruptedText, journalLines, newJournal } from './importJournal';

const at = '2026-11-23T10:02:00.000Z';

describe('the import journal', () => {
  it('counts a batch’s stored items and the lines it refused or skipped, not problems with whole files', () => {
    let j = newJournal('i1', 'p', [{ path: 'big.jsonl', blob: { size: 1000 } }], at);
    j = { ...j, files: [{ path: 'big.jsonl', bytes: 1000, lines: 10 }] };
    j = afterBatch(j, { items: [1, 2, 3], problems: [{ line: 4, kind: 'line' }, { line: 5, kind: 'duplicate' }, { kind: 'file' }, { line: 9, kind: 'zip-entry' }] }, at);
    expect([j.done, j.added]).toEqual([5, 3]);
    expect(journalLines(j)).toEqual({ done: 5, total: 10 });
  });

  it('says how far an unfinished import got and what to do', () => {
    const j = { ...newJournal('i1', 'p', [{ path: 'big.jsonl', blob: { size: 9 } }], at), files: [{ path: 'big.jsonl', bytes: 9, lines: 100_000 }], done: 32_000 };
    expect(interruptedText(j)).toMatch(/^The import of big\.jsonl \(started \d{4}-\d\d-\d\d \d\d:\d\d\) did not finish: 32,000 of 100,000 lines imported; import the file again to finish\.$/);
    // a .json file's values are not counted ahead
    const unknown = { ...j, files: [...j.files, { path: 'more.json', bytes: 5, lines: null }], dropped: [...j.dropped, { path: 'more.json', bytes: 5 }] };
    expect(interruptedText(unknown)).toContain('32,000 lines imported (of a total not known yet: a .json file');
    expect(interruptedText(unknown)).toMatch(/; import the files again to finish\.$/);
    // cut off before any item file was reached
    expect(interruptedText({ ...j, files: [] })).toContain('it stopped before reading any item');
  });

  it('is finished by an import of the same files (same paths and sizes), not of others', () => {
    const j = newJournal('i1', 'p', [{ path: 'a.jsonl', blob: { size: 10 } }, { path: 'b.zip', blob: { size: 20 } }], at);
    expect(coversFiles(j, [{ path: 'b.zip', bytes: 20 }, { path: 'a.jsonl', bytes: 10 }, { path: 'c.png', bytes: 3 }])).toBe(true);
    expect(coversFiles(j, [{ path: 'a.jsonl', bytes: 10 }])).toBe(false);
    expect(coversFiles(j, [{ path: 'a.jsonl', bytes: 11 }, { path: 'b.zip', bytes: 20 }])).toBe(false);
  });
});

describe('counting records ahead', () => {
  it('counts the lines the importer reads as records: blank lines and a BOM are not records', async () => {
    const text = '\uFEFF{"a":1}\r\n\n   \n{"a":2}\n\t\n{"a":3}';
    expect(await countContentLines(new Blob([text]))).toBe(3);
    expect(await countContentLines(new Blob(['{"a":1}\n{"a":2}\n']))).toBe(2);
    expect(await countContentLines(new Blob([]))).toBe(0);
  });

  it('counts across slices (a file of many megabytes) exactly', async () => {
    const line = `${JSON.stringify({ id: 1, question: 'x'.repeat(200) })}\n`;
    const n = 30_000; // about 6.6 MB: two 4 MB slices
    expect(await countContentLines(new Blob([line.repeat(n)]))).toBe(n);
  });

  it('reads a parquet file’s rows from its footer, and the real fixtures', async () => {
    const files = await fixtureFiles();
    const parquet = files.find((f) => f.path.endsWith('.parquet'))!;
    expect(await countRecords({ blob: parquet.blob, kind: 'parquet' })).toBe(5);
    // the SPAR-7M sentence file: 4 lines, one blank: 3 records (one of them malformed)
    const sentence = files.find((f) => f.path.endsWith('sentence_2.jsonl'))!;
    expect(await countRecords({ blob: sentence.blob, kind: 'jsonl' })).toBe(3);
    expect(await countRecords({ blob: sentence.blob, kind: 'json' })).toBeNull();
  });
});
