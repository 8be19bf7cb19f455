// The items' audited risks of a project (the risk-sorted queue reads them; the review worker writes them).
import type { ItemRisk } from '../../../domain/review/itemRisk';
import { type StoredRisk, db } from './db';

export async function itemRisks(project: string): Promise<Map<string, ItemRisk>> {
  const rows = await db().risks.where('project').equals(project).toArray();
  return new Map(rows.map(({ project: _p, id, ...risk }) => [id, risk]));
}

/** Replaces the risks of these items (one batch, one transaction). */
export async function putRisks(project: string, risks: readonly { id: string; risk: ItemRisk }[]): Promise<void> {
  await db().risks.bulkPut(risks.map(({ id, risk }): StoredRisk => ({ ...risk, project, id })));
}
