// What an import says when it is done: how much came in, and when nothing did, why (the first
// problem, in words): an empty or refused file is never just "Imported 0 items". Its counts are the
// import report's, in the report's words, and it links to the report when there is one.
import { countsText, hasReport, importCounts } from './importReport';

export interface ImportOutcome {
  added: number;
  images: number;
  imagesReused?: number;
  ms: number;
  problems: { file: string; line?: number; message: string }[];
  problemCount: number;
  missingCount: number;
  exports?: { zip: string; filesListed: number; manifestSha256: string; modified: boolean }[];
  flagged?: number;
  /** Decisions brought back by a re-imported export. */
  reviews?: number;
  /** Items already in the project (the same file imported again); listed among the problems as duplicates. */
  existing?: number;
  /** Files of an earlier, interrupted import that this one completed. */
  finished?: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function importMessage(s: ImportOutcome): { kind: 'info' | 'error'; text: string; link?: 'import-report' } {
  const existing = s.existing ?? 0;
  const counts = importCounts(s);
  const link = hasReport(counts) ? { link: 'import-report' as const } : {};
  if (s.added === 0 && s.images === 0 && !existing && s.problems.length) {
    const p = s.problems[0];
    const rest = countsText({ ...counts, problems: counts.problems - 1 }).replace(/problems?/, (w) => `more ${w}`);
    return {
      kind: 'error',
      text: `Imported 0 items: ${p.file}${p.line ? `:${p.line}` : ''}: ${p.message.replace(/\.$/, '')}${rest ? ` (and ${rest}; see the import report)` : ''}${/[?!]$/.test(p.message) && !rest ? '' : '.'}`,
      ...link,
    };
  }
  const restored = s.reviews ? `, ${plural(s.reviews, 'decision')} restored` : '';
  const again = existing ? `; ${existing.toLocaleString('en-US')} already there, ${s.added.toLocaleString('en-US')} added` : '';
  const finished = s.finished?.length ? `; the unfinished import of ${s.finished.join('; ')} is now complete` : '';
  const reported = countsText({ ...counts, existing: 0 });
  let text = `Imported ${plural(s.added, 'item')}${restored} and ${plural(s.images, 'image')} in ${(s.ms / 1000).toFixed(1)} s${again}${finished}${reported ? `; ${reported} (see the import report)` : ''}.`;
  if (s.imagesReused) text += ` ${plural(s.imagesReused, 'image')} ${s.imagesReused === 1 ? 'was' : 'were'} already in the project and not stored again.`;
  for (const e of s.exports ?? [])
    text += e.modified
      ? ` ${e.zip} no longer matches its manifest: ${plural(s.flagged ?? 0, 'item')} flagged “modified after export”.`
      : ` ${e.zip} matches its manifest (${plural(e.filesListed, 'file')}; manifest SHA-256 ${e.manifestSha256.slice(0, 12)}…).`;
  return { kind: s.added || existing ? 'info' : 'error', text, ...link };
}
