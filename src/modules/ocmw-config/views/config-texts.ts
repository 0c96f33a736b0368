import type { ConfigScreen } from '../../shared/domain.ts';
import type { ContactField, OnlineField, ProviderField } from '../config-fields.ts';

/** The name of each screen (config.json). */
export const SCREEN_KEYS: Record<ConfigScreen, string> = {
  MUTATIONS: 'config.screen.MUTATIONS',
  PROVIDERS: 'config.screen.PROVIDERS',
  CONTACT: 'config.screen.CONTACT',
  ONLINE: 'config.screen.ONLINE',
};

/** What each screen is for, in the seed's words. */
export const SCREEN_INTRO_KEYS: Record<ConfigScreen, string> = {
  MUTATIONS: 'config.intro.MUTATIONS',
  PROVIDERS: 'config.intro.PROVIDERS',
  CONTACT: 'config.intro.CONTACT',
  ONLINE: 'config.intro.ONLINE',
};

/** The label of every field of the providers, contact and OCMW Online screens. */
export const FIELD_KEYS: Record<ProviderField | ContactField | OnlineField | 'street' | 'city' | 'openingHours', string> = {
  networkProvider: 'config.field.networkProvider',
  networkProviderOther: 'config.field.networkProviderOther',
  networkContactName: 'config.field.networkContactName',
  networkContactEmail: 'config.field.networkContactEmail',
  networkContactPhone: 'config.field.networkContactPhone',
  softwareSupplier: 'config.field.softwareSupplier',
  softwareSupplierOther: 'config.field.softwareSupplierOther',
  softwareProduct: 'config.field.softwareProduct',
  supplierContactName: 'config.field.supplierContactName',
  supplierContactEmail: 'config.field.supplierContactEmail',
  supplierContactPhone: 'config.field.supplierContactPhone',
  street: 'config.field.street',
  city: 'config.field.city',
  openingHours: 'config.field.openingHours',
  streetNl: 'config.field.streetNl',
  streetFr: 'config.field.streetFr',
  streetDe: 'config.field.streetDe',
  postalCode: 'config.field.postalCode',
  cityNl: 'config.field.cityNl',
  cityFr: 'config.field.cityFr',
  cityDe: 'config.field.cityDe',
  phone: 'config.field.phone',
  email: 'config.field.email',
  website: 'config.field.website',
  openingHoursNl: 'config.field.openingHoursNl',
  openingHoursFr: 'config.field.openingHoursFr',
  openingHoursDe: 'config.field.openingHoursDe',
  notifyOnNew: 'config.field.notifyOnNew',
  notifyEmail: 'config.field.notifyEmail',
  remindUnread: 'config.field.remindUnread',
  reminderEmail: 'config.field.reminderEmail',
  reminderTermDays: 'config.field.reminderTermDays',
  reminderFrequencyDays: 'config.field.reminderFrequencyDays',
};

export function fieldKey(field: string): string {
  return (FIELD_KEYS as Record<string, string>)[field] ?? field;
}
