import { can, requireAccess } from '../../access/access.ts';
import { type ServiceContext, currentOrganisationId } from '../../access/service-context.ts';
import { appendAudit } from '../../audit/audit.ts';
import { withTransaction } from '../../db/database.ts';
import { brusselsDay } from '../shared/brussels-time.ts';
import type { ConfigScreen } from '../shared/domain.ts';
import { CONFIG_SCREENS, NO, SCREEN_FIELDS, type ScreenData, type ScreenErrors, YES } from './config-fields.ts';
import { changedFields, readMutationInput, readScreenInput, validateContact, validateOnline, validateProviders, type Validation } from './config-input.ts';
import type { ConfigChoices, ConfigOverview, ConfigSave, ConfigScreenState, HistoryEntry } from './config.model.ts';
import {
  type ConfigVersionRow,
  insertMutationSelections,
  insertVersion,
  isNewMergedOcmw,
  latestVersion,
  latestVersions,
  listMutationTypes,
  listNetworkProviders,
  listSoftwareSuppliers,
  screenVersions,
} from './config.repository.ts';

/** POD MI's lists the screens offer now: the mutation types, the network providers, the registry's software suppliers. */
export async function configChoices(ctx: ServiceContext): Promise<ConfigChoices> {
  const [mutationTypes, networkProviders, suppliers] = await Promise.all([
    listMutationTypes(ctx.db),
    listNetworkProviders(ctx.db),
    listSoftwareSuppliers(ctx.db, brusselsDay(ctx.now)),
  ]);
  return { mutationTypes, networkProviders, suppliers };
}

/** What a screen shows before its first save: every mutation type selected (portal.md §6.1); the other fields empty. */
export function emptyScreen(screen: ConfigScreen, choices: ConfigChoices): ScreenData {
  if (screen === 'MUTATIONS') return Object.fromEntries(choices.mutationTypes.map((m) => [m.code, YES]));
  return Object.fromEntries(SCREEN_FIELDS[screen].map((f) => [f, '']));
}

function stateOf(screen: ConfigScreen, row: ConfigVersionRow | undefined, choices: ConfigChoices): ConfigScreenState {
  // a type added to the catalogue after the last save shows as selected, as the dispatcher reads it (no row: yes)
  const data = { ...emptyScreen(screen, choices), ...(row?.data ?? {}) };
  return { screen, data, version: row?.version ?? 0, saved: row ? { at: row.saved_at, by: row.saved_by_name } : null };
}

/** The four screens with when each was last saved, and whether the OCMW is a new merged one that must fill them all. */
export async function getConfigOverview(ctx: ServiceContext): Promise<ConfigOverview> {
  requireAccess(ctx.actor, 'OcmwConfigRead');
  const organisationId = currentOrganisationId(ctx);
  const [rows, newMerged] = await Promise.all([latestVersions(ctx.db, organisationId), isNewMergedOcmw(ctx.db, organisationId)]);
  const screens = CONFIG_SCREENS.map((screen) => {
    const row = rows.find((r) => r.screen === screen);
    return { screen, saved: row ? { at: row.saved_at, by: row.saved_by_name } : null };
  });
  return { screens, newMerged, canEdit: can(ctx.actor, 'OcmwConfigEdit') };
}

/** One screen as saved last (or empty), with the lists it offers. */
export async function getConfigScreen(
  ctx: ServiceContext,
  screen: ConfigScreen,
): Promise<{ state: ConfigScreenState; choices: ConfigChoices; canEdit: boolean }> {
  requireAccess(ctx.actor, 'OcmwConfigRead');
  const [row, choices] = await Promise.all([latestVersion(ctx.db, currentOrganisationId(ctx), screen), configChoices(ctx)]);
  return { state: stateOf(screen, row, choices), choices, canEdit: can(ctx.actor, 'OcmwConfigEdit') };
}

/** The posted screen, read as the page shows it again when it is refused (nothing typed is lost). */
export function postedScreen(screen: ConfigScreen, body: unknown, choices: ConfigChoices): ScreenData {
  return screen === 'MUTATIONS'
    ? readMutationInput(
        choices.mutationTypes.map((m) => m.code),
        body,
      )
    : readScreenInput(screen, body);
}

function validate(screen: ConfigScreen, input: ScreenData, choices: ConfigChoices): Validation {
  switch (screen) {
    case 'MUTATIONS':
      return { ok: true, data: input };
    case 'PROVIDERS':
      return validateProviders(input, { networkProviders: choices.networkProviders.map((p) => p.code), suppliers: choices.suppliers.map((s) => s.kbo) });
    case 'CONTACT':
      return validateContact(input);
    case 'ONLINE':
      return validateOnline(input);
  }
}

/**
 * "Bewaren" (CFG-2): the screen is checked whole; valid, it becomes version `readVersion + 1` unless someone saved
 * meanwhile (then a conflict with their version, nothing written). A mutation selection that changes is dated from
 * now (CFG-3). Every save is in the OCMW's audit trail with its fields old → new.
 */
export async function saveConfigScreen(ctx: ServiceContext, screen: ConfigScreen, readVersion: number, input: ScreenData): Promise<ConfigSave> {
  requireAccess(ctx.actor, 'OcmwConfigEdit');
  const organisationId = currentOrganisationId(ctx);
  const choices = await configChoices(ctx);
  const checked = validate(screen, input, choices);
  if (!checked.ok) return { kind: 'invalid', errors: checked.errors as ScreenErrors };
  return withTransaction(ctx.db, async (tx) => {
    const current = stateOf(screen, await latestVersion(tx, organisationId, screen), choices);
    if (current.version !== readVersion) return { kind: 'conflict', theirs: current };
    const changes = changedFields(current.data, checked.data);
    if (changes.length === 0 && current.version > 0) return { kind: 'unchanged' };
    if (!(await insertVersion(tx, { organisationId, screen, version: readVersion + 1, data: checked.data, at: ctx.now, personId: ctx.actor.personId }))) {
      const theirs = stateOf(screen, await latestVersion(tx, organisationId, screen), choices);
      return { kind: 'conflict', theirs };
    }
    if (screen === 'MUTATIONS') {
      const selections = changes.map((c) => ({ code: c.field, selected: c.new !== NO }));
      await insertMutationSelections(tx, organisationId, selections, ctx.now, ctx.actor.personId);
    }
    await appendAudit(tx, {
      organisationId,
      actorPersonId: ctx.actor.personId,
      type: 'OCMW_CONFIG_SAVED',
      subjectId: organisationId,
      payload: { screen, version: readVersion + 1, changes },
      at: ctx.now,
    });
    return { kind: 'saved', changed: changes.length };
  });
}

/** Every save of a screen, newest first, each with its fields old → new (the first save against the empty screen). */
export async function getScreenHistory(ctx: ServiceContext, screen: ConfigScreen): Promise<{ entries: HistoryEntry[]; choices: ConfigChoices }> {
  requireAccess(ctx.actor, 'OcmwConfigRead');
  const [rows, choices] = await Promise.all([screenVersions(ctx.db, currentOrganisationId(ctx), screen), configChoices(ctx)]);
  let before = emptyScreen(screen, choices);
  const entries: HistoryEntry[] = [];
  for (const row of rows) {
    entries.push({ version: row.version, at: row.saved_at, by: row.saved_by_name, changes: changedFields(before, row.data) });
    before = row.data;
  }
  return { entries: entries.reverse(), choices };
}
