// Test helper (Node only): the real review worker run in-process. The worker module installs its
// message handler on `self`; here `self` is a stand-in whose postMessage routes the replies back
// to the ReviewClient that asked, so the store under test drives the same import, export and
// restore code the browser runs, against fake-indexeddb.
import { ReviewClient } from '../adapters/browser/reviewClient';
import type { ReviewRequest, ReviewResponse } from '../workers/reviewProtocol';

interface FakeSelf {
  onmessage: ((ev: { data: ReviewRequest }) => unknown) | null;
  postMessage(m: ReviewResponse): void;
}

let loaded: Promise<FakeSelf> | null = null;
/** The worker that sent the request being handled (requests are handled one at a time in tests). */
let replyTo: InProcessWorker | null = null;

async function workerSelf(): Promise<FakeSelf> {
  loaded ??= (async () => {
    const fake: FakeSelf = { onmessage: null, postMessage: (m) => replyTo?.onmessage?.({ data: m } as MessageEvent<ReviewResponse>) };
    (globalThis as unknown as { self?: FakeSelf }).self = fake;
    await import('../workers/review.worker');
    return fake;
  })();
  return loaded;
}

class InProcessWorker {
  onmessage: ((ev: MessageEvent<ReviewResponse>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  constructor(private readonly self: FakeSelf) {}
  postMessage(req: ReviewRequest) {
    replyTo = this;
    void this.self.onmessage?.({ data: req });
  }
  terminate() {}
}

/** A ReviewClient whose worker is the review worker's module, running on this thread. */
export async function inProcessClient(): Promise<ReviewClient> {
  const self = await workerSelf();
  const g = globalThis as unknown as { Worker?: unknown };
  const before = g.Worker;
  g.Worker = function () {
    return new InProcessWorker(self);
  };
  const client = new ReviewClient();
  // the client makes its worker on first use
  void (client as unknown as { w: unknown }).w;
  g.Worker = before;
  return client;
}
