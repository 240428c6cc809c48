import { useId } from 'react';

export interface Bar {
  label: string;
  value: number;
}

interface Props {
  title: string;
  description: string;
  bars: Bar[];
  unit?: string;
}

const barHeight = 28;
const gap = 10;
const labelWidth = 210;
const chartWidth = 640;

/** Horizontal bars in SVG, with the same numbers in a table for screen readers and printing. */
export function BarChart({ title, description, bars, unit = '' }: Props) {
  const id = useId();
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  const plot = chartWidth - labelWidth - 60;
  const height = bars.length * (barHeight + gap);
  return (
    <figure className="fr-mb-4w">
      <figcaption className="fr-h6 fr-mb-1w" id={`${id}-titre`}>
        {title}
      </figcaption>
      <svg
        className="guichet-chart"
        role="img"
        aria-labelledby={`${id}-titre ${id}-desc`}
        viewBox={`0 0 ${chartWidth} ${height}`}
        width="100%"
        style={{ maxWidth: chartWidth }}
      >
        <desc id={`${id}-desc`}>{description}</desc>
        {bars.map((bar, index) => {
          const y = index * (barHeight + gap);
          const width = (bar.value / max) * plot;
          return (
            <g key={bar.label}>
              <text x={labelWidth - 8} y={y + barHeight / 2} dominantBaseline="middle" textAnchor="end">
                {bar.label}
              </text>
              <rect className="bar" x={labelWidth} y={y} width={Math.max(width, bar.value > 0 ? 2 : 0)} height={barHeight} rx={2} />
              <text x={labelWidth + width + 6} y={y + barHeight / 2} dominantBaseline="middle">
                {bar.value.toLocaleString('fr-FR')}
                {unit}
              </text>
            </g>
          );
        })}
      </svg>
      <details className="fr-mt-1w">
        <summary>Voir les données de « {title} »</summary>
        <table className="fr-table">
          <caption className="fr-sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Catégorie</th>
              <th scope="col">Valeur</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.label}>
                <th scope="row">{bar.label}</th>
                <td>
                  {bar.value.toLocaleString('fr-FR')}
                  {unit}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
