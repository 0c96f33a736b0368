import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { belgianBankOf, bicBelongsTo, parseBankCodes } from '../../src/modules/organisations/belgian-bank-codes.ts';
import { type OcmwDataInput, fillBicFromIban, validateOcmwData } from '../../src/modules/organisations/ocmw-data.schema.ts';
import { makeBelgianIban } from '../../src/modules/shared/identifiers.ts';

/** Issue 14, item 7 (ADR 0043): the BIC checked against the Belgian bank code of the IBAN, or filled in from it. */
const ibanOf = (code: string) => makeBelgianIban(`${code}0012345`);

describe('Belgian bank codes', () => {
  it('name the major banks by the 3 digits after BE and the check digits', () => {
    const expected: Array<[string, string]> = [
      ['000', 'BPOTBEB1'],
      ['001', 'GEBABEBB'],
      ['230', 'GEBABEBB'],
      ['068', 'GKCCBEBB'],
      ['091', 'GKCCBEBB'],
      ['776', 'GKCCBEBB'],
      ['103', 'NICABEBB'],
      ['310', 'BBRUBEBB'],
      ['363', 'BBRUBEBB'],
      ['431', 'KREDBEBB'],
      ['735', 'KREDBEBB'],
      ['732', 'CREGBEBB'],
      ['193', 'CREGBEBB'],
      ['973', 'ARSPBE22'],
      ['979', 'ARSPBE22'],
      ['751', 'AXABBE22'],
      ['523', 'TRIOBEBB'],
      ['651', 'KEYTBEBB'],
      ['671', 'EURBBE99'],
      ['890', 'VDSPBE91'],
      ['953', 'CTBKBEBX'],
    ];
    for (const [code, bic] of expected) assert.equal(belgianBankOf(ibanOf(code))?.bic, bic, code);
    assert.equal(belgianBankOf(ibanOf('539')), undefined, 'a code the subset does not list');
    assert.equal(belgianBankOf('NL91ABNA0417164300'), undefined, 'not Belgian');
    assert.equal(
      belgianBankOf(
        ` ${ibanOf('431')
          .toLowerCase()
          .replace(/(.{4})/g, '$1 ')}`,
      )?.bic,
      'KREDBEBB',
      'as typed',
    );
  });

  it('match a BIC by its institution (8 characters), the successor of a merged bank too', () => {
    const belfius = belgianBankOf(ibanOf('068'));
    const axa = belgianBankOf(ibanOf('751'));
    assert.ok(belfius && axa);
    assert.equal(bicBelongsTo('gkcc be bb', belfius), true);
    assert.equal(bicBelongsTo('GKCCBEBBXXX', belfius), true);
    assert.equal(bicBelongsTo('KREDBEBB', belfius), false);
    assert.equal(bicBelongsTo('NICABEBB', axa), true, 'AXA Bank Belgium merged into Crelan');
  });

  it('are read from a CSV that says where it comes from and refuses a bad or overlapping row', () => {
    const csv = readFileSync(new URL('../../src/modules/organisations/reference/belgian-bank-codes.csv', import.meta.url), 'utf8');
    assert.match(csv, /National Bank of Belgium/);
    assert.match(csv, /SUBSET/);
    assert.match(csv, /version of 1 October 2022/);
    const head = 'from,to,bic,also,bank\n';
    assert.equal(parseBankCodes(`# x\n${head}001,049,GEBABEBB,,BNP Paribas Fortis\n`).length, 1);
    assert.throws(() => parseBankCodes(`${head}001,049,GEBABEBB,,A\n040,050,GKCCBEBB,,B\n`), /overlap/);
    assert.throws(() => parseBankCodes(`${head}1,49,GEBABEBB,,A\n`), /bad row/);
    assert.throws(() => parseBankCodes('from,to,bic\n'), /header/);
  });
});

describe('the BIC on the OCMW data page', () => {
  const base: OcmwDataInput = {
    iban: ibanOf('068'),
    bic: '',
    contactLastName: 'Peeters',
    contactFirstName: 'An',
    contactEmail: 'an@ocmw.be',
    contactPhone: '050 12 34 56',
  };

  it('is filled in from a known bank code when left empty, and never replaces what was typed', () => {
    const filled = fillBicFromIban(base);
    assert.equal(filled.input.bic, 'GKCCBEBB');
    assert.equal(filled.filledFrom?.name, 'Belfius Bank');
    assert.equal(fillBicFromIban({ ...base, bic: 'KREDBEBB' }).filledFrom, undefined);
    assert.equal(fillBicFromIban({ ...base, bic: 'KREDBEBB' }).input.bic, 'KREDBEBB');
    assert.equal(fillBicFromIban({ ...base, iban: ibanOf('539') }).filledFrom, undefined, 'unknown bank: nothing to fill');
    assert.equal(fillBicFromIban({ ...base, iban: `${ibanOf('068').slice(0, -1)}0` }).filledFrom, undefined, 'a wrong IBAN: nothing to fill');
  });

  it('must be the bank of a known bank code; an unknown code accepts any well-formed BIC', () => {
    const wrong = validateOcmwData({ ...base, bic: 'KREDBEBB' });
    assert.equal(wrong.ok, false);
    assert.deepEqual(!wrong.ok && wrong.errors.bic, { key: 'ocmw.error_bic_bank', values: { bank: 'Belfius Bank', expected: 'GKCCBEBB' } });
    assert.equal(validateOcmwData({ ...base, bic: 'GKCCBEBB' }).ok, true);
    assert.equal(validateOcmwData({ ...base, iban: ibanOf('539'), bic: 'ABCDBEBB' }).ok, true);
    assert.equal(validateOcmwData({ ...base, iban: ibanOf('539'), bic: 'ABCD' }).ok, false, 'the format is still checked');
    const foreign = validateOcmwData({ ...base, bic: 'DEUTDEFF' });
    assert.equal(!foreign.ok && foreign.errors.bic, 'ocmw.error_bic_country', 'another country says so first');
    const empty = validateOcmwData({ ...base, iban: ibanOf('539') });
    assert.equal(!empty.ok && empty.errors.bic, 'issue.required');
  });
});
