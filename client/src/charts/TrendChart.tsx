import { useRef } from 'react';
import { useWords } from '../i18n/useWords.js';
import { useWidth } from '../layout/useWidth.js';
import { fitAxisLabels } from './axisLabels.js';

export interface TrendPoint {
  /** short label under the point (a retro's name) */
  label: string;
  /** null leaves a gap: nothing to show for this retro */
  value: number | null;
  /** what the point is, in words, for the chart's description and table (instead of the bare value) */
  detail?: string;
}

/** the width drawn before the chart's box is measured (the first layout); after that, the box's own width */
const FIRST_WIDTH = 560;
const HEIGHT = 190;
const PAD = { top: 28, right: 36, bottom: 34, left: 48 };
/** room between the axis's numbers and the chart's lines */
const TICK_GAP = 8;
/** the axis labels' size (`.chart-axis`), to measure the names under the points */
const AXIS_FONT_PX = 13;
/** room left between two names under neighbouring points */
const LABEL_GAP = 6;

/**
 * A small hand-drawn line chart over retros. A missing value breaks the line instead of pretending to be
 * zero. The numbers are also in a visually hidden table, for screen readers and for anyone who prefers them.
 */
export function TrendChart({
  title,
  note,
  label,
  points,
  min,
  max,
  ticks,
  format,
  empty,
}: {
  title: string;
  /** one line under the title on what each point is */
  note?: string;
  /** the chart's accessible name */
  label: string;
  points: TrendPoint[];
  min: number;
  max: number;
  ticks: number[];
  format: (value: number) => string;
  empty: string;
}) {
  const { t } = useWords();
  // UI-38: drawn at the width it is shown at, so 13 px text is 13 px on the screen: a 560-wide drawing shrunk to a
  // phone's 313 px panel drew every word about 7 px tall.
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box) || FIRST_WIDTH;
  // wide enough for the widest number on the axis in the reader's language: German's "100 %" began 1 px outside
  const padLeft = Math.max(PAD.left, Math.ceil(Math.max(...ticks.map((tick) => textWidth(format(tick))))) + TICK_GAP + 2);
  const innerW = width - padLeft - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const step = points.length > 1 ? innerW / (points.length - 1) : 0;
  const x = (i: number) => padLeft + (points.length > 1 ? i * step : innerW / 2);
  const y = (v: number) => PAD.top + innerH - ((v - min) / (max - min)) * innerH;
  const shown = points.filter((p) => p.value !== null).length;

  // Consecutive points with values form one segment; a gap starts a new one.
  const segments: { i: number; v: number }[][] = [];
  let current: { i: number; v: number }[] = [];
  points.forEach((p, i) => {
    if (p.value === null) {
      if (current.length) segments.push(current);
      current = [];
    } else current.push({ i, v: p.value });
  });
  if (current.length) segments.push(current);

  const axisLabels = fitAxisLabels(
    points.map((p) => p.label),
    (i) => labelRoom(i, points.length, step, innerW) - LABEL_GAP,
    textWidth,
  );
  const valueText = (p: TrendPoint) => p.detail ?? (p.value === null ? t('chart.noData') : format(p.value));
  const summary = points.map((p) => `${p.label}: ${valueText(p)}`).join('; ');

  return (
    <figure className="chart">
      <figcaption className="chart-title">
        {title}
        {note && <span className="chart-note">{note}</span>}
      </figcaption>
      {/* the box is there before the first point is, so its width is known when one comes */}
      <div ref={box} className={shown === 0 ? undefined : 'chart-box'}>
        {shown === 0 ? (
          <p className="empty">{empty}</p>
        ) : (
          <svg viewBox={`0 0 ${width} ${HEIGHT}`} width={width} height={HEIGHT} role="img" aria-label={label} className="chart-svg">
            <title>{label}</title>
            <desc>{summary}</desc>
            {ticks.map((t) => (
              <g key={t} aria-hidden="true">
                <line x1={padLeft} x2={width - PAD.right} y1={y(t)} y2={y(t)} className="chart-grid" />
                <text x={padLeft - TICK_GAP} y={y(t)} className="chart-axis" textAnchor="end" dominantBaseline="middle">
                  {format(t)}
                </text>
              </g>
            ))}
            {segments.map((segment, s) =>
              segment.length > 1 ? (
                <polyline key={s} className="chart-line" points={segment.map((p) => `${x(p.i)},${y(p.v)}`).join(' ')} />
              ) : null,
            )}
            {points.map((p, i) => (
              <g key={i}>
                {p.value === null ? (
                  <text x={x(i)} y={PAD.top + innerH} className="chart-gap" textAnchor="middle" dy="-4">
                    –
                  </text>
                ) : (
                  <>
                    <circle cx={x(i)} cy={y(p.value)} r={4.5} className="chart-point" />
                    <text x={x(i)} y={y(p.value)} dy={-10} className="chart-value" textAnchor="middle">
                      {format(p.value)}
                    </text>
                  </>
                )}
                <text x={x(i)} y={HEIGHT - PAD.bottom + 18} className="chart-axis" textAnchor={axisAnchor(i, points.length)}>
                  {axisLabels[i]}
                </text>
              </g>
            ))}
          </svg>
        )}
      </div>
      {/* the hidden box is a div: a table is never narrower than its words, and this one widened a phone's page by 21 px */}
      <div className="visually-hidden">
        <table>
          <caption>{label}</caption>
          <thead>
            <tr>
              <th scope="col">{t('chart.retro')}</th>
              <th scope="col">{t('chart.value')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={i}>
                <th scope="row">{p.label}</th>
                <td>{valueText(p)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/**
 * UI-36: the first retro's name starts at its point and the last one's ends at its point, so neither runs off the
 * chart ("Sprint 2 retro", centred under the last point, was cut at "Sprint 2 retr"); the others are centred.
 */
function axisAnchor(i: number, count: number): 'start' | 'middle' | 'end' {
  if (count < 2) return 'middle';
  if (i === 0) return 'start';
  return i === count - 1 ? 'end' : 'middle';
}

/** The width a label may take: a whole step when centred, half of one at either end (up to its neighbour's half). */
function labelRoom(i: number, count: number, step: number, innerW: number): number {
  if (count < 2) return innerW;
  return axisAnchor(i, count) === 'middle' ? step : step / 2;
}

let measuring: CanvasRenderingContext2D | null | undefined;

/** A label's width in the axis font, as the browser will draw it; about 7 px a character where there is no canvas. */
function textWidth(text: string): number {
  if (measuring === undefined) {
    measuring = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    if (measuring) measuring.font = `${AXIS_FONT_PX}px ${getComputedStyle(document.body).fontFamily}`;
  }
  return measuring ? measuring.measureText(text).width : text.length * 7;
}
