import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Actor } from '../../src/access/access.ts';
import type { PodMiRole, RightCode } from '../../src/db/types.ts';
import { translator } from '../../src/i18n/i18n.ts';
import { requestCorrection } from '../../src/modules/backoffice/corrections/corrections.service.ts';
import { getDefinition } from '../../src/modules/forms/registry.ts';
import { KEPT_FILES } from '../../src/modules/reports/kept-files.ts';
import { storedBytes } from '../../src/modules/reports/kept-files.repository.ts';
import { loadForm, signForm } from '../../src/modules/reports/reports.service.ts';
import { keptWorkbook, setEntryMode, uploadWorkbook } from '../../src/modules/reports/workbook.service.ts';
import { buildWorkbook } from '../../src/modules/workbooks/index.ts';
import { type TestApp, buildTestApp } from '../support/app.ts';
import { campaignId, loginAs, organisationId, personId } from '../support/http.ts';
import { gpmiStaffRow, psaActivity, psaWorkbook } from '../support/measures.ts';
import { SIGNING, steppedUp } from '../support/signing.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const sha = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/**
 * Kept workbooks (issue 11 item 3, ADR "Retention of kept files"): bytes once per OCMW and SHA-256, the current,
 * signed and submitted files and the latest few of an open form kept, the rest pruned with its record left; a
 * quota per OCMW and an upload rate limit per person, both refusing with a message and changing nothing.
 */
