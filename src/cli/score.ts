// `spatial-lens score <items.jsonl> <predictions.jsonl> [--json report.json]`: a model's answers
// against QA items, scored with the benchmarks' own rules (domain/qa/eval/scoring.ts).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { UserError, isUserError } from '../domain/errors';
import { formatScoreTable, parseItems, parsePredictions, scoreItems } from '../domain/qa/eval/scoring';

export const SCORE_USAGE = `Usage:
  spatial-lens score <items.jsonl> <predictions.jsonl> [--json report.json]

  Scores a model's predictions against QA items (ours, or SPAR-Bench-like records with id, task
  and answer) and prints a table per task: MRA, Q-Spatial (2×) and SpatialRGPT (±25 %) success
  for numeric answers, accuracy for choices, SPAR's metric for view_change_infer.
  Predictions: JSONL or a JSON array of objects with an id ("id", "question_id" or "qid") and the
  model's text ("prediction", "pred", "response", "answer", "output" or "text").
  --json   also write the full report as JSON to this file
  Exit code: 0 when scored, 1 when no prediction matched an item, 2 when a file cannot be used.`;

export interface ScoreIO {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleIO: ScoreIO = { out: (l) => console.log(l), err: (l) => console.error(l) };

// Enough to see what is wrong with a file without burying the table.
const MAX_PROBLEMS_SHOWN = 10;

function readText(file: string, role: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UserError(`cannot read the ${role} file ${file}: no such file.`, 'score-missing');
  }
  if (stat.isDirectory()) throw new UserError(`the ${role} file ${file} is a folder; give a .jsonl file.`, 'score-folder');
  return fs.readFileSync(file, 'utf8');
}

function showProblems(problems: string[], file: string, io: ScoreIO): void {
  for (const p of problems.slice(0, MAX_PROBLEMS_SHOWN)) io.err(`warning: ${p}`);
  if (problems.length > MAX_PROBLEMS_SHOWN) io.err(`warning: … and ${problems.length - MAX_PROBLEMS_SHOWN} more unusable records in ${file}`);
}

export async function scoreCommand(args: string[], io: ScoreIO = consoleIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (e) {
    io.err(`spatial-lens score: ${(e as Error).message}\n\n${SCORE_USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(SCORE_USAGE);
    return 0;
  }
  if (parsed.positionals.length !== 2) {
    io.err(`spatial-lens score: give the items file and the predictions file (found ${parsed.positionals.length} file name${parsed.positionals.length === 1 ? '' : 's'})\n\n${SCORE_USAGE}`);
    return 2;
  }
  const [itemsFile, predictionsFile] = parsed.positionals;
  try {
    const items = parseItems(readText(itemsFile, 'items'), itemsFile);
    const predictions = parsePredictions(readText(predictionsFile, 'predictions'), predictionsFile);
    showProblems(items.problems, itemsFile, io);
    showProblems(predictions.problems, predictionsFile, io);
    if (items.duplicates) io.err(`warning: ${itemsFile} repeats ${items.duplicates} item id${items.duplicates === 1 ? '' : 's'}; the last record of each was used`);
    const report = scoreItems(items.items, predictions);
    io.out(formatScoreTable(report));
    if (parsed.values.json) fs.writeFileSync(parsed.values.json, JSON.stringify(report, null, 2) + '\n');
    if (!report.matched) {
      io.err(`spatial-lens score: no prediction id in ${predictionsFile} matches an item id in ${itemsFile}; check that both files come from the same item set (ids are compared as text).`);
      return 1;
    }
    return 0;
  } catch (e) {
    // A user error, or the system refusing a read or write (EACCES, EISDIR for --json …).
    if (isUserError(e) || (e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string')) {
      io.err(`spatial-lens score: ${(e as Error).message}`);
      return 2;
    }
    throw e;
  }
}
