// The dashboard's numbers, read from the open session's log.
import { blindAgreement } from '../../domain/review/blind';
import { computeStats } from '../../domain/review/stats';
import type { Ctx } from './context';
import type { ReviewStoreState } from './types';

export const statsSlice = (c: Ctx): Pick<ReviewStoreState, 'stats' | 'blindStats' | 'statusOf'> => ({
  stats: () => computeStats(c.get().rows, c.get().session.log),
  blindStats: () => blindAgreement(c.get().rows, c.get().session.log),
  statusOf: (id) => c.get().session.log.status(id),
});
