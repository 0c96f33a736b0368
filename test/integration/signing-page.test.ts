import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { type DemostadTeam, demostadTeam, hiddenValue } from '../support/http.ts';

/** "Ondertekenen" opens a check-answers page: key figures, the declaration, a button that says what happens (issue 14, item 9). */
describe(`the signing page (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let team: DemostadTeam;
  let form: string;

  before(async () => {
    t = await buildTestApp();
    team = await demostadTeam(t.app, t.db);
    form = `${team.an.base}/forms/${team.campaign}`;
    const edit = await team.an.get(`${form}/edit`);
    const saved = await team.an.post(form, { version: hiddenValue(edit.body, 'version'), 'f.justifiedTotal': '1.234,50', action: 'save' });
    assert.equal(saved.statusCode, 303);
  });
  after(async () => t.close());

  it('tells the chair near the top of the form that it waits for their signature, and leads to the signing page', async () => {
    const page = await team.jan.get(form);
    const top = page.body.indexOf('class="to-sign"');
    assert.ok(top > 0 && top < page.body.indexOf('class="form-section"'), 'the panel comes before the form’s content');
    assert.match(page.body, /wacht op uw handtekening als voorzitter/);
    assert.match(page.body, new RegExp(`href="${form}/sign\\?role=CHAIR"`));
    assert.doesNotMatch(page.body, /name="contentHash"/, 'nothing is signed from the form page itself');
  });

  it('shows the key figures and the declaration, and a first signature says another must follow', async () => {
    const page = await team.jan.get(`${form}/sign?role=CHAIR`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<h2>Kerncijfers<\/h2>/);
    assert.match(page.body, /1\.234,50 €/, 'the amount justified');
    assert.match(page.body, /Ik, Jan Janssens, voorzitter van OCMW Demostad, verklaar dat de gegevens in dit formulier/);
    assert.match(page.body, /moet ook de algemeen directeur\/secretaris ondertekenen/);
    assert.match(page.body, /<button type="submit" class="button">Ondertekenen als voorzitter<\/button>/);
    assert.match(page.body, /name="role" value="CHAIR"/);
  });

  it('sends nobody without a signing right there: the medewerker goes back to the form', async () => {
    const res = await team.an.get(`${form}/sign`);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, form);
  });

  it('signs with the hash shown, and the second signer’s button says the form goes to POD MI', async () => {
    const signPage = await team.jan.get(`${form}/sign?role=CHAIR`);
    const signed = await team.jan.post(`${form}/sign`, { contentHash: hiddenValue(signPage.body, 'contentHash'), role: 'CHAIR' });
    assert.equal(signed.headers.location, `${form}?m=signed`);
    assert.equal((await team.jan.get(`${form}/sign`)).statusCode, 303, 'signed once: no signing page again');
    const second = await team.els.get(`${form}/sign`);
    assert.match(second.body, /<button type="submit" class="button">Ondertekenen en verzenden naar de POD MI<\/button>/);
    assert.match(second.body, /met uw handtekening wordt het formulier verzonden naar de POD MI/);
    const submitted = await team.els.post(`${form}/sign`, { contentHash: hiddenValue(second.body, 'contentHash'), role: 'DIRECTOR' });
    assert.equal(submitted.headers.location, `${form}?m=submitted`);
  });
});
