import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { campaignDates, lastWorkingDay } from '../../src/modules/campaigns/calendar.ts';
import { loadMeasureYears } from '../../src/modules/campaigns/campaign-years.ts';
import { getDefinition } from '../../src/modules/forms/registry.ts';

const brussels = (d: Date) => d.toLocaleString('nl-BE', { timeZone: 'Europe/Brussels', dateStyle: 'short', timeStyle: 'medium' }).replace(',', '');

describe('campaign calendar (forms.md §2.3, circulars of 2017 and 2026)', () => {
  it('report year 2025: open 12/01/2026, end of January for late forms, deadline 27/02/2026', () => {
    const early = campaignDates(2025, 'early');
    assert.equal(brussels(early.opensAt), '12/01/2026 00:00:00');
    assert.equal(brussels(early.closesAt), '27/02/2026 23:59:59');
    assert.equal(brussels(campaignDates(2025, 'late').opensAt), '30/01/2026 00:00:00');
  });

  it('report year 2016: deadline 28/02/2017, own opening date when the year gives one', () => {
    const dates = campaignDates(2016, 'early', { opensOn: '2017-01-31' });
    assert.equal(brussels(dates.opensAt), '31/01/2017 00:00:00');
    assert.equal(brussels(dates.closesAt), '28/02/2017 23:59:59');
  });

  it('takes the last working day of a month', () => {
    assert.equal(lastWorkingDay(2026, 2), 27); // 28/02/2026 is a Saturday
    assert.equal(lastWorkingDay(2024, 2), 29);
    assert.equal(lastWorkingDay(2026, 1), 30); // 31/01/2026 is a Saturday
  });
});

describe('per-year data of every measure (src/seed/campaign-years)', () => {
  const measures = loadMeasureYears();

  it('names a registered definition version for every year', () => {
    for (const m of measures)
      for (const [year, entry] of Object.entries(m.years)) assert.doesNotThrow(() => getDefinition(m.measure, entry.definitionVersion), `${m.measure} ${year}`);
  });

  it('gives the demo OCMWs only reference values the definitions know', () => {
    for (const m of measures) {
      for (const entry of Object.values(m.years)) {
        const keys = new Set(
          getDefinition(m.measure, entry.definitionVersion).sections.flatMap((s) => s.items.filter((i) => i.kind === 'ref').map((i) => i.key)),
        );
        for (const [ocmw, refs] of Object.entries(m.demoReferences ?? {}))
          assert.deepEqual(
            Object.keys(refs).filter((k) => !keys.has(k)),
            [],
            `${m.measure} ${ocmw}`,
          );
      }
    }
  });

  it('covers the measures of the circulars: 5 current ones in 2025, 8 in 2016', () => {
    const of = (year: string) =>
      measures
        .filter((m) => year in m.years)
        .map((m) => m.measure)
        .sort();
    assert.deepEqual(of('2025'), ['GAS_ELEK', 'GPMI', 'GPMI_TB', 'PERSONEELSKOSTEN', 'PSA']);
    assert.deepEqual(of('2016'), ['CLUSTERS', 'GAS_ELEK', 'GROTE_STEDEN', 'HUURWAARBORGEN', 'OVEREENKOMST', 'PERSONEELSKOSTEN', 'PSA', 'SOC_CULT']);
  });
});
