import { CONFIG_SCREENS, OTHER, PRIMAWEB, type ScreenData } from '../../ocmw-config/config-fields.ts';
import type { ConfigChoices } from '../../ocmw-config/config.model.ts';
import { organisationName } from '../../shared/organisation-name.ts';
import { organisationStatus } from '../../organisations/registry-rules.ts';
import type { ConfigScreen } from '../../shared/domain.ts';
import { foldAccents } from '../../shared/fold-accents.ts';
import type { ChoiceText, ConfigurationFilter } from './configuration.model.ts';
import type { LatestConfigurationRow, listConfigurableOcmws } from './configuration.repository.ts';

/** One OCMW that exists today with the current save of each screen it saved (pure: the list and the export read it). */
export interface OcmwConfiguration {
  id: string;
  kbo: string;
  nis: string | null;
  name_nl: string;
  name_fr: string;
  name_de: string;
  status: 'ACTIVE' | 'DISAPPEARING';
  newMerged: boolean;
  screens: Partial<Record<ConfigScreen, { data: ScreenData; savedAt: Date }>>;
}

type OcmwRow = Awaited<ReturnType<typeof listConfigurableOcmws>>[number];

/**
 * The OCMWs that exist on `day` — active, or disappearing in a merger whose transition still runs (its people still
 * work there) — each with its saved screens. A merged OCMW (gone) or one not yet in force is not listed.
 */
export function configurationsOf(ocmws: OcmwRow[], latest: LatestConfigurationRow[], day: string): OcmwConfiguration[] {
  const screensOf = new Map<string, OcmwConfiguration['screens']>();
  for (const row of latest) {
    const screens = screensOf.get(row.organisation_id) ?? {};
    screens[row.screen] = { data: row.data, savedAt: new Date(row.saved_at) };
    screensOf.set(row.organisation_id, screens);
  }
  const out: OcmwConfiguration[] = [];
  for (const o of ocmws) {
    if (o.valid_from > day) continue;
    const status = organisationStatus(
      { validFrom: o.valid_from, validTo: o.valid_to, disappears: o.merger_id !== null, transitionEndsOn: o.transition_ends_on },
      day,
    );
    if (status === 'MERGED') continue;
    out.push({
      id: o.id,
      kbo: o.kbo,
      nis: o.nis,
      name_nl: o.name_nl,
      name_fr: o.name_fr,
      name_de: o.name_de,
      status,
      newMerged: Boolean(o.new_merged),
      screens: screensOf.get(o.id) ?? {},
    });
  }
  return out;
}

export function savedCount(c: OcmwConfiguration): number {
  return CONFIG_SCREENS.filter((s) => c.screens[s]).length;
}

export function lastSavedAt(c: OcmwConfiguration): Date | null {
  const times = CONFIG_SCREENS.flatMap((s) => c.screens[s]?.savedAt.getTime() ?? []);
  return times.length === 0 ? null : new Date(Math.max(...times));
}

/** A field of the current save of the providers screen ('' when the screen was never saved). */
const providersField = (c: OcmwConfiguration, field: string) => c.screens.PROVIDERS?.data[field] ?? '';

export function supplierOf(c: OcmwConfiguration, choices: ConfigChoices, lang: string): ChoiceText | null {
  const value = providersField(c, 'softwareSupplier');
  if (value === '') return null;
  if (value === PRIMAWEB) return { kind: 'primaweb' };
  if (value === OTHER) return { kind: 'other', name: providersField(c, 'softwareSupplierOther') };
  const supplier = choices.suppliers.find((s) => s.kbo === value);
  return { kind: 'named', name: supplier ? organisationName(supplier, lang) : value };
}

export function networkProviderOf(c: OcmwConfiguration, choices: ConfigChoices): ChoiceText | null {
  const value = providersField(c, 'networkProvider');
  if (value === '') return null;
  if (value === OTHER) return { kind: 'other', name: providersField(c, 'networkProviderOther') };
  return { kind: 'named', name: choices.networkProviders.find((p) => p.code === value)?.name ?? value };
}

/**
 * The typed search as a test: digits (dots, spaces, a `BE` prefix ignored) are the start of a NIS code up to five
 * digits, part of a KBO number from six (as the registry's search); anything else a part of a name in any language,
 * accents and case ignored.
 */
function searchTest(search: string): (c: OcmwConfiguration) => boolean {
  const text = foldAccents(search).replace(/\s+/g, ' ').trim();
  if (text === '') return () => true;
  const compact = text.replace(/[\s./-]/g, '').replace(/^be/, '');
  if (/^\d+$/.test(compact)) return (c) => (compact.length <= 5 ? (c.nis ?? '').startsWith(compact) : c.kbo.includes(compact));
  return (c) => [c.name_nl, c.name_fr, c.name_de].some((n) => foldAccents(n).includes(text));
}

/** The list's filters as one test (the supplier as the providers screen stores it: a KBO number, PRIMAWEB or OTHER). */
export function filterTest(filter: ConfigurationFilter): (c: OcmwConfiguration) => boolean {
  const search = searchTest(filter.search);
  return (c) => {
    if (filter.supplier !== null && providersField(c, 'softwareSupplier') !== filter.supplier) return false;
    if (filter.state === 'complete' && savedCount(c) < CONFIG_SCREENS.length) return false;
    if (filter.state === 'incomplete' && savedCount(c) === CONFIG_SCREENS.length) return false;
    if (filter.newMerged && !c.newMerged) return false;
    return search(c);
  };
}
