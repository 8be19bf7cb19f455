// The posed-lift worker, started on first use.
import type { Mark } from '../../domain/qa/types';
import type { PosedLift } from '../../domain/review/posedLift';
import type { PosedLiftImage, PosedLiftResponse } from '../../workers/posedLiftProtocol';

export class PosedLiftClient {
  private worker: Worker | null = null;
  private next = 1;
  private waiting = new Map<number, { resolve: (r: PosedLift) => void; reject: (e: Error) => void }>();

  lift(marks: Mark[], images: PosedLiftImage[], reference: number, step: number): Promise<PosedLift> {
    if (!this.worker) {
      this.worker = new Worker(new URL('../../workers/posedLift.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e: MessageEvent<PosedLiftResponse>) => {
        const w = this.waiting.get(e.data.id);
        this.waiting.delete(e.data.id);
        if (e.data.error !== undefined) w?.reject(new Error(e.data.error));
        else w?.resolve(e.data.result!);
      };
    }
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker!.postMessage({ id, marks, images, reference, step });
    });
  }
}
