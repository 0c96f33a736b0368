import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { neutraliseCell, neutraliseText } from '../../src/modules/backoffice/exports/cell-safety.ts';
import { centsText, csvLine } from '../../src/modules/backoffice/exports/csv.ts';
import { settlementFigures } from '../../src/modules/backoffice/settlement/settlement-figures.ts';
import {
  formatStructuredCommunication,
  isValidStructuredCommunication,
  mod97CheckDigits,
  settlementCommunication,
} from '../../src/modules/backoffice/settlement/structured-communication.ts';
import { settlementLetterText } from '../../src/modules/backoffice/settlement/settlement-letter-text.ts';
import { covidPremieV1 } from '../../src/modules/forms/definitions/covid-premie.ts';
import { voedselhulpV1 } from '../../src/modules/forms/definitions/covid-subsidies.ts';
import { gasElekV1 } from '../../src/modules/forms/definitions/gas-elek.ts';
import { personeelskostenV1 } from '../../src/modules/forms/definitions/personeelskosten.ts';
import { evaluate } from '../../src/modules/forms/evaluate.ts';
import type { FormDefinition } from '../../src/modules/forms/definition.ts';
import { type Row, staffRow } from '../support/measures.ts';

const settleForm = (definition: FormDefinition, tables: Record<string, Row[]>, refs: Record<string, number>, params: Record<string, unknown>) => {
  const evaluation = evaluate({ definition, raw: { fields: {}, tables }, refs, params, reportYear: 2025 });
  return settlementFigures(definition, evaluation);
};

describe('settlement of one OCMW, read from the form evaluation (forms.md §3.3, §6.3)', () => {
  const PK_PARAMS = { amountPerFileCents: 51_800 };
  const pkTables = {
    staffNorms: [staffRow({ lastName: 'Vermeulen', firstName: 'Lies', grossCost: '62.340,00' })],
    reception: [
      { category: 'training', description: 'Vorming gespreksvaardigheden', 'period.from': '12/03/2025', 'period.to': '14/03/2025', amount: '1.850,00' },
    ],
  };

  it('reclaims the advance above the accepted amount', () => {
    // justified 62.340,00 + 1.850,00 = 64.190,00 < allocation 181.300,00; advances 100.000,00
    const f = settleForm(personeelskostenV1, pkTables, { fileCount: 350, allocation: 18_130_000, advancesPaid: 10_000_000 }, PK_PARAMS);
    assert.deepEqual(
      {
        allocation: f.allocation,
        justified: f.justified,
        accepted: f.accepted,
        advances: f.advances,
        balance: f.balance,
        toPay: f.toPay,
        toReclaim: f.toReclaim,
        unused: f.unused,
      },
      {
        allocation: 18_130_000,
        justified: 6_419_000,
        accepted: 6_419_000,
        advances: 10_000_000,
        balance: -3_581_000,
        toPay: 0,
        toReclaim: 3_581_000,
        unused: 11_711_000,
      },
    );
    assert.equal(f.compensatedNextYear, false);
    assert.equal(f.incomplete, false);
  });

  it('caps the accepted amount at the allocation when more is justified, and pays the rest of it', () => {
    const f = settleForm(personeelskostenV1, pkTables, { fileCount: 100, allocation: 5_000_000, advancesPaid: 4_500_000 }, PK_PARAMS);
    assert.equal(f.justified, 6_419_000);
    assert.equal(f.accepted, 5_000_000, 'capped at the allocation');
    assert.equal(f.balance, 500_000);
    assert.equal(f.toPay, 500_000);
    assert.equal(f.toReclaim, 0);
    assert.equal(f.unused, 0);
  });

  it('settles art. 4 and art. 6 of the gas and electricity fund separately, the unused part carried over', () => {
    const refs = {
      class: 2,
      fteEntitlement: 100,
      allocationArt4: 1_000_000,
      allocationArt6: 500_000,
      extraTranches: 0,
      advancesPaid: 1_400_000,
      compensationFromPreviousYear: 100_000,
      approvedDebtMediation: 1,
    };
    const f = settleForm(
      gasElekV1,
      {
        staffArt4: [staffRow({ function: 'debtMediator', grossCost: '6.000,00' })],
        unpaidBills: [{ energy: 'gas', householdsHelped: '40', amount: '8.000,00' }],
      },
      refs,
      { lumpSumPerFteCents: 3_718_400, classTable: { '2': 100 } },
    );
    const detail = Object.fromEntries(f.details.map((d) => [d.key, d.cents]));
    assert.equal(detail.art4Accepted, 600_000, 'art. 4: 6.000,00 of 10.000,00 used');
    assert.equal(detail.art6Accepted, 500_000, 'art. 6 capped at 5.000,00: its surplus does not cover art. 4');
    assert.equal(detail.art4Unused, 400_000);
    assert.equal(detail.art6Unused, 0);
    assert.equal(detail.unusedTotal, 400_000);
    assert.equal(detail.compensationFromPreviousYear, 100_000);
    assert.equal(f.allocation, 1_500_000);
    assert.equal(f.advances, 1_500_000, 'advances plus the compensation withheld for last year');
    assert.equal(f.accepted, 1_100_000);
    assert.equal(f.toReclaim, 400_000);
    assert.equal(f.toPay, 0);
    assert.equal(f.compensatedNextYear, true);
  });

  it('settles an OCMW without a submitted form as an empty form: nothing accepted, the advances reclaimed', () => {
    const f = settleForm(personeelskostenV1, {}, { fileCount: 350, allocation: 18_130_000, advancesPaid: 16_317_000 }, PK_PARAMS);
    assert.equal(f.accepted, 0);
    assert.equal(f.toReclaim, 16_317_000);
    assert.equal(f.toPay, 0);
    assert.equal(f.balance, -16_317_000);
  });
});

