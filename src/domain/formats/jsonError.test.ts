import { describe, expect, it } from 'vitest';
import { jsonProblem } from './jsonError';

const why = (text: string) => {
  try {
    JSON.parse(text);
  } catch (e) {
    return jsonProblem(text, e);
  }
  return 'parsed';
};

describe('why a text is not JSON, in words', () => {
  it('names where it broke, or that it was cut short, never the parser’s own message', () => {
    expect(why('{"fx": 500, "fy": ')).toBe('it ends before its JSON does (cut short?)');
    expect(why('{"a":"b')).toBe('it ends before its JSON does (cut short?)');
    expect(why('this is not JSON at all, sorry')).toBe('it is not JSON (it starts with “this is not JSON at all,…”)');
    expect(why('hello')).toBe('it starts with “hello”, which is not JSON');
    expect(why('{"a":1,\n "b":2,}')).toBe('unexpected “}” at line 2, column 8');
    expect(why('[1,2\n,3 4]')).toBe('unexpected “4” at line 2, column 4');
    expect(why('   ')).toBe('it is empty');
  });
});
