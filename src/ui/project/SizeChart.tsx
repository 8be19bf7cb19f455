import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';
import { sizeChartConfig } from './sizeChartConfig';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** A histogram as a Chart.js bar chart; clicking a bar reports its index. */
export function SizeChart({ labels, counts, colour, onBar, title }: { labels: string[]; counts: number[]; colour: string; onBar: (bin: number) => void; title: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const click = useRef(onBar);
  click.current = onBar;
  useEffect(() => {
    const chart = new Chart(canvas.current!, sizeChartConfig(labels, counts, colour, title, (bin) => click.current(bin)));
    return () => chart.destroy();
  }, [labels, counts, colour, title]);
  return (
    <div className="size-chart">
      <canvas ref={canvas} />
    </div>
  );
}
