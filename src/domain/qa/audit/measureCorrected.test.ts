// An item measured with the reviewer's marks in place of the found ones, on a real NYU/Open3D
// frame: a point the search could not find (never drawn), a doubled point, a point moved.
import { describe, expect, it } from 'vitest';
import { HAVE_SHARED_DATA, SPAR_STYLE } from '../../../test/markedPhotos';
import { asQAItem, itemImages } from '../../../test/rgbdAudit';
import { rgbdItems } from '../../../test/rgbdItems';
import { drawMarks } from '../export/drawMarks';
import type { Mark } from '../types';
import { measureItem } from './measureItem';
import type { MarkCorrection } from '../../review/markCorrections';

const reviewer = (m: Mark): MarkCorrection => ({ color: m.color, kind: 'point', uv: m.uv!, image: 0, source: 'reviewer' });

describe.skipIf(!HAVE_SHARED_DATA)('measuring with the reviewer’s marks', async () => {
  const { frames, items } = HAVE_SHARED_DATA ? await rgbdItems(4, 5, 1000) : { frames: [], items: [] };
  const it3 = items[3];
  const whole = () => measureItem(asQAItem(it3), itemImages(it3, frames));
  /** The item's photo with only some of its marks drawn (and `extra` ones), lossless. */
  const photo = (marks: Mark[]) => {
    const f = frames[it3.frames[0]];
    return [{ ...itemImages(it3, frames)[0], rgba: drawMarks({ ...f.rgba, data: new Uint8Array(f.rgba.data) }, marks, SPAR_STYLE) }];
  };
  const red = it3?.marks.find((m) => m.color === 'red')!;
  const blue = it3?.marks.find((m) => m.color === 'blue')!;

  it('is an item of the red–blue distance task, measured whole when both marks are drawn', () => {
    expect(it3.task).toBe('distance_prediction_oo');
    expect(whole().measured?.value).toBeCloseTo(it3.truth as number, 1);
  });

  it('a missing blue point placed by the reviewer: measured as if it had been found', () => {
    const images = photo([red]);
    const before = measureItem(asQAItem(it3), images);
    expect(before.measured).toBeUndefined();
    expect(before.findings.map((f) => f.code)).toContain('mark-not-found');
    const after = measureItem(asQAItem(it3), images, [reviewer(blue)]);
    expect(after.findings.map((f) => f.code)).not.toContain('mark-not-found');
    expect(Math.abs((after.measured!.value as number) - (whole().measured!.value as number))).toBeLessThan(0.02);
    expect(after.measured!.method).toBe('distance between the red and blue points, blue placed by reviewer');
    expect(after.display).toMatch(/\(distance between the red and blue points, blue placed by reviewer\)$/);
    expect(after.marks_found.find((m) => m.color === 'blue')).toEqual({ color: 'blue', kind: 'point', uv: [Math.round(blue.uv![0] * 100) / 100, Math.round(blue.uv![1] * 100) / 100], image: 0, confidence: 1, source: 'reviewer' });
    expect(after.marks_found.find((m) => m.color === 'red')?.source).toBeUndefined();
    expect(after.replaced).toBeUndefined();
  });

  it('a doubled red point: the reviewer’s choice is measured, the candidates it replaced are kept aside', () => {
    const decoy: Mark = { kind: 'point', color: 'red', uv: [blue.uv![0] < 320 ? 560 : 80, red.uv![1] < 240 ? 400 : 80] };
    const images = photo([red, blue, decoy]);
    const before = measureItem(asQAItem(it3), images);
    expect(before.findings.find((f) => f.code === 'mark-ambiguous')?.message).toMatch(/^the question names one red point, but 2 were found/);
    expect(before.measured).toBeUndefined();
    const chosen = before.marks_found.filter((m) => m.color === 'red').sort((a, b) => Math.hypot(a.uv![0] - red.uv![0], a.uv![1] - red.uv![1]) - Math.hypot(b.uv![0] - red.uv![0], b.uv![1] - red.uv![1]))[0];
    const after = measureItem(asQAItem(it3), images, [{ color: 'red', kind: 'point', uv: chosen.uv!, image: 0, source: 'reviewer' }]);
    expect(after.findings.map((f) => f.code)).not.toContain('mark-ambiguous');
    expect(Math.abs((after.measured!.value as number) - (whole().measured!.value as number))).toBeLessThan(0.02);
    expect(after.replaced?.length).toBe(2);
  });

  it('a red point moved onto the blue one measures about 0 m: the answer now disagrees', () => {
    const a = measureItem(asQAItem(it3), itemImages(it3, frames), [reviewer({ ...red, uv: blue.uv })]);
    expect(a.measured!.value as number).toBeLessThan(0.05);
    expect(a.mismatch).toBe(true);
    expect(a.display).toMatch(/red placed by reviewer\)$/);
  });

  it('a correction outside the image is not used, and said', () => {
    const a = measureItem(asQAItem(it3), itemImages(it3, frames), [{ color: 'red', kind: 'point', uv: [5000, 10], image: 0, source: 'reviewer' }]);
    expect(a.findings.find((f) => f.code === 'mark-correction-refused')?.message).toMatch(/^the reviewer's red point \(5000, 10\) is outside image 1 \(\d+ × \d+\); not used$/);
    expect(a.measured?.value).toBe(whole().measured?.value);
  });
});
