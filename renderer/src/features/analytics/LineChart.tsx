import { CategoryScale, Chart as ChartJS, LinearScale, LineElement, PointElement, Tooltip, type ChartOptions } from 'chart.js';
import { useId } from 'react';
import { Line } from 'react-chartjs-2';
import { ScrollRegion } from '../../ui/ScrollRegion';

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, Tooltip);

/** The theme's accent, read from the page so charts follow light and dark. */
function accent(): string {
  if (typeof document === 'undefined') return '#0f766e';
  // --accent is a light-dark() pair a canvas can't read: let the page resolve it to a colour.
  const probe = document.createElement('span');
  probe.style.color = 'var(--accent)';
  document.body.appendChild(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color || '#0f766e';
}

export interface ChartPoint {
  label: string;
  value: number | null;
}

/**
 * One line over time, with exact values in the tooltip and the same numbers as a table for screen
 * readers and for anyone who wants them (a day without numbers is a gap, not a zero).
 */
export function LineChart({ title, points, format, testId }: { title: string; points: ChartPoint[]; format: (v: number | null) => string; testId: string }) {
  const id = useId();
  const color = accent();
  const options: ChartOptions<'line'> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    spanGaps: false,
    plugins: { tooltip: { callbacks: { label: (ctx) => `${title}: ${format(ctx.parsed.y)}` } } },
    scales: {
      x: { ticks: { maxTicksLimit: 6, autoSkip: true, maxRotation: 0 } },
      y: { beginAtZero: true, ticks: { callback: (v) => format(Number(v)) } },
    },
  };
  const data = {
    labels: points.map((p) => p.label),
    datasets: [{ label: title, data: points.map((p) => p.value), borderColor: color, backgroundColor: color, pointRadius: points.length > 60 ? 0 : 2, borderWidth: 2, tension: 0.2 }],
  };
  return (
    <figure className="analytics-chart card" data-testid={testId} aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="analytics-chart-title">
        {title}
      </figcaption>
      <div className="analytics-chart-canvas">
        {/* react-chartjs-2 gives the canvas role="img"; the name has to sit on the canvas itself. */}
        <Line options={options} data={data} aria-label={`${title}, ${points.length} days; the numbers are in the table below`} />
      </div>
      <details className="analytics-chart-table">
        <summary>Show as a table</summary>
        <ScrollRegion label={`${title} as a table`}>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">{title}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.label}>
                  <th scope="row">{p.label}</th>
                  <td>{p.value === null ? 'no numbers' : format(p.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </figure>
  );
}
