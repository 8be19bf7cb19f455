import { describe, expect, it } from 'vitest';
import { UNTITLED, uniqueProjectName } from './projectName';

describe('new project names', () => {
  it('an empty name is "Untitled project", and a second one never is', () => {
    expect(uniqueProjectName('', [])).toBe(UNTITLED);
    expect(uniqueProjectName('   ', ['My project'])).toBe(UNTITLED);
    expect(uniqueProjectName('', ['My project', 'Untitled project'])).toBe('Untitled project 2');
    expect(uniqueProjectName('', ['Untitled project', 'Untitled project 2', 'untitled PROJECT 3'])).toBe('Untitled project 4');
    // ten untitled projects in a row: ten different names
    const names: string[] = [];
    for (let i = 0; i < 10; i++) names.push(uniqueProjectName('', names));
    expect(new Set(names).size).toBe(10);
    expect(names[9]).toBe('Untitled project 10');
  });

  it('a typed name is trimmed and kept unless taken (case and spaces do not make a name new)', () => {
    expect(uniqueProjectName('  Kitchen  survey ', ['My project'])).toBe('Kitchen survey');
    expect(uniqueProjectName('kitchen survey', ['Kitchen Survey'])).toBe('kitchen survey 2');
    expect(uniqueProjectName('Survey 2', ['Survey 2'])).toBe('Survey 3');
    expect(uniqueProjectName('My project', ['My project'])).toBe('My project 2');
    expect(uniqueProjectName('tab\there\nnewline', [])).toBe('tab here newline');
    expect(uniqueProjectName('x'.repeat(500), [])).toHaveLength(120);
  });
});
