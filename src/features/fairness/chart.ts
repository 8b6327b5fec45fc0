import type { FairnessReport } from '../../rotation/fairness.js';

export interface ChartSeries {
  cityId: number;
  label: string;
  dash: string;
  marker: 'circle' | 'square' | 'triangle';
  points: string;
  dots: Array<{ x: number; y: number }>;
}
export interface Chart {
  width: number;
  height: number;
  zeroY: number;
  maxAbs: number;
  series: ChartSeries[];
  ticks: Array<{ y: number; label: string }>;
}

// Each city gets a dash pattern and a marker shape as well as a colour, so
// the lines can be told apart without colour (WCAG 1.4.1).
const STYLES: Array<Pick<ChartSeries, 'dash' | 'marker'>> = [
  { dash: '', marker: 'circle' },
  { dash: '6 4', marker: 'square' },
  { dash: '2 3', marker: 'triangle' },
];

/** The geometry of the deviation-over-time chart; the view only draws it. */
export function deviationChart(report: FairnessReport, labels: Map<number, string>): Chart {
  const width = 640;
  const height = 240;
  const pad = 30;
  const weeks = report.timeline;
  const maxAbs = Math.max(1, ...weeks.flatMap((w) => Object.values(w.deviation).map(Math.abs)));
  const x = (i: number) => pad + (weeks.length <= 1 ? 0 : (i * (width - 2 * pad)) / (weeks.length - 1));
  const y = (v: number) => height / 2 - (v / maxAbs) * (height / 2 - pad);
  const series = report.cities.map((c, k): ChartSeries => {
    const dots = weeks.map((w, i) => ({ x: Math.round(x(i) * 10) / 10, y: Math.round(y(w.deviation[c.cityId] ?? 0) * 10) / 10 }));
    const style = STYLES[k % STYLES.length] as (typeof STYLES)[number];
    return { cityId: c.cityId, label: labels.get(c.cityId) ?? String(c.cityId), ...style, points: dots.map((d) => `${d.x},${d.y}`).join(' '), dots };
  });
  const ticks = [maxAbs, 0, -maxAbs].map((v) => ({ y: Math.round(y(v) * 10) / 10, label: (Math.round(v * 100) / 100).toString() }));
  return { width, height, zeroY: y(0), maxAbs, series, ticks };
}
