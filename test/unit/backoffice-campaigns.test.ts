import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brusselsInputs, brusselsToUtc, parseTimeOfDay } from '../../src/modules/shared/brussels-time.ts';
import { parseCampaignForm, parseReminderDays, rawOf } from '../../src/modules/backoffice/campaigns/campaign-form.ts';
import { paramFields, paramRawValues, parseParams } from '../../src/modules/backoffice/campaigns/param-fields.ts';
import { campaignDates } from '../../src/modules/campaigns/calendar.ts';

describe('campaign dates in Brussels time', () => {
  it('converts winter and summer time, both ways', () => {
    assert.equal(brusselsToUtc('2027-01-12', 0, 0).toISOString(), '2027-01-11T23:00:00.000Z');
    assert.equal(brusselsToUtc('2027-07-01', 0, 0).toISOString(), '2027-06-30T22:00:00.000Z');
    assert.equal(brusselsToUtc('2027-03-28', 3, 30).toISOString(), '2027-03-28T01:30:00.000Z', 'just after the switch to summer time');
    assert.deepEqual(brusselsInputs(new Date('2027-02-26T22:59:59Z')), { date: '26/02/2027', time: '23:59:59' });
    assert.deepEqual(brusselsInputs(new Date('2027-06-30T22:00:00Z')), { date: '01/07/2027', time: '00:00' });
  });

  it('reads times of day and refuses impossible ones', () => {
    assert.deepEqual(parseTimeOfDay('9:05'), { h: 9, min: 5, s: 0 });
    assert.deepEqual(parseTimeOfDay('23.59.59'), { h: 23, min: 59, s: 59 });
    for (const bad of ['24:00', '12:60', '12', 'noon', '']) assert.equal(parseTimeOfDay(bad), null, bad);
  });

  it('shows the official calendar as typed and reads it back unchanged', () => {
    const dates = campaignDates(2027, 'late');
    const raw = rawOf({ ...dates, reminderDays: [14, 3], definitionVersion: 1, params: {} });
    assert.deepEqual([raw.opensDate, raw.opensTime, raw.closesDate, raw.closesTime], ['31/01/2028', '00:00', '29/02/2028', '23:59:59']);
    const parsed = parseCampaignForm(raw, {}, [1]);
    assert.ok(parsed.ok);
    assert.equal(parsed.values.opensAt.getTime(), dates.opensAt.getTime());
    assert.equal(parsed.values.closesAt.getTime(), dates.closesAt.getTime());
  });
});

describe('reminder days', () => {
  it('accepts whole days 1–90 in any separator, once each, largest first', () => {
    assert.deepEqual(parseReminderDays('3, 14;14 7'), [14, 7, 3]);
    assert.deepEqual(parseReminderDays(''), []);
    for (const bad of ['0', '91', '7 dagen', '-3', 'x', '3.5']) assert.equal(parseReminderDays(bad), null, bad);
  });
});

describe('campaign parameters as form fields', () => {
  const params = {
    lumpSumPerFteCents: 3718400,
    months: 3,
    otherCostsAllowed: true,
    periodFrom: '2026-01-01',
    classTable: { '1': 50, '2': 100 },
    enums: { kinds: ['a', 'b'] },
  };

  it('types each parameter by its value', () => {
    assert.deepEqual(
      paramFields(params).map((f) => `${f.key}:${f.kind}`),
      ['classTable:table', 'enums:json', 'lumpSumPerFteCents:money', 'months:number', 'otherCostsAllowed:yesno', 'periodFrom:text'],
    );
  });

  it('reads back exactly what it shows', () => {
    const parsed = parseParams(params, paramRawValues(params));
    assert.deepEqual(parsed.errors, {});
    assert.deepEqual(parsed.params, params);
  });

  it('reads Belgian amounts, table rows added and removed, and validates JSON', () => {
    const raw = {
      ...paramRawValues(params),
      'p.lumpSumPerFteCents': '1.234,56',
      'p.classTable.k.0': '',
      'p.classTable.v.0': '',
      'p.classTable.k.2': '3',
      'p.classTable.v.2': '200',
    };
    const parsed = parseParams(params, raw);
    assert.deepEqual(parsed.errors, {});
    assert.equal(parsed.params.lumpSumPerFteCents, 123456);
    assert.deepEqual(parsed.params.classTable, { '2': 100, '3': 200 });
    const bad = parseParams(params, { ...raw, 'p.enums': '{"kinds": [', 'p.lumpSumPerFteCents': '-5', 'p.months': '2,5', 'p.classTable.k.2': '2' });
    assert.deepEqual(Object.keys(bad.errors).sort(), ['p.classTable.k.2', 'p.enums', 'p.lumpSumPerFteCents', 'p.months']);
    assert.equal(bad.errors['p.lumpSumPerFteCents'].key, 'bo.campaigns.error.money_negative');
    assert.equal(bad.errors['p.classTable.k.2'].key, 'bo.campaigns.error.row_duplicate');
  });
});
