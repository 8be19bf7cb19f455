import { useEffect, useRef, useState } from 'react';
import { type Fit, boxToImage, containFit } from '../../domain/image/markHandles';
import { type ShownMark, markKey } from '../../domain/review/markCorrections';
import { isRevealed, reviewStore, useReview } from '../../store';
import { shownMarks } from '../../app/review/marks';

/** SPAR's mark colours (CSS names, as its drawing uses). */
const COLOURS: Record<string, string> = { red: '#ff0000', blue: '#0000ff', green: '#008000', yellow: '#ffff00' };
/** How near a handle the pointer must come, screen pixels. */
const GRAB = 12;

/**
 * The marks found in (or placed on) one of the item's photos, as handles the reviewer drags: a
 * ring at a point's centre, a box's outline with its corners. The pointer goes to the marks use
 * cases in image pixels; the gesture keeps the item it began on.
 */
export function MarkHandles({ image, width, height }: { image: number; width: number; height: number }) {
  const cur = useReview((r) => r.current);
  const edit = useReview((r) => r.markEdit);
  const foundMarks = useReview((r) => r.foundMarks);
  const revealed = useReview(isRevealed);
  const svg = useRef<SVGSVGElement>(null);
  const gesture = useRef<{ item: string; id: number } | null>(null);
  // screen pixels per image pixel, so that rings and corners keep their size on screen
  const [scale, setScale] = useState(0);
  // items with their own scene show their evidence in 3D; these handles are for published items' photos
  const status = cur && revealed && !cur.scene ? shownMarks({ current: cur, markEdit: edit, foundMarks }) : null;
  const placing = cur && edit.placing?.item === cur.row.id ? edit.placing : null;
  const visible = !!status && (status.shown.some((m) => m.image === image) || !!placing);
  useEffect(() => {
    const el = svg.current;
    if (!el) return;
    const measure = () => {
      const r = el.getBoundingClientRect();
      if (r.width && r.height) setScale(containFit(r.width, r.height, { width, height }).scale);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [visible, width, height]);
  if (!cur || !status || !visible) return null;
  const dragging = edit.drag?.item === cur.row.id && edit.drag.image === image ? edit.drag : null;
  const size = { width, height };
  const fit = (): Fit => {
    const r = svg.current!.getBoundingClientRect();
    return containFit(r.width, r.height, size);
  };
  const send = (kind: 'down' | 'move' | 'up', e: React.PointerEvent, item: string) => {
    const r = svg.current!.getBoundingClientRect();
    const f = fit();
    const [x, y] = boxToImage(f, e.clientX - r.left, e.clientY - r.top);
    const p = { item, image, x, y, size, tolerance: GRAB / f.scale };
    const s = reviewStore.getState();
    if (kind === 'down') s.markDown(p);
    else if (kind === 'move') s.markMove(p);
    else s.markUp(p);
  };
  // the ring and corner sizes in image pixels, so they look the same at any zoom
  const px = scale ? 1 / scale : Math.max(width, height) / 800;
  const marks: ShownMark[] = status.shown.filter((m) => m.image === image);
  const shown = marks.map((m) => (dragging && m.color === dragging.mark.color && m.kind === dragging.mark.kind && sameAt(m, dragging.mark) ? { ...m, ...dragging.preview } : m));
  const preview = placing?.preview?.image === image ? placing.preview : null;
  // where the search had found what the reviewer replaced: a faint trace, not a handle
  const corrected = new Set(marks.filter((m) => m.state === 'reviewer').map(markKey));
  const replaced = foundMarks.itemId === cur.row.id ? foundMarks.found.filter((f) => f.image === image && corrected.has(markKey(f))) : [];
  return (
    <svg
      ref={svg}
      className={`mark-handles${placing ? ' placing' : ''}`}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="xMidYMid meet"
      data-testid="mark-handles"
      data-image={image}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        gesture.current = { item: cur.row.id, id: e.pointerId };
        e.currentTarget.setPointerCapture(e.pointerId);
        send('down', e, cur.row.id);
      }}
      onPointerMove={(e) => gesture.current?.id === e.pointerId && send('move', e, gesture.current.item)}
      onPointerUp={(e) => {
        const g = gesture.current;
        if (g?.id !== e.pointerId) return;
        gesture.current = null;
        send('up', e, g.item);
      }}
      onPointerCancel={(e) => {
        const g = gesture.current;
        gesture.current = null;
        // a cancelled pointer ends where it began: nothing moves
        if (g && dragging) reviewStore.getState().markUp({ item: g.item, image, x: dragging.from[0], y: dragging.from[1], size, tolerance: 0 });
        void e;
      }}
    >
      {replaced.map((m, k) =>
        m.uv ? (
          <circle key={`r${k}`} className="mark-replaced" cx={m.uv[0] + 0.5} cy={m.uv[1] + 0.5} r={14 * px} fill="none" stroke="#fff" strokeOpacity={0.7} strokeWidth={1.5 * px} strokeDasharray={`${2 * px} ${3 * px}`} />
        ) : m.box ? (
          <rect key={`r${k}`} className="mark-replaced" x={m.box[0]} y={m.box[1]} width={m.box[2] - m.box[0]} height={m.box[3] - m.box[1]} fill="none" stroke="#fff" strokeOpacity={0.7} strokeWidth={1.5 * px} strokeDasharray={`${2 * px} ${3 * px}`} />
        ) : null,
      )}
      {shown.map((m, k) => (
        <MarkShape key={k} m={m} px={px} width={width} />
      ))}
      {preview?.box && <rect className="mark-preview" x={preview.box[0]} y={preview.box[1]} width={preview.box[2] - preview.box[0]} height={preview.box[3] - preview.box[1]} stroke={COLOURS[preview.color]} strokeWidth={3 * px} fill="none" strokeDasharray={`${8 * px} ${5 * px}`} />}
    </svg>
  );
}

