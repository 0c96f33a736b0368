import { randomUUID } from 'node:crypto';
import { requireAccess, SIGN_PERMISSION, can, signingRoles } from '../../access/access.ts';
import { requireFreshAuthentication } from '../../access/freshness.ts';
import { type AuditEventType, appendAudit } from '../../audit/audit.ts';
import { type Tx, withTransaction } from '../../db/database.ts';
import type { EntryMode, SignatureRole, SubmittedSnapshot } from '../../db/types.ts';
import { failpoint } from '../../platform/failpoints.ts';
import { type ServiceContext, currentOrganisationId } from '../../access/service-context.ts';
import { contentHash } from '../shared/canonical.ts';
import { meansOfAcr } from '../shared/fas-levels.ts';
import { type Evaluation, evaluate } from '../forms/evaluate.ts';
import type { RawInput } from '../forms/field-types.ts';
import type { FormDefinition, Issue } from '../forms/definition.ts';
import { overChargedStaff, staffLines } from '../forms/staff-overlap.ts';
import { getDefinition } from '../forms/registry.ts';
import { isOcmwDataComplete } from '../organisations/ocmw-data.schema.ts';
import type { OrganisationRow } from '../organisations/organisations.repository.ts';
import { campaignPhase, isEditablePhase } from '../campaigns/campaign-phase.ts';
import { type CampaignRow, findCampaign } from '../campaigns/campaigns.repository.ts';
import { type WorkbookFile, findFormBundle } from './form-bundle.repository.ts';
import { queueReceipt } from './submission-receipt.ts';
import { composeInput, emptyRawInput, storedRawInput } from './form-input.ts';
import { NotFound } from '../shared/errors.ts';
import type { LoadedForm } from './form.model.ts';

export type { LoadedForm } from './form.model.ts';
import { dropSignatures } from '../signatures/drop-signatures.ts';
import { queueReadyToSign } from '../signatures/signer-mail.ts';
import { type SignatureRow, insertSignature } from '../signatures/signatures.repository.ts';
import {
  bumpVersion,
  findInstance,
  findSavedParts,
  insertInstance,
  insertAttachment,
  listSiblingInputs,
  lockInstance,
  setEntry,
  unsafeFindInstanceOwner,
  updateInstanceContent,
} from './reports.repository.ts';

/** Where the form of this OCMW stands: the campaign's phase with what POD MI allowed this OCMW. */
export function formPhase(form: { campaign: CampaignRow; lateUntil: Date | null; instance: { review_state: string | null } | null }, now: Date) {
  return campaignPhase(form.campaign, now, { lateUntil: form.lateUntil, correctionRequested: form.instance?.review_state === 'CORRECTION_REQUESTED' });
}

/** A form keeps the definition version it was created with; a form not yet saved takes the campaign's. */
function definitionOf(campaign: CampaignRow, instance: { definition_version: number } | null) {
  return getDefinition(campaign.measure, instance?.definition_version ?? campaign.definition_version);
}

interface Entry {
  mode: EntryMode;
  workbookSha256: string | null;
}

function evaluateContent(
  campaign: CampaignRow,
  organisation: OrganisationRow,
  definition: FormDefinition,
  raw: RawInput,
  refs: Record<string, number>,
  entry: Entry,
) {
  const definitionVersion = definition.version;
  const evaluation = evaluate({ definition, raw, refs, params: campaign.params as Record<string, unknown>, reportYear: campaign.report_year });
  const hash = contentHash({
    measure: campaign.measure,
    definitionVersion,
    organisationKbo: organisation.kbo,
    payment: { iban: organisation.iban, bic: organisation.bic },
    reportYear: campaign.report_year,
    values: evaluation.values,
    tables: evaluation.tables,
    refs: evaluation.refs,
    // The uploaded file is part of what is signed (absent for forms typed in, so their hash is unchanged).
    workbook: entry.mode === 'WORKBOOK' ? { sha256: entry.workbookSha256 } : undefined,
  });
  return { evaluation, hash };
}

/**
 * A stored form evaluated as loadForm evaluates it (its definition version, its input, the given reference
 * values — for a submitted form the snapshot's): for the back office (settlement, exports), across OCMWs.
 */
