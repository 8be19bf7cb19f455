// The items' audited risks for the queue: computed by the review worker (audit and measurement, item
// by item, with progress) after an import or on request, and read from storage when the queue first
// sorts or filters by them (not while the project opens, which would hold up its first item); the
// queue then sorts riskiest first and filters measured mismatches.
import type { ItemRisk } from '../../domain/review/itemRisk';
import { type Ctx, fail } from './context';
import type { ReviewStoreState } from './types';

type RiskActions = 'risks' | 'risksRead' | 'auditing' | 'auditRisks' | 'readRisks';

export const risksSlice = (c: Ctx): Pick<ReviewStoreState, RiskActions> => ({
  risks: new Map<string, ItemRisk>(),
  risksRead: null,
  auditing: null,

  async readRisks() {
    const project = c.get().project;
    c.set({ risksRead: project });
    try {
      const risks = await c.deps.storage.itemRisks(project);
      if (c.get().project !== project) return;
      c.set({ risks });
      if (c.get().sort.key === 'risk' || c.get().filter.mismatch) c.relist();
    } catch (e) {
      fail(c, e, 'Reading the items’ risks');
    }
  },

  async auditRisks(ids, opts = {}) {
    const project = c.get().project;
    if (c.get().auditing) return;
    c.set({ auditing: { done: 0, total: ids?.length ?? c.get().rows.length } });
    try {
      const s = await c.deps.compute.auditRisks(project, (_label, done, total) => c.set({ auditing: { done, total } }), ids);
      c.set({ auditing: null });
      await c.get().readRisks();
      if (opts.quiet) return;
      c.set({
        message: {
          kind: s.mismatches ? 'error' : 'info',
          text: `Audited ${s.items} items: ${s.measured} measured from their pixels and depth, ${s.mismatches} whose answer disagrees with the measurement.${s.mismatches ? ' Sort the queue by risk to see them first.' : ''}`,
        },
      });
    } catch (e) {
      c.set({ auditing: null });
      fail(c, e, 'Auditing the items');
    }
  },
});
