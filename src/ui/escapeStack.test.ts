import { describe, expect, it } from 'vitest';
import { EscapeStack } from './escapeStack';

describe('Esc closes the newest open layer', () => {
  it('dialog over Measure: the dialog first, then Measure, then nothing (the page gets the key)', () => {
    const s = new EscapeStack();
    const closed: string[] = [];
    s.push(() => closed.push('measure'));
    const removeDialog = s.push(() => closed.push('project'));
    expect(s.escape()).toBe(true);
    expect(closed).toEqual(['project']);
    expect(s.escape()).toBe(true);
    expect(closed).toEqual(['project', 'measure']);
    expect(s.escape()).toBe(false);
    // a layer closed another way (its × button) is no longer on the stack
    const removeSizes = s.push(() => closed.push('sizes'));
    removeSizes();
    removeDialog(); // removing twice is harmless
    expect(s.escape()).toBe(false);
    expect(closed).toEqual(['project', 'measure']);
  });
});
