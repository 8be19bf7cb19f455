import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** A histogram as a Chart.js bar chart; clicking a bar reports its index. */
export function SizeChart({ labels, counts, colour, onBar, title }: { labels: string[]; counts: number[]; colour: string; onBar: (bin: number) => void; title: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const click = useRef(onBar);
  click.current = onBar;
  useEffect(() => {
    const chart = new Chart(canvas.current!, {
      type: 'bar',
      data: { labels, datasets: [{ data: counts, backgroundColor: colour, borderWidth: 0 }] },
      options: {
        animation: false,
        // a click anywhere in a bar's column picks that bin (bars of 1 are thin targets)
        interaction: { mode: 'index', intersect: false },
        responsive: true,
        maintainAspectRatio: false,
        plugins: { tooltip: { callbacks: { title: (items) => `${title} ${items[0].label} m` } } },
        scales: {
          x: { ticks: { color: '#8b98a9', maxRotation: 0, autoSkip: true }, grid: { display: false } },
          y: { ticks: { color: '#8b98a9', precision: 0 }, grid: { color: '#2b3440' } },
        },
        onClick: (_e, elements) => elements.length && click.current(elements[0].index),
      },
    });
    return () => chart.destroy();
  }, [labels, counts, colour, title]);
  return (
    <div className="size-chart">
      <canvas ref={canvas} />
    </div>
  );
}
