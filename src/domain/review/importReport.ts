// An import's report: what it brought in and every problem it met, kept with the project's import
// history. The message shown at the end of an import and the report itself count the problems the
// same way and say them in the same words, so "20 with missing images" never reads as "20 problems".

/** What an import ends with, as the worker reports it (the first 500 problems and missing images). */
export interface ImportReportSource {
  added: number;
  images: number;
  problems: { file: string; line?: number; message: string }[];
  problemCount: number;
  /** Of the problems, items already in the project (the same file imported again). */
  existing: number;
  missingImages: { appId: string; images: string[] }[];
  missingCount: number;
  ms: number;
}

export interface ImportReport extends ImportReportSource {
  /** The import's journal id. */
  id: string;
  /** The files as dropped. */
  files: string[];
  /** When it ended (ISO). */
  at: string;
}

export interface ImportCounts {
  /** Lines or files refused or skipped, not counting items already in the project. */
  problems: number;
  /** Items already in the project, skipped. */
  existing: number;
  /** Items imported without (some of) their images: imported, flagged, not refused. */
  missing: number;
}

export const importCounts = (s: { problemCount: number; existing?: number; missingCount: number }): ImportCounts => ({
  problems: s.problemCount - (s.existing ?? 0),
  existing: s.existing ?? 0,
  missing: s.missingCount,
});

const n = (k: number) => k.toLocaleString('en-US');

/** "2 problems, 20 with missing images" — the same words in the message and atop the report. */
export function countsText(c: ImportCounts, withZeroProblems = false): string {
  const parts: string[] = [];
  if (c.problems || withZeroProblems) parts.push(`${n(c.problems)} ${c.problems === 1 ? 'problem' : 'problems'}`);
  if (c.existing) parts.push(`${n(c.existing)} already in the project`);
  if (c.missing) parts.push(`${n(c.missing)} with missing images`);
  return parts.join(', ');
}

/** Whether the import has anything for its report to list. */
export const hasReport = (c: ImportCounts): boolean => c.problems > 0 || c.existing > 0 || c.missing > 0;

/** The report kept with the project's history (the journal's id, the files, when). */
export const reportOf = (id: string, files: readonly string[], at: string, s: ImportReportSource): ImportReport => ({
  id,
  files: [...files],
  at,
  added: s.added,
  images: s.images,
  problems: s.problems.slice(0, 500),
  problemCount: s.problemCount,
  existing: s.existing,
  missingImages: s.missingImages.slice(0, 500),
  missingCount: s.missingCount,
  ms: s.ms,
});