describe(`kept workbooks (${process.env.TEST_DB ?? 'pglite'})`, () => {
  let t: TestApp;
  let demostad: string;
  let psa: string;
  let gpmi: string;
  let psaParams: Record<string, unknown>;
  let gpmiParams: Record<string, unknown>;
  let an: Actor;
  let jan: Actor;
  let els: Actor;
  let nathalie: Actor;

  async function actor(name: string, right: RightCode | null, podmiRole: PodMiRole | null = null): Promise<Actor> {
    const [first, ...rest] = name.split(' ');
    return {
      principalKind: 'PERSON',
      personId: await personId(t.db, first, rest.join(' ')),
      name,
      organisationId: podmiRole ? null : demostad,
      rights: right ? [right] : [],
      podmiRights: podmiRole ? [podmiRole] : [],
      authMethod: 'demo',
      authenticatedAt: t.clock.now(),
    };
  }
  const ctx = (a: Actor) => ({ actor: a, db: t.db, now: t.clock.now() });
  const version = async (campaign: string) => (await loadForm(ctx(an), campaign)).instance?.version ?? 0;

  /** Uploads as the person (a minute apart by default, within the rate limit of one person). */
  async function upload(who: Actor, campaign: string, content: Buffer, opts: { advanceMs?: number } = {}) {
    t.clock.advance(opts.advanceMs ?? 61_000);
    return uploadWorkbook(ctx(who), campaign, await version(campaign), { fileName: 'rekenblad.xlsx', mediaType: XLSX, content });
  }

  const psaFile = (n: number) => psaWorkbook(psaParams, { activitiesA: [psaActivity({ description: `Uitstap ${n}`, amount: '100' })] });
  const gpmiFile = (n: number) =>
    buildWorkbook({
      definition: getDefinition('GPMI', 1),
      measure: 'GPMI',
      reportYear: 2026,
      templateVersion: 1,
      params: gpmiParams,
      lang: 'nl',
      t: translator('nl'),
      rows: {
        staff: [gpmiStaffRow({ lastName: `Jacobs ${n}`, staffId: `T-${n}` })],
      },
    });

  /** The upload records of one form in upload order, and the bytes the OCMW holds. */
  async function records(campaign: string) {
    return t.db
      .selectFrom('form_attachments')
      .innerJoin('form_instances', 'form_instances.id', 'form_attachments.form_instance_id')
      .select(['form_attachments.id', 'form_attachments.sha256', 'form_attachments.kept_sha256', 'form_attachments.kept_reason', 'form_attachments.pruned_at'])
      .where('form_instances.organisation_id', '=', demostad)
      .where('form_instances.campaign_id', '=', campaign)
      .orderBy('form_attachments.seq')
      .execute();
  }
  const blobs = async () =>
    (await t.db.selectFrom('kept_files').select('sha256').where('organisation_id', '=', demostad).execute()).map((r) => r.sha256).sort();
  const instance = (campaign: string) =>
    t.db.selectFrom('form_instances').selectAll().where('organisation_id', '=', demostad).where('campaign_id', '=', campaign).executeTakeFirstOrThrow();

  async function switchToWorkbook(campaign: string) {
    const result = await setEntryMode(ctx(an), campaign, await version(campaign), 'WORKBOOK');
    assert.equal(result.kind, 'saved');
  }

  async function sign(who: Actor, campaign: string) {
    const result = await signForm(steppedUp(ctx(who)), campaign, (await loadForm(ctx(who), campaign)).contentHash, undefined, SIGNING);
    assert.notEqual(result.kind, 'refused', JSON.stringify(result));
    return result.kind;
  }

  before(async () => {
    t = await buildTestApp();
    demostad = await organisationId(t.db, 'OCMW Demostad');
    psa = await campaignId(t.db, 'PSA', 2026);
    gpmi = await campaignId(t.db, 'GPMI', 2026);
    const params = async (id: string) =>
      (await t.db.selectFrom('campaigns').select('params').where('id', '=', id).executeTakeFirstOrThrow()).params as Record<string, unknown>;
    psaParams = await params(psa);
    gpmiParams = await params(gpmi);
    an = await actor('An Peeters', 'UV_ENCODER');
    jan = await actor('Jan Janssens', 'UV_CHAIR');
    els = await actor('Els Maes', 'UV_DIRECTOR');
    nathalie = await actor('Nathalie Vermeulen', null, 'PODMI_AGENT');
  });
  after(async () => t.close());

  it('stores the same file uploaded twice once, with a record of each upload', async () => {
    await switchToWorkbook(psa);
    const file = await psaFile(1);
    assert.equal((await upload(an, psa, file)).kind, 'saved');
    assert.equal((await upload(an, psa, file)).kind, 'saved');
    const rows = await records(psa);
    assert.equal(rows.length, 2, 'two uploads, two records');
    assert.deepEqual(
      rows.map((r) => r.kept_sha256),
      [sha(file), sha(file)],
    );
    assert.deepEqual(await blobs(), [sha(file)], 'the bytes once');
    assert.equal(await storedBytes(t.db, demostad), file.length);
    const kept = await keptWorkbook(ctx(an), psa);
    assert.equal(sha(kept.content), sha(file), 'the kept file is served whole');
  });

  it('keeps the current, the signed and the latest five of an open form; prunes the rest, records left', async () => {
    await switchToWorkbook(gpmi);
    const files: Buffer[] = [];
    for (let n = 1; n <= 12; n++) {
      files.push(await gpmiFile(n));
      assert.equal((await upload(an, gpmi, files[n - 1])).kind, 'saved', `upload ${n}`);
      if (n === 3) assert.equal(await sign(jan, gpmi), 'signed', 'the chair signs the third file');
    }
    const rows = await records(gpmi);
    assert.equal(rows.length, 12, 'every upload keeps its record');
    const keptNumbers = rows.flatMap((r, i) => (r.kept_sha256 ? [i + 1] : []));
    assert.deepEqual(keptNumbers, [3, 8, 9, 10, 11, 12], 'the signed file and the latest five');
    assert.equal(rows[2].kept_reason, 'SIGNED');
    for (const r of rows) assert.equal(r.pruned_at === null, r.kept_sha256 !== null, 'a pruned record has no bytes');
    const psaKept = (await records(psa)).map((r) => r.kept_sha256).filter(Boolean);
    assert.deepEqual(await blobs(), [...new Set([...psaKept, ...[3, 8, 9, 10, 11, 12].map((n) => sha(files[n - 1]))])].sort(), 'pruned bytes are deleted');
    assert.equal((await instance(gpmi)).workbook_attachment_id, rows[11].id);

    // Both signatures on the twelfth file: submitted. The drafts of a submitted form go at the OCMW's next upload.
    assert.equal(await sign(jan, gpmi), 'signed');
    assert.equal(await sign(els, gpmi), 'submitted');
    assert.equal((await records(gpmi))[11].kept_reason, 'SUBMITTED');
    assert.equal((await upload(an, psa, await psaFile(2))).kind, 'saved');
    assert.deepEqual(
      (await records(gpmi)).flatMap((r, i) => (r.kept_sha256 ? [i + 1] : [])),
      [3, 12],
      'a submitted form keeps the signed and the submitted file only',
    );

    // The database itself refuses to prune or delete what a signature or a submission covered.
    const pinned = (await records(gpmi))[2].id;
    await assert.rejects(sql`UPDATE form_attachments SET pruned_at = now(), kept_sha256 = NULL WHERE id = ${pinned}`.execute(t.db), /never pruned/);
    await assert.rejects(sql`DELETE FROM form_attachments WHERE id = ${pinned}`.execute(t.db), /never deleted/);
    await assert.rejects(sql`UPDATE form_attachments SET kept_reason = NULL WHERE id = ${pinned}`.execute(t.db), /stays kept/);

    // Sent back for correction and uploaded again many times: the submitted file stays.
    const form = await instance(gpmi);
    const correction = await requestCorrection(ctx(nathalie), form.id, form.version, 'Gelieve het personeel opnieuw na te kijken.');
    assert.notEqual(correction.kind, 'invalid');
    for (let n = 13; n <= 20; n++) {
      files.push(await gpmiFile(n));
      assert.equal((await upload(an, gpmi, files[n - 1])).kind, 'saved', `upload ${n}`);
    }
    assert.deepEqual(
      (await records(gpmi)).flatMap((r, i) => (r.kept_sha256 ? [i + 1] : [])),
      [3, 12, 16, 17, 18, 19, 20],
    );
    assert.equal(sha((await keptWorkbook(ctx(an), gpmi)).content), sha(files[19]));
  });

  it('refuses an upload over the OCMW quota with a message, changing nothing; the same bytes again still fit', async () => {
    const file = await psaFile(3);
    const used = await storedBytes(t.db, demostad);
    const quota = KEPT_FILES.quotaBytesPerOcmw;
    KEPT_FILES.quotaBytesPerOcmw = used + file.length - 1;
    try {
      const before = await instance(psa);
      const recordsBefore = await records(psa);
      const blobsBefore = await blobs();
      const result = await upload(an, psa, file);
      assert.equal(result.kind, 'rejected');
      assert.ok(result.kind === 'rejected');
      assert.equal(result.status, 422);
      assert.equal(result.problems[0].kind === 'file' && result.problems[0].error.code, 'workbook.kept.quota');
      const after = await instance(psa);
      assert.equal(after.version, before.version, 'the form is not changed');
      assert.deepEqual(after.input, before.input, 'the rows entered stay');
      assert.equal(after.workbook_attachment_id, before.workbook_attachment_id);
      assert.deepEqual(await records(psa), recordsBefore, 'no record added, none pruned');
      assert.deepEqual(await blobs(), blobsBefore);
      for (const lang of ['nl', 'fr', 'de'] as const) {
        const problem = result.problems[0];
        const text = problem.kind === 'file' ? translator(lang)(problem.error.code, problem.error.params) : '';
        assert.match(text, { nl: /niet bewaard.*MB/, fr: /pas été conservé.*Mo/, de: /nicht gespeichert.*MB/ }[lang], lang);
      }
      // The file the form holds now, uploaded again: no new bytes, so it fits.
      const current = await keptWorkbook(ctx(an), psa);
      assert.equal((await upload(an, psa, current.content)).kind, 'saved');
    } finally {
      KEPT_FILES.quotaBytesPerOcmw = quota;
    }
    assert.equal((await upload(an, psa, file)).kind, 'saved', 'within the quota again');
  });

  it('limits the uploads of one person, saying when to try again next to the upload field, and loses nothing', async () => {
    const client = await loginAs(t.app, t.db, 'Els Maes');
    const base = `${(client as { base?: string }).base ?? ''}/forms/${psa}`;
    // Ten uploads in the window, whatever their outcome (these are not even workbooks).
    for (let n = 1; n <= KEPT_FILES.uploadsPerWindow; n++) {
      const refused = await upload(els, psa, Buffer.from(`not a workbook ${n}`), { advanceMs: 1_000 });
      assert.equal(
        refused.kind === 'rejected' && refused.problems[0].kind === 'file' && refused.problems[0].error.code.startsWith('workbook.kept'),
        false,
        `upload ${n} is not rate limited`,
      );
    }
    const before = await instance(psa);
    const good = await psaFile(4);
    t.clock.advance(60_000);
    const page = await client.get(base);
    const versionField = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '';
    const res = await client.postFile(`${base}/workbook`, { version: versionField }, { name: 'psa.xlsx', type: XLSX, content: good });
    assert.equal(res.statusCode, 429);
    assert.match(res.body, /U hebt in korte tijd te veel bestanden opgeladen \(meer dan 10 in 10 minuten\)\. Wacht 9 minuten/);
    assert.match(res.body, /field field--error/, 'shown next to the upload field');
    const after = await instance(psa);
    assert.equal(after.version, before.version);
    assert.deepEqual(after.input, before.input, 'what was entered stays');
    // Another person of the same OCMW is not held back; the same person is, until the window has passed.
    assert.equal((await upload(an, psa, good, { advanceMs: 0 })).kind, 'saved');
    t.clock.advance(KEPT_FILES.windowMs);
    const again = await client.postFile(`${base}/workbook`, { version: String(await version(psa)) }, { name: 'psa.xlsx', type: XLSX, content: good });
    assert.equal(again.statusCode, 303, again.body.slice(0, 500));
  });
});
