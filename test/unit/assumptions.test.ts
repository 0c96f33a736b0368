import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../../src/i18n/i18n.ts';
import { loadMeasureYears } from '../../src/modules/campaigns/campaign-years.ts';
import { assumedParams } from '../../src/modules/campaigns/assumptions.ts';
import { assumptionLines } from '../../src/modules/reports/assumption-lines.ts';

describe('parameters that are assumptions (issue 14, item 22)', () => {
  it('marks the gas fund’s class table of every year and the end of temporary protection after 4 March 2025 (forms.md [A])', () => {
    const years = new Map(loadMeasureYears().map((m) => [m.measure, m.years]));
    for (const data of Object.values(years.get('GAS_ELEK') ?? {})) assert.deepEqual(assumedParams(data.params), ['classTable']);
    for (const data of Object.values(years.get('GPMI_TB') ?? {})) {
      const expected = String(data.params.tpEndDate) > '2025-03-04' ? ['tpEndDate'] : [];
      assert.deepEqual(assumedParams(data.params), expected, String(data.params.tpEndDate));
    }
    assert.deepEqual(assumedParams((years.get('PSA') ?? {})['2026']?.params ?? {}), [], 'a measure without assumptions');
  });

  it('ignores names without a parameter and anything that is not a list, so POD MI confirms by taking a name out', () => {
    assert.deepEqual(assumedParams({ tpEndDate: '2027-03-04', assumedParams: ['tpEndDate', 'nonsense', 'assumedParams', 7] }), ['tpEndDate']);
    assert.deepEqual(assumedParams({ tpEndDate: '2027-03-04', assumedParams: 'tpEndDate' }), []);
    assert.deepEqual(assumedParams({ tpEndDate: '2027-03-04', assumedParams: [] }), [], 'confirmed by POD MI');
  });

  it('says the values as an OCMW reads them, in its language', () => {
    const params = { classTable: { '1': 50, '2': 100 }, tpEndDate: '2027-03-04', assumedParams: ['classTable', 'tpEndDate'] };
    assert.deepEqual(assumptionLines(translator('nl'), 'nl', params), [
      { label: 'De klassentabel (klasse van het OCMW → VTE maatschappelijk werkers)', value: 'klasse 1: 0,50 VTE; klasse 2: 1,00 VTE' },
      { label: 'Het einde van de tijdelijke bescherming', value: '04/03/2027' },
    ]);
    assert.equal(assumptionLines(translator('fr'), 'fr', params)[0].value, 'classe 1 : 0,50 ETP; classe 2 : 1,00 ETP');
  });
});
