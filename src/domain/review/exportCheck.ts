// An export zip checked against itself when it is imported again. Its manifest.json lists the
// SHA-256 of every file; summary.csv repeats every item's status and answers; the manifest counts
// the items by task, decision and layout; and every entry carries the time the export was written.
//
// What this can and cannot prove. The manifest is not signed, so anyone can change a file and write
// its new hash into the manifest. A file changed without its hash is caught, per file. A careless
// edit that updates the hash is still caught when the records no longer agree with summary.csv or
// with the manifest's counts, or when the edited entries carry another time than the rest of the
// zip. An edit that changes the records, summary.csv, the counts and the hashes together and keeps
// the times cannot be told from an export: only comparing the manifest's own SHA-256 (shown when
// the zip is exported and when it is imported) with one kept elsewhere proves the zip is the one
// that was written.
import { sha256Blob, sha256Hex } from '../formats/hash';
import { parseCsv, SUMMARY_COLUMNS, summaryLine, summaryRow } from './csv';
import { EXPORT_SCHEMA, type ExportManifest, type FileEntry } from './exportBundle';
import { importRecord } from './import/layouts';
import { jsonlLines } from './import/jsonlLines';
import { readParquetRows } from './import/parquet';
import { UserError } from '../errors';
import type { ItemSource, StoredDecision } from './types';

export interface ExportFileProblem {
  /** The file's path in the drop (`<zip>/<path in the zip>`). */
  path: string;
  message: string;
}

export interface ExportCheck {
  /** The zip's path in the drop. */
  zip: string;
  /** SHA-256 of manifest.json itself: the one value to compare with a copy kept at export time. */
  manifestSha256: string;
  createdAt?: string;
  /** Files the manifest lists. */
  filesListed: number;
  /** Files that differ from the manifest (changed, cut, missing) or that it does not list. */
  files: ExportFileProblem[];
  /** Where the records, summary.csv, the counts and the entries' times disagree. */
  consistency: string[];
  /** Paths in the drop whose items are to be flagged: changed item files and images. */
  modifiedPaths: string[];
  /** App ids of items whose record disagrees with summary.csv. */
  modifiedItems: string[];
  /** The disagreement cannot be pinned on items (counts): every item of the zip is flagged. */
  allItems: boolean;
}

export const exportModified = (c: ExportCheck): boolean => c.files.length > 0 || c.consistency.length > 0;

const isFileEntry = (f: unknown): f is FileEntry =>
  typeof f === 'object' && f !== null && typeof (f as FileEntry).path === 'string' && Number.isInteger((f as FileEntry).bytes) && typeof (f as FileEntry).sha256 === 'string';

