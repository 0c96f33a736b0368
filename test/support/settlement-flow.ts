import assert from 'node:assert/strict';
import { type Client, hiddenValue } from './http.ts';

export interface GasInput {
  /** unpaid bills (art. 6, curative): [energy, households, amount] */
  bills?: Array<[string, string, string]>;
  /** other measures (art. 5 §4): [category, description, amount], over the whole report year */
  other?: Array<[string, string, string]>;
}

async function savePart(client: Client, campaign: string, part: string, fields: Record<string, string>) {
  const edit = await client.get(`${client.base}/forms/${campaign}/edit?part=${part}`);
  assert.equal(edit.statusCode, 200);
  const res = await client.post(`${client.base}/forms/${campaign}`, { version: hiddenValue(edit.body, 'version'), part, ...fields, action: 'save' });
  assert.equal(res.statusCode, 303);
  assert.doesNotMatch(res.headers.location as string, /saved_errors/, `part ${part} saved without errors`);
}

/** Fills the gas and electricity fund form of the client's OCMW through HTTP, as a medewerker types it. */
export async function fillGasForm(client: Client, campaign: string, input: GasInput, reportYear = 2026) {
  const bills = input.bills ?? [];
  const billFields: Record<string, string> = { 't.unpaidBills.rows': String(bills.length) };
  bills.forEach(([energy, households, amount], i) => {
    billFields[`t.unpaidBills.${i}.energy`] = energy;
    billFields[`t.unpaidBills.${i}.householdsHelped`] = households;
    billFields[`t.unpaidBills.${i}.amount`] = amount;
  });
  await savePart(client, campaign, 'art6Curative', billFields);
  const other = input.other ?? [];
  if (other.length > 0) {
    const otherFields: Record<string, string> = { 't.otherMeasures.rows': String(other.length) };
    other.forEach(([category, description, amount], i) => {
      otherFields[`t.otherMeasures.${i}.category`] = category;
      otherFields[`t.otherMeasures.${i}.description`] = description;
      otherFields[`t.otherMeasures.${i}.period.from`] = `01/01/${reportYear}`;
      otherFields[`t.otherMeasures.${i}.period.to`] = `31/12/${reportYear}`;
      otherFields[`t.otherMeasures.${i}.amount`] = amount;
    });
    await savePart(client, campaign, 'art5Other', otherFields);
  }
}

/** One signature on the form as the signer sees it (the content hash read from the page). */
export async function sign(signer: Client, campaign: string) {
  const view = await signer.get(`${signer.base}/forms/${campaign}/sign`);
  return signer.post(`${signer.base}/forms/${campaign}/sign`, { contentHash: hiddenValue(view.body, 'contentHash') });
}

/** Both signers sign the form as it stands; the second signature submits it. */
export async function signTwice(campaign: string, signers: Client[]) {
  for (const signer of signers) assert.equal((await sign(signer, campaign)).statusCode, 303);
  const done = await signers[0].get(`${signers[0].base}/forms/${campaign}`);
  assert.doesNotMatch(done.body, /name="contentHash"/, 'submitted: nothing left to sign');
}
