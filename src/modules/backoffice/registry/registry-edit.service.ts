import { requireAccess } from '../../../access/access.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import { type Tx, withTransaction } from '../../../db/database.ts';
import { giveIdentifier, holdersOf, recordRegistryEvent } from '../../organisations/registry.repository.ts';
import { dayBefore } from '../../organisations/registry-rules.ts';
import { brusselsDay } from '../../shared/brussels-time.ts';
import { NotFound } from '../../shared/errors.ts';
import { currentNisPeriod, findOrganisation, lockOrganisationRow, replaceKbo, updateRegistryColumns } from './registry-admin.repository.ts';
import { type ParsedEdit, pageLanguageOf, parseEdit } from './registry-input.ts';
import type { EditConfirmResult, EditErrors, EditReviewResult, EditValues, FieldChange } from './registry.model.ts';

/**
 * POD MI's beheerder edits an organisation of the registry (issue 13, item 1; RegistryEdit) in two steps, as every
 * change in the back office (ADR 0031, 0032): "Opslaan" validates and shows exactly what changes; "Bevestigen"
 * validates again and applies it in one transaction with the organisation's row locked, only if its version is
 * still the one the overview was read at (else nothing changes: stale). Every confirmed change is one
 * ORGANISATION_CHANGED entry of the registry's log with each field before and after.
 *
 * The KBO number is a property of the organisation for its whole life (ADR 0035: never given to another one, the
 * URL key of its pages): changing it corrects it IN PLACE — the KBO history rows carrying the old number and the
 * current column take the new one, no new period is opened — and a corrected number is a real one
 * (kbo_fictitious = false). The log keeps the old number. A NIS code does change over time (merger scenario 2): a
 * new one is given from a day (giveIdentifier), the current period ending the day before.
 */

type Organisation = NonNullable<Awaited<ReturnType<typeof findOrganisation>>>;

const KBO_TAKEN: EditErrors = { kbo: 'kbo_taken' };

async function parseFor(ctx: ServiceContext | { db: Tx; now: Date }, org: Organisation, values: EditValues) {
  const period = await currentNisPeriod(ctx.db, org.id);
  return parseEdit(values, { type: org.type, kbo: org.kbo, nis: org.nis, validTo: org.valid_to, nisSince: period?.valid_from ?? null }, brusselsDay(ctx.now));
}

/** The checks against the other organisations: a KBO number anyone else holds or held; a NIS code held by another on an overlapping period. */
async function othersProblems(db: ServiceContext['db'] | Tx, org: Organisation, edit: ParsedEdit): Promise<EditErrors> {
  const errors: EditErrors = {};
  if (edit.kbo !== org.kbo) {
    const holders = await holdersOf(db, 'KBO', edit.kbo);
    const column = await db.selectFrom('organisations').select('id').where('kbo', '=', edit.kbo).where('id', '<>', org.id).executeTakeFirst();
    if (column || holders.some((h) => h.organisation_id !== org.id)) errors.kbo = 'kbo_taken';
  }
  if (edit.nis) {
    const { from } = edit.nis;
    const holders = await holdersOf(db, 'NIS', edit.nis.value);
    if (holders.some((h) => h.organisation_id !== org.id && (h.valid_to === null || h.valid_to >= from))) errors.nis = 'nis_taken';
  }
  return errors;
}

/** What changes, field by field (codes and stored values; the views put them in words). */
function changesOf(org: Organisation, edit: ParsedEdit): FieldChange[] {
  const isOcmw = org.type === 'OCMW';
  const pairs: Array<[FieldChange['field'], string, string]> = [
    ['name_nl', org.name_nl, edit.names.nl],
    ['name_fr', org.name_fr, edit.names.fr],
    ['name_de', org.name_de, edit.names.de],
    ['administration_language', org.administration_language ?? '', edit.administrationLanguage ?? ''],
    ['region', org.region ?? '', edit.region ?? ''],
    ['province', org.province ?? '', edit.province ?? ''],
    ['has_ocmw', String(org.has_ocmw), String(isOcmw ? edit.hasOcmw : org.has_ocmw)],
    ['kbo', org.kbo, edit.kbo],
    ['nis', org.nis ?? '', edit.nis ? edit.nis.value : (org.nis ?? '')],
  ];
  return pairs.filter(([, before, after]) => before !== after).map(([field, before, after]) => ({ field, before, after }));
}

