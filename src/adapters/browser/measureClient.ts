// The measure worker, started on first use.
import type { PixelAudit } from '../../domain/qa/audit/measureItem';
import type { QAItem } from '../../domain/qa/types';
import type { MarkCorrection } from '../../domain/review/markCorrections';
import type { MeasureImage, MeasureRequest } from '../../workers/measureProtocol';
import { WorkerCalls } from './workerCalls';

export class MeasureClient {
  private calls = new WorkerCalls<PixelAudit>(() => new Worker(new URL('../../workers/measure.worker.ts', import.meta.url), { type: 'module' }));

  measure(item: QAItem, images: MeasureImage[], corrections?: MarkCorrection[]): Promise<PixelAudit> {
    const req: Omit<MeasureRequest, 'id'> = { item, images, ...(corrections?.length ? { corrections } : {}) };
    return this.calls.call(req);
  }
}