describe('structured communication (+++ddd/dddd/ddddd+++, mod 97)', () => {
  it('computes the check digits, 97 for a remainder of 0', () => {
    assert.equal(mod97CheckDigits('2610400001'), '21');
    assert.equal(mod97CheckDigits('0909337554'), '93');
    assert.equal(mod97CheckDigits('0000000097'), '97');
    assert.equal(formatStructuredCommunication('2610400001'), '+++261/0400/00121+++');
  });

  it('builds one per report year, measure and NIS code, always valid', () => {
    const c = settlementCommunication(2026, 'GAS_ELEK', '99001');
    assert.equal(c, `+++261/0499/001${mod97CheckDigits('2610499001')}+++`);
    assert.ok(isValidStructuredCommunication(c));
    assert.notEqual(c, settlementCommunication(2026, 'PERSONEELSKOSTEN', '99001'));
    assert.notEqual(c, settlementCommunication(2026, 'GAS_ELEK', '99002'));
    assert.equal(isValidStructuredCommunication('+++261/0499/00100+++'), false);
  });
});

describe('cell neutralisation for exports and payment files', () => {
  it('prefixes text that a spreadsheet would read as a formula', () => {
    assert.equal(neutraliseText('=1+1'), "'=1+1");
    assert.equal(neutraliseText('+32 2 123 45 67'), "'+32 2 123 45 67");
    assert.equal(neutraliseText('-5'), "'-5");
    assert.equal(neutraliseText('@SUM(A1:A2)'), "'@SUM(A1:A2)");
    assert.equal(neutraliseText('\t=x'), "'\t=x");
    assert.equal(neutraliseText('\r=x'), "'\r=x");
    assert.equal(neutraliseText('OCMW Demostad'), 'OCMW Demostad');
  });

  it('keeps numbers numbers and empty cells empty', () => {
    assert.equal(neutraliseCell(-5), -5);
    assert.equal(neutraliseCell(12.5), 12.5);
    assert.equal(neutraliseCell(null), null);
  });

  it('writes CSV lines with ; quoting, neutralised text and exact decimal amounts', () => {
    assert.equal(csvLine(['=HYPERLINK("x")', 'a;b', centsText(-123456), 7, null]), `"'=HYPERLINK(""x"")";"a;b";-1234,56;7;\r\n`);
    assert.equal(centsText(5).trusted, '0,05');
  });
});

