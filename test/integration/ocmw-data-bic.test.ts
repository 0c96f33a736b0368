import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeBelgianIban } from '../../src/modules/shared/identifiers.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type Client, hiddenValue, loginAs } from '../support/http.ts';

/**
 * Issue 14, item 7 (ADR 0043): on the OCMW data page the BIC is checked against the bank of a Belgian IBAN, or filled
 * in from it (and the page says so); a BIC of another bank is refused next to the field in the person's language,
 * with everything typed kept; a bank code the reference list does not know accepts any well-formed BIC.
 */
describe(`the BIC and the bank of the IBAN (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let an: Client;
  const kbc = makeBelgianIban('4310012345');
  const unknownBank = 'BE68539007547034';
  const contact = { contactLastName: 'Peeters', contactFirstName: 'An', contactEmail: 'an@ocmw.be', contactPhone: '050 12 34 56' };

  before(async () => {
    t = await buildTestApp();
    an = await loginAs(t.app, t.db, 'An Peeters');
  });
  after(async () => t.close());

  async function post(client: Client, fields: Record<string, string>) {
    const version = hiddenValue((await client.get(`${client.base}/details`)).body, 'version');
    return client.post(`${client.base}/details`, { version, ...fields });
  }
  const stored = () => t.db.selectFrom('organisations').select(['iban', 'bic']).where('name_nl', '=', 'OCMW Demostad').executeTakeFirstOrThrow();

  it('refuses a BIC of another bank next to the BIC field, keeping everything typed', async () => {
    const before = await stored();
    const res = await post(an, { iban: kbc, bic: 'gkcc bebb', ...contact, contactFirstName: 'Ann-Sofie' });
    assert.equal(res.statusCode, 422);
    assert.match(
      res.body,
      /id="ocmw-bic-error"[^>]*>[^<]*Deze BIC past niet bij het rekeningnummer\. Een rekeningnummer van KBC Bank heeft als BIC KREDBEBB\./,
    );
    assert.match(res.body, /class="error-summary"[\s\S]*href="#ocmw-bic"/);
    assert.match(res.body, /value="gkcc bebb"/);
    assert.match(res.body, /value="Ann-Sofie"/);
    assert.match(res.body, new RegExp(`value="${kbc}"`));
    assert.deepEqual(await stored(), before, 'nothing saved');
  });

  it('fills in an empty BIC from a known bank code and says so on the data page', async () => {
    let res = await post(an, { iban: kbc, bic: '', ...contact });
    if (res.statusCode === 200) {
      // signatures on open forms lapse with a new bank account: the confirmation already shows the BIC filled in
      assert.match(res.body, /name="bic"[^>]*value="KREDBEBB"|value="KREDBEBB"[^>]*name="bic"/);
      assert.match(res.body, /De BIC is ingevuld op basis van het rekeningnummer: KREDBEBB \(KBC Bank\)\./);
      res = await post(an, { iban: kbc, bic: '', ...contact, confirmBankChange: 'yes' });
    }
    assert.equal(res.statusCode, 303);
    assert.match(String(res.headers.location), new RegExp(`^${an.base}/details\\?m=bic_filled(_dropped)?$`));
    assert.deepEqual(await stored(), { iban: kbc, bic: 'KREDBEBB' });
    const page = await an.follow(res);
    assert.match(
      page.body,
      /class="notice notice--success"[^>]*>De gegevens zijn opgeslagen\. De BIC is ingevuld op basis van het rekeningnummer: KREDBEBB \(KBC Bank\)\./,
    );
    assert.match(page.body, /value="KREDBEBB"/);
  });

  it('accepts any well-formed BIC for a bank code it does not know, and still asks for one', async () => {
    const empty = await post(an, { iban: unknownBank, bic: '', ...contact });
    assert.equal(empty.statusCode, 422);
    assert.match(empty.body, /id="ocmw-bic-error"/);
    let res = await post(an, { iban: unknownBank, bic: 'ABCDBEBB', ...contact });
    if (res.statusCode === 200) res = await post(an, { iban: unknownBank, bic: 'ABCDBEBB', ...contact, confirmBankChange: 'yes' });
    assert.equal(res.statusCode, 303);
    assert.deepEqual(await stored(), { iban: unknownBank, bic: 'ABCDBEBB' });
  });

  it('says it in French to a French-speaking OCMW', async () => {
    const claire = await loginAs(t.app, t.db, 'Claire Martin');
    const res = await post(claire, { iban: makeBelgianIban('0680004321'), bic: 'KREDBEBB', ...contact });
    assert.equal(res.statusCode, 422);
    assert.match(res.body, /Ce BIC ne correspond pas au numéro de compte\. Un numéro de compte de Belfius Bank a pour BIC GKCCBEBB\./);
  });
});
