// What the audit says about an item: findings (a code, a severity, a message for a person) and a
// risk in 0–1 that orders a review queue "most likely wrong first".

export type Severity = 'error' | 'warn' | 'info';

export interface Finding {
  /** Stable, machine-readable ("rederive-answer", "answer-letter", "mark-outside"). */
  code: string;
  severity: Severity;
  message: string;
}

export interface ItemAudit {
  id: string;
  task: string;
  /** 0–1: how likely the item is wrong, from its findings. */
  risk: number;
  findings: Finding[];
}

/** How much one finding of each severity raises the risk. */
const WEIGHT: Record<Severity, number> = { error: 0.9, warn: 0.35, info: 0.03 };

/** 1 − Π(1 − weight): one error makes an item likelier wrong than any number of notes. */
export function riskOf(findings: readonly Finding[]): number {
  let keep = 1;
  for (const f of findings) keep *= 1 - WEIGHT[f.severity];
  return Math.round((1 - keep) * 1000) / 1000;
}

/** For sorting a queue: highest risk first, then by id. */
export const byRisk = (a: ItemAudit, b: ItemAudit) => b.risk - a.risk || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export interface TaskSummary {
  task: string;
  items: number;
  /** Items with at least one error / warning. */
  withErrors: number;
  withWarnings: number;
  errors: number;
  warnings: number;
  infos: number;
}

export interface AuditSummary {
  items: number;
  errors: number;
  warnings: number;
  infos: number;
  withErrors: number;
  withWarnings: number;
  tasks: TaskSummary[];
  /** Findings by code, most frequent first. */
  codes: { code: string; severity: Severity; count: number }[];
}

export function summarise(audits: readonly ItemAudit[]): AuditSummary {
  const tasks = new Map<string, TaskSummary>();
  const codes = new Map<string, { code: string; severity: Severity; count: number }>();
  const total: AuditSummary = { items: 0, errors: 0, warnings: 0, infos: 0, withErrors: 0, withWarnings: 0, tasks: [], codes: [] };
  for (const a of audits) {
    const t = tasks.get(a.task) ?? tasks.set(a.task, { task: a.task, items: 0, withErrors: 0, withWarnings: 0, errors: 0, warnings: 0, infos: 0 }).get(a.task)!;
    const e = a.findings.filter((f) => f.severity === 'error').length;
    const w = a.findings.filter((f) => f.severity === 'warn').length;
    const i = a.findings.length - e - w;
    for (const row of [t, total]) {
      row.items++;
      row.errors += e;
      row.warnings += w;
      row.infos += i;
      if (e) row.withErrors++;
      if (w) row.withWarnings++;
    }
    for (const f of a.findings) {
      const k = `${f.severity}\u0000${f.code}`;
      const c = codes.get(k) ?? codes.set(k, { code: f.code, severity: f.severity, count: 0 }).get(k)!;
      c.count++;
    }
  }
  total.tasks = [...tasks.values()].sort((a, b) => (a.task < b.task ? -1 : 1));
  total.codes = [...codes.values()].sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1));
  return total;
}

/** The per-task table and the most frequent findings. */
export function formatAuditSummary(s: AuditSummary): string {
  const w = Math.max(4, ...s.tasks.map((t) => t.task.length));
  const lines = [`${'task'.padEnd(w)}  items  with errors  with warnings  errors  warnings  notes`];
  for (const t of [...s.tasks, { ...s, task: 'all' }])
    lines.push(
      `${t.task.padEnd(w)}  ${String(t.items).padStart(5)}  ${String(t.withErrors).padStart(11)}  ${String(t.withWarnings).padStart(13)}  ${String(t.errors).padStart(6)}  ${String(t.warnings).padStart(8)}  ${String(t.infos).padStart(5)}`,
    );
  if (s.codes.length) {
    lines.push('findings by code:');
    for (const c of s.codes.slice(0, 20)) lines.push(`  ${c.severity.padEnd(5)}  ${c.code.padEnd(28)}  ${c.count}`);
    if (s.codes.length > 20) lines.push(`  … and ${s.codes.length - 20} more codes`);
  }
  return lines.join('\n');
}
