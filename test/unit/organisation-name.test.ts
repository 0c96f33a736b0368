import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { organisationName } from '../../src/modules/shared/organisation-name.ts';

/** Issue 14, item 12 (ADR 0043): an OCMW's own official name in every language. */
describe("an OCMW's name", () => {
  const villedemo = { name_nl: 'OCMW Villedemo', name_fr: 'CPAS de Villedemo', name_de: 'ÖSHZ Villedemo', language: 'fr' };
  const demostad = { name_nl: 'OCMW Demostad', name_fr: 'CPAS de Demostad', name_de: 'ÖSHZ Demostad', language: 'nl', administration_language: 'nl' };
  const eupen = { name_nl: 'OCMW Eupen', name_fr: 'CPAS d’Eupen', name_de: 'ÖSHZ Eupen', language: 'de', administration_language: 'de' };
  const brussel = { name_nl: 'OCMW Brussel', name_fr: 'CPAS de Bruxelles', name_de: 'ÖSHZ Brüssel', language: 'fr', administration_language: 'nl+fr' };

  it('is its official name, the one in its own language, on a page in any language', () => {
    for (const lang of ['nl', 'fr', 'de']) {
      assert.equal(organisationName(villedemo, lang), 'CPAS de Villedemo', lang);
      assert.equal(organisationName(demostad, lang), 'OCMW Demostad', lang);
      assert.equal(organisationName(eupen, lang), 'ÖSHZ Eupen', lang);
    }
  });

  it('of a bilingual (Brussels) OCMW: the Dutch name in Dutch, the French in French, both in German', () => {
    assert.equal(organisationName(brussel, 'nl'), 'OCMW Brussel');
    assert.equal(organisationName(brussel, 'fr'), 'CPAS de Bruxelles');
    assert.equal(organisationName(brussel, 'de'), 'OCMW Brussel / CPAS de Bruxelles');
  });

  it('follows the language of administration before the language of its people', () => {
    assert.equal(organisationName({ ...villedemo, administration_language: 'nl' }, 'fr'), 'OCMW Villedemo');
  });

  it('falls back to the name in the page language without a known language or an official name', () => {
    const { language: _, ...unknown } = villedemo;
    assert.equal(organisationName(unknown, 'de'), 'ÖSHZ Villedemo');
    assert.equal(organisationName(unknown, 'en'), 'OCMW Villedemo', 'Dutch for any other');
    assert.equal(organisationName({ ...villedemo, name_fr: '' }, 'de'), 'ÖSHZ Villedemo');
    assert.equal(organisationName({ ...brussel, name_fr: '' }, 'de'), 'OCMW Brussel');
    assert.equal(organisationName({ name_nl: null, name_fr: 'CPAS de X', name_de: null, language: 'fr' }, 'nl'), 'CPAS de X');
  });
});
