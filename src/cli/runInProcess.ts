// The command line run in-process for tests: its exit code and what it printed, captured.
import { vi } from 'vitest';
import { main } from './main';

/** `lift`-style output: one JSON object a line on stdout. */
export async function runJsonLines(args: string[]): Promise<{ code: number; lines: Record<string, unknown>[]; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const w = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const e = vi.spyOn(console, 'error').mockImplementation((s) => void err.push(String(s)));
  try {
    const code = await main(args);
    return { code, lines: out.join('').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)), stderr: err.join('\n') };
  } finally {
    w.mockRestore();
    e.mockRestore();
  }
}

/** Text output: what console.log and console.error printed. */
export async function runText(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const l = vi.spyOn(console, 'log').mockImplementation((s) => void out.push(String(s)));
  const e = vi.spyOn(console, 'error').mockImplementation((s) => void err.push(String(s)));
  try {
    return { code: await main(args), stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    l.mockRestore();
    e.mockRestore();
  }
}
