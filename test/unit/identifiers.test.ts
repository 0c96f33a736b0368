import assert from 'node:assert/strict';
import { foldAccents } from '../../src/modules/shared/fold-accents.ts';
import { describe, test } from 'node:test';
import {
  bicCountry,
  inszProblem,
  maskInsz,
  formatIban,
  formatInsz,
  formatKbo,
  ibanBicConsistent,
  isValidBelgianIban,
  isValidBic,
  isValidEmail,
  isValidInsz,
  isValidKbo,
  isValidPhone,
  makeBelgianIban,
  makeInsz,
  makeKbo,
  normaliseBic,
  normaliseIban,
} from '../../src/modules/shared/identifiers.ts';

describe('IBAN', () => {
  test('known valid Belgian IBAN in several spellings', () => {
    for (const s of ['BE68 5390 0754 7034', 'BE68539007547034', 'be68539007547034', ' BE68 5390\u00A00754 7034 ']) {
      assert.equal(isValidBelgianIban(s), true, s);
    }
  });

  test('wrong check digits, length, country or characters', () => {
    for (const s of [
      'BE68 5390 0754 7035', // last digit changed
      'BE69 5390 0754 7034', // IBAN check changed
      'BE68 5390 0754 703', // too short
      'BE68 5390 0754 70344', // too long
      'NL91 ABNA 0417 1643 00', // valid Dutch IBAN, not Belgian
      'DE89 3704 0044 0532 0130 00', // valid German IBAN
      'BE6853900754703A',
      'BE68-5390-0754-7034',
      '68 5390 0754 7034',
      '',
    ]) {
      assert.equal(isValidBelgianIban(s), false, s);
    }
  });

  test('passes mod-97 but fails the Belgian national check', () => {
    // BBAN 539007547035 has national check 35 ≠ 5390075470 mod 97 = 34; IBAN check digits recomputed to pass mod-97.
    const bban = '539007547035';
    const check = 98 - Number(BigInt(`${bban}111400`) % 97n);
    const iban = `BE${String(check).padStart(2, '0')}${bban}`;
    assert.equal(Number(BigInt(`${bban}1114${iban.slice(2, 4)}`) % 97n), 1);
    assert.equal(isValidBelgianIban(iban), false);
  });

  test('makeBelgianIban computes national and IBAN check digits', () => {
    assert.equal(makeBelgianIban('5390075470'), 'BE68539007547034');
    for (const first10 of ['0000000000', '0010000000', '0689999999', '3631234567', '9999999999', '0000000097']) {
      const iban = makeBelgianIban(first10);
      assert.match(iban, /^BE\d{14}$/);
      assert.equal(iban.slice(4, 14), first10);
      assert.equal(isValidBelgianIban(iban), true, iban);
    }
    // first ten digits ≡ 0 mod 97 → national check 97
    assert.equal(makeBelgianIban('0000000097').slice(-2), '97');
    assert.equal(makeBelgianIban('0000000000').slice(-2), '97');
    assert.throws(() => makeBelgianIban('123'), RangeError);
    assert.throws(() => makeBelgianIban('12345678901'), RangeError);
    assert.throws(() => makeBelgianIban('12345678ab'), RangeError);
  });

  test('normalise and format', () => {
    assert.equal(normaliseIban(' be68 5390\t0754 7034 '), 'BE68539007547034');
    assert.equal(formatIban('BE68539007547034'), 'BE68 5390 0754 7034');
    assert.equal(formatIban('be 68 53 90 07 54 70 34'), 'BE68 5390 0754 7034');
    assert.equal(formatIban('NL91ABNA0417164300'), 'NL91 ABNA 0417 1643 00');
    assert.equal(formatIban(''), '');
  });
});

