import { describe, expect, it } from 'vitest';
import type { QAItem } from '../qa/types';
import { csvField, csvLine, parseCsv, secondsSpent, summaryCsv, summaryRow } from './csv';
import { REVIEW_SCHEMA, type StoredDecision } from './types';

const item = (over: Partial<QAItem> = {}, source?: Record<string, unknown>): QAItem => ({
  id: '17',
  image: ['a.jpg'],
  task: 'depth_prediction_oo',
  question: 'Which is closer?',
  answer: '1.3',
  spatial_lens: {
    schema: 'spatial-lens/qa@1',
    format: 'fill',
    objects: [],
    marks: [],
    evidence: {},
    scene: 's',
    generator: { name: 'spatial-lens', version: '0', seed: 1 },
    ...(source ? { source } : {}),
  },
  ...over,
});
const review = (over: Partial<StoredDecision>): StoredDecision => ({
  schema: REVIEW_SCHEMA,
  item: 'x',
  decision: 'accept',
  reviewer: 'ana',
  startedAt: '2026-11-23T10:00:00.000Z',
  decidedAt: '2026-11-23T10:00:11.240Z',
  key: 1,
  uid: 'u',
  project: 'p',
  ...over,
});

describe('csvField', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('')).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(2.5)).toBe('2.5');
    expect(csvField(NaN)).toBe('');
    expect(csvField(true)).toBe('true');
  });

  it('guards formula starts with an apostrophe, but not plain numbers', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+cmd')).toBe("'+cmd");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    // Guarded and quoted: the apostrophe goes inside the quotes.
    expect(csvField('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvField('-1.3')).toBe('-1.3');
    expect(csvField('+2')).toBe('+2');
    expect(csvField('-1e-3')).toBe('-1e-3');
    expect(csvField('a=b')).toBe('a=b');
  });

  it('lines end in CRLF and parse back', () => {
    expect(csvLine(['a', 'b,c', 3])).toBe('a,"b,c",3\r\n');
    expect(parseCsv('a,"b,c",3\r\n"x\r\ny","q""",\r\n')).toEqual([
      ['a', 'b,c', '3'],
      ['x\r\ny', 'q"', ''],
    ]);
  });
});

describe('summary', () => {
  it('a fixed import: source file and id, the original and fixed answers, seconds to 0.1 s', () => {
    const r = summaryRow('bench.parquet#17', item({}, { file: 'bench.parquet', line: 18, layout: 'spar-bench', id: 17 }), review({ decision: 'fix', reasons: ['ambiguous-answer', 'other'], edits: { answer: ['1.3', '2.9'] } }));
    expect(r).toEqual({
      appId: 'bench.parquet#17',
      sourceFile: 'bench.parquet',
      sourceId: 17,
      task: 'depth_prediction_oo',
      format: 'fill',
      status: 'fix',
      reasons: 'ambiguous-answer;other',
      reviewer: 'ana',
      seconds: 11.2, // 11.240 s → 11.2
      originalAnswer: '1.3',
      finalAnswer: '2.9',
    });
  });

  it('undecided generated item, and a reject (no final answer)', () => {
    const u = summaryRow('g1', item({ answer: '=cmd' }), undefined);
    expect(u).toMatchObject({ sourceFile: 'generated', sourceId: '17', status: 'undecided', reasons: '', reviewer: '', seconds: undefined, originalAnswer: '=cmd', finalAnswer: '=cmd' });
    const rj = summaryRow('g1', item(), review({ decision: 'reject', reasons: ['vague-stem'] }));
    expect(rj).toMatchObject({ status: 'reject', originalAnswer: '1.3', finalAnswer: '' });
    const csv = summaryCsv([u, rj]);
    expect(csv).toBe(
      'app_id,source_file,source_id,task,format,status,reasons,reviewer,seconds,original_answer,final_answer\r\n' +
        "g1,generated,17,depth_prediction_oo,fill,undecided,,,,'=cmd,'=cmd\r\n" +
        'g1,generated,17,depth_prediction_oo,fill,reject,vague-stem,ana,11.2,1.3,\r\n',
    );
  });

  it('seconds: negative or unreadable times are undefined', () => {
    expect(secondsSpent({ startedAt: '2026-11-23T10:00:05Z', decidedAt: '2026-11-23T10:00:00Z' })).toBeUndefined();
    expect(secondsSpent({ startedAt: 'x', decidedAt: '2026-11-23T10:00:00Z' })).toBeUndefined();
    expect(secondsSpent({ startedAt: '2026-11-23T10:00:00Z', decidedAt: '2026-11-23T10:01:03.05Z' })).toBe(63.1);
  });
});
