// The size estimate against hand-computed sums, and against real zips written by the export.
import { describe, expect, it } from 'vitest';
import { type ExportMeasure, MARKED_BYTES_PER_PIXEL, estimateExport, formatSize, markedPhotoBytes } from './estimate';

const measure = (p: Partial<ExportMeasure> = {}): ExportMeasure => ({
  items: 100,
  records: new Map([
    ['as-imported', { bytes: 100_000, packed: 20_000 }],
    ['qa-jsonl', { bytes: 150_000, packed: 30_000 }],
    ['spar7m', { bytes: 80_000, packed: 16_000 }],
    ['spar-bench-parquet', { bytes: 90_000, packed: 18_000 }],
  ]),
  images: 10,
  imageBytes: 5_000_000,
  missingImages: 0,
  marked: 20,
  markedPixels: 20 * 640 * 480,
  pathChars: 300,
  ...p,
});

describe('estimateExport', () => {
  it('adds the packed records, the images as stored, the marked JPEGs and the zip headers', () => {
    const e = estimateExport(measure(), 'as-imported', true, true);
    const marked = Math.round(20 * 640 * 480 * MARKED_BYTES_PER_PIXEL);
    expect(e.parts).toEqual({ records: 20_000, images: 5_000_000, marked, overhead: (2 + 1 + 10 + 20) * 92 + 2 * (300 + 20 * 24) + 300 + 100 * 60 + 1024 });
    expect(e.files).toBe(33);
    expect(e.bytes).toBe(20_000 + 5_000_000 + marked + e.parts.overhead);
  });

  it('without images or marked photos only the records and the side files remain', () => {
    const e = estimateExport(measure(), 'qa-jsonl', false, false);
    expect(e.parts).toEqual({ records: 30_000, images: 0, marked: 0, overhead: 3 * 92 + 300 + 100 * 60 + 1024 });
  });

  it('the parquet layout holds the images inside one file: no image entries', () => {
    const e = estimateExport(measure(), 'spar-bench-parquet', true, false);
    expect(e.files).toBe(3);
    expect(e.parts.images).toBe(5_000_000);
    expect(e.parts.records).toBe(18_000);
  });

  it('a parquet embeds a shared photo in each row that shows it', () => {
    const e = estimateExport(measure({ rowImageBytes: 9_000_000 }), 'spar-bench-parquet', true, false);
    expect(e.parts.images).toBe(9_000_000);
    // the other layouts store each photo once
    expect(estimateExport(measure({ rowImageBytes: 9_000_000 }), 'as-imported', true, false).parts.images).toBe(5_000_000);
  });

  it('SPAR-7M writes one file per task and format, each with its headers', () => {
    const m = measure({ itemFiles: new Map([['spar7m', 7]]) });
    expect(estimateExport(m, 'spar7m', false, false).files).toBe(9);
    expect(estimateExport(m, 'spar7m', false, false).bytes - estimateExport(measure(), 'spar7m', false, false).bytes).toBe(6 * (92 + 300));
  });

  it('a marked copy is a quality-0.9 JPEG of the photo, no more than half again a well-compressed original', () => {
    expect(markedPhotoBytes(640 * 480, undefined)).toBe(640 * 480 * MARKED_BYTES_PER_PIXEL);
    expect(markedPhotoBytes(640 * 480, 2_000)).toBe(4_000);
    expect(markedPhotoBytes(640 * 480, 500_000)).toBe(640 * 480 * MARKED_BYTES_PER_PIXEL);
    expect(estimateExport(measure({ markedBytes: 12_345 }), 'as-imported', false, true).parts.marked).toBe(12_345);
  });

  it('nothing selected is a few hundred bytes at most', () => {
    expect(estimateExport(measure({ items: 0, records: new Map(), images: 0, imageBytes: 0, marked: 0, markedPixels: 0, pathChars: 0 }), 'as-imported', true, true).bytes).toBe(2 * 92);
  });

  it('sizes read as file managers show them', () => {
    expect([0, 999, 1000, 12_345, 4_500_000, 123_456_789, 1.2e9].map(formatSize)).toEqual(['0 B', '999 B', '1.0 kB', '12.3 kB', '4.5 MB', '123 MB', '1.2 GB']);
  });
});
