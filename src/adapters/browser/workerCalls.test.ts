import { describe, expect, it } from 'vitest';
import { WorkerCalls } from './workerCalls';

/** A stand-in worker that keeps what it was sent and answers when told. */
class FakeWorker {
  sent: { id: number; [k: string]: unknown }[] = [];
  onmessage: ((e: MessageEvent) => void) | null = null;
  postMessage(m: { id: number }) {
    this.sent.push(m);
  }
  reply(data: unknown) {
    this.onmessage!({ data } as MessageEvent);
  }
}

describe('WorkerCalls', () => {
  it('starts the worker once, on the first call, and settles each call by its id whatever the order of replies', async () => {
    const workers: FakeWorker[] = [];
    const calls = new WorkerCalls<string>(() => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    });
    expect(workers).toHaveLength(0);
    const a = calls.call({ x: 1 });
    const b = calls.call({ x: 2 });
    const c = calls.call({ x: 3 });
    expect(workers).toHaveLength(1);
    const [w] = workers;
    expect(w.sent).toEqual([{ id: 1, x: 1 }, { id: 2, x: 2 }, { id: 3, x: 3 }]);
    w.reply({ id: 3, result: 'three' });
    w.reply({ id: 1, result: 'one' });
    w.reply({ id: 2, error: 'no depth for image 1' });
    await expect(a).resolves.toBe('one');
    await expect(c).resolves.toBe('three');
    await expect(b).rejects.toThrow('no depth for image 1');
    // a reply for a call already settled (or never made) changes nothing
    w.reply({ id: 1, result: 'again' });
    w.reply({ id: 99, result: 'stray' });
    const d = calls.call({ x: 4 });
    expect(w.sent.at(-1)).toEqual({ id: 4, x: 4 });
    w.reply({ id: 4, result: 'four' });
    await expect(d).resolves.toBe('four');
    expect(workers).toHaveLength(1);
  });
});