/** MS-DOS time in words, for a message. */
const dosText = (t: number) => {
  const d = t >>> 16, s = t & 0xffff;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${1980 + (d >> 9)}-${p((d >> 5) & 15)}-${p(d & 31)} ${p(s >> 11)}:${p((s >> 5) & 63)}`;
};

/**
 * Checks the export zip `zip` whose unpacked files are `files` (paths `<zip>/…`) against its
 * manifest; undefined when the zip holds no export manifest. `times` are the entries' times as
 * the zip's directory states them.
 */
export async function checkExport(zip: string, files: ReadonlyMap<string, Blob>, times: ReadonlyMap<string, number> = new Map()): Promise<ExportCheck | undefined> {
  const manifestFile = files.get(`${zip}/manifest.json`);
  if (!manifestFile) return undefined;
  const manifestBytes = new Uint8Array(await manifestFile.arrayBuffer());
  let manifest: ExportManifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as ExportManifest;
  } catch {
    return undefined;
  }
  if (manifest?.schema !== EXPORT_SCHEMA) return undefined;
  const check: ExportCheck = {
    zip,
    manifestSha256: await sha256Hex(manifestBytes),
    filesListed: 0,
    files: [],
    consistency: [],
    modifiedPaths: [],
    modifiedItems: [],
    allItems: false,
  };
  if (typeof manifest.createdAt === 'string') check.createdAt = manifest.createdAt;
  const at = (p: string) => `${zip}/${p}`;
  const changed = (p: string, message: string) => {
    check.files.push({ path: at(p), message });
    check.modifiedPaths.push(at(p));
  };

  // 1. Every file the manifest lists: there, of its size, of its hash
  const listed = new Set<string>();
  const list = Array.isArray(manifest.files) ? manifest.files : [];
  if (!Array.isArray(manifest.files)) check.consistency.push('manifest.json lists no files: nothing in the zip can be checked');
  for (const f of list) {
    if (!isFileEntry(f)) {
      check.consistency.push(`manifest.json lists ${JSON.stringify(f)?.slice(0, 60)}, which is not a file with a path, a size and a SHA-256`);
      continue;
    }
    check.filesListed++;
    listed.add(f.path);
    const blob = files.get(at(f.path));
    if (!blob) check.files.push({ path: at(f.path), message: 'is listed in manifest.json but missing from the zip' });
    else if (blob.size !== f.bytes) changed(f.path, `has ${blob.size.toLocaleString('en-US')} bytes; manifest.json says ${f.bytes.toLocaleString('en-US')}`);
    else if ((await sha256Blob(blob)) !== f.sha256) changed(f.path, 'does not match the SHA-256 that manifest.json gives for it');
  }
  for (const p of files.keys()) {
    const inner = p.slice(zip.length + 1);
    if (inner !== 'manifest.json' && !listed.has(inner)) changed(inner, 'is in the zip but not in manifest.json (added after the export)');
  }

  // 2. Entry times: an export writes every entry with one time; an entry rewritten later has its own
  const exportTime = times.get(at('manifest.json'));
  if (exportTime !== undefined)
    for (const [p, t] of times)
      if (p.startsWith(`${zip}/`) && t !== exportTime && !check.modifiedPaths.includes(p)) {
        check.consistency.push(`${p.slice(zip.length + 1)} was written at ${dosText(t)}, the rest of the zip at ${dosText(exportTime)}: it was rewritten after the export`);
        check.modifiedPaths.push(p);
      }

  // 3. The records against summary.csv and the manifest's counts
  const csvBlob = files.get(at('summary.csv'));
  const csv = new Map<string, string[]>();
  if (csvBlob) {
    const rows = parseCsv(await csvBlob.text());
    for (const r of rows.slice(1)) if (r.length === SUMMARY_COLUMNS.length) csv.set(r[0], r);
  }
  const byTask = new Map<string, number>();
  const byLayout = new Map<string, number>();
  const byDecision = new Map<string, number>();
  const seen = new Set<string>();
  let items = 0;
  for (const [p, blob] of files) {
    const inner = p.slice(zip.length + 1);
    const file = itemFileOf(inner);
    if (!file) continue;
    const { layout } = file;
    for await (const { line, record } of file.parquet ? parquetRecords(blob, p) : jsonRecords(blob)) {
      let imported;
      try {
        imported = importRecord(record, { file: p, line });
      } catch {
        continue; // the import reports it
      }
      items++;
      const { appId, item, review } = imported;
      // an item exported undecided and without a source (a generated one) comes back under a new id
      // and a source: the CSV knows it by its own id, without one
      const fresh = (item.spatial_lens.source as ItemSource | undefined)?.file === p;
      const key = fresh ? item.id : appId;
      const asExported = fresh ? { ...item, spatial_lens: { ...item.spatial_lens, source: undefined } } : item;
      byTask.set(item.task, (byTask.get(item.task) ?? 0) + 1);
      byLayout.set(layout, (byLayout.get(layout) ?? 0) + 1);
      const d = review?.decision;
      const status = d === 'accept' || d === 'fix' || d === 'reject' ? d : 'undecided';
      byDecision.set(status, (byDecision.get(status) ?? 0) + 1);
      seen.add(key);
      if (!csvBlob) continue;
      const row = csv.get(key);
      if (!row) {
        check.consistency.push(`${inner}, line ${line}: item ${key} has no line in summary.csv`);
        check.modifiedItems.push(appId);
        continue;
      }
      // the CSV line the export wrote for this item, made again from the record
      const again = parseCsv(summaryLine(summaryRow(key, asExported, review as unknown as StoredDecision | undefined)))[0];
      const differs = SUMMARY_COLUMNS.filter((_, k) => again[k] !== row[k]);
      if (differs.length) {
        check.consistency.push(`${inner}, line ${line}: item ${key} differs from summary.csv in ${differs.join(', ')}`);
        check.modifiedItems.push(appId);
      }
    }
  }
  for (const id of csv.keys()) if (!seen.has(id)) check.consistency.push(`summary.csv lists item ${id}, which no item file holds (removed after the export)`);
  const counts = manifest.counts;
  if (counts && typeof counts === 'object') {
    const off: string[] = [];
    if (counts.items !== items) off.push(`${items} items, the manifest counts ${counts.items}`);
    const compare = (what: string, stated: unknown, got: Map<string, number>) => {
      if (!stated || typeof stated !== 'object') return;
      const keys = new Set([...Object.keys(stated), ...got.keys()]);
      for (const k of keys) {
        const s = Object.hasOwn(stated, k) ? (stated as Record<string, unknown>)[k] : 0;
        if ((got.get(k) ?? 0) !== s) off.push(`${got.get(k) ?? 0} ${what} ${k}, the manifest counts ${String(s)}`);
      }
    };
    compare('of task', counts.byTask, byTask);
    compare('in layout', counts.byLayout, byLayout);
    compare('with status', counts.byDecision, byDecision);
    if (off.length) {
      check.consistency.push(`the records do not add up to the manifest's counts: ${off.slice(0, 4).join('; ')}${off.length > 4 ? `; and ${off.length - 4} more` : ''}`);
      check.allItems = true;
    }
  }
  return check;
}

