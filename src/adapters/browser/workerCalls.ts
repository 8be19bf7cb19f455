// Calls to a stateless worker that answers each request with `{id, result}` or `{id, error}`: the
// worker is started on the first call, and each reply settles the call with its id.
type Reply<R> = { id: number; result: R; error?: undefined } | { id: number; error: string; result?: undefined };

export class WorkerCalls<R> {
  private worker: Worker | null = null;
  private next = 1;
  private waiting = new Map<number, { resolve: (r: R) => void; reject: (e: Error) => void }>();

  constructor(private readonly start: () => Worker) {}

  call(message: Record<string, unknown>): Promise<R> {
    if (!this.worker) {
      this.worker = this.start();
      this.worker.onmessage = (e: MessageEvent<Reply<R>>) => {
        const w = this.waiting.get(e.data.id);
        this.waiting.delete(e.data.id);
        if (e.data.error !== undefined) w?.reject(new Error(e.data.error));
        else w?.resolve(e.data.result as R);
      };
    }
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker!.postMessage({ id, ...message });
    });
  }
}