/** "Opslaan": the field errors, or exactly what "Bevestigen" will change. */
export async function reviewEdit(ctx: ServiceContext, organisationId: string, values: EditValues): Promise<EditReviewResult> {
  requireAccess(ctx.actor, 'RegistryEdit');
  const org = await findOrganisation(ctx.db, organisationId);
  if (!org) throw new NotFound();
  const parsed = await parseFor(ctx, org, values);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const others = await othersProblems(ctx.db, org, parsed.edit);
  if (Object.keys(others).length > 0) return { kind: 'invalid', errors: others };
  const changes = changesOf(org, parsed.edit);
  if (changes.length === 0) return { kind: 'invalid', errors: { form: 'no_change' } };
  const kboChanges = parsed.edit.kbo !== org.kbo;
  return {
    kind: 'review',
    review: {
      values,
      version: org.version,
      changes,
      nisFrom: parsed.edit.nis?.from ?? null,
      kboChanges,
      kboBecomesReal: kboChanges && org.kbo_fictitious,
    },
  };
}

/** A violation of ORG-1 the database refused (the trigger of migration 0013, or the KBO column's UNIQUE): a race lost. */
function uniqueViolation(error: unknown): { message: string } | null {
  const e = error as { code?: unknown; message?: unknown } | null;
  return e && e.code === '23505' ? { message: String(e.message ?? '') } : null;
}

/**
 * "Bevestigen": validates again and applies under the organisation's lock if its version is the overview's. Two
 * beheerders giving the same number at once: the trigger (advisory lock per identifier) lets one pass; the other's
 * transaction is refused with 23505 and answered as the field's message.
 */
export async function confirmEdit(ctx: ServiceContext, organisationId: string, values: EditValues, version: number): Promise<EditConfirmResult> {
  requireAccess(ctx.actor, 'RegistryEdit');
  let nisChanged = false;
  try {
    return await withTransaction(ctx.db, async (tx): Promise<EditConfirmResult> => {
      const org = await lockOrganisationRow(tx, organisationId);
      if (!org) throw new NotFound();
      if (org.version !== version) return { kind: 'stale' };
      const parsed = await parseFor({ db: tx, now: ctx.now }, org, values);
      if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
      const others = await othersProblems(tx, org, parsed.edit);
      if (Object.keys(others).length > 0) return { kind: 'invalid', errors: others };
      const changes = changesOf(org, parsed.edit);
      if (changes.length === 0) return { kind: 'invalid', errors: { form: 'no_change' } };
      const { edit } = parsed;
      const isOcmw = org.type === 'OCMW';
      const languageChanged = edit.administrationLanguage !== null && edit.administrationLanguage !== org.administration_language;
      const saved = await updateRegistryColumns(
        tx,
        org.id,
        version,
        {
          name_nl: edit.names.nl,
          name_fr: edit.names.fr,
          name_de: edit.names.de,
          administration_language: edit.administrationLanguage,
          region: edit.region,
          province: edit.province,
          has_ocmw: isOcmw ? edit.hasOcmw : org.has_ocmw,
          // the default language of the OCMW's users' pages follows a new language of administration
          language: isOcmw && languageChanged && edit.administrationLanguage ? pageLanguageOf(edit.administrationLanguage) : org.language,
        },
        ctx.now,
      );
      if (!saved) return { kind: 'stale' };
      if (edit.kbo !== org.kbo) await replaceKbo(tx, org.id, org.kbo, edit.kbo, ctx.now);
      if (edit.nis) {
        nisChanged = true;
        await giveIdentifier(tx, org.id, 'NIS', edit.nis.value, edit.nis.from, dayBefore(edit.nis.from));
      }
      await recordRegistryEvent(tx, {
        at: ctx.now,
        actorPersonId: ctx.actor.personId,
        organisationId: org.id,
        type: 'ORGANISATION_CHANGED',
        payload: {
          changes,
          ...(edit.nis ? { nisFrom: edit.nis.from } : {}),
          ...(edit.kbo !== org.kbo ? { kboWasFictitious: org.kbo_fictitious } : {}),
          via: { kind: 'FORM' },
        },
      });
      return { kind: 'saved' };
    });
  } catch (error) {
    const violation = uniqueViolation(error);
    if (!violation) throw error;
    return { kind: 'invalid', errors: nisChanged && /\bNIS\b/.test(violation.message) ? { nis: 'nis_taken' } : KBO_TAKEN };
  }
}
