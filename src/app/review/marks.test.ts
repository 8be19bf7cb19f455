// The reviewer correcting marks through the test app: drag a found point, choose one of a doubled
// point's candidates, place a missing one by clicking (a box by dragging), Esc, undo (button and
// Ctrl+Z), the review keys untouched while not placing, a gesture never landing on another item,
// and the corrections stored with the decision (and kept as a draft over a reload).
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { QAItem } from '../../domain/qa/types';
import { db } from '../../adapters/browser/storage/db';
import { decisionsAfter, putImportBatch } from '../../adapters/browser/storage/review';
import type { PixelAudit } from '../../domain/qa/audit/measureItem';
import { TestBrowser, createReviewTestApp } from '../testing/reviewTestApp';
import { shownMarks } from './marks';

const item = (id: string): QAItem => ({
  id,
  image: ['a.jpg'],
  task: 'distance_prediction_oo',
  question: `What is the distance between the chair (red point) and the lamp (blue point) and the box (green point)? ${id}`,
  answer: '1.5',
  spatial_lens: { schema: 'spatial-lens/qa@1', format: 'fill', objects: [], marks: [], evidence: {}, scene: 's', generator: { name: 'spatial-lens', version: 't', seed: 0 }, source: { file: 'f.jsonl', line: 1, layout: 'spar-bench', id } },
});
const ids = (n: number) => Array.from({ length: n }, (_, k) => `f#${k + 1}`);

/** What the measure worker reports for these photos: red found twice, blue once, green not at all. */
const audit: PixelAudit = {
  marks_found: [
    { color: 'red', kind: 'point', uv: [100, 100], image: 0, confidence: 0.9 },
    { color: 'red', kind: 'point', uv: [400, 300], image: 0, confidence: 0.9 },
    { color: 'blue', kind: 'point', uv: [200, 50], image: 0, confidence: 0.95 },
  ],
  findings: [],
};

beforeEach(async () => {
  await db().delete();
  await db().open();
  await putImportBatch('default', ids(6).map((appId) => ({ appId, item: item(appId.slice(2)), flags: [] })), [], 1);
});

async function open(b = new TestBrowser()) {
  const t = await b.tab().open();
  t.s.setFoundMarks(t.s.current!.row.id, audit);
  return t;
}

const shown = (t: Awaited<ReturnType<typeof open>>) => shownMarks(t.s).shown.map((m) => [m.color, m.state, m.uv]);

