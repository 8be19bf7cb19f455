// The audit of QA item sets, for the app and the CLI (pure, synchronous: run it in a worker for
// large sets).
//   auditItems(items, { scenes, imageSize }) → { audits: [{ id, task, risk, findings }], summary }
//     findings per item (error / warn / info), risk 0–1; sort a queue with `byRisk` ("most likely
//     wrong first"). Generated items whose scene is in `scenes` are derived again field by field.
//   blindReport(items) → the blind-strategy table (overall, per format, per task); render it with
//     formatBlindTable or from its rows (each strategy's accuracy against chance), judge it with
//     blindVerdict.
export { auditItems, isGenerated } from './items';
export type { AuditOptions, AuditResult, AuditScene } from './items';
export { byRisk, formatAuditSummary, riskOf, summarise } from './findings';
export type { AuditSummary, Finding, ItemAudit, Severity, TaskSummary } from './findings';
export { BLIND_TARGETS, STRATEGIES, blindReport, blindVerdict, formatBlindTable } from './blind';
export type { BlindLimits, BlindOptions, BlindReport, BlindRow, StrategyId, StrategyInfo, StrategyResult } from './blind';
export { itemFindings } from './checks';
export type { CheckContext } from './checks';
