import { requireAccess } from '../../../access/access.ts';
import { ensureMember, insertGrant } from '../../../access/grants.repository.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { appendAudit } from '../../../audit/audit.ts';
import { type Db, type Tx, withTransaction } from '../../../db/database.ts';
import { recordRegistryEvent } from '../../organisations/registry.repository.ts';
import { brusselsDay } from '../../shared/brussels-time.ts';
import { NotFound } from '../../shared/errors.ts';
import { maskInsz } from '../../shared/identifiers.ts';
import { type CopyPlanPerson, planAccessCopy, planTotals } from './copy-plan.ts';
import type { CopyPreview, CopyReport, CopyResult } from './mergers.model.ts';
import { bumpMemberVersion, listPartners, lockMerger, setMemberBlock, sourceMembers, storeCopyReport, targetMembers } from './mergers.repository.ts';
import { MERGER_EVENTS } from './mergers.service.ts';

/**
 * The one-off copy of the partners' access to the merged OCMW (issue 13, item 3; portal.md §1.5, MRG-4): the rules
 * are copy-plan.ts's. "Gebruikers kopiëren" shows the plan as it stands; "Bevestigen" locks the merger's row,
 * recomputes the plan and applies it, stores the report and marks the merger copied — a second run (or a second
 * click waiting for the first's lock) finds it copied and writes nothing.
 */

async function currentPlan(db: Db | Tx, merger: { id: string; merged_organisation_id: string }, now: Date) {
  const partners = (await listPartners(db, [merger.id])).filter((p) => !p.keeps_identity && p.id !== merger.merged_organisation_id);
  const [sources, targets] = await Promise.all([
    sourceMembers(
      db,
      partners.map((p) => p.id),
      now,
    ),
    targetMembers(db, merger.merged_organisation_id, now),
  ]);
  return { partners, plan: planAccessCopy(sources, targets) };
}

function reportOf(partners: Awaited<ReturnType<typeof currentPlan>>['partners'], plan: CopyPlanPerson[], at: Date, by: string): CopyReport {
  return {
    copiedAt: at.toISOString(),
    copiedBy: by,
    partners: partners.map((p) => ({
      id: p.id,
      kbo: p.kbo,
      name_nl: p.name_nl,
      name_fr: p.name_fr,
      name_de: p.name_de,
      language: p.language,
      administration_language: p.administration_language,
    })),
    persons: plan.map((p) => ({
      personId: p.personId,
      name: p.name,
      insz: maskInsz(p.insz),
      partnerIds: p.partnerIds,
      newMember: p.newMember,
      existingMember: p.existingMember,
      blocked: p.block !== null,
      added: p.add.map((a) => ({ right: a.right, from: a.from, domain: a.domain })),
      skipped: p.skipped.map((s) => ({ right: s.right, reason: s.reason })),
    })),
    totals: planTotals(plan),
  };
}

/** The plan as it stands now (nothing written), or the date of the copy already made. */
export async function previewAccessCopy(ctx: ServiceContext, mergerId: string): Promise<CopyPreview | CopyResult> {
  requireAccess(ctx.actor, 'RegistryEdit');
  const merger = await ctx.db.selectFrom('mergers').select(['id', 'merged_organisation_id', 'access_copied_at']).where('id', '=', mergerId).executeTakeFirst();
  if (!merger) throw new NotFound();
  if (merger.access_copied_at) return { kind: 'already', copiedAt: new Date(merger.access_copied_at) };
  const { partners, plan } = await currentPlan(ctx.db, merger, ctx.now);
  return { report: reportOf(partners, plan, ctx.now, ctx.actor.name) };
}

/** "Bevestigen": the copy, once. */
export async function runAccessCopy(ctx: ServiceContext, mergerId: string): Promise<CopyResult> {
  requireAccess(ctx.actor, 'RegistryEdit');
  return withTransaction(ctx.db, async (tx) => {
    const merger = await lockMerger(tx, mergerId);
    if (!merger) throw new NotFound();
    if (merger.access_copied_at) return { kind: 'already' as const, copiedAt: new Date(merger.access_copied_at) };
    const { partners, plan } = await currentPlan(tx, merger, ctx.now);
    const target = merger.merged_organisation_id;
    const by = ctx.actor.personId;
    const at = ctx.now;
    const via = { via: 'MERGER_COPY', mergerId };
    const audit = (type: 'USER_ADDED' | 'USER_BLOCKED' | 'APP_GRANTED' | 'ROLE_GRANTED', personId: string, payload: Record<string, unknown>) =>
      appendAudit(tx, { organisationId: target, actorPersonId: by, type, subjectId: personId, payload: { ...payload, ...via }, at });
    for (const p of plan) {
      if (p.add.length === 0) continue;
      const who = { id: p.personId, name: p.name, insz: maskInsz(p.insz) };
      await ensureMember(tx, { organisationId: target, personId: p.personId, ...p.contact, addedBy: by, at });
      if (p.newMember && p.block) await setMemberBlock(tx, target, p.personId, p.block, by);
      for (const a of p.add) await insertGrant(tx, { organisationId: target, personId: p.personId, domainCode: a.domain, right: a.right, grantedBy: by, at });
      if (p.existingMember) await bumpMemberVersion(tx, target, p.personId);
      const applications = p.add.filter((a) => a.right !== 'CO_TB').map((a) => a.right);
      if (p.newMember) await audit('USER_ADDED', p.personId, { person: who, after: { applications } });
      else for (const app of applications) await audit('APP_GRANTED', p.personId, { person: who, application: app });
      for (const role of p.add.filter((a) => a.right === 'CO_TB')) await audit('ROLE_GRANTED', p.personId, { person: who, role: 'CO_TB', domain: role.domain });
      if (p.newMember && p.block)
        await audit('USER_BLOCKED', p.personId, { person: who, until: p.block.until ? brusselsDay(new Date(p.block.until.getTime() - 1000)) : null });
    }
    const report = reportOf(partners, plan, at, ctx.actor.name);
    await storeCopyReport(tx, mergerId, report, by, at);
    await recordRegistryEvent(tx, { at, actorPersonId: by, organisationId: target, mergerId, type: MERGER_EVENTS.copied, payload: { ...report.totals } });
    return { kind: 'copied' as const };
  });
}
