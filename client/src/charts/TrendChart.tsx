import { useRef } from 'react';
import { useWords } from '../i18n/useWords.js';
import { useWidth } from '../layout/useWidth.js';
import { drawOrder, fitAxisLabels, placeWords, withoutOverlaps, withoutSharedStart, type WordBox } from './axisLabels.js';

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
/** the values' size and weight over the points (`.chart-value`) */
const VALUE_FONT_PX = 14;
const VALUE_FONT_WEIGHT = 600;
/** room left between two names under neighbouring points */
const LABEL_GAP = 6;
/** room left around a value over its point */
const VALUE_GAP = 2;
/** where the names' baseline is, under the chart's lines */
const AXIS_BASELINE = HEIGHT - PAD.bottom + 18;
/** how far a value's baseline is over its point */
const VALUE_RISE = 10;
/** how far a value's baseline is under its point, when there is no room over it */
const VALUE_SINK = 22;

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

  const roomOf = (i: number) => labelRoom(i, points.length, step, innerW) - LABEL_GAP;
  const fitted = fitAxisLabels(
    points.map((p) => p.label),
    roomOf,
    textWidth,
  );
  // UI-39: too many names to fit even cut ("#…" under each of 12 points ran together on a phone): whole names
  // without their shared start, as many as fit without overlapping, the most recent first
  const axisLabels = fitted.every((text, i) => textWidth(text) <= roomOf(i)) ? fitted : withoutSharedStart(points.map((p) => p.label));
  const axisBoxes = axisLabels.map((text, i) => {
    const w = textWidth(text);
    const anchor = axisAnchor(i, points.length);
    const left = anchor === 'start' ? x(i) : anchor === 'end' ? x(i) - w : x(i) - w / 2;
    return wordBox(left, w, AXIS_BASELINE, AXIS_FONT_PX);
  });
  const order = drawOrder(points.length);
  const axisShown = withoutOverlaps(axisBoxes, order, { gap: LABEL_GAP, bounds: { left: 0, right: width } });
  // the values over the points keep clear of each other, of the axis's numbers and of the names drawn
  const tickBoxes = ticks.map((tick) => {
    const w = textWidth(format(tick));
    return wordBox(padLeft - TICK_GAP - w, w, y(tick) + AXIS_FONT_PX * 0.35, AXIS_FONT_PX);
  });
  // over the point, else under it where the line does not go down from it (close values in a zigzag), else left out
  const valuePlaces = points.map((p, i) => {
    if (p.value === null) return [];
    const w = textWidth(format(p.value), VALUE_FONT);
    const over = wordBox(x(i) - w / 2, w, y(p.value) - VALUE_RISE, VALUE_FONT_PX);
    const lowerNeighbour = [points[i - 1]?.value, points[i + 1]?.value].some((v) => v !== undefined && v !== null && v < p.value!);
    return lowerNeighbour ? [over] : [over, wordBox(x(i) - w / 2, w, y(p.value) + VALUE_SINK, VALUE_FONT_PX)];
  });
  const valuePlace = placeWords(valuePlaces, order, {
    gap: VALUE_GAP,
    obstacles: [
      ...tickBoxes,
      ...axisBoxes.filter((_, i) => axisShown[i]),
      // the mark across the chart of a retro with nothing to show
      ...points.flatMap((p, i) => (p.value === null ? [{ left: x(i) - 2, right: x(i) + 2, top: PAD.top, bottom: PAD.top + innerH }] : [])),
    ],
    bounds: { left: 0, right: width },
  });
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
                  // PQ-2: nothing to show is a dashed line across the whole chart, not a mark on its lowest line: a "–"
                  // standing on 0% read as a retro where no promise was kept
                  <line x1={x(i)} x2={x(i)} y1={PAD.top} y2={PAD.top + innerH} className="chart-gap">
                    <title>{`${p.label}: ${valueText(p)}`}</title>
                  </line>
                ) : (
                  <>
                    <circle cx={x(i)} cy={y(p.value)} r={4.5} className="chart-point">
                      {/* UI-39: a value left off for want of room is still there, on hover as in the table */}
                      <title>{`${p.label}: ${valueText(p)}`}</title>
                    </circle>
                    {valuePlace[i]! >= 0 && (
                      <text x={x(i)} y={y(p.value)} dy={valuePlace[i] === 0 ? -VALUE_RISE : VALUE_SINK} className="chart-value" textAnchor="middle">
                        {format(p.value)}
                      </text>
                    )}
                  </>
                )}
                {axisShown[i] && (
                  <text x={x(i)} y={AXIS_BASELINE} className="chart-axis" textAnchor={axisAnchor(i, points.length)}>
                    {axisLabels[i]}
                  </text>
                )}
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

/**
 * The box a word takes, as the browser draws it: from its ascent over the baseline to its descent under it (a little
 * more than the font's size in all), so words one over the other are seen to meet as they do on the screen.
 */
function wordBox(left: number, width: number, baseline: number, fontPx: number): WordBox {
  return { left, right: left + width, top: baseline - fontPx, bottom: baseline + fontPx * 0.3 };
}

const AXIS_FONT = `${AXIS_FONT_PX}px`;
const VALUE_FONT = `${VALUE_FONT_WEIGHT} ${VALUE_FONT_PX}px`;
let measuring: CanvasRenderingContext2D | null | undefined;
let family = '';

/** A word's width in the axis font (or `font`), as the browser will draw it; about 7 px a character where there is no canvas. */
function textWidth(text: string, font: string = AXIS_FONT): number {
  if (measuring === undefined) {
    measuring = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    if (measuring) family = getComputedStyle(document.body).fontFamily;
  }
  if (!measuring) return text.length * (font === AXIS_FONT ? 7 : 8);
  measuring.font = `${font} ${family}`;
  return measuring.measureText(text).width;
}
