import { randomUUID } from 'node:crypto';
import { requireAccess, SIGN_PERMISSION, can, signingRoles } from '../../access/access.ts';
import { appendAudit } from '../../audit/audit.ts';
import { type Tx, withTransaction } from '../../db/database.ts';
import type { SignatureRole, SubmittedSnapshot } from '../../db/types.ts';
import { type ServiceContext, currentOrganisationId } from '../context.ts';
import { contentHash } from '../forms/canonical.ts';
import { type Evaluation, evaluate } from '../forms/evaluate.ts';
import type { RawInput } from '../forms/field-types.ts';
import type { FormDefinition } from '../forms/definition.ts';
import { getDefinition } from '../forms/registry.ts';
import { isOcmwDataComplete } from '../organisations/ocmw-data.schema.ts';
import type { OrganisationRow } from '../organisations/organisations.repository.ts';
import { type CampaignRow, campaignPhase, findCampaign, isEditablePhase } from './campaigns.repository.ts';
import { findFormBundle } from './form-bundle.repository.ts';
import { emptyRawInput, storedRawInput } from './form-input.ts';
import {
  type FormInstanceRow,
  type SignatureRow,
  bumpVersion,
  deleteSignatures,
  findInstance,
  insertInstance,
  insertSignature,
  lockInstance,
  updateInstanceContent,
} from './reports.repository.ts';

export interface LoadedForm {
  campaign: CampaignRow;
  /** the definition version this form is filled with */
  definition: FormDefinition;
  organisation: OrganisationRow;
  instance: FormInstanceRow | null;
  raw: RawInput;
  evaluation: Evaluation;
  contentHash: string;
  /** signatures given on the present content */
  signatures: SignatureRow[];
  /** signatures given on other content (dropped at the next save or signature) */
  staleSignatures: SignatureRow[];
  refs: Record<string, number>;
}

export class NotFound extends Error {}

/** A form keeps the definition version it was created with; a form not yet saved takes the campaign's. */
function definitionOf(campaign: CampaignRow, instance: { definition_version: number } | null) {
  return getDefinition(campaign.measure, instance?.definition_version ?? campaign.definition_version);
}

function evaluateContent(campaign: CampaignRow, organisation: OrganisationRow, definition: FormDefinition, raw: RawInput, refs: Record<string, number>) {
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
  });
  return { evaluation, hash };
}

const SNAPSHOT_COLUMNS = ['kbo', 'nis', 'name_nl', 'name_fr', 'name_de', 'iban', 'bic', 'contact_last_name', 'contact_first_name', 'contact_email', 'contact_phone'] as const;

function snapshotOf(organisation: OrganisationRow, refs: Record<string, number>): SubmittedSnapshot {
  return { organisation: Object.fromEntries(SNAPSHOT_COLUMNS.map((c) => [c, organisation[c]])), refs };
}

async function loadIn(db: ServiceContext['db'] | Tx, organisationId: string, campaignId: string, raw?: RawInput) {
  const bundle = await findFormBundle(db, organisationId, campaignId);
  if (!bundle) throw new NotFound();
  const { campaign, instance } = bundle;
  // A submitted form is shown exactly as it was signed: OCMW data and reference values from the snapshot.
  const snapshot = instance?.submitted_snapshot ?? null;
  const organisation = snapshot ? ({ ...bundle.organisation, ...snapshot.organisation } as OrganisationRow) : bundle.organisation;
  const refs = snapshot ? snapshot.refs : bundle.refs;
  const content = raw ?? (instance ? storedRawInput(instance.input) : emptyRawInput());
  const definition = definitionOf(campaign, instance);
  const { evaluation, hash } = evaluateContent(campaign, organisation, definition, content, refs);
  // Only signatures given on the present content count; others (content changed since) are shown as absent.
  const signatures = bundle.signatures.filter((s) => s.content_hash === hash);
  const staleSignatures = bundle.signatures.filter((s) => s.content_hash !== hash);
  return { campaign, definition, organisation, instance, raw: content, evaluation, contentHash: hash, signatures, staleSignatures, refs };
}

/** The definition a form of the actor's OCMW is filled with (the instance's version, else the campaign's). */
export async function formDefinitionFor(ctx: ServiceContext, campaignId: string) {
  requireAccess(ctx.actor, 'FormRead');
  const [campaign, instance] = await Promise.all([findCampaign(ctx.db, campaignId), findInstance(ctx.db, currentOrganisationId(ctx), campaignId)]);
  if (!campaign) throw new NotFound();
  return { campaign, definition: definitionOf(campaign, instance ?? null) };
}

/** The form of the actor's OCMW for one campaign, evaluated; `raw` evaluates unsaved input instead. */
export async function loadForm(ctx: ServiceContext, campaignId: string, raw?: RawInput): Promise<LoadedForm> {
  requireAccess(ctx.actor, 'FormRead');
  return loadIn(ctx.db, currentOrganisationId(ctx), campaignId, raw);
}

export type SaveResult =
  | { kind: 'saved'; hasErrors: boolean; droppedSignatures: number }
  | { kind: 'conflict'; current: LoadedForm }
  | { kind: 'submitted' }
  | { kind: 'not_open' };

/**
 * Saves the raw input (also with errors: intermediate saves are allowed) with compare-and-set on the
 * version. A change of content drops every signature already placed.
 */
