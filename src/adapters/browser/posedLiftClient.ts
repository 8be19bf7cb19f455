// The posed-lift worker, started on first use.
import type { Mark } from '../../domain/qa/types';
import type { PosedLift } from '../../domain/review/posedLift';
import type { PosedLiftImage, PosedLiftRequest } from '../../workers/posedLiftProtocol';
import { WorkerCalls } from './workerCalls';

export class PosedLiftClient {
  private calls = new WorkerCalls<PosedLift>(() => new Worker(new URL('../../workers/posedLift.worker.ts', import.meta.url), { type: 'module' }));

  lift(marks: Mark[], images: PosedLiftImage[], reference: number, step: number): Promise<PosedLift> {
    const req: Omit<PosedLiftRequest, 'id'> = { marks, images, reference, step };
    return this.calls.call(req);
  }
}
