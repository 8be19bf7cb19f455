import { useMemo, useState } from 'react';
import { estimateErrorRate } from '../../domain/review/errorRate';
import { strataOf } from '../../domain/review/errorRateStats';
import type { TaskProgress } from '../../domain/review/stats';

const pc = (x: number) => `${(x * 100).toFixed(1)} %`;

/** How wrong is this set? Share judged wrong with its 95 % interval, per task and overall, and the reviews still needed. */
export function ErrorRatePanel({ tasks }: { tasks: TaskProgress[] }) {
  const [points, setPoints] = useState(3);
  const e = useMemo(() => estimateErrorRate(strataOf(tasks), Math.max(0.5, points) / 100), [tasks, points]);
  return (
    <section data-testid="error-rate">
      <h3>How wrong is this set?</h3>
      <p className="muted small">
        Share of items judged wrong (rejected or fixed), with a 95 % interval: Wilson per task, stratified by task size for the whole set. It holds when each task’s
        decided items are a random sample of it (draw one with a seed from the queue’s Sample).
      </p>
      <div className="figures">
        <div className="figure" data-testid="error-rate-overall">
          <div className="muted small">Wrong, whole set</div>
          <strong>{e.overall ? `${pc(e.overall.p)} (${(100 * e.overall.lo).toFixed(1)}–${pc(e.overall.hi)})` : '–'}</strong>
        </div>
        <label className="figure">
          <div className="muted small">Target ± points</div>
          <input type="number" min={0.5} max={20} step={0.5} value={points} onChange={(ev) => setPoints(Number(ev.target.value) || 3)} data-testid="error-rate-target" style={{ width: 70 }} />
        </label>
        <div className="figure">
          <div className="muted small">More reviews for ±{points} pts</div>
          <strong data-testid="error-rate-more">{e.moreOverall.toLocaleString()}</strong>
        </div>
      </div>
      {e.unsampledItems > 0 && <p className="small muted">{e.unsampledItems.toLocaleString()} items are in tasks with no decision yet: the whole-set figure does not cover them.</p>}
      <table className="qa-report" data-testid="error-rate-tasks">
        <thead>
          <tr>
            <th>task</th>
            <th>items</th>
            <th>reviewed</th>
            <th>wrong</th>
            <th>share wrong (95 % CI)</th>
            <th>more for ±{points}</th>
          </tr>
        </thead>
        <tbody>
          {e.tasks.map((t) => (
            <tr key={t.task}>
              <td>{t.task}</td>
              <td>{t.population}</td>
              <td>{t.reviewed}</td>
              <td>{t.wrong}</td>
              <td>{t.interval ? `${pc(t.interval.p)} (${(100 * t.interval.lo).toFixed(1)}–${pc(t.interval.hi)})` : '–'}</td>
              <td>{t.more}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
