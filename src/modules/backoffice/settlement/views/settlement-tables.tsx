import { TableRegion } from '../../../../views/components.tsx';
import type { T } from '../../../../i18n/i18n.ts';
import { formatMoney } from '../../../shared/money.ts';
import { formatKbo } from '../../../shared/identifiers.ts';
import type { PageContext } from '../../../../views/layout.tsx';
import type { DetailLine } from '../settlement-figures.ts';

/** One line of a settlement table: the OCMW and its amounts (preview or stored settlement). */
export interface TableLine {
  name: string;
  kbo: string;
  allocation: number;
  accepted: number;
  advances: number;
  balance: number;
  toPay: number;
  toReclaim: number;
  details: DetailLine[];
  /** POD MI's copy of the letter (settled campaigns) */
  letterHref?: string;
  incomplete?: boolean;
}

const AMOUNTS = ['allocation', 'accepted', 'advances', 'balance', 'toPay', 'toReclaim'] as const;

function amountHeaders(t: T) {
  return [
    t('bo.settlement.col.allocation'),
    t('bo.settlement.col.accepted'),
    t('bo.settlement.col.advances'),
    t('bo.settlement.col.balance'),
    t('bo.settlement.col.to_pay'),
    t('bo.settlement.col.to_reclaim'),
  ];
}

function Details({ ctx, line }: { ctx: PageContext; line: TableLine }) {
  if (line.details.length === 0 && !line.incomplete) return <td>—</td>;
  return (
    <td>
      {line.incomplete && <p>{ctx.t('bo.settlement.incomplete')}</p>}
      {line.details.length > 0 && (
        <ul class="settlement-details">
          {line.details.map((d) => (
            <li>{`${ctx.t(d.labelKey)}: ${formatMoney(d.cents, ctx.lang)}`}</li>
          ))}
        </ul>
      )}
    </td>
  );
}

/** A table of settlements with its totals, in a keyboard-reachable scrolling region. */
export function SettlementTable({ ctx, id, caption, lines }: { ctx: PageContext; id: string; caption: string; lines: TableLine[] }) {
  const { t } = ctx;
  const total = (key: (typeof AMOUNTS)[number]) => lines.reduce((s, l) => s + l[key], 0);
  const withLetters = lines.some((l) => l.letterHref);
  return (
    <TableRegion labelledBy={`${id}-caption`}>
      <table class="data-table">
        <caption id={`${id}-caption`}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('bo.settlement.col.ocmw')}</th>
            {amountHeaders(t).map((h) => (
              <th scope="col" class="num">
                {h}
              </th>
            ))}
            <th scope="col">{t('bo.settlement.col.details')}</th>
            {withLetters && <th scope="col">{t('bo.settlement.col.letter')}</th>}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr>
              <th scope="row">{`${line.name} (${formatKbo(line.kbo)})`}</th>
              {AMOUNTS.map((key) => (
                <td class="num">{formatMoney(line[key], ctx.lang)}</td>
              ))}
              <Details ctx={ctx} line={line} />
              {withLetters && <td>{line.letterHref ? <a href={line.letterHref}>{t('bo.settlement.download_letter')}</a> : '—'}</td>}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('bo.settlement.total', { count: lines.length })}</th>
            {AMOUNTS.map((key) => (
              <td class="num">{formatMoney(total(key), ctx.lang)}</td>
            ))}
            <td />
            {withLetters && <td />}
          </tr>
        </tfoot>
      </table>
    </TableRegion>
  );
}
