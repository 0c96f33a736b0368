import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  EMPTY_MERGER_FORM,
  type MergerFacts,
  type MergerFormValues,
  type OrganisationFact,
  checkMerger,
  parseMergerForm,
  parseRef,
  parseTransitionEnd,
} from '../../src/modules/backoffice/mergers/merger-input.ts';
import { activeInReportYear } from '../../src/modules/organisations/registry-rules.ts';
import { makeKbo } from '../../src/modules/shared/identifiers.ts';

const KBO_A = makeKbo('09911001');
const KBO_B = makeKbo('09911004');
const KBO_C = makeKbo('09911005');
const NEW_KBO = makeKbo('08888801');

function org(id: string, kbo: string, nis: string, extra: Partial<OrganisationFact> = {}): OrganisationFact {
  return {
    id,
    type: 'OCMW',
    kbo,
    nis,
    name_nl: `OCMW ${id}`,
    name_fr: `CPAS ${id}`,
    name_de: `ÖSHZ ${id}`,
    hasOcmw: true,
    validFrom: '1977-01-01',
    validTo: null,
    mergerId: null,
    absorbsOn: [],
    openIdentifiersFrom: '1977-01-01',
    ...extra,
  };
}

const A = org('a', KBO_A, '11001');
const B = org('b', KBO_B, '11004');
const C = org('c', KBO_C, '11005');

function facts(orgs: OrganisationFact[], extra: Partial<MergerFacts> = {}): MergerFacts {
  const organisations = new Map<string, OrganisationFact>();
  for (const o of orgs) {
    organisations.set(`KBO:${o.kbo}`, o);
    if (o.nis) organisations.set(`NIS:${o.nis}`, o);
  }
  return { organisations, newKboUsed: false, newNisHolders: [], ...extra };
}

const s1: MergerFormValues = {
  ...EMPTY_MERGER_FORM,
  partners: `${KBO_A}\n11004`,
  scenario: 'S1_NEW_KBO_NEW_NIS',
  effectiveOn: '01/01/2027',
  newKbo: NEW_KBO,
  newNis: '11099',
  nameNl: 'OCMW Nieuwgem',
  nameFr: 'CPAS de Nieuwgem',
  nameDe: 'ÖSHZ Nieuwgem',
  language: 'nl',
  region: 'VLG',
  province: 'Antwerpen',
};

const codes = (r: ReturnType<typeof checkMerger>, field: string) => (r.kind === 'invalid' ? (r.errors[field as 'partners'] ?? []).map((p) => p.code) : []);

