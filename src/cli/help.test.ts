import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { helpFor } from './main';

const ROOT = path.resolve(import.meta.dirname, '../..');
const cli = (args: string[]) => spawnSync('node', [path.join(ROOT, 'bin/spatial-lens.js'), ...args], { encoding: 'utf8', cwd: ROOT });

// The first line of each command's usage, as a person reads it.
const FIRST_LINE = new Map([
  ['lift', 'spatial-lens lift <images or folders…>'],
  ['qa', 'spatial-lens qa <scene.json or folders…>'],
  ['score', 'spatial-lens score'],
  ['audit', 'spatial-lens audit'],
  ['models', 'spatial-lens models list|pull'],
]);

describe('--help on every command', () => {
  it.each([...FIRST_LINE])('`spatial-lens %s --help` prints that command’s help and exits 0', (command, first) => {
    for (const flag of ['--help', '-h']) {
      const r = cli([command, flag]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(first);
      expect(r.stdout).not.toMatch(/Unknown option/i);
      // only this command's help, not the others'
      for (const [other, line] of FIRST_LINE) if (other !== command) expect(r.stdout).not.toContain(line);
    }
  }, 120_000);

  it('`spatial-lens --help` and `spatial-lens help` list every command and exit 0; `help <command>` is that command’s', () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = cli(args);
      expect(r.status).toBe(0);
      for (const line of FIRST_LINE.values()) expect(r.stdout).toContain(line);
    }
    const qa = cli(['help', 'qa']);
    expect(qa.status).toBe(0);
    expect(qa.stdout).toContain(FIRST_LINE.get('qa'));
    expect(qa.stdout).not.toContain(FIRST_LINE.get('lift'));
    const bad = cli(['help', 'frobnicate']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown command "frobnicate" (commands: lift, qa, score, audit, models)');
  }, 120_000);

  it('help wins wherever it stands among the options, but not after a bare --', () => {
    expect(helpFor(['qa', 'scenes/', '--seed', '3', '--help'])).toContain(FIRST_LINE.get('qa'));
    expect(helpFor(['lift', '--out', 'x', '-h'])).toContain(FIRST_LINE.get('lift'));
    expect(helpFor(['lift', 'a.jpg'])).toBeNull();
    expect(helpFor(['lift', '--', '--help'])).toBeNull();
    // an unknown command asking for help gets the overview
    expect(helpFor(['frobnicate', '--help'])).toContain(FIRST_LINE.get('audit'));
  });
});
