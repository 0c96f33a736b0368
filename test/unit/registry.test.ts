import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { activeInReportYear, dayBefore, organisationStatus } from '../../src/modules/organisations/registry-rules.ts';
import { brusselsDay } from '../../src/modules/shared/brussels-time.ts';
import { isValidKbo } from '../../src/modules/shared/identifiers.ts';
import { SCENARIOS_2025, buildRegistry, ocmwNames, placeOfNis, readMergers2025, readMunicipalities } from '../../src/seed/registry.ts';

const registry = buildRegistry(readMunicipalities(), readMergers2025());
const byNis = (nis: string) => {
  const found = registry.organisations.find((o) => o.nis === nis);
  assert.ok(found, `no organisation with NIS ${nis}`);
  return found;
};
const mergerOf = (nis: string) => registry.mergers.find((m) => m.mergedKey === nis);
const offered = (year: number) => registry.organisations.filter((o) => o.hasOcmw && activeInReportYear(o, year));

describe('the registry of 1 January 2025 (portal.md §1.1, §1.6)', () => {
  it('holds the 565 municipalities of 2025 and the 20 partners that disappeared, each with a valid, unique KBO number', () => {
    assert.equal(registry.organisations.length, 585);
    const kbos = registry.organisations.map((o) => o.kbo);
    assert.equal(new Set(kbos).size, kbos.length);
    for (const kbo of kbos) assert.ok(isValidKbo(kbo), kbo);
    assert.equal(registry.organisations.filter((o) => o.validTo !== null).length, 20);
  });

  it('offers report year 2024 to the OCMWs of the 581 pre-merger municipalities and 2025 to those of the 565, Herstappe to neither', () => {
    assert.equal(offered(2024).length, 580);
    assert.equal(offered(2025).length, 564);
    assert.equal(offered(2026).length, 564);
    assert.equal(byNis('73028').hasOcmw, false);
  });

  it('records the fourteen mergers with the seed scenarios: 4 × S1, 9 × S2 (Bastogne included), 1 × S3', () => {
    assert.equal(registry.mergers.length, 14);
    const count = (s: string) => registry.mergers.filter((m) => m.scenario === s).length;
    assert.deepEqual([count('S1_NEW_KBO_NEW_NIS'), count('S2_KEEP_KBO_NEW_NIS'), count('S3_KEEP_KBO_KEEP_NIS')], [4, 9, 1]);
    assert.equal(Object.keys(SCENARIOS_2025).length, 14);
  });

  it('scenario 1: a new organisation from 2025, every partner disappears (Pajottegem)', () => {
    const pajottegem = byNis('23106');
    assert.equal(pajottegem.validFrom, '2025-01-01');
    const merger = mergerOf('23106');
    assert.deepEqual(
      merger?.partners.map((p) => [p.nisBefore, p.keepsIdentity]),
      [
        ['23023', false],
        ['23024', false],
        ['23032', false],
      ],
    );
    for (const nis of ['23023', '23024', '23032']) assert.equal(byNis(nis).validTo, '2024-12-31');
    assert.equal(activeInReportYear(pajottegem, 2024), false);
    assert.equal(activeInReportYear(byNis('23023'), 2024), true);
    assert.equal(activeInReportYear(byNis('23023'), 2025), false);
  });

  it('scenario 2: the partner whose name continues keeps its KBO, its NIS changes on 1/1/2025 (Hasselt); else the first-named (Bilzen)', () => {
    const hasselt = byNis('71072');
    assert.deepEqual(hasselt.nisHistory, [
      { nis: '71022', from: '1977-01-01', to: '2024-12-31' },
      { nis: '71072', from: '2025-01-01', to: null },
    ]);
    assert.equal(hasselt.validTo, null);
    assert.equal(byNis('73040').validTo, '2024-12-31', 'Kortessem disappears');
    assert.equal(byNis('73110').nisHistory[0].nis, '73006', 'Bilzen-Hoeselt keeps Bilzen’s KBO');
    assert.equal(byNis('73032').validTo, '2024-12-31', 'Hoeselt disappears');
    for (const year of [2024, 2025]) assert.ok(activeInReportYear(hasselt, year), `Hasselt files ${year}`);
    assert.equal(placeOfNis('73040').province, 'Limburg');
  });

  it('scenario 3: Antwerpen keeps KBO and NIS, Borsbeek disappears', () => {
    assert.deepEqual(byNis('11002').nisHistory, [{ nis: '11002', from: '1977-01-01', to: null }]);
    assert.equal(byNis('11007').validTo, '2024-12-31');
    assert.deepEqual(
      mergerOf('11002')?.partners.map((p) => [p.nisBefore, p.keepsIdentity]),
      [
        ['11002', true],
        ['11007', false],
      ],
    );
  });

  it('names an OCMW in the three languages', () => {
    assert.deepEqual(ocmwNames({ nameNl: 'Antwerpen', nameFr: 'Anvers', nameDe: 'Antwerpen' }), {
      nl: 'OCMW Antwerpen',
      fr: "CPAS d'Anvers",
      de: 'ÖSHZ Antwerpen',
    });
    assert.equal(ocmwNames({ nameNl: 'Le Roeulx', nameFr: 'Le Roeulx', nameDe: 'Le Roeulx' }).fr, 'CPAS du Roeulx');
    assert.equal(ocmwNames({ nameNl: 'Namen', nameFr: 'Namur', nameDe: 'Namür' }).fr, 'CPAS de Namur');
    assert.equal(byNis('21004').administrationLanguage, 'nl+fr');
  });
});

describe('status and report years (ORG-3, MRG-3)', () => {
  const partner = { validFrom: '1977-01-01', validTo: '2024-12-31', disappears: true, transitionEndsOn: null };
  it('is ACTIVE until its last legal day, then DISAPPEARING, MERGED from the end of the transition', () => {
    assert.equal(organisationStatus(partner, '2024-12-31'), 'ACTIVE');
    assert.equal(organisationStatus(partner, '2025-01-01'), 'DISAPPEARING');
    assert.equal(organisationStatus(partner, '2030-01-01'), 'DISAPPEARING', 'voorlopig: no end');
    assert.equal(organisationStatus({ ...partner, transitionEndsOn: '2026-07-01' }, '2026-06-30'), 'DISAPPEARING');
    assert.equal(organisationStatus({ ...partner, transitionEndsOn: '2026-07-01' }, '2026-07-01'), 'MERGED');
    assert.equal(organisationStatus({ ...partner, disappears: false }, '2025-01-01'), 'MERGED', 'ended without a successor');
  });
  it('reads days in Brussels', () => {
    assert.equal(brusselsDay(new Date('2024-12-31T23:30:00Z')), '2025-01-01');
    assert.equal(dayBefore('2025-01-01'), '2024-12-31');
    assert.equal(dayBefore('2024-03-01'), '2024-02-29');
  });
});