describe('merger input (issue 13, item 2)', () => {
  it('reads a partner as a KBO number (dots allowed, mod-97 checked) or a NIS code', () => {
    assert.deepEqual(parseRef(` ${KBO_A.slice(0, 4)}.${KBO_A.slice(4, 7)}.${KBO_A.slice(7)} `), {
      raw: `${KBO_A.slice(0, 4)}.${KBO_A.slice(4, 7)}.${KBO_A.slice(7)}`,
      scheme: 'KBO',
      value: KBO_A,
    });
    assert.deepEqual(parseRef('11001'), { raw: '11001', scheme: 'NIS', value: '11001' });
    assert.equal((parseRef('0123456789') as { code: string }).code, 'ref_checksum');
    assert.equal((parseRef('abc') as { code: string }).code, 'ref_format');
  });

  it('a scenario 1 merger passes and plans the new OCMW; every partner disappears the day before', () => {
    const r = checkMerger(parseMergerForm(s1), facts([A, B]));
    assert.equal(r.kind, 'ok');
    if (r.kind !== 'ok') return;
    assert.equal(r.plan.lastDay, '2026-12-31');
    assert.deepEqual(
      r.plan.disappearing.map((p) => p.id),
      ['a', 'b'],
    );
    assert.equal(r.plan.created?.kbo, NEW_KBO);
    assert.equal(r.plan.transitionEndsOn, null, 'empty is voorlopig');
    // MRG-3 on the planned lifetimes: the partners file 2026 and not 2027; the new OCMW from 2027.
    const partnerLife = { validFrom: '1977-01-01', validTo: r.plan.lastDay };
    assert.equal(activeInReportYear(partnerLife, 2026), true);
    assert.equal(activeInReportYear(partnerLife, 2027), false);
    assert.equal(activeInReportYear({ validFrom: r.plan.effectiveOn, validTo: null }, 2026), false);
  });

  it('refuses each bad input next to its field', () => {
    const check = (values: Partial<MergerFormValues>, orgs = [A, B, C], extra: Partial<MergerFacts> = {}) =>
      checkMerger(parseMergerForm({ ...s1, ...values }), facts(orgs, extra));
    assert.deepEqual(codes(check({ scenario: '' }), 'scenario'), ['scenario_required']);
    assert.deepEqual(codes(check({ effectiveOn: '31/02/2027' }), 'effectiveOn'), ['date_invalid']);
    assert.deepEqual(codes(check({ transitionEndsOn: '31/12/2026' }), 'transitionEndsOn'), ['transition_not_after_effective']);
    assert.deepEqual(codes(check({ transitionEndsOn: '01/01/2027' }), 'transitionEndsOn'), ['transition_not_after_effective']);
    assert.deepEqual(codes(check({ partners: KBO_A }), 'partners'), ['partners_too_few']);
    assert.deepEqual(codes(check({ partners: `${KBO_A}\n11001` }), 'partners'), ['partner_twice', 'partners_too_few'].slice(0, 1));
    assert.deepEqual(codes(check({ partners: `${KBO_A}\n99999` }), 'partners'), ['partner_unknown']);
    assert.deepEqual(codes(check({ partners: `${KBO_A}\n0123456789` }), 'partners'), ['ref_checksum']);
    assert.deepEqual(codes(check({}, [A, { ...B, mergerId: 'm' }]), 'partners'), ['partner_in_merger']);
    assert.deepEqual(codes(check({}, [A, { ...B, validTo: '2020-12-31' }]), 'partners'), ['partner_ended']);
    assert.deepEqual(codes(check({}, [A, { ...B, validFrom: '2027-01-01' }]), 'partners'), ['partner_too_late']);
    assert.deepEqual(codes(check({}, [A, { ...B, absorbsOn: ['2028-01-01'] }]), 'partners'), ['partner_in_merger']);
    assert.deepEqual(codes(check({}, [A, { ...B, type: 'PODMI' }]), 'partners'), ['partner_not_ocmw']);
    assert.deepEqual(codes(check({}, [A, { ...B, hasOcmw: false }]), 'partners'), ['partner_not_ocmw']);
    assert.deepEqual(codes(check({ newKbo: '0123456789' }), 'newKbo'), ['kbo_checksum']);
    assert.deepEqual(codes(check({ newKbo: '' }), 'newKbo'), ['kbo_required']);
    assert.deepEqual(codes(check({}, [A, B], { newKboUsed: true }), 'newKbo'), ['kbo_used']);
    assert.deepEqual(codes(check({ newNis: '123' }), 'newNis'), ['nis_format']);
    assert.deepEqual(codes(check({}, [A, B], { newNisHolders: [{ organisationId: 'c', validFrom: '1977-01-01', validTo: null }] }), 'newNis'), ['nis_taken']);
    assert.deepEqual(codes(check({ nameFr: '', language: 'xx', region: '' }), 'nameFr'), ['name_required']);
    assert.deepEqual(codes(check({ language: 'xx' }), 'language'), ['language_invalid']);
    assert.deepEqual(codes(check({ region: 'WAL', province: '' }), 'province'), ['province_required']);
    assert.equal(check({ region: 'BRU', province: '' }).kind, 'ok');
  });

  it('a NIS code given up by a disappearing partner the day before is free for the merged OCMW', () => {
    const r = checkMerger(
      parseMergerForm({ ...s1, newNis: '11001' }),
      facts([A, B], { newNisHolders: [{ organisationId: 'a', validFrom: '1977-01-01', validTo: null }] }),
    );
    assert.equal(r.kind, 'ok');
  });

  it('scenarios 2 and 3: the keeper is among the partners, not disappearing; in S2 its NIS changes', () => {
    const s2 = {
      ...EMPTY_MERGER_FORM,
      partners: `${KBO_A}\n${KBO_B}`,
      scenario: 'S2_KEEP_KBO_NEW_NIS',
      effectiveOn: '2027-01-01',
      keeper: '11001',
      newNis: '11098',
    };
    const ok = checkMerger(parseMergerForm(s2), facts([A, B, C]));
    assert.equal(ok.kind, 'ok');
    if (ok.kind === 'ok') {
      assert.equal(ok.plan.keeper?.id, 'a');
      assert.deepEqual(
        ok.plan.disappearing.map((p) => p.id),
        ['b'],
      );
      assert.equal(ok.plan.keeperNis, '11098');
      assert.equal(ok.plan.created, null);
    }
    assert.deepEqual(codes(checkMerger(parseMergerForm({ ...s2, keeper: KBO_C }), facts([A, B, C])), 'keeper'), ['keeper_not_partner']);
    assert.deepEqual(codes(checkMerger(parseMergerForm({ ...s2, keeper: '' }), facts([A, B, C])), 'keeper'), ['keeper_required']);
    assert.deepEqual(codes(checkMerger(parseMergerForm({ ...s2, newNis: '11001' }), facts([A, B, C])), 'newNis'), ['nis_unchanged']);
    const disappearingKeeper = checkMerger(parseMergerForm(s2), facts([{ ...A, mergerId: 'other' }, B]));
    assert.deepEqual(codes(disappearingKeeper, 'keeper'), ['keeper_disappearing']);
    assert.deepEqual(codes(disappearingKeeper, 'partners'), [], 'said once, next to the keeper');
    const sameDay = checkMerger(parseMergerForm(s2), facts([{ ...A, absorbsOn: ['2027-01-01'] }, B]));
    assert.deepEqual(codes(sameDay, 'keeper'), ['keeper_same_day']);
    // S2/S3 count the keeper: a keeper alone is not a merger.
    const alone = checkMerger(parseMergerForm({ ...s2, partners: KBO_A, scenario: 'S3_KEEP_KBO_KEEP_NIS' }), facts([A, B]));
    assert.deepEqual(codes(alone, 'partners'), ['partners_too_few']);
    const s3 = checkMerger(parseMergerForm({ ...s2, scenario: 'S3_KEEP_KBO_KEEP_NIS', newNis: '' }), facts([A, B]));
    assert.equal(s3.kind, 'ok');
    if (s3.kind === 'ok') assert.equal(s3.plan.keeperNis, null);
  });

  it('the end of the transition: empty is voorlopig, after the effective date', () => {
    assert.deepEqual(parseTransitionEnd('  ', '2025-01-01'), { value: null });
    assert.deepEqual(parseTransitionEnd('01/01/2026', '2025-01-01'), { value: '2026-01-01' });
    assert.equal(parseTransitionEnd('2024-12-31', '2025-01-01').problem?.code, 'transition_not_after_effective');
    assert.equal(parseTransitionEnd('32/01/2026', '2025-01-01').problem?.code, 'date_invalid');
  });
});
