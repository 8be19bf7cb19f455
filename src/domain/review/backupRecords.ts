// What a backup's header and rows must hold before anything is restored: a backup cut short, edited
// by hand or written by something else is refused with the file and line at fault, instead of
// failing half-way through the restore on a missing field.
import { UserError } from '../errors';
import { REASONS } from './types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
const DECISIONS = new Set(['accept', 'fix', 'reject', 'undo']);
const REASON_SET = new Set<string>(REASONS);

/** Why a backup.json is not a usable header, or undefined. */
export function backupHeaderProblem(m: unknown): string | undefined {
  if (!isObj(m)) return 'it is not a JSON object';
  if (!isObj(m.project)) return 'it names no project';
  if (!isText(m.project.id)) return 'its project has no id';
  if (m.project.name !== undefined && typeof m.project.name !== 'string') return 'its project name is not text';
  if (typeof m.createdAt !== 'string') return 'it has no creation time';
  if (m.counts !== undefined && !isObj(m.counts)) return 'its counts are not an object';
  return undefined;
}

/** Why one row of a backup's JSONL file cannot be restored, or undefined. */
const ROW_PROBLEM: Record<'items.jsonl' | 'decisions.jsonl' | 'scenes.jsonl' | 'images.jsonl' | 'views.jsonl', (r: Obj) => string | undefined> = {
  'items.jsonl': (r) => {
    if (!isText(r.id)) return 'the item has no id';
    if (typeof r.seq !== 'number' || !Number.isFinite(r.seq)) return 'the item has no queue position (seq)';
    if (!isObj(r.item) || !isObj(r.item.spatial_lens)) return 'the item has no QA item with its spatial_lens part';
    if (typeof r.item.task !== 'string' || typeof r.item.question !== 'string' || !Array.isArray(r.item.image)) return 'the QA item lacks its task, question or image list';
    if (r.flags !== undefined && !Array.isArray(r.flags)) return 'the flags are not a list';
    if (r.assignees !== undefined && !(Array.isArray(r.assignees) && r.assignees.every(isText))) return 'the assignees are not a list of names';
    return undefined;
  },
  'decisions.jsonl': (r) => {
    if (!isText(r.item)) return 'the decision names no item';
    if (!DECISIONS.has(r.decision as string)) return `the decision ${JSON.stringify(r.decision)} is not accept, fix, reject or undo`;
    if (!isText(r.uid)) return 'the decision has no uid';
    if (typeof r.reviewer !== 'string') return 'the decision names no reviewer';
    if (r.reasons !== undefined && !(Array.isArray(r.reasons) && r.reasons.every((x) => REASON_SET.has(x as string)))) return `the reasons ${JSON.stringify(r.reasons)} are not among ${REASONS.join(', ')}`;
    if (r.decision === 'undo' && typeof r.undoes !== 'number') return 'the undo names no decision to withdraw';
    return undefined;
  },
  'scenes.jsonl': (r) => {
    if (!isText(r.id)) return 'the scene has no id';
    if (!isObj(r.blobs) || !Object.values(r.blobs).every((b) => isObj(b) && isText(b.file))) return 'the scene does not say which files hold its photo and depth';
    if (r.data !== undefined && !isObj(r.data)) return 'the scene data is not an object';
    return undefined;
  },
  'images.jsonl': (r) => (!isText(r.path) ? 'the image has no path' : !isText(r.file) ? 'the image does not say which file holds it' : undefined),
  'views.jsonl': (r) => (typeof r.name !== 'string' ? 'the view has no name' : undefined),
};

/** Throws a UserError naming the first row that cannot be restored (file and line). */
export function checkBackupRows(path: keyof typeof ROW_PROBLEM, rows: readonly unknown[]): void {
  rows.forEach((r, i) => {
    const why = isObj(r) ? ROW_PROBLEM[path](r) : 'the line is not a JSON object';
    if (why) throw new UserError(`The backup cannot be restored: ${path}, record ${i + 1}: ${why}. Nothing was restored.`, 'backup-row');
  });
}