describe('settlement letter text in the OCMW language', () => {
  const figures = settlementFigures(
    personeelskostenV1,
    evaluate({
      definition: personeelskostenV1,
      raw: { fields: {}, tables: {} },
      refs: { allocation: 100_000, advancesPaid: 0 },
      params: { amountPerFileCents: 51_800 },
      reportYear: 2025,
    }),
  );
  const facts = {
    organisationName: 'X',
    kbo: '0212000140',
    measure: 'PERSONEELSKOSTEN',
    reportYear: 2025,
    figures,
    withoutForm: true,
    iban: 'BE68539007547034',
    bic: 'GKCCBEBB',
    communication: '+++251/0599/00195+++',
    date: new Date('2026-03-15T10:00:00Z'),
  };

  it('is titled "Jaarlijkse afrekening", "Décompte annuel" or "Jährliche Abrechnung"', () => {
    assert.match(settlementLetterText({ ...facts, language: 'nl' }).title, /^Jaarlijkse afrekening/);
    assert.match(settlementLetterText({ ...facts, language: 'fr' }).title, /^Décompte annuel/);
    assert.match(settlementLetterText({ ...facts, language: 'de' }).title, /^Jährliche Abrechnung/);
  });

  it("names the gas fund's unused money as withheld from next year's allowance, never as a reclaim (issue 14, item 5)", () => {
    const label = (f: typeof figures, lang: 'nl' | 'fr') => settlementLetterText({ ...facts, language: lang, figures: f }).amounts.map((a) => a.label);
    const gas = { ...figures, compensatedNextYear: true, toReclaim: 12_345 };
    assert.ok(label(gas, 'nl').includes('Af te houden van de toelage van volgend jaar'));
    assert.ok(!label(gas, 'nl').includes('Terug te vorderen'));
    assert.ok(label(gas, 'fr').includes("À déduire de la subvention de l'année prochaine"));
    assert.ok(label(figures, 'nl').includes('Terug te vorderen'), 'other measures reclaim');
    const line = gasElekV1.sections.find((s) => s.key === 'settlement')?.items.find((i) => i.key === 'settlementToReclaim');
    assert.equal(line?.labelKey, 'settlement.to_withhold_next_year', 'the same words in the form');
  });

  it('reclaims a Covid-era subsidy by an invoice to come, never by a spontaneous repayment (forms.md §4.7, issue 15)', () => {
    const food = settlementFigures(
      voedselhulpV1,
      evaluate({
        definition: voedselhulpV1,
        raw: { fields: {}, tables: {} },
        refs: { envelope: 1_250_000 },
        params: { periodFrom: '2020-03-01', periodTo: '2020-12-31' },
        reportYear: 2020,
      }),
    );
    assert.deepEqual([food.toReclaim, food.toPay, food.reclaimByInvoice], [1_250_000, 0, true]);
    const text = (lang: 'nl' | 'fr' | 'de') =>
      settlementLetterText({ ...facts, measure: 'VOEDSELHULP', reportYear: 2020, figures: food, withoutForm: false, language: lang }).paragraphs.join(' ');
    assert.match(text('nl'), /De POD MI vordert 12\.500,00 € terug\. U ontvangt hiervoor een factuur: betaal niets terug voor u die ontvangt/);
    assert.match(text('fr'), /ne remboursez rien avant de l'avoir reçue/);
    assert.match(text('de'), /Zahlen Sie nichts zurück, bevor Sie sie erhalten haben/);
    assert.equal(figures.reclaimByInvoice, false, 'other measures: repay with the communication');
  });

  it('says that nothing is due when nothing was received nor accepted', () => {
    const letter = settlementLetterText({ ...facts, language: 'nl' });
    assert.ok(letter.paragraphs.some((p) => /niets te betalen/.test(p)));
    assert.ok(letter.paragraphs.some((p) => /geen formulier/.test(p)));
  });
});

describe('settlement of the Covid-19 premium (allocation = what is justified, forms.md §3.3)', () => {
  const premium = (justifiedTotal: string | null, advance: number) => {
    const evaluation = evaluate({
      definition: covidPremieV1,
      raw: { fields: justifiedTotal === null ? {} : { justifiedTotal }, tables: {} },
      refs: { advance, eligiblePersons: 40 },
      params: { premiumCents: 2500, months: 3 },
      reportYear: 2022,
    });
    const f = settlementFigures(covidPremieV1, evaluation);
    return { accepted: f.accepted, advances: f.advances, balance: f.balance, toPay: f.toPay, toReclaim: f.toReclaim, incomplete: f.incomplete };
  };

  it('pays what is justified above the advance, to the cent', () => {
    assert.deepEqual(premium('1.000,00', 75_000), { accepted: 100_000, advances: 75_000, balance: 25_000, toPay: 25_000, toReclaim: 0, incomplete: false });
  });

  it('reclaims the advance above what is justified; nothing justified reclaims it all', () => {
    assert.deepEqual(premium('975,00', 150_000), { accepted: 97_500, advances: 150_000, balance: -52_500, toPay: 0, toReclaim: 52_500, incomplete: false });
    assert.deepEqual(premium('0', 150_000), { accepted: 0, advances: 150_000, balance: -150_000, toPay: 0, toReclaim: 150_000, incomplete: false });
  });

  it('cannot settle a premium form without its justified total', () => {
    assert.equal(premium(null, 150_000).incomplete, true);
  });
});
