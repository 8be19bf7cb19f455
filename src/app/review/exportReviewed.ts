// The export dialog's use case: the chosen items written by the review worker in the chosen
// layout, with progress, cancellable, the zip handed to the user. Explicit inputs only, so it moves
// with the review store wherever that lives.
import type { ExportFormat } from '../../adapters/browser/reviewClient';
import type { ExportChoice, ExportSelection } from '../../domain/review/export/choice';
import { LAYOUT_LABELS } from '../../domain/review/export/choice';

export interface ExportWorker {
  exportItems(project: string, ids: string[], filter: string, marked: boolean, progress?: (label: string, done: number, total: number) => void, format?: ExportFormat, started?: (job: number) => void): Promise<{ blob: Blob; name: string; count: number; manifestSha256?: string }>;
  cancel(job: number): void;
}

export interface ExportRun {
  project: string;
  choice: ExportChoice;
  selection: ExportSelection;
  /** The filter in words, for the manifest. */
  describe: string;
  progress: (label: string, done: number, total: number) => void;
  /** The worker's job id, to cancel it. */
  started?: (job: number) => void;
}

/** Runs the export and saves the zip; resolves with the message for the user. */
export async function exportReviewed(worker: ExportWorker, save: (blob: Blob, name: string) => void, run: ExportRun): Promise<string> {
  const { choice, selection } = run;
  const format: ExportFormat = { layout: choice.layout, images: choice.images, byTaskFormat: [...selection.byTaskFormat] };
  const what = `${run.describe} · ${LAYOUT_LABELS.get(choice.layout)}${choice.images ? '' : ' · without images'}${choice.marked ? ' · marked photos' : ''}`;
  const r = await worker.exportItems(run.project, selection.ids, what, choice.marked, run.progress, format, run.started);
  save(r.blob, r.name);
  // the manifest's own hash: the one thing that can later show the zip is the one written now
  const sha = r.manifestSha256 ? ` Its manifest's SHA-256 is ${r.manifestSha256}: keep it to check the zip later.` : '';
  return `Exported ${selection.ids.length} items to ${r.name}.${sha}`;
}

/** The choice in words, for the export manifest (what was exported, beside the counts). */
export function describeChoice(choice: ExportChoice, filterWords: string): string {
  const scope = choice.scope === 'filter' ? `queue filter (${filterWords})` : 'whole project';
  const tasks = choice.tasks ? `tasks: ${choice.tasks.length > 8 ? `${choice.tasks.length} tasks` : choice.tasks.join(', ')}` : 'every task';
  return `${scope}; statuses: ${choice.statuses.join(', ') || 'none'}; ${tasks}`;
}
