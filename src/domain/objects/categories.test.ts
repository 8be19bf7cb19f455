import { describe, expect, it } from 'vitest';
import type { SceneObject } from '../scene/scene';
import { UNNAMED, categorySuggestions, normaliseCategory, withCategory } from './categories';
import { checkSize } from './sizes';
import { exclusionReason } from '../qa/generate/context';

describe('free-text categories', () => {
  it('tidies what is typed and refuses an empty name', () => {
    expect(normaliseCategory('  kitchen   cabinet ')).toBe('kitchen cabinet');
    expect(normaliseCategory('   ')).toBeNull();
    expect(normaliseCategory('x'.repeat(81))).toBeNull();
    expect(normaliseCategory('__proto__')).toBe('__proto__');
  });

  it('suggests names in use before COCO, prefix and word-start matches first, no duplicates', () => {
    const imported = ['wardrobe', 'Chair', 'kitchen cabinet', 'cabinet'];
    const s = categorySuggestions('cab', [imported, ['cabinet door']]);
    expect(s).toEqual(['cabinet', 'cabinet door', 'kitchen cabinet']);
    // "chair" from COCO is a duplicate of the imported "Chair"
    expect(categorySuggestions('cha', [imported])).toEqual(['Chair']);
    expect(categorySuggestions('', [imported]).slice(0, 4)).toEqual(['wardrobe', 'Chair', 'kitchen cabinet', 'cabinet']);
    expect(categorySuggestions('', [[UNNAMED]])[0]).toBe('person');
    // inside-word matches come last: "table" in "dining table" is a word start; "ottle" only inside "bottle"
    expect(categorySuggestions('table', [])).toEqual(['dining table']);
    expect(categorySuggestions('ottle', [])).toEqual(['bottle']);
    // a name typed in full is not suggested back to itself
    expect(categorySuggestions('wardrobe', [imported])).toEqual([]);
  });

  it('a category with no size prior is neutral: not flagged, and marked as unchecked', () => {
    const box = { center: [0, 3, 0.94] as [number, number, number], size: [0.97, 0.6, 1.88] as [number, number, number], yaw: 0 };
    expect(checkSize('wardrobe', box)).toEqual({ plausible: true, prior: false });
    expect(checkSize('chair', box)).toMatchObject({ plausible: false, prior: true });
  });

  it('renaming judges the size again: a wardrobe drawn as "chair" stops being implausible', () => {
    const o: SceneObject = {
      id: 'drawn-1',
      category: 'chair',
      bbox2d: [163, 104, 159, 264],
      box3d: { center: [0, 3, 0.94], size: [0.97, 0.6, 1.88], yaw: 0 },
      source: 'lifted',
      categoryId: 62,
      quality: { points: 900, plausible: false, sizePrior: true },
      note: 'chair: longest side 1.88 m, expected 0.35–1.4 m',
    };
    const w = withCategory(o, 'wardrobe');
    expect(w.category).toBe('wardrobe');
    expect(w.quality).toEqual({ points: 900, plausible: true, sizePrior: false });
    expect(w.note).toBeUndefined();
    expect(w.categoryId).toBeUndefined();
    const cup = withCategory(w, 'cup');
    expect(cup.quality?.plausible).toBe(false);
    expect(cup.note).toMatch(/^cup: longest side 1.88 m/);
  });
});

describe('questions and free-text categories', () => {
  const box = { center: [0, 3, 0.94] as [number, number, number], size: [0.97, 0.6, 1.88] as [number, number, number], yaw: 0 };
  it('a category with no size prior can be asked about; an unnamed box cannot, and says why', () => {
    expect(exclusionReason({ id: 'w', category: 'wardrobe', box3d: box, source: 'lifted', quality: { plausible: true, sizePrior: false } })).toBeNull();
    expect(exclusionReason({ id: 'u', category: UNNAMED, box3d: box, source: 'lifted' })).toMatch(/no category yet/);
    expect(exclusionReason(withCategory({ id: 'c', category: 'wardrobe', box3d: box, source: 'lifted' }, 'chair'))).toMatch(/implausible for a chair/);
  });
});
