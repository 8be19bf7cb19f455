// An item's risk as the review queue sorts by it: the audit's findings on the item alone (its
// checks, and its marks found and its quantity or relation measured from its own pixels and depth)
// boiled down to what ordering and filtering need. Computed off the page, kept with the project.
import { type Finding, riskOf } from '../qa/audit/findings';

export interface ItemRisk {
  /** 0–1, how likely the item is wrong (the audit's risk). */
  risk: number;
  /** The answer disagrees with what its pixels and depth measure. */
  mismatch: boolean;
  errors: number;
  warnings: number;
  /** The measured line ("answer left · above — measured …"), when the item was measured. */
  line?: string;
}

export function itemRisk(findings: readonly Finding[], mismatch: boolean, line?: string): ItemRisk {
  return {
    risk: riskOf(findings),
    mismatch,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warn').length,
    ...(line ? { line } : {}),
  };
}

/**
 * Riskiest first: measured mismatches, then by risk; items not yet audited last. Ties keep the
 * order they came in (the caller sorts stably).
 */
export function compareRisk(a: ItemRisk | undefined, b: ItemRisk | undefined): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  return Number(b.mismatch) - Number(a.mismatch) || b.risk - a.risk;
}
