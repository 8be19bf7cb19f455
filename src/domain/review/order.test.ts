import { describe, expect, it } from 'vitest';
import { compareDecisions, decisionTime, sameCall } from './order';
import { REVIEW_SCHEMA, type StoredDecision } from './types';

const d = (decidedAt: string, reviewer: string, uid: string, extra: Partial<StoredDecision> = {}): StoredDecision => ({ schema: REVIEW_SCHEMA, item: 'x', decision: 'accept', reviewer, startedAt: decidedAt, decidedAt, uid, project: 'p', ...extra });

describe('decision order', () => {
  it('by decidedAt (any ISO offset), then reviewer, then uid; unreadable times first', () => {
    const list = [
      d('2026-11-23T10:00:01.000Z', 'ana', 'z'),
      d('2026-11-23T11:00:00.500+01:00', 'ben', 'a'), // 10:00:00.500Z
      d('2026-11-23T10:00:00.500Z', 'ana', 'b'),
      d('2026-11-23T10:00:00.500Z', 'ana', 'a'),
      d('', 'zed', 'q'),
    ];
    const sorted = [...list].sort((a, b) => compareDecisions(a, b)).map((x) => `${x.reviewer}/${x.uid}`);
    expect(sorted).toEqual(['zed/q', 'ana/a', 'ana/b', 'ben/a', 'ana/z']);
  });

  it('decisionTime: now, or a millisecond after the decision on screen when this clock is behind it', () => {
    const now = new Date('2026-11-23T10:00:00.000Z');
    expect(decisionTime(now)).toBe('2026-11-23T10:00:00.000Z');
    expect(decisionTime(now, '2026-11-23T09:59:00.000Z')).toBe('2026-11-23T10:00:00.000Z');
    expect(decisionTime(now, '2026-11-23T10:05:00.000Z')).toBe('2026-11-23T10:05:00.001Z');
    expect(decisionTime(now, '2026-11-23T10:00:00.000Z')).toBe('2026-11-23T10:00:00.001Z');
    expect(decisionTime(now, 'garbage')).toBe('2026-11-23T10:00:00.000Z');
  });

  it('sameCall: verdict, reasons in any order, and fixed values', () => {
    const t = '2026-11-23T10:00:00.000Z';
    expect(sameCall(d(t, 'ana', 'a', { decision: 'reject', reasons: ['bad-3d', 'other'] }), d(t, 'ben', 'b', { decision: 'reject', reasons: ['other', 'bad-3d'] }))).toBe(true);
    expect(sameCall(d(t, 'ana', 'a', { decision: 'reject', reasons: ['bad-3d'] }), d(t, 'ana', 'b', { decision: 'reject', reasons: ['other'] }))).toBe(false);
    expect(sameCall(d(t, 'ana', 'a'), d(t, 'ana', 'b', { decision: 'fix' }))).toBe(false);
    expect(sameCall(d(t, 'ana', 'a', { decision: 'fix', edits: { answer: ['1', '2'] } }), d(t, 'ana', 'b', { decision: 'fix', edits: { answer: ['1', '3'] } }))).toBe(false);
  });
});