const sameAt = (a: ShownMark, b: { uv?: [number, number]; box?: [number, number, number, number] }) => (a.uv && b.uv ? a.uv[0] === b.uv[0] && a.uv[1] === b.uv[1] : !!a.box && !!b.box && a.box.every((v, i) => v === b.box![i]));

/** "yours" beside a reviewer's mark, on the side with room (never cut by the photo's right edge). */
function Tag({ x, y, px, width }: { x: number; y: number; px: number; width: number }) {
  const left = x > width - 60 * px;
  return (
    <text x={left ? x - 4 * px : x + 4 * px} y={y} fontSize={13 * px} textAnchor={left ? 'end' : 'start'} className="mark-tag" stroke="#000" strokeWidth={3 * px} paintOrder="stroke" fill="#fff">
      yours
    </text>
  );
}

function MarkShape({ m, px, width }: { m: ShownMark; px: number; width: number }) {
  const colour = COLOURS[m.color];
  const dash = m.state === 'candidate' ? `${6 * px} ${4 * px}` : undefined;
  const cls = `mark-handle ${m.state}`;
  if (m.kind === 'point' && m.uv) {
    const [cx, cy] = [m.uv[0] + 0.5, m.uv[1] + 0.5];
    const r = 14 * px;
    return (
      <g className={cls} data-color={m.color} data-state={m.state} data-uv={m.uv.join(',')}>
        <circle cx={cx} cy={cy} r={r} fill="none" stroke="#fff" strokeWidth={5 * px} strokeDasharray={dash} />
        {/* a placed point has no disc painted under it: a dot of its colour shows where it is */}
        <circle cx={cx} cy={cy} r={r} fill={m.state === 'reviewer' ? colour : 'rgba(255,255,255,0.01)'} fillOpacity={m.state === 'reviewer' ? 0.35 : 1} stroke={colour} strokeWidth={2.5 * px} strokeDasharray={dash} />
        <path d={`M${cx - 5 * px} ${cy}H${cx + 5 * px}M${cx} ${cy - 5 * px}V${cy + 5 * px}`} stroke="#fff" strokeWidth={1.5 * px} />
        {m.state === 'reviewer' && <Tag x={cx > width - 60 * px ? cx - r : cx + r} y={cy - r} px={px} width={width} />}
      </g>
    );
  }
  if (!m.box) return null;
  const [x1, y1, x2, y2] = m.box;
  const c = 6 * px;
  return (
    <g className={cls} data-color={m.color} data-state={m.state}>
      <rect x={x1} y={y1} width={x2 - x1} height={y2 - y1} fill="none" stroke="#fff" strokeWidth={4 * px} strokeDasharray={dash} />
      <rect x={x1} y={y1} width={x2 - x1} height={y2 - y1} fill="none" stroke={colour} strokeWidth={2 * px} strokeDasharray={dash} />
      {[
        [x1, y1],
        [x2, y1],
        [x1, y2],
        [x2, y2],
      ].map(([x, y], i) => (
        <rect key={i} className="mark-corner" x={x - c} y={y - c} width={2 * c} height={2 * c} fill="#fff" stroke={colour} strokeWidth={2 * px} />
      ))}
      {m.state === 'reviewer' && <Tag x={x1} y={y1 - 6 * px} px={px} width={width} />}
    </g>
  );
}
