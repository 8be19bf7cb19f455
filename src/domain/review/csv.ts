// CSV per RFC 4180 (CRLF line ends; a field holding a comma, a quote, CR or LF is quoted and its
// quotes doubled), with text that a spreadsheet would run as a formula (starting with =, +, -, @,
// tab or CR) guarded by a leading apostrophe (OWASP "CSV injection"). Strings that are plain decimal
// numbers ("-1.3", "+2", "1e-3") are left alone: a spreadsheet reads them as numbers, not formulas.
import type { QAItem } from '../qa/types';
import type { ItemSource, StoredDecision } from './types';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One field: numbers as written by JS (non-finite: empty), null / undefined: empty, strings guarded and quoted as needed. */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s = typeof v === 'string' ? v : JSON.stringify(v);
  if (FORMULA_START.test(s) && !PLAIN_NUMBER.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record, CRLF-terminated. */
export const csvLine = (fields: readonly unknown[]): string => `${fields.map(csvField).join(',')}\r\n`;

/** The per-item summary's columns, in order. */
export const SUMMARY_COLUMNS = ['app_id', 'source_file', 'source_id', 'task', 'format', 'status', 'reasons', 'reviewer', 'seconds', 'original_answer', 'final_answer'] as const;

export interface SummaryRow {
  appId: string;
  sourceFile: string;
  sourceId: string | number;
  task: string;
  format: string;
  status: string;
  /** Reasons joined with ';'. */
  reasons: string;
  reviewer: string;
  /** decidedAt − startedAt of the decision, to 0.1 s; undefined when undecided or the times are unreadable. */
  seconds: number | undefined;
  originalAnswer: string;
  /** The answer kept: the fixed one for a fix that edited it, the original otherwise, empty for a reject. */
  finalAnswer: string;
}

/** Seconds between startedAt and decidedAt, rounded to 0.1 s; undefined when unreadable or negative. */
export function secondsSpent(d: Pick<StoredDecision, 'startedAt' | 'decidedAt'>): number | undefined {
  const s = (Date.parse(d.decidedAt) - Date.parse(d.startedAt)) / 1000;
  return Number.isFinite(s) && s >= 0 ? Math.round(s * 10) / 10 : undefined;
}

/** The summary of one item and its latest effective decision (undefined: undecided). */
export function summaryRow(appId: string, item: QAItem, review: StoredDecision | undefined): SummaryRow {
  const src = item.spatial_lens?.source as ItemSource | undefined;
  const edit = review?.decision === 'fix' ? review.edits?.answer : undefined;
  const original = edit ? edit[0] : String(item.answer ?? '');
  const final = review?.decision === 'reject' ? '' : edit ? edit[1] : String(item.answer ?? '');
  return {
    appId,
    sourceFile: src?.file ?? 'generated',
    sourceId: src?.id ?? item.id,
    task: item.task,
    format: item.spatial_lens?.format ?? '',
    status: review && review.decision !== 'undo' ? review.decision : 'undecided',
    reasons: (review?.reasons ?? []).join(';'),
    reviewer: review?.reviewer ?? '',
    seconds: review ? secondsSpent(review) : undefined,
    originalAnswer: original,
    finalAnswer: final,
  };
}

export const summaryHeader = (): string => csvLine(SUMMARY_COLUMNS);

export const summaryLine = (r: SummaryRow): string =>
  csvLine([r.appId, r.sourceFile, r.sourceId, r.task, r.format, r.status, r.reasons, r.reviewer, r.seconds, r.originalAnswer, r.finalAnswer]);

/** A whole summary (header included); for large sets stream summaryHeader() then summaryLine() per row. */
export function summaryCsv(rows: Iterable<SummaryRow>): string {
  let s = summaryHeader();
  for (const r of rows) s += summaryLine(r);
  return s;
}

/**
 * Parses RFC 4180 text into rows of fields (quoted fields may hold commas, quotes and line breaks;
 * CRLF or LF line ends). For reading our own files back and in tests; the formula apostrophe is kept.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let any = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      any = true;
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      any = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      any = false;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += ch;
      any = true;
      i++;
    }
  }
  if (any || field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
