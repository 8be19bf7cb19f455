// The export dialog's use case: the chosen items written by the review jobs in the chosen layout,
// with progress, cancellable, the zip handed to the user. Explicit inputs only (the Compute port and
// a save), so the transfer slice and the tests call the same thing.
import type { ExportChoice, ExportSelection } from '../../domain/review/export/choice';
import { LAYOUT_LABELS } from '../../domain/review/export/choice';
import type { ExportFormat, Progress, ReviewCompute } from './ports';

export interface ExportRun {
  project: string;
  choice: ExportChoice;
  selection: ExportSelection;
  /** The filter in words, for the manifest. */
  describe: string;
  progress: Progress;
  /** Cancels the export (it then rejects with the signal's reason, and nothing is saved). */
  signal?: AbortSignal;
}

/** Runs the export and saves the zip; resolves with the message for the user. */
export async function exportReviewed(compute: Pick<ReviewCompute, 'exportItems'>, save: (blob: Blob, name: string) => void, run: ExportRun): Promise<string> {
  const { choice, selection } = run;
  const format: ExportFormat = { layout: choice.layout, images: choice.images, byTaskFormat: [...selection.byTaskFormat] };
  const what = `${run.describe} · ${LAYOUT_LABELS.get(choice.layout)}${choice.images ? '' : ' · without images'}${choice.marked ? ' · marked photos' : ''}`;
  const r = await compute.exportItems(run.project, selection.ids, what, choice.marked, run.progress, { format, signal: run.signal });
  run.signal?.throwIfAborted();
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
