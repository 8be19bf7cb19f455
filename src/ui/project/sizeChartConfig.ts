import type { ChartConfiguration } from 'chart.js';

/**
 * A Sizes histogram's Chart.js configuration. Chart.js registers plugins globally: once another
 * chart registers the Legend (the Review dashboard does), every chart without `legend.display:
 * false` draws one, and a dataset without a label reads "undefined". So the dataset is named and
 * the legend, which would say nothing the heading does not, is off.
 */
export function sizeChartConfig(labels: string[], counts: number[], colour: string, title: string, onBar: (bin: number) => void): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: { labels, datasets: [{ label: `objects by ${title}`, data: counts, backgroundColor: colour, borderWidth: 0 }] },
    options: {
      animation: false,
      // a click anywhere in a bar's column picks that bin (bars of 1 are thin targets)
      interaction: { mode: 'index', intersect: false },
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { title: (items) => `${title} ${items[0].label} m`, label: (item) => `${item.formattedValue} object${item.raw === 1 ? '' : 's'}` } },
      },
      scales: {
        x: { ticks: { color: '#8b98a9', maxRotation: 0, autoSkip: true }, grid: { display: false } },
        y: { ticks: { color: '#8b98a9', precision: 0 }, grid: { color: '#2b3440' } },
      },
      onClick: (_e, elements) => {
        if (elements.length) onBar(elements[0].index);
      },
    },
  };
}