export function evaluateStoredForm(
  campaign: Pick<CampaignRow, 'measure' | 'params' | 'report_year'>,
  definitionVersion: number,
  input: unknown,
  refs: Record<string, number>,
) {
  const definition = getDefinition(campaign.measure, definitionVersion);
  const evaluation = evaluate({
    definition,
    raw: storedRawInput(input),
    refs,
    params: campaign.params as Record<string, unknown>,
    reportYear: campaign.report_year,
  });
  return { definition, evaluation };
}

const SNAPSHOT_COLUMNS = [
  'kbo',
  'nis',
  'name_nl',
  'name_fr',
  'name_de',
  'iban',
  'bic',
  'contact_last_name',
  'contact_first_name',
  'contact_email',
  'contact_phone',
] as const;

function snapshotOf(organisation: OrganisationRow, refs: Record<string, number>): SubmittedSnapshot {
  return { organisation: Object.fromEntries(SNAPSHOT_COLUMNS.map((c) => [c, organisation[c]])), refs };
}

/** G-STAFF-1: warnings for staff charged above their FTE over all forms of the OCMW and report year. */
async function staffWarnings(
  db: ServiceContext['db'] | Tx,
  organisationId: string,
  campaign: CampaignRow,
  definition: FormDefinition,
  raw: RawInput,
): Promise<Issue[]> {
  const own = staffLines(campaign.measure, definition, raw);
  if (own.length === 0) return [];
  const siblings = await listSiblingInputs(db, organisationId, campaign.report_year, campaign.id);
  const others = siblings.flatMap((s) => staffLines(s.measure, getDefinition(s.measure, s.definition_version), storedRawInput(s.input)));
  return overChargedStaff(own, others);
}

async function loadIn(db: ServiceContext['db'] | Tx, organisationId: string, campaignId: string, raw?: RawInput): Promise<LoadedForm> {
  const bundle = await findFormBundle(db, organisationId, campaignId);
  if (!bundle) throw new NotFound();
  const { campaign, instance } = bundle;
  // A submitted form is shown exactly as it was signed: OCMW data and reference values from the snapshot.
  const snapshot = instance?.submitted_snapshot ?? null;
  const organisation = snapshot ? ({ ...bundle.organisation, ...snapshot.organisation } as OrganisationRow) : bundle.organisation;
  const refs = snapshot ? snapshot.refs : bundle.refs;
  const content = raw ?? (instance ? storedRawInput(instance.input) : emptyRawInput());
  const definition = definitionOf(campaign, instance);
  const entryMode = instance?.entry_mode ?? 'MANUAL';
  const { evaluation, hash } = evaluateContent(campaign, organisation, definition, content, refs, {
    mode: entryMode,
    workbookSha256: bundle.workbook?.sha256 ?? null,
  });
  evaluation.issues.push(...(await staffWarnings(db, organisationId, campaign, definition, content)));
  // Only signatures given on the present content count; others (content changed since) are shown as absent.
  const signatures = bundle.signatures.filter((s) => s.content_hash === hash);
  const staleSignatures = bundle.signatures.filter((s) => s.content_hash !== hash);
  return {
    campaign,
    definition,
    organisation,
    instance,
    raw: content,
    evaluation,
    contentHash: hash,
    signatures,
    staleSignatures,
    refs,
    entryMode,
    workbook: bundle.workbook,
    lateUntil: bundle.lateUntil,
    savedParts: definition.paged && instance ? await findSavedParts(db, organisationId, instance.id) : [],
  };
}

/** The definition a form of the actor's OCMW is filled with (the instance's version, else the campaign's). */
export async function formDefinitionFor(ctx: ServiceContext, campaignId: string) {
  requireAccess(ctx.actor, 'FormRead');
  const [campaign, instance] = await Promise.all([findCampaign(ctx.db, campaignId), findInstance(ctx.db, currentOrganisationId(ctx), campaignId)]);
  if (!campaign) throw new NotFound();
  return { campaign, definition: definitionOf(campaign, instance ?? null), entryMode: instance?.entry_mode ?? 'MANUAL' };
}

