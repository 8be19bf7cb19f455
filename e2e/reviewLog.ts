// Reads what the review workspace stored, straight from the page's IndexedDB (no app code in the
// way), and writes the question files the keyboard and tab tests import.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

export interface LoggedDecision {
  key: number;
  item: string;
  decision: string;
  reviewer: string;
  reasons?: string[];
  undoes?: number;
  uid: string;
  startedAt: string;
  decidedAt: string;
}

/** Every record of the decision log, in key order. */
export function readDecisions(page: Page): Promise<LoggedDecision[]> {
  return page.evaluate(
    () =>
      new Promise<LoggedDecision[]>((resolve, reject) => {
        const open = indexedDB.open('spatial-lens');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('decisions')) {
            db.close();
            return resolve([]);
          }
          const req = db.transaction('decisions', 'readonly').objectStore('decisions').getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result as LoggedDecision[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

/** The verdicts (undo records left out) that are still in effect: undone ones removed. */
export function effectiveVerdicts(log: LoggedDecision[]): LoggedDecision[] {
  const undone = new Set(log.filter((d) => d.decision === 'undo').map((d) => d.undoes));
  return log.filter((d) => d.decision !== 'undo' && !undone.has(d.key));
}

/**
 * A SPAR-Bench JSONL file of `n` fill items (ids 0…n-1, in queue order); their images are absent,
 * which the import flags and allows. `long` overrides the questions of some items.
 */
export function writeQuestions(dir: string, name: string, n: number, long: { at: number; question: string }[] = []): string {
  const file = path.join(dir, name);
  const fd = fs.openSync(file, 'w');
  for (let i = 0; i < n; i++) {
    const question = long.find((l) => l.at === i)?.question ?? `How far is the chair from the table in scene ${i}? (item ${i})`;
    fs.writeSync(fd, `${JSON.stringify({ id: i, img_type: 'single_view', format_type: 'fill', task: 'distance_prediction_oo', source: 'scannet', image: [`scene${i}.png`], question, answer: `${(1 + (i % 7) / 10).toFixed(1)}` })}\n`);
  }
  fs.closeSync(fd);
  return file;
}
