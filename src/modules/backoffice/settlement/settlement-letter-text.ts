import type { Language } from '../../../db/types.ts';
import { translator } from '../../../i18n/i18n.ts';
import { formatDate } from '../../../i18n/format.ts';
import type { SettlementFigures } from './settlement-figures.ts';
import { formatMoney } from '../../shared/money.ts';
import { formatIban, formatKbo } from '../../shared/identifiers.ts';
import type { SettlementLetter } from '../../documents/settlement-letter.ts';

/** What the letter of one OCMW says, before translation. */
export interface LetterFacts {
  language: Language;
  organisationName: string;
  kbo: string;
  measure: string;
  reportYear: number;
  figures: SettlementFigures;
  /** no submitted form: settled as an empty form */
  withoutForm: boolean;
  iban: string | null;
  bic: string | null;
  communication: string;
  date: Date;
}

/** The letter in the OCMW's language (German falls back to French, then Dutch, like every text). */
export function settlementLetterText(facts: LetterFacts): SettlementLetter {
  const t = translator(facts.language);
  const lang = facts.language;
  const money = (cents: number) => formatMoney(cents, lang);
  const f = facts.figures;
  const measure = t(`measure.${facts.measure}`);
  const paragraphs: string[] = [];
  if (facts.withoutForm) paragraphs.push(t('bo.settlement.letter.without_form'));
  if (f.toPay > 0) {
    paragraphs.push(
      t('bo.settlement.letter.payment', {
        amount: money(f.toPay),
        iban: facts.iban ? formatIban(facts.iban) : '—',
        bic: facts.bic ?? '—',
        communication: facts.communication,
      }),
    );
  } else if (f.toReclaim > 0 && f.compensatedNextYear) {
    paragraphs.push(t('bo.settlement.letter.compensation', { amount: money(f.toReclaim), nextYear: facts.reportYear + 1 }));
  } else if (f.toReclaim > 0 && f.reclaimByInvoice) {
    paragraphs.push(t('bo.settlement.letter.reclaim_by_invoice', { amount: money(f.toReclaim), communication: facts.communication }));
  } else if (f.toReclaim > 0) {
    paragraphs.push(t('bo.settlement.letter.reclaim', { amount: money(f.toReclaim), communication: facts.communication }));
  } else {
    paragraphs.push(t('bo.settlement.letter.nothing'));
  }
  paragraphs.push(t('bo.settlement.letter.questions'));
  return {
    language: lang,
    title: t('bo.settlement.letter.title', { measure, year: facts.reportYear }),
    header: [
      { label: t('bo.settlement.letter.sender'), value: t('bo.settlement.letter.sender_name') },
      { label: t('bo.settlement.letter.addressee'), value: facts.organisationName },
      { label: t('bo.settlement.letter.kbo'), value: formatKbo(facts.kbo) },
      { label: t('bo.settlement.letter.date'), value: formatDate(facts.date, lang) },
      { label: t('bo.settlement.letter.measure'), value: measure },
      { label: t('bo.settlement.letter.report_year'), value: String(facts.reportYear) },
      { label: t('bo.settlement.letter.communication'), value: facts.communication },
      { label: t('bo.settlement.letter.iban'), value: facts.iban ? formatIban(facts.iban) : '—' },
    ],
    amountsTitle: t('bo.settlement.letter.amounts'),
    amounts: [
      { label: t('bo.settlement.col.allocation'), value: money(f.allocation) },
      { label: t('bo.settlement.col.justified'), value: money(f.justified) },
      { label: t('bo.settlement.col.accepted'), value: money(f.accepted), emphasis: true },
      { label: t('bo.settlement.col.advances'), value: money(f.advances) },
      { label: t('bo.settlement.col.balance'), value: money(f.balance) },
      { label: t('bo.settlement.col.to_pay'), value: money(f.toPay), emphasis: f.toPay > 0 },
      {
        label: f.compensatedNextYear ? t('bo.settlement.col.to_withhold_next_year') : t('bo.settlement.col.to_reclaim'),
        value: money(f.toReclaim),
        emphasis: f.toReclaim > 0,
      },
    ],
    detailsTitle: t('bo.settlement.letter.details'),
    details: f.details.map((d) => ({ label: t(d.labelKey), value: money(d.cents) })),
    paragraphs,
    footer: t('bo.settlement.letter.footer', { date: formatDate(facts.date, lang) }),
  };
}