describe('BIC', () => {
  test('valid 8 and 11 character BICs', () => {
    for (const s of ['GEBABEBB', 'GEBABEBB021', 'gebabebb', ' KREDBEBB ', 'BBRUBEBB', 'DEUTDEFF', 'DEUTDEFF500', 'ABCDBE2X']) {
      assert.equal(isValidBic(s), true, s);
    }
  });

  test('spaces inside are removed before validation (GEBA BE BB)', () => {
    assert.equal(normaliseBic('GEBA BE BB'), 'GEBABEBB');
    assert.equal(normaliseBic(' geba be bb 021 '), 'GEBABEBB021');
    assert.equal(isValidBic('GEBA BE BB'), true);
    assert.equal(isValidBic('GEBA BE BB 021'), true);
  });

  test('invalid BICs', () => {
    for (const s of ['', 'GEBABE', 'GEBABEB', 'GEBABEBB0', 'GEBABEBB02', 'GEBABEBB0211', 'GEB1BEBB', 'GEBAB1BB', 'GEBA-BE-BB', 'GEBABEB_']) {
      assert.equal(isValidBic(s), false, s);
    }
  });

  test('bicCountry', () => {
    assert.equal(bicCountry('GEBABEBB'), 'BE');
    assert.equal(bicCountry('deutdeff500'), 'DE');
    assert.equal(bicCountry('not a bic'), null);
  });

  test('ibanBicConsistent', () => {
    assert.equal(ibanBicConsistent('BE68 5390 0754 7034', 'GEBABEBB'), true);
    assert.equal(ibanBicConsistent('be68539007547034', 'geba be bb 021'), true);
    assert.equal(ibanBicConsistent('BE68 5390 0754 7034', 'DEUTDEFF'), false);
    assert.equal(ibanBicConsistent('DE89 3704 0044 0532 0130 00', 'DEUTDEFF'), true);
    assert.equal(ibanBicConsistent('BE68 5390 0754 7034', 'GEBABE'), false);
    assert.equal(ibanBicConsistent('', 'GEBABEBB'), false);
    assert.equal(ibanBicConsistent('68539007547034', 'GEBABEBB'), false);
  });
});

describe('KBO enterprise number', () => {
  test('hand-verified examples', () => {
    // 02032013 mod 97 = 57 → 97 − 57 = 40
    assert.equal(isValidKbo('0203.201.340'), true);
    assert.equal(isValidKbo('0203201340'), true);
    // 01234567 mod 97 = 48 → 97 − 48 = 49
    assert.equal(isValidKbo('0123.456.749'), true);
    assert.equal(isValidKbo(' 0123456749 '), true);
  });

  test('invalid KBO numbers', () => {
    for (const s of [
      '0203.201.341', // wrong check
      '0203201339',
      '2203.201.3xx',
      '203.201.340', // 9 digits (old format) not accepted
      '02032013400',
      '0203 201 340',
      '0203.201340',
      '0203-201-340',
      'BE0203201340',
      '',
    ]) {
      assert.equal(isValidKbo(s), false, s);
    }
  });

  test('first digit must be 0 or 1', () => {
    // 22032013 has a correct mod-97 check but starts with 2
    const tail = String(97 - (22032013 % 97)).padStart(2, '0');
    assert.equal(isValidKbo(`22032013${tail}`), false);
    assert.throws(() => makeKbo('22032013'), RangeError);
  });

  test('makeKbo appends the check digits', () => {
    assert.equal(makeKbo('02032013'), '0203201340');
    assert.equal(makeKbo('01234567'), '0123456749');
    for (const first8 of ['00000001', '04123456', '08765432', '10000000', '19999999', '00000097']) {
      assert.equal(isValidKbo(makeKbo(first8)), true, first8);
    }
    // first eight ≡ 0 mod 97 → check 97
    assert.equal(makeKbo('00000097'), '0000009797');
    assert.throws(() => makeKbo('0123456'), RangeError);
  });

  test('formatKbo', () => {
    assert.equal(formatKbo('0203201340'), '0203.201.340');
    assert.equal(formatKbo('0203.201.340'), '0203.201.340');
    assert.equal(formatKbo(' abc '), 'abc');
  });
});

