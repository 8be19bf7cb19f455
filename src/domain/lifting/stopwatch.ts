import { dict } from '../dict';
const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Stage timings: each lap records the milliseconds since the previous one under its name. */
export function stopwatch(): { lap(name: string): void; timings: Record<string, number> } {
  const timings = dict<number>();
  let t0 = now();
  return {
    timings,
    lap(name) {
      const t = now();
      timings[name] = t - t0;
      t0 = t;
    },
  };
}
