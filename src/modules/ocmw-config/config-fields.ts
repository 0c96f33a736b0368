import type { ConfigScreen } from '../shared/domain.ts';

/**
 * The screens of OCMW-configuratie (portal.md §6) and their fields. Every screen is saved whole ("Bewaren") as a flat
 * record of texts — what the page shows and what a version row holds — so that the history compares field by field.
 */
export const CONFIG_SCREENS = ['MUTATIONS', 'PROVIDERS', 'CONTACT', 'ONLINE'] as const satisfies readonly ConfigScreen[];

/** The screen's part of its URL (/ocmw/{kbo}/configuration/{slug}). */
export const SCREEN_SLUGS = {
  MUTATIONS: 'mutations',
  PROVIDERS: 'providers',
  CONTACT: 'contact',
  ONLINE: 'online',
} as const satisfies Record<ConfigScreen, string>;

export type ScreenSlug = (typeof SCREEN_SLUGS)[ConfigScreen];
export const SLUGS = Object.values(SCREEN_SLUGS) as [ScreenSlug, ...ScreenSlug[]];

export function screenOfSlug(slug: ScreenSlug): ConfigScreen {
  return CONFIG_SCREENS.find((s) => SCREEN_SLUGS[s] === slug) as ConfigScreen;
}

/** "Andere": a network provider or software supplier not on POD MI's list, named by the OCMW. */
export const OTHER = 'OTHER';
/** PrimaWeb, POD MI's own free software for social files (portal.md §6.2). */
export const PRIMAWEB = 'PRIMAWEB';

export const PROVIDER_FIELDS = [
  'networkProvider',
  'networkProviderOther',
  'networkContactName',
  'networkContactEmail',
  'networkContactPhone',
  'softwareSupplier',
  'softwareSupplierOther',
  'softwareProduct',
  'supplierContactName',
  'supplierContactEmail',
  'supplierContactPhone',
] as const;

export const LANGUAGE_SUFFIXES = ['Nl', 'Fr', 'De'] as const;
export type LanguageSuffix = (typeof LANGUAGE_SUFFIXES)[number];

/** Street, city and opening hours in each of the three languages; "set for all languages" copies one to the others. */
export const MULTILINGUAL_FIELDS = ['street', 'city', 'openingHours'] as const;
export type MultilingualField = (typeof MULTILINGUAL_FIELDS)[number];

export const CONTACT_FIELDS = [
  'streetNl',
  'streetFr',
  'streetDe',
  'postalCode',
  'cityNl',
  'cityFr',
  'cityDe',
  'phone',
  'email',
  'website',
  'openingHoursNl',
  'openingHoursFr',
  'openingHoursDe',
] as const;

export const ONLINE_FIELDS = ['notifyOnNew', 'notifyEmail', 'remindUnread', 'reminderEmail', 'reminderTermDays', 'reminderFrequencyDays'] as const;

export type ProviderField = (typeof PROVIDER_FIELDS)[number];
export type ContactField = (typeof CONTACT_FIELDS)[number];
export type OnlineField = (typeof ONLINE_FIELDS)[number];

/** The fields of a screen with fixed fields (the mutation screen's fields are the catalogue's types). */
export const SCREEN_FIELDS = {
  PROVIDERS: PROVIDER_FIELDS,
  CONTACT: CONTACT_FIELDS,
  ONLINE: ONLINE_FIELDS,
} as const;

/** A screen as posted or saved: field → text. */
export type ScreenData = Record<string, string>;
/** Field → message key (config.json), next to the field. */
export type ScreenErrors = Record<string, string>;

export const YES = 'yes';
export const NO = 'no';