describe('INSZ national number', () => {
  test('hand-verified, born before 2000', () => {
    // 850730033 mod 97 = 69 → 97 − 69 = 28
    assert.equal(isValidInsz('85.07.30-033.28'), true);
    assert.equal(isValidInsz('85073003328'), true);
    assert.equal(isValidInsz(' 85.07.30-033.28 '), true);
    assert.equal(isValidInsz('85.07.30-033.29'), false);
  });

  test('hand-verified, born in 2000 or later', () => {
    // '2' + 000101001 = 2000101001 mod 97 = 92 → 97 − 92 = 5
    assert.equal(isValidInsz('00.01.01-001.05'), true);
    // 000101001 mod 97 = 24 → 73 is the pre-2000 variant, also accepted
    assert.equal(isValidInsz('00.01.01-001.73'), true);
    assert.equal(isValidInsz('00.01.01-001.06'), false);
    // '2' + 010203123 = 2010203123 mod 97 = 52 → 45
    assert.equal(isValidInsz('01020312345'), true);
  });

  test('makeInsz for both centuries', () => {
    assert.equal(makeInsz('850730033'), '85073003328');
    assert.equal(makeInsz('000101001', true), '00010100105');
    assert.equal(makeInsz('010203123', true), '01020312345');
    assert.equal(makeInsz('010203123'), '01020312316');
    for (const first9 of ['900101123', '751231999', '050607001', '231130456', '000000097']) {
      assert.equal(isValidInsz(makeInsz(first9)), true, first9);
      assert.equal(isValidInsz(makeInsz(first9, true)), true, `${first9} after 2000`);
    }
    assert.throws(() => makeInsz('12345678'), RangeError);
    assert.throws(() => makeInsz('12345678a'), RangeError);
  });

  test('invalid formats', () => {
    for (const s of ['', '8507300332', '850730033288', '85.07.30.033.28', '85-07-30-033-28', '850730-033.28', 'ab.cd.ef-ghi.jk']) {
      assert.equal(isValidInsz(s), false, s);
    }
  });

  test('formatInsz', () => {
    assert.equal(formatInsz('85073003328'), '85.07.30-033.28');
    assert.equal(formatInsz('85.07.30-033.28'), '85.07.30-033.28');
    assert.equal(formatInsz(' x '), 'x');
  });
});

describe('e-mail', () => {
  test('valid addresses', () => {
    for (const s of ['a@b.be', 'jan.peeters@ocmw-gent.be', 'first+tag@sub.example.co.uk', ' info@example.org ', 'x@xn--bcher-kva.de', 'jean@café.fr']) {
      assert.equal(isValidEmail(s), true, s);
    }
  });

  test('invalid addresses', () => {
    for (const s of [
      '',
      'plain',
      '@example.be',
      'a@',
      'a@b',
      'a@@b.be',
      'a@b@c.be',
      'a b@c.be',
      'a@b c.be',
      'a@.be',
      'a@b.',
      'a@b..be',
      'a@-b.be',
      'a@b-.be',
      `${'a'.repeat(65)}@b.be`,
      `a@${'b'.repeat(250)}.be`,
    ]) {
      assert.equal(isValidEmail(s), false, s);
    }
  });

  test('length limit is 254 characters', () => {
    const domain = `${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(63)}.be`; // 195 chars
    const at254 = `${'l'.repeat(254 - 1 - domain.length)}@${domain}`;
    assert.equal(at254.length, 254);
    assert.equal(isValidEmail(at254), true);
    assert.equal(isValidEmail(`l${at254}`), false);
  });
});

describe('phone', () => {
  test('valid numbers', () => {
    for (const s of ['09 123 45 67', '+32 9 123 45 67', '0470/12.34.56', '0470-12-34-56', '091234567', '+32470123456', '0032 470 12 34 56']) {
      assert.equal(isValidPhone(s), true, s);
    }
  });

  test('invalid numbers', () => {
    for (const s of [
      '',
      '12345678', // 8 digits
      '09 123 45 6',
      '+32 (0)9 123 45 67',
      '09 123 45 67 ext 2',
      '32+470123456',
      '0032 470 12 34 56 789', // 21 characters
      'phone',
    ]) {
      assert.equal(isValidPhone(s), false, s);
    }
  });

  test('20 characters is the maximum', () => {
    assert.equal(isValidPhone('+32 470 12 34 56 789'), true); // 20
    assert.equal(isValidPhone('+32 470 12 34 56 7899'), false); // 21
  });
});

describe('INSZ shown masked, refused with a reason', () => {
  test('one mask everywhere: the birth date part, never the sequence and check digits', () => {
    assert.equal(maskInsz('85073003328'), '85.07.30-***.**');
    assert.equal(maskInsz('85.07.30-033.28'), '85.07.30-***.**');
    assert.equal(maskInsz('12345'), '***');
  });

  test('empty, not eleven digits, wrong check digits, or fine (dots, dashes and spaces allowed)', () => {
    assert.equal(inszProblem('  '), 'required');
    assert.equal(inszProblem('85.07.30-033'), 'format');
    assert.equal(inszProblem('85.07.30-033.29'), 'checksum');
    assert.equal(inszProblem('85.07.30-033.28'), null);
    assert.equal(inszProblem(makeInsz('050101123', true)), null);
  });
});

describe('accents folded for comparison', () => {
  test('lower case, no accents', () => {
    assert.equal(foldAccents('Liège ÖSHZ Écaussinnes'), 'liege oshz ecaussinnes');
  });
});