/**
 * POD MI: any OCMW's form by its instance id (reads across OCMWs on purpose, BackofficeRead), evaluated exactly
 * as its OCMW sees it — a submitted form from its snapshot. A missing id is NotFound.
 */
export async function loadFormForBackoffice(ctx: ServiceContext, instanceId: string): Promise<LoadedForm> {
  requireAccess(ctx.actor, 'BackofficeRead');
  const owner = await unsafeFindInstanceOwner(ctx.db, instanceId);
  if (!owner) throw new NotFound();
  return loadIn(ctx.db, owner.organisation_id, owner.campaign_id);
}

/** The form of the actor's OCMW for one campaign, evaluated; `raw` evaluates unsaved input instead. */
export async function loadForm(ctx: ServiceContext, campaignId: string, raw?: RawInput): Promise<LoadedForm> {
  requireAccess(ctx.actor, 'FormRead');
  return loadIn(ctx.db, currentOrganisationId(ctx), campaignId, raw);
}

export type SaveResult =
  | { kind: 'saved'; hasErrors: boolean; droppedSignatures: number; evaluation: Evaluation }
  | { kind: 'conflict'; current: LoadedForm }
  | { kind: 'submitted' }
  | { kind: 'not_open' };

/** What a change writes: the new raw input, how the form is justified, and the workbook uploaded with it. */
export interface ContentChange {
  raw: RawInput;
  entryMode: EntryMode;
  workbook: { keep: string | null; sha256: string | null } | { upload: UploadedFile; sha256: string };
  audit: { type: AuditEventType; payload: Record<string, unknown> };
}