/**
 * The item files of an export and the layout each is counted under: `items/<layout>.jsonl`,
 * `items/<layout>.parquet`, and SPAR-7M's `qa_jsonl/<split>/<task>/<format>/<file>.jsonl`.
 */
export function itemFileOf(inner: string): { layout: string; parquet: boolean } | undefined {
  const m = /^items\/([^/]+)\.(jsonl|parquet)$/.exec(inner);
  if (m) return { layout: m[1], parquet: m[2] === 'parquet' };
  if (/^qa_jsonl\/.+\.jsonl$/.test(inner)) return { layout: 'spar7m', parquet: false };
  return undefined;
}

async function* jsonRecords(blob: Blob): AsyncGenerator<{ line: number; record: unknown }> {
  for await (const { line, text, tooLong } of jsonlLines(blob)) {
    if (tooLong !== undefined) continue;
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      continue; // the import reports it
    }
    yield { line, record };
  }
}

async function* parquetRecords(blob: Blob, path: string): AsyncGenerator<{ line: number; record: unknown }> {
  try {
    for await (const chunk of readParquetRows(blob, path)) for (const r of chunk.rows) yield { line: r.row + 1, record: r.record };
  } catch {
    // a damaged parquet is reported by the import; its hash is checked above
  }
}

/** The check in a few lines for a person: what differs, and what a manifest can and cannot prove. */
export function describeExportCheck(c: ExportCheck, max = 6): string {
  const lines = [...c.files.map((f) => `${f.path} ${f.message}`), ...c.consistency.map((m) => `${c.zip}: ${m}`)];
  const shown = lines.slice(0, max);
  if (lines.length > max) shown.push(`and ${lines.length - max} more`);
  return shown.join('\n');
}

/** The limits of the check, said where the user chooses. */
export const MANIFEST_CAVEAT =
  'The manifest is not signed: an edit that also rewrites the hashes, summary.csv and the counts cannot be detected. Compare the manifest SHA-256 below with the one shown when the zip was exported.';

/** Thrown by an import that found exports changed after they were written, for the user to choose. */
export class ExportModifiedError extends UserError {
  constructor(readonly checks: ExportCheck[]) {
    super(`${checks.map((c) => c.zip).join(', ')} ${checks.length === 1 ? 'was' : 'were'} changed after ${checks.length === 1 ? 'it was' : 'they were'} exported:\n${checks.map((c) => describeExportCheck(c)).join('\n')}`, 'export-modified');
  }
}
