import { describe, expect, it } from 'vitest';
import { itemFlags } from './import/layouts';
import { OVERSIZED_CHARS, PREVIEW_CHARS, clip, isOversized } from './longText';
import type { QAItem } from '../qa/types';

describe('long texts', () => {
  it('clip keeps the first characters and counts the rest; short texts are untouched', () => {
    expect(clip('abc', 5)).toEqual({ shown: 'abc', hidden: 0 });
    expect(clip('abcdef', 4)).toEqual({ shown: 'abcd', hidden: 2 });
    const big = 'x'.repeat(50_000_000);
    const c = clip(big, PREVIEW_CHARS);
    expect(c.shown.length).toBe(PREVIEW_CHARS);
    expect(c.hidden).toBe(50_000_000 - PREVIEW_CHARS);
  });

  it('clip never cuts an emoji (a surrogate pair) in half', () => {
    const s = `ab${'😀'.repeat(3)}`; // a b \ud83d \ude00 …
    expect(clip(s, 3)).toEqual({ shown: 'ab', hidden: s.length - 2 });
    expect(clip(s, 4)).toEqual({ shown: 'ab😀', hidden: s.length - 4 });
  });

  it('an item whose question, answer or an option is longer than the limit is flagged oversized at import', () => {
    const item = (question: string, answer = '1', options?: string[]): QAItem =>
      ({ id: 'i', image: [], task: 't', question, answer, spatial_lens: { schema: 'spatial-lens/qa@1', format: 'fill', objects: [], marks: [], evidence: {}, scene: 's', generator: { name: 'x', version: '0', seed: 0 }, ...(options ? { options } : {}) } }) as unknown as QAItem;
    expect(itemFlags(item('How far?'))).not.toContain('oversized');
    expect(itemFlags(item('q'.repeat(OVERSIZED_CHARS)))).not.toContain('oversized');
    expect(itemFlags(item('q'.repeat(OVERSIZED_CHARS + 1)))).toContain('oversized');
    expect(itemFlags(item('q', 'a'.repeat(OVERSIZED_CHARS + 1)))).toContain('oversized');
    expect(itemFlags(item('q', 'A', ['A. 1', `B. ${'2'.repeat(OVERSIZED_CHARS)}`]))).toContain('oversized');
    expect(isOversized([42, null, 'short'])).toBe(false);
  });
});
