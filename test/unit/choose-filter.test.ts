import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filterChoosable, foldAccents, sortChoosable } from '../../src/modules/organisations/choose-filter.ts';

const rows = [
  { id: 'a', kbo: '0212000153', name_nl: 'OCMW Luik', name_fr: 'CPAS de Liège', name_de: 'ÖSHZ Lüttich' },
  { id: 'b', kbo: '0212000252', name_nl: 'OCMW Sint-Genesius-Rode', name_fr: 'CPAS de Rhode-Saint-Genèse', name_de: 'ÖSHZ Sint-Genesius-Rode' },
  { id: 'c', kbo: '0350123456', name_nl: 'OCMW Écaussinnes', name_fr: 'CPAS d’Écaussinnes', name_de: 'ÖSHZ Écaussinnes' },
];

describe('the organisation chooser filter', () => {
  it('folds accents and case', () => {
    assert.equal(foldAccents('Liège ÖSHZ Écaussinnes'), 'liege oshz ecaussinnes');
  });

  it('matches a name in any language without accents, every word', () => {
    assert.deepEqual(
      filterChoosable(rows, 'liege').map((r) => r.id),
      ['a'],
    );
    assert.deepEqual(
      filterChoosable(rows, 'lüttich').map((r) => r.id),
      ['a'],
    );
    assert.deepEqual(
      filterChoosable(rows, 'ecaussinnes').map((r) => r.id),
      ['c'],
    );
    assert.deepEqual(
      filterChoosable(rows, 'rode sint').map((r) => r.id),
      ['b'],
    );
    assert.deepEqual(filterChoosable(rows, 'Namen'), []);
  });

  it('matches KBO digits typed with dots, spaces, a BE prefix or the old 9-digit form', () => {
    assert.deepEqual(
      filterChoosable(rows, '0212.000.252').map((r) => r.id),
      ['b'],
    );
    assert.deepEqual(
      filterChoosable(rows, 'BE 0350 123 456').map((r) => r.id),
      ['c'],
    );
    assert.deepEqual(
      filterChoosable(rows, '350123456').map((r) => r.id),
      ['c'],
    );
    assert.deepEqual(
      filterChoosable(rows, '0212').map((r) => r.id),
      ['a', 'b'],
    );
  });

  it('keeps every row for an empty query and sorts by the name in the reader’s language', () => {
    assert.equal(filterChoosable(rows, '  ').length, 3);
    assert.deepEqual(
      sortChoosable(rows, 'fr').map((r) => r.id),
      ['c', 'a', 'b'],
    );
    const cities = [
      { id: 'x', kbo: '0212000351', name_nl: 'OCMW Doornik', name_fr: 'CPAS de Tournai', name_de: 'ÖSHZ Tournai' },
      { id: 'y', kbo: '0212000450', name_nl: 'OCMW Kortrijk', name_fr: 'CPAS de Courtrai', name_de: 'ÖSHZ Kortrijk' },
    ];
    assert.deepEqual(
      sortChoosable(cities, 'nl').map((r) => r.id),
      ['x', 'y'],
    );
    assert.deepEqual(
      sortChoosable(cities, 'fr').map((r) => r.id),
      ['y', 'x'],
    );
  });
});