export async function saveForm(ctx: ServiceContext, campaignId: string, expectedVersion: number, raw: RawInput): Promise<SaveResult> {
  requireAccess(ctx.actor, 'FormEdit');
  const organisationId = currentOrganisationId(ctx);
  const result = await withTransaction(ctx.db, async (tx): Promise<SaveResult | { kind: 'conflict' }> => {
    // Lock first (when the instance exists), then read everything else in one round trip.
    const instance = await lockInstance(tx, organisationId, campaignId);
    const bundle = await findFormBundle(tx, organisationId, campaignId);
    if (!bundle) throw new NotFound();
    const { campaign, organisation, refs, signatures } = bundle;
    if (!isEditablePhase(campaignPhase(campaign, ctx.now))) return { kind: 'not_open' };
    if (instance?.submitted_at) return { kind: 'submitted' };
    if ((instance?.version ?? 0) !== expectedVersion) return { kind: 'conflict' };
    const definition = definitionOf(campaign, instance ?? null);
    const { evaluation, hash } = evaluateContent(campaign, organisation, definition, raw, refs);
    const content = { input: JSON.stringify(raw), content_hash: hash, has_errors: evaluation.hasErrors };
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
      await deleteSignatures(tx, instance.id, dropped.map((s) => s.id));
    }
    const audit = { organisationId, actorPersonId: ctx.actor.personId, subjectId: instanceId, at: ctx.now };
    await appendAudit(tx, { ...audit, type: 'FORM_SAVED', payload: { version: expectedVersion + 1, contentHash: hash, hasErrors: evaluation.hasErrors } });
    for (const signature of dropped) {
      await appendAudit(tx, {
        ...audit,
        type: 'SIGNATURE_DROPPED',
        payload: { role: signature.role, signedBy: signature.person_id, signedHash: signature.content_hash, newHash: hash },
      });
    }
    return { kind: 'saved', hasErrors: evaluation.hasErrors, droppedSignatures: dropped.length };
  });
  if (result.kind === 'conflict') return { kind: 'conflict', current: await loadIn(ctx.db, organisationId, campaignId) };
  return result;
}

export type SignResult =
  | { kind: 'signed'; role: SignatureRole }
  | { kind: 'submitted'; role: SignatureRole }
  | { kind: 'refused'; reason: SignRefusal };

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
function chooseRole(available: SignatureRole[], signed: SignatureRole[], requested: unknown): SignatureRole | null {
  if (typeof requested === 'string' && available.includes(requested as SignatureRole)) return requested as SignatureRole;
  const open = available.filter((r) => !signed.includes(r));
  return open.length === 1 ? open[0] : (available[0] ?? null);
}

/**
 * Signs the form for the actor's role, bound to the content hash of what the actor saw (seenHash): two
 * signers at the same moment both succeed, a change of content in between refuses. The second signature
 * submits the form to POD MI in the same transaction.
 */
export async function signForm(ctx: ServiceContext, campaignId: string, seenHash: string, requestedRole?: unknown): Promise<SignResult> {
  const available = signingRoles(ctx.actor);
  if (available.length === 0) requireAccess(ctx.actor, 'FormSignAsChair');
  const organisationId = currentOrganisationId(ctx);
  const refuse = (reason: SignRefusal): SignResult => ({ kind: 'refused', reason });
  return withTransaction(ctx.db, async (tx) => {
    const instance = await lockInstance(tx, organisationId, campaignId);
    if (!instance) return refuse('not_started');
    if (instance.submitted_at) return refuse('already_submitted');
    const form = await loadIn(tx, organisationId, campaignId);
    if (form.contentHash !== seenHash) return refuse('changed');
    if (!isEditablePhase(campaignPhase(form.campaign, ctx.now))) return refuse('not_open');
    if (form.evaluation.hasErrors) return refuse('has_errors');
    if (!isOcmwDataComplete(form.organisation)) return refuse('ocmw_incomplete');
    const audit = { organisationId, actorPersonId: ctx.actor.personId, subjectId: instance.id, at: ctx.now };
    // Signatures bound to other content (OCMW bank account or reference values changed since) no longer count.
    const stale = form.staleSignatures;
    await deleteSignatures(tx, instance.id, stale.map((s) => s.id));
    for (const s of stale) {
      await appendAudit(tx, { ...audit, type: 'SIGNATURE_DROPPED', payload: { role: s.role, signedBy: s.person_id, signedHash: s.content_hash, newHash: form.contentHash } });
    }
    const valid = form.signatures;
    const role = chooseRole(available, valid.map((s) => s.role), requestedRole);
    if (!role || !can(ctx.actor, SIGN_PERMISSION[role])) return refuse('no_role');
    if (valid.some((s) => s.role === role)) return refuse('role_signed');
    if (valid.some((s) => s.person_id === ctx.actor.personId)) return refuse('same_person');
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
      authMethod: ctx.actor.authMethod,
      authenticatedAt: ctx.actor.authenticatedAt,
    });
    await appendAudit(tx, { ...audit, type: 'FORM_SIGNED', payload: { role, contentHash: form.contentHash } });
    if (!submits) return { kind: 'signed', role };
    await appendAudit(tx, { ...audit, type: 'FORM_SUBMITTED', payload: { contentHash: form.contentHash } });
    return { kind: 'submitted', role };
  });
}
