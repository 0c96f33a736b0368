import { TableRegion } from '../../../../views/components.tsx';
import { formatIsoDate } from '../../../../i18n/format.ts';
import type { PageContext } from '../../../../views/layout.tsx';

const DAY = 86_400_000;
const MAX_DAYS = 400;
const WIDTH = 720;
const HEIGHT = 220;
const PAD = { left: 40, right: 12, top: 16, bottom: 28 };

const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`);
const toDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * Submissions per day against the deadline: a server-rendered SVG (no script), bars per day and a line at each
 * deadline, with its text alternative, a table of the days with their count and the running total.
 */
export function SubmissionsChart({
  ctx,
  perDay,
  start,
  deadlines,
}: {
  ctx: PageContext;
  perDay: Array<{ day: string; count: number }>;
  start: string;
  deadlines: string[];
}) {
  const { t } = ctx;
  const days = [start, ...perDay.map((d) => d.day), ...deadlines].sort();
  let first = days[0];
  const last = days[days.length - 1];
  if ((toTime(last) - toTime(first)) / DAY > MAX_DAYS) first = toDay(toTime(last) - MAX_DAYS * DAY);
  const span = Math.round((toTime(last) - toTime(first)) / DAY) + 1;
  const max = Math.max(1, ...perDay.map((d) => d.count));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = plotW / span;
  const x = (day: string) => PAD.left + ((toTime(day) - toTime(first)) / DAY) * step;
  const y = (count: number) => PAD.top + plotH - (count / max) * plotH;
  const rows: Array<{ day: string; count: number; total: number }> = [];
  for (const d of perDay) rows.push({ ...d, total: (rows[rows.length - 1]?.total ?? 0) + d.count });
  const total = rows[rows.length - 1]?.total ?? 0;
  return (
    <section aria-labelledby="chart-title">
      <h2 id="chart-title">{t('bo.followup.chart.title')}</h2>
      <svg class="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="chart-svg-title chart-svg-desc" focusable="false">
        <title id="chart-svg-title">{t('bo.followup.chart.title')}</title>
        <desc id="chart-svg-desc">{t('bo.followup.chart.description', { total, days: perDay.length, max })}</desc>
        <line class="chart__axis" x1={PAD.left} y1={PAD.top + plotH} x2={WIDTH - PAD.right} y2={PAD.top + plotH} />
        <line class="chart__axis" x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={PAD.top + plotH} />
        <text class="chart__label" x={PAD.left - 4} y={PAD.top + 4} text-anchor="end">
          {max}
        </text>
        <text class="chart__label" x={PAD.left - 4} y={PAD.top + plotH} text-anchor="end">
          0
        </text>
        {perDay
          .filter((d) => d.day >= first)
          .map((d) => (
            <rect class="chart__bar" x={x(d.day) + step * 0.1} y={y(d.count)} width={Math.max(1, step * 0.8)} height={PAD.top + plotH - y(d.count)} />
          ))}
        {deadlines.map((d) => (
          <g>
            <line class="chart__deadline" x1={x(d) + step / 2} y1={PAD.top - 8} x2={x(d) + step / 2} y2={PAD.top + plotH} />
            <text class="chart__label" x={x(d) + step / 2 - 4} y={PAD.top - 2} text-anchor="end">
              {t('bo.followup.chart.deadline', { date: formatIsoDate(d) })}
            </text>
          </g>
        ))}
        <text class="chart__label" x={PAD.left} y={HEIGHT - 8}>
          {formatIsoDate(first)}
        </text>
        <text class="chart__label" x={WIDTH - PAD.right} y={HEIGHT - 8} text-anchor="end">
          {formatIsoDate(last)}
        </text>
      </svg>
      <details>
        <summary>{t('bo.followup.chart.table_summary')}</summary>
        {rows.length === 0 ? (
          <p>{t('bo.followup.chart.none')}</p>
        ) : (
          <TableRegion labelledBy="chart-table-caption">
            <table class="data-table">
              <caption id="chart-table-caption">{t('bo.followup.chart.table_caption', { deadlines: deadlines.map(formatIsoDate).join(', ') })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('bo.followup.chart.day')}</th>
                  <th scope="col" class="num">
                    {t('bo.followup.chart.count')}
                  </th>
                  <th scope="col" class="num">
                    {t('bo.followup.chart.cumulative')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr>
                    <th scope="row">{formatIsoDate(r.day)}</th>
                    <td class="num">{r.count}</td>
                    <td class="num">{r.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </details>
    </section>
  );
}
