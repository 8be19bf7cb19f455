import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useMemo, useRef } from 'react';
import { REASONS } from '../../domain/review/types';
import { projectStore, reviewStore, useReview, type ReviewStoreState } from '../../store';
import { ErrorRatePanel } from './ErrorRatePanel';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const COLOURS = { accept: '#2e9d5b', fix: '#d6a030', reject: '#c94a4a', undecided: '#46505e' };
const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
const num = (x: number | null, d = 2) => (x === null ? '–' : x.toFixed(d));

/** Progress, acceptance, reasons, throughput and agreement of the whole project. */
export function Dashboard() {
  const version = useReview((r) => r.version);
  const rows = useReview((r) => r.rows);
  const stats = useMemo(() => reviewStore.getState().stats(), [version, rows]);
  const blind = useMemo(() => reviewStore.getState().blindStats(), [version, rows]);
  const tasks = stats.tasks;
  return (
    <div className="dashboard" data-testid="dashboard">
      <section className="figures">
        <Figure label="Items" value={stats.overall.total.toLocaleString()} />
        <Figure label="Decided" value={`${stats.overall.decided.toLocaleString()} (${pct(stats.overall.total ? stats.overall.decided / stats.overall.total : null)})`} />
        <Figure label="Kept (accept + fix)" value={pct(stats.overall.keptRate)} />
        <Figure label="Accepted as is" value={pct(stats.overall.acceptRate)} />
        <Figure label="Items / hour" value={num(stats.throughput.itemsPerHour, 0)} />
        <Figure label="Median s / item" value={num(stats.throughput.medianSeconds, 1)} />
        <Figure label="Krippendorff α" value={num(stats.agreement.alpha)} />
      </section>
      <ErrorRatePanel tasks={tasks} />
      <section>
        <h3>Progress per task</h3>
        <BarChart
          testid="chart-progress"
          labels={tasks.map((t) => t.task)}
          stacked
          horizontal
          datasets={[
            ...(['accept', 'fix', 'reject'] as const).map((k): DS => ({ label: k, data: tasks.map((t) => t[k]), backgroundColor: COLOURS[k] })),
            { label: 'undecided', data: tasks.map((t) => t.total - t.decided), backgroundColor: COLOURS.undecided },
          ]}
        />
      </section>
      <section className="two">
        <div>
          <h3>Acceptance rate per task</h3>
          <BarChart testid="chart-acceptance" labels={tasks.map((t) => t.task)} horizontal max={100} datasets={[{ label: 'kept %', data: tasks.map((t) => (t.keptRate === null ? 0 : t.keptRate * 100)), backgroundColor: COLOURS.accept }]} />
        </div>
        <div>
          <h3>Reject reasons ({stats.reasons.rejects})</h3>
          <BarChart testid="chart-reasons" labels={[...REASONS]} datasets={[{ label: 'rejects', data: REASONS.map((r) => stats.reasons.byReason[r]), backgroundColor: COLOURS.reject }]} />
        </div>
      </section>
      <section className="two">
        <div>
          <h3>Throughput per reviewer</h3>
          <table className="qa-report" data-testid="throughput">
            <thead>
              <tr>
                <th>reviewer</th>
                <th>decisions</th>
                <th>items/hour</th>
                <th>median s</th>
              </tr>
            </thead>
            <tbody>
              {[...stats.throughput.byReviewer].map(([who, t]) => (
                <tr key={who}>
                  <td>{who}</td>
                  <td>{t.decisions}</td>
                  <td>{num(t.itemsPerHour, 0)}</td>
                  <td>{num(t.medianSeconds, 1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div>
          <h3>Agreement ({stats.agreement.items} items with ≥ 2 reviewers)</h3>
          <table className="qa-report" data-testid="agreement">
            <thead>
              <tr>
                <th>pair</th>
                <th>items</th>
                <th>observed</th>
                <th>Cohen κ</th>
              </tr>
            </thead>
            <tbody>
              {stats.agreement.pairs.map((p) => (
                <tr key={`${p.a}/${p.b}`}>
                  <td>
                    {p.a} · {p.b}
                  </td>
                  <td>{p.items}</td>
                  <td>{pct(p.observed)}</td>
                  <td>{num(p.kappa)}</td>
                </tr>
              ))}
              {!stats.agreement.pairs.length && (
                <tr>
                  <td colSpan={4} className="muted">
                    Assign items to two or more reviewers (queue → assign) to measure agreement.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
          <p className="small">
            Krippendorff’s α over all reviewers: <strong>{num(stats.agreement.alpha)}</strong>
          </p>
          <p className="muted small">κ and α are undefined (–) while every decision compared falls in one category: there is no chance agreement to correct for.</p>
        </div>
      </section>
      <BlindAgreement blind={blind} />
      <section>
        <button onClick={() => projectStore.getState().setOpen(true, 'sizes')}>Object sizes per category (from the lifted scenes)…</button>
      </section>
    </div>
  );
}

/** Blind answers against the key, per task: how often a reviewer who had not seen the key agreed with it. */
function BlindAgreement({ blind }: { blind: ReturnType<ReviewStoreState['blindStats']> }) {
  const rows = [...blind.tasks, ...(blind.tasks.length > 1 ? [blind.overall] : [])];
  return (
    <section>
      <h3>Blind answers against the key</h3>
      <table className="qa-report" data-testid="blind-agreement">
        <thead>
          <tr>
            <th>task</th>
            <th>answered</th>
            <th>agree with the key</th>
            <th>agreement</th>
            <th>could not tell</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.task}>
              <td>{t.task === 'all' ? <strong>all tasks</strong> : t.task}</td>
              <td>{t.answered}</td>
              <td>{t.agreed}</td>
              <td>{pct(t.rate)}</td>
              <td>{t.unsure}</td>
            </tr>
          ))}
          {!rows.length && (
            <tr>
              <td colSpan={5} className="muted">
                No blind answers yet: tick “blind review” in the Review tab, and each item’s key stays hidden until you have answered it.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <p className="muted small">Numbers agree under the task’s own rule (SPAR: within 50 %, where MRA gives credit; HiSpatial: within 25 %; counts: the same). Low agreement on a task points at keys worth checking.</p>
    </section>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="figure">
      <div className="muted small">{label}</div>
      <strong>{value}</strong>
    </div>
  );
}

interface DS {
  label: string;
  data: number[];
  backgroundColor: string;
}

function BarChart({ labels, datasets, stacked, horizontal, max, testid }: { labels: string[]; datasets: DS[]; stacked?: boolean; horizontal?: boolean; max?: number; testid: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, {
      type: 'bar',
      data: { labels, datasets },
      options: {
        animation: false,
        indexAxis: horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: datasets.length > 1, labels: { color: '#c8d2de' } } },
        scales: {
          x: { stacked, ticks: { color: '#8b98a9', precision: 0 }, grid: { color: '#2b3440' }, ...(horizontal && max ? { max } : {}) },
          y: { stacked, ticks: { color: '#8b98a9', autoSkip: false, precision: 0, font: { size: 10 } }, grid: { display: false } },
        },
      },
    });
    return () => chart.destroy();
  }, [labels, datasets, stacked, horizontal, max]);
  const height = horizontal ? Math.max(120, labels.length * 18 + 40) : 220;
  return (
    <div className="chart" style={{ height }} data-testid={testid}>
      <canvas ref={canvas} />
    </div>
  );
}