export interface UploadedFile {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

export interface CurrentContent {
  stored: RawInput;
  definition: FormDefinition;
  campaign: CampaignRow;
  entryMode: EntryMode;
  workbook: WorkbookFile | null;
}

/**
 * The one way a form's content changes (typed input, an uploaded workbook, a change of entry mode): under a
 * lock, compare-and-set on the version, evaluation and hash, every signature not given on the new content
 * dropped, all audited. Intermediate saves with errors are allowed.
 */
export async function changeContent(
  ctx: ServiceContext,
  campaignId: string,
  expectedVersion: number,
  change: (current: CurrentContent) => ContentChange,
): Promise<SaveResult> {
  requireAccess(ctx.actor, 'FormEdit');
  const organisationId = currentOrganisationId(ctx);
  const result = await withTransaction(ctx.db, async (tx): Promise<SaveResult | { kind: 'conflict' }> => {
    // Lock first (when the instance exists), then read everything else in one round trip.
    const instance = await lockInstance(tx, organisationId, campaignId);
    const bundle = await findFormBundle(tx, organisationId, campaignId);
    if (!bundle) throw new NotFound();
    const { campaign, organisation, refs, signatures } = bundle;
    if (!isEditablePhase(formPhase({ campaign, lateUntil: bundle.lateUntil, instance: instance ?? null }, ctx.now))) return { kind: 'not_open' };
    if (instance?.submitted_at) return { kind: 'submitted' };
    if ((instance?.version ?? 0) !== expectedVersion) return { kind: 'conflict' };
    const definition = definitionOf(campaign, instance ?? null);
    const stored = instance ? storedRawInput(instance.input) : emptyRawInput();
    const next = change({ stored, definition, campaign, entryMode: instance?.entry_mode ?? 'MANUAL', workbook: bundle.workbook });
    const { evaluation, hash } = evaluateContent(campaign, organisation, definition, next.raw, refs, {
      mode: next.entryMode,
      workbookSha256: next.workbook.sha256,
    });
    const content = { input: JSON.stringify(next.raw), content_hash: hash, has_errors: evaluation.hasErrors };
    let instanceId: string;
    let dropped: SignatureRow[] = [];
    if (!instance) {
      instanceId = randomUUID();
      const inserted = await insertInstance(tx, {
        id: instanceId,
        organisation_id: organisationId,
        campaign_id: campaignId,
        measure: campaign.measure,
        report_year: campaign.report_year,
        definition_version: definition.version,
        ...content,
        now: ctx.now,
      });
      if (!inserted) return { kind: 'conflict' };
    } else {
      instanceId = instance.id;
      if (!(await updateInstanceContent(tx, instance, content, ctx.now))) return { kind: 'conflict' };
      // Every signature not given on the new content goes (also ones outdated by new reference values).
      dropped = signatures.filter((s) => s.content_hash !== hash);
    }
    let attachmentId = 'keep' in next.workbook ? next.workbook.keep : null;
    if ('upload' in next.workbook) {
      attachmentId = randomUUID();
      const file = next.workbook.upload;
      await insertAttachment(tx, {
        id: attachmentId,
        formInstanceId: instanceId,
        ...file,
        sha256: next.workbook.sha256,
        uploadedBy: ctx.actor.personId,
        now: ctx.now,
      });
    }
    if (next.entryMode !== (instance?.entry_mode ?? 'MANUAL') || attachmentId !== (instance?.workbook_attachment_id ?? null)) {
      await setEntry(tx, { id: instanceId, organisationId }, { entryMode: next.entryMode, workbookAttachmentId: attachmentId });
    }
    const audit = { organisationId, actorPersonId: ctx.actor.personId, subjectId: instanceId, at: ctx.now };
    await appendAudit(tx, {
      ...audit,
      type: next.audit.type,
      payload: { version: expectedVersion + 1, contentHash: hash, hasErrors: evaluation.hasErrors, ...next.audit.payload },
    });
    await dropSignatures(tx, instanceId, dropped, { kind: 'CONTENT_CHANGED', newHash: hash }, audit, { publicUrl: ctx.publicUrl });
    // Ready to sign now and not before: the chair and the general director are told (issue 14, item 10).
    if (evaluation.entered && !evaluation.hasErrors && (!instance || instance.has_errors)) {
      await queueReadyToSign(tx, instanceId, expectedVersion + 1, ctx.actor.personId, ctx.now, { publicUrl: ctx.publicUrl });
    }
    return { kind: 'saved', hasErrors: evaluation.hasErrors, droppedSignatures: dropped.length, evaluation };
  });
  if (result.kind === 'conflict') return { kind: 'conflict', current: await loadIn(ctx.db, organisationId, campaignId) };
  return result;
}

/**
 * Saves typed input: the whole form, or one part of a long form (merged into the stored input). Tables whose
 * rows come from an uploaded workbook keep the stored rows whatever is posted.
 */
export function saveForm(ctx: ServiceContext, campaignId: string, expectedVersion: number, posted: RawInput, part?: string): Promise<SaveResult> {
  return changeContent(ctx, campaignId, expectedVersion, (current) => ({
    raw: composeInput(current.definition, current.stored, posted, { part, entryMode: current.entryMode }),
    entryMode: current.entryMode,
    workbook: { keep: current.workbook?.id ?? null, sha256: current.workbook?.sha256 ?? null },
    audit: { type: 'FORM_SAVED', payload: part ? { part } : {} },
  }));
}

export type SignResult = { kind: 'signed'; role: SignatureRole } | { kind: 'submitted'; role: SignatureRole } | { kind: 'refused'; reason: SignRefusal };

export type SignRefusal =
  | 'not_started'
  | 'not_open'
  | 'already_submitted'
  | 'changed'
  | 'has_errors'
  | 'ocmw_incomplete'
  | 'no_role'
  | 'role_signed'
  | 'same_person';

/** Chooses the role to sign with: the requested one, else the only unsigned role the actor may sign for. */
function chooseRole(available: SignatureRole[], signed: SignatureRole[], requested: string | undefined): SignatureRole | null {
  if (typeof requested === 'string' && available.includes(requested as SignatureRole)) return requested as SignatureRole;
  const open = available.filter((r) => !signed.includes(r));
  return open.length === 1 ? open[0] : (available[0] ?? null);
}

/** How fresh and how strong the authentication of a signer must be (configuration: STEP_UP_MINUTES, OIDC_SIGNING_ACRS). */
export interface SigningPolicy {
  maxAgeMs: number;
  levels: readonly string[];
}

/** The signing policy of a configuration. */
export function signingPolicy(config: { stepUpMinutes: number; oidcSigningAcrs: readonly string[] }): SigningPolicy {
  return { maxAgeMs: config.stepUpMinutes * 60_000, levels: config.oidcSigningAcrs };
}

/**
 * Signs the form for the actor's role, bound to the content hash of what the actor saw (seenHash): two
 * signers at the same moment both succeed, a change of content in between refuses. The second signature
 * submits the form to POD MI in the same transaction.
 */
export async function signForm(
  ctx: ServiceContext,
  campaignId: string,
  seenHash: string,
  requestedRole: string | undefined,
  signing: SigningPolicy,
): Promise<SignResult> {
  const available = signingRoles(ctx.actor);
  if (available.length === 0) requireAccess(ctx.actor, 'FormSignAsChair');
  const organisationId = currentOrganisationId(ctx);
  const refuse = (reason: SignRefusal): SignResult => ({ kind: 'refused', reason });
  const result = await withTransaction(ctx.db, async (tx): Promise<SignResult> => {
    const instance = await lockInstance(tx, organisationId, campaignId);
    if (!instance) {
      // A campaign that does not exist answers like every form route: not found (never a refusal code).
      if (!(await findCampaign(tx, campaignId))) throw new NotFound();
      return refuse('not_started');
    }
    if (instance.submitted_at) return refuse('already_submitted');
    const form = await loadIn(tx, organisationId, campaignId);
    if (form.contentHash !== seenHash) return refuse('changed');
    if (!isEditablePhase(formPhase(form, ctx.now))) return refuse('not_open');
    if (form.evaluation.hasErrors) return refuse('has_errors');
    if (!isOcmwDataComplete(form.organisation)) return refuse('ocmw_incomplete');
    const audit = { organisationId, actorPersonId: ctx.actor.personId, subjectId: instance.id, at: ctx.now };
    // Signatures bound to other content (OCMW bank account or reference values changed since) no longer count.
    const stale = form.staleSignatures;
    await dropSignatures(tx, instance.id, stale, { kind: 'CONTENT_CHANGED', newHash: form.contentHash }, audit, { publicUrl: ctx.publicUrl });
    const valid = form.signatures;
    const role = chooseRole(
      available,
      valid.map((s) => s.role),
      requestedRole,
    );
    if (!role || !can(ctx.actor, SIGN_PERMISSION[role])) return refuse('no_role');
    if (valid.some((s) => s.role === role)) return refuse('role_signed');
    if (valid.some((s) => s.person_id === ctx.actor.personId)) return refuse('same_person');
    // Everything else allows this signature: it still needs a fresh step-up at a signing level in this OCMW (portal.md
    // ID-5), else FreshAuthenticationRequired (the transaction is rolled back; the route sends the signer to the step-up).
    const stepUp = requireFreshAuthentication(ctx.actor, signing.maxAgeMs, signing.levels, ctx.now);
    const submits = valid.length === 1;
    const snapshot = submits ? snapshotOf(form.organisation, form.refs) : null;
    if (!(await bumpVersion(tx, instance, ctx.now, snapshot))) return refuse('changed');
    await insertSignature(tx, {
      id: randomUUID(),
      formInstanceId: instance.id,
      role,
      personId: ctx.actor.personId,
      contentHash: form.contentHash,
      now: ctx.now,
      // The step-up's level, authentication time and provider: what the printout and the back office show.
      authMethod: meansOfAcr(stepUp.acr),
      authenticatedAt: stepUp.authTime,
      acr: stepUp.acr,
      provider: stepUp.provider,
    });
    await appendAudit(tx, { ...audit, type: 'FORM_SIGNED', payload: { role, contentHash: form.contentHash } });
    if (!submits) return { kind: 'signed', role };
    await appendAudit(tx, { ...audit, type: 'FORM_SUBMITTED', payload: { contentHash: form.contentHash } });
    await queueReceipt(tx, {
      formId: instance.id,
      version: instance.version + 1,
      campaign: form.campaign,
      organisation: form.organisation,
      now: ctx.now,
      publicUrl: ctx.publicUrl,
    });
    failpoint('submission:before-commit');
    return { kind: 'submitted', role };
  });
  if (result.kind === 'submitted') failpoint('submission:after-commit');
  return result;
}
