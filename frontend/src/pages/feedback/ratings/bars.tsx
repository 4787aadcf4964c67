// Tiny charts drawn with plain elements: the feedback pages carry no chart library.
import type { ReactNode } from 'react';

export interface BarPoint {
  key: string;
  label: string;
  value: number;
}

/** A sparkline of vertical bars (e.g. cases per month); its numbers are in the accessible name and tooltips. */
export function Sparkline({ points, label, unit = '' }: { points: BarPoint[]; label: string; unit?: string }) {
  const max = Math.max(1, ...points.map((p) => p.value));
  const text = points.map((p) => `${p.label} ${p.value}${unit}`).join('，');
  return (
    <span className="fb2-spark" role="img" aria-label={`${label}：${text}`} title={text}>
      {points.map((p) => (
        <span
          key={p.key}
          className={`fb2-spark-bar${p.value ? '' : ' fb2-spark-zero'}`}
          style={{ height: `${Math.max(8, Math.round((p.value / max) * 100))}%` }}
          data-value={p.value}
        />
      ))}
    </span>
  );
}

export interface BarRow {
  key: string;
  label: ReactNode;
  value: number;
  text?: ReactNode;
  tone?: 'good' | 'bad' | 'neutral';
}

/** Horizontal bars with their labels and values (a star distribution, a monthly trend). */
export function BarList({ rows, className, max }: { rows: BarRow[]; className?: string; max?: number }) {
  const top = Math.max(1, max ?? Math.max(0, ...rows.map((r) => r.value)));
  return (
    <div className={`fb2-barlist${className ? ` ${className}` : ''}`}>
      {rows.map((row) => (
        <div key={row.key} className="fb2-barlist-row" data-key={row.key}>
          <span className="fb2-barlist-label">{row.label}</span>
          <span className="fb2-barlist-track">
            <span
              className={`fb2-barlist-fill fb2-tone-${row.tone ?? 'neutral'}`}
              style={{ width: `${row.value ? Math.max(2, Math.round((row.value / top) * 100)) : 0}%` }}
            />
          </span>
          <span className="fb2-barlist-value">{row.text ?? row.value}</span>
        </div>
      ))}
    </div>
  );
}
