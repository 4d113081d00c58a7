/**
 * The 2019–2025 trend with chart.js (served from node_modules as /dashboard/vendor/chart.umd.min.js,
 * the UMD build that defines window.Chart): outcomes of the year as stacked bars, one bar segment
 * per comparable category (model.outcomeCategories), and applications received as a line.
 */
import { bilingual, shortLabel } from './model.js';

const PALETTE = ['#2f7d4f', '#7fb77e', '#c0392b', '#e08e45', '#8e7cc3', '#7f8c8d', '#5d6d7e'];
const RECEIVED_COLOR = '#1f4e9a';

let chart = null;

/**
 * Draws (or redraws) the chart on `canvas`.
 * @param {HTMLCanvasElement} canvas
 * @param {ReturnType<import('./model.js').trendOf>} trend
 * @param {ReturnType<import('./model.js').outcomeCategories>} categories
 * @param {{zh: string, en: string}} receivedLabel
 * @returns {boolean} false when chart.js is not loaded
 */
export function drawTrend(canvas, trend, categories, receivedLabel) {
  const Chart = window.Chart;
  if (!Chart) return false;
  // Two-line ticks: the year, and its format (null from the API when the reporters' formats differ).
  const labels = trend.map((p) => [String(p.year), p.format ?? (p.coverage?.reported ? '混合 mixed' : '')]);
  const datasets = [
    {
      type: 'line',
      label: bilingual(receivedLabel),
      data: trend.map((p) => p.received),
      borderColor: RECEIVED_COLOR,
      backgroundColor: RECEIVED_COLOR,
      borderWidth: 2,
      pointRadius: 3,
      tension: 0.2,
      spanGaps: false,
      order: 0,
    },
    ...categories.map((category, i) => ({
      type: 'bar',
      label: bilingual(shortLabel(category.label)),
      data: trend.map((p) => p.values[category.key]),
      backgroundColor: PALETTE[i % PALETTE.length],
      stack: 'outcomes',
      order: 1,
    })),
  ];
  const coverageOf = (index) => {
    const c = trend[index]?.coverage;
    return c ? `已报送 ${c.reported}/${c.expected} reported` : '';
  };
  if (chart) chart.destroy();
  chart = new Chart(canvas, {
    data: { labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: true, grid: { display: false } },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12, font: { size: 11 } } },
        tooltip: { callbacks: { footer: (items) => (items.length ? coverageOf(items[0].dataIndex) : '') } },
      },
    },
  });
  return true;
}

/** Removes the chart (nothing to show). */
export function clearTrend() {
  if (chart) chart.destroy();
  chart = null;
}