describe('correcting marks', () => {
  it('shows found, doubled and missing marks', async () => {
    const t = await open();
    const s = shownMarks(t.s);
    expect(s.missing).toEqual([{ color: 'green', kind: 'point' }]);
    expect(s.doubled).toEqual([{ color: 'red', kind: 'point', count: 2 }]);
    expect(shown(t)).toEqual([
      ['red', 'candidate', [100, 100]],
      ['red', 'candidate', [400, 300]],
      ['blue', 'found', [200, 50]],
    ]);
    t.dispose();
  });

  it('drags the blue point by its centre; a click on it changes nothing', async () => {
    const t = await open();
    // its centre (200, 50) is at continuous (200.5, 50.5); grab it 3 px off and drag 40 px right, 20 down
    t.pointer('down', 203, 52);
    t.pointer('up', 203, 52);
    expect(t.s.markEdit.corrections).toEqual([]);
    t.pointer('down', 203, 52);
    t.pointer('move', 223, 62);
    expect(t.s.markEdit.drag?.preview.uv).toEqual([220, 60]);
    t.pointer('move', 243, 72);
    t.pointer('up', 243, 72);
    expect(t.s.markEdit.corrections).toEqual([{ color: 'blue', kind: 'point', image: 0, uv: [240, 70], source: 'reviewer' }]);
    expect(shown(t)).toContainEqual(['blue', 'reviewer', [240, 70]]);
    expect(t.s.message?.text).toBe('The blue point is moved to (240, 70); measuring again.');
    t.dispose();
  });

  it('a pointer far from every handle grabs nothing', async () => {
    const t = await open();
    t.pointer('down', 300, 200);
    t.pointer('move', 320, 220);
    t.pointer('up', 320, 220);
    expect(t.s.markEdit.corrections).toEqual([]);
    t.dispose();
  });

  it('a click on one of the doubled red points chooses it', async () => {
    const t = await open();
    t.pointer('down', 400.5, 300.5);
    t.pointer('up', 400.5, 300.5);
    expect(t.s.markEdit.corrections).toEqual([{ color: 'red', kind: 'point', image: 0, uv: [400, 300], source: 'reviewer' }]);
    expect(shownMarks(t.s).doubled).toEqual([]);
    expect(shown(t).filter((m) => m[0] === 'red')).toEqual([['red', 'reviewer', [400, 300]]]);
    t.dispose();
  });

  it('places the missing green point by clicking, at the clicked pixel’s centre; Esc cancels placing', async () => {
    const t = await open();
    t.s.startPlacing('green', 'point');
    expect(t.s.markEdit.placing).toMatchObject({ color: 'green', kind: 'point' });
    t.keyDown('Escape');
    await t.settle();
    expect(t.s.markEdit.placing).toBeNull();
    // a click with nothing being placed and no handle there does nothing
    t.pointer('down', 321.5, 41.5);
    t.pointer('up', 321.5, 41.5);
    expect(t.s.markEdit.corrections).toEqual([]);
    t.s.startPlacing('green', 'point');
    // the middle of pixel (321, 41)
    t.pointer('down', 321.5, 41.5);
    t.pointer('up', 321.5, 41.5);
    expect(t.s.markEdit.placing).toBeNull();
    expect(t.s.markEdit.corrections).toEqual([{ color: 'green', kind: 'point', image: 0, uv: [321, 41], source: 'reviewer' }]);
    expect(shownMarks(t.s).missing).toEqual([]);
    // a click outside the image (the letterbox) places nothing
    t.s.startPlacing('green', 'point');
    t.pointer('down', -3, 20);
    expect(t.s.markEdit.placing).not.toBeNull();
    t.dispose();
  });

  it('places a box by dragging corner to corner; a click alone does not', async () => {
    const t = await open();
    t.s.startPlacing('yellow', 'box');
    t.pointer('down', 50, 60);
    t.pointer('up', 50.5, 60.5);
    expect(t.s.markEdit.corrections).toEqual([]);
    expect(t.s.message?.text).toBe('Drag from one corner of the yellow box to the other (Esc cancels).');
    t.pointer('down', 150, 160);
    t.pointer('move', 100, 100);
    expect(t.s.markEdit.placing?.preview?.box).toEqual([100, 100, 150, 160]);
    t.pointer('up', 40, 90);
    expect(t.s.markEdit.corrections).toEqual([{ color: 'yellow', kind: 'box', image: 0, box: [40, 90, 150, 160], source: 'reviewer' }]);
    // its corner dragged
    t.pointer('down', 151, 161);
    t.pointer('up', 171, 181);
    expect(t.s.markEdit.corrections[0].box).toEqual([40, 90, 170, 180]);
    t.dispose();
  });

  it('undo takes back the last correction (the button, then Ctrl+Z), and only then the last decision', async () => {
    const t = await open();
    t.s.startPlacing('green', 'point');
    t.pointer('down', 10.5, 10.5);
    t.pointer('down', 203, 52);
    t.pointer('up', 213, 52);
    expect(t.s.markEdit.corrections.map((c) => c.color)).toEqual(['green', 'blue']);
    t.s.undoMark();
    expect(t.s.markEdit.corrections.map((c) => c.color)).toEqual(['green']);
    t.keyDown('z', { ctrl: true });
    await t.settle();
    expect(t.s.markEdit.corrections).toEqual([]);
    // nothing left to take back: Ctrl+Z is the decision undo again
    t.keyDown('z', { ctrl: true });
    await t.settle();
    expect(t.s.message?.text).toMatch(/^Nothing to undo/);
    t.dispose();
  });

  it('the decision bar’s Undo still undoes the last decision when the item on screen has mark corrections', async () => {
    const t = await open();
    t.keyDown('a');
    await t.settle();
    expect(t.s.current?.row.id).toBe('f#2');
    t.s.setFoundMarks('f#2', audit);
    t.s.startPlacing('green', 'point');
    t.pointer('down', 10.5, 10.5);
    expect(t.s.markEdit.history.length).toBe(1);
    t.keys.act({ type: 'undo' }, 'Undo');
    await t.settle();
    expect(t.s.current?.row.id).toBe('f#1');
    expect(t.s.statusOf('f#1')).toBe('undecided');
    t.dispose();
  });

  it('the review keys work as ever while not placing, and the decision carries the corrections', async () => {
    const t = await open();
    t.s.startPlacing('green', 'point');
    t.pointer('down', 321.5, 41.5);
    // a fast reviewer: accept f#1, accept f#2, reject f#3 for reason 2
    expect(t.s.message?.text).toBe('The green point is placed at (321, 41); measuring again.');
    t.type('a a r 2');
    await t.settle();
    expect(t.s.current?.row.id).toBe('f#4');
    // what was said of f#1's marks is not left standing over another item
    expect(t.s.message?.text ?? '').not.toMatch(/green point/);
    const log = await decisionsAfter('default');
    expect(log.map((d) => [d.item, d.decision, d.marks])).toEqual([
      ['f#1', 'accept', [{ color: 'green', kind: 'point', image: 0, uv: [321, 41], source: 'reviewer' }]],
      ['f#2', 'accept', undefined],
      ['f#3', 'reject', undefined],
    ]);
    // back on f#1: its correction comes back from its decision
    await t.s.show('f#1');
    expect(t.s.markEdit.corrections).toEqual([{ color: 'green', kind: 'point', image: 0, uv: [321, 41], source: 'reviewer' }]);
    t.dispose();
  });

  it('a drag begun on one item and ended after a key moved on never lands on the next item', async () => {
    const t = await open();
    const first = t.s.current!.row.id;
    t.pointer('down', 203, 52);
    t.pointer('move', 223, 62, { item: first });
    t.keyDown('a');
    await t.settle();
    expect(t.s.current?.row.id).toBe('f#2');
    t.s.setFoundMarks('f#2', audit);
    // the pointer comes up on the photo, now showing f#2 (the overlay sends the item it went down on)
    t.pointer('move', 243, 72, { item: first });
    t.pointer('up', 243, 72, { item: first });
    expect(t.s.markEdit.item).toBe('f#2');
    expect(t.s.markEdit.corrections).toEqual([]);
    expect(t.s.markEdit.drag).toBeNull();
    // placing begun on f#2 does not place on f#3 after a move
    t.s.startPlacing('green', 'point');
    t.keyDown('j');
    await t.settle();
    expect(t.s.markEdit.placing).toBeNull();
    t.pointer('down', 100.5, 100.5, { item: 'f#2' });
    t.pointer('down', 300.5, 200.5);
    expect(t.s.markEdit.corrections).toEqual([]);
    const log = await decisionsAfter('default');
    expect(log.map((d) => [d.item, d.marks])).toEqual([['f#1', undefined]]);
    t.dispose();
  });

  it('corrections not yet decided survive a reload (a draft), and go once the item is decided', async () => {
    const b = new TestBrowser();
    const t = await open(b);
    t.s.startPlacing('green', 'point');
    t.pointer('down', 321.5, 41.5);
    t.dispose();
    const again = await b.tab().open();
    expect(again.s.current?.row.id).toBe('f#1');
    expect(again.s.markEdit.corrections).toEqual([{ color: 'green', kind: 'point', image: 0, uv: [321, 41], source: 'reviewer' }]);
    again.keyDown('a');
    await again.settle();
    expect(b.local.getItem('spatial-lens:marks-draft')).toBeNull();
    const log = await decisionsAfter('default');
    expect(log[0].marks).toEqual([{ color: 'green', kind: 'point', image: 0, uv: [321, 41], source: 'reviewer' }]);
    again.dispose();
  });

  it('corrections on two undecided items are both kept when the reviewer moves between them', async () => {
    const b = new TestBrowser();
    const t = await open(b);
    t.s.startPlacing('green', 'point');
    t.pointer('down', 321.5, 41.5);
    t.keyDown('j');
    await t.settle();
    t.s.setFoundMarks('f#2', audit);
    t.s.startPlacing('green', 'point');
    t.pointer('down', 11.5, 21.5);
    t.keyDown('k');
    await t.settle();
    expect(t.s.current?.row.id).toBe('f#1');
    expect(t.s.markEdit.corrections.map((c) => c.uv)).toEqual([[321, 41]]);
    t.dispose();
    const again = await b.tab().open();
    await again.s.show('f#2');
    expect(again.s.markEdit.corrections.map((c) => c.uv)).toEqual([[11, 21]]);
    again.dispose();
  });

  it('an item that gives its marks as coordinates (SPAR-7M) shows those as found, and they can be dragged', async () => {
    const withMarks = { ...item('m'), spatial_lens: { ...item('m').spatial_lens, marks: [{ kind: 'point' as const, color: 'red' as const, uv: [50, 60] as [number, number] }, { kind: 'point' as const, color: 'blue' as const, uv: [300, 200] as [number, number] }] } };
    await putImportBatch('default', [{ appId: 'g#m', item: withMarks, flags: [] }], [], 100);
    const t = await createReviewTestApp().open();
    await t.s.show('g#m');
    t.s.setFoundMarks('g#m', { marks_found: [] });
    const s = shownMarks(t.s);
    expect(s.shown.map((m) => [m.color, m.state, m.uv])).toEqual([
      ['red', 'found', [50, 60]],
      ['blue', 'found', [300, 200]],
    ]);
    expect(s.missing).toEqual([{ color: 'green', kind: 'point' }]);
    t.pointer('down', 50.5, 60.5);
    t.pointer('up', 60.5, 60.5);
    expect(t.s.markEdit.corrections).toEqual([{ color: 'red', kind: 'point', image: 0, uv: [60, 60], source: 'reviewer' }]);
    t.dispose();
  });

  it('a hostile draft is read like any input: bad corrections left out', async () => {
    const b = new TestBrowser();
    b.local.setItem('spatial-lens:marks-draft', JSON.stringify([7, null, { project: 'default', item: 'f#1', marks: [{ color: 'green', kind: 'point', uv: [1, 2] }, { color: 'red', kind: 'point', uv: ['x', 2] }, JSON.parse('{"__proto__": 1, "color": "blue", "kind": "point", "uv": [1, 2]}')] }]));
    const t = await b.tab().open();
    expect(t.s.markEdit.corrections).toEqual([{ color: 'green', kind: 'point', image: 0, uv: [1, 2], source: 'reviewer' }]);
    t.dispose();
  });
});
