import { describe, expect, it } from 'vitest';
import { QUESTION_START, questionStart, searchText } from './rowText';

describe('the start of a question on its queue row', () => {
  it('keeps a short question whole, whitespace collapsed', () => {
    expect(questionStart('  How far is\n the  lamp?  ')).toBe('How far is the lamp?');
  });

  it('cuts a long one at a word boundary with an ellipsis, never longer than the limit', () => {
    const q = 'With the counter (red point) having a depth of 1.6 meters, determine the depth of towel (blue point) in the same frame. Calculate or judge based on the 3D center points of these objects.';
    const s = questionStart(q);
    expect(s.length).toBeLessThanOrEqual(QUESTION_START);
    expect(s.endsWith('…')).toBe(true);
    expect(q.startsWith(s.slice(0, -1))).toBe(true);
    // the cut falls between words
    expect(q[s.length - 1]).toMatch(/[\s,]/);
  });

  it('reads only the head of a question of megabytes, and still says it is cut', () => {
    const huge = `Where is the cup? ${'blah '.repeat(400_000)}`;
    const s = questionStart(huge);
    expect(s.startsWith('Where is the cup? blah blah')).toBe(true);
    expect(s.length).toBeLessThanOrEqual(QUESTION_START);
    // exactly at the limit, but followed by more text far away
    expect(questionStart(`${'a'.repeat(50)}${' '.repeat(2000)}b`)).toBe(`${'a'.repeat(50)}…`);
    expect(questionStart(`${'a'.repeat(50)}${' '.repeat(2000)}`)).toBe('a'.repeat(50));
  });
});

describe('what a text search looks through', () => {
  it('the question, every option and the answer, lower-cased', () => {
    const t = searchText({ question: 'Which is CLOSER?', answer: 'B', spatial_lens: { options: ['A. the Lamp', 'B. the Sofa'] } as never });
    expect(t).toContain('which is closer?');
    expect(t).toContain('a. the lamp');
    expect(t).toContain('b. the sofa');
    expect(t.split('\n').pop()).toBe('b');
  });
});
