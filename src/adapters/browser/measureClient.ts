// The measure worker, started on first use.
import type { PixelAudit } from '../../domain/qa/audit/measureItem';
import type { QAItem } from '../../domain/qa/types';
import type { MarkCorrection } from '../../domain/review/markCorrections';
import type { MeasureImage, MeasureResponse } from '../../workers/measureProtocol';

export class MeasureClient {
  private worker: Worker | null = null;
  private next = 1;
  private waiting = new Map<number, { resolve: (r: PixelAudit) => void; reject: (e: Error) => void }>();

  measure(item: QAItem, images: MeasureImage[], corrections?: MarkCorrection[]): Promise<PixelAudit> {
    if (!this.worker) {
      this.worker = new Worker(new URL('../../workers/measure.worker.ts', import.meta.url), { type: 'module' });
      this.worker.onmessage = (e: MessageEvent<MeasureResponse>) => {
        const w = this.waiting.get(e.data.id);
        this.waiting.delete(e.data.id);
        if (e.data.error !== undefined) w?.reject(new Error(e.data.error));
        else w?.resolve(e.data.result!);
      };
    }
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker!.postMessage({ id, item, images, ...(corrections?.length ? { corrections } : {}) });
    });
  }
}
