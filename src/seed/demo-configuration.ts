import type { Tx } from '../db/database.ts';
import type { ConfigScreen } from '../modules/shared/domain.ts';
import { makeKbo } from '../modules/shared/identifiers.ts';

/**
 * OCMW-configuratie of the demo (issue 18, item 8): Demostad has saved its four screens (by its TB), Villedemo none,
 * so that a newcomer sees both a configured OCMW and one still to fill.
 */
const DEMOSTAD_CONFIGURATION: Record<ConfigScreen, Record<string, string>> = {
  MUTATIONS: {
    RN_ADDRESS: 'yes',
    RN_DEATH: 'yes',
    RN_CIVIL_STATUS: 'yes',
    RN_HOUSEHOLD: 'yes',
    RN_NATIONALITY: 'yes',
    RN_REGISTER: 'yes',
    KSZ_REGISTER: 'yes',
    EMPLOYMENT: 'yes',
    SELF_EMPLOYED: 'no',
    UNEMPLOYMENT: 'yes',
    HEALTH_INSURANCE: 'yes',
    PENSION: 'no',
    DISABILITY_ALLOWANCE: 'yes',
    RESIDENCE_STATUS: 'yes',
  },
  PROVIDERS: {
    networkProvider: 'PUBLILINK',
    networkProviderOther: '',
    networkContactName: 'Ilse Van Damme',
    networkContactEmail: 'ilse.vandamme@ocmw-demostad.be',
    networkContactPhone: '09 210 45 60',
    softwareSupplier: makeKbo('08980001'),
    softwareSupplierOther: '',
    softwareProduct: 'Demosoft Sociaal Dossier 7.2',
    supplierContactName: 'Peter Goossens',
    supplierContactEmail: 'support@demosoft.be',
    supplierContactPhone: '03 555 12 34',
  },
  CONTACT: {
    streetNl: 'Kerkstraat 1',
    streetFr: 'Kerkstraat 1',
    streetDe: 'Kerkstraat 1',
    postalCode: '9190',
    cityNl: 'Demostad',
    cityFr: 'Demostad',
    cityDe: 'Demostadt',
    phone: '09 210 45 00',
    email: 'info@ocmw-demostad.be',
    website: 'https://www.ocmw-demostad.be',
    openingHoursNl: 'ma–vr 9–12 u, do ook 14–16 u',
    openingHoursFr: 'lu–ve 9–12 h, je aussi 14–16 h',
    openingHoursDe: 'Mo–Fr 9–12 Uhr, Do auch 14–16 Uhr',
  },
  ONLINE: {
    notifyOnNew: 'yes',
    notifyEmail: 'hulpaanvragen@ocmw-demostad.be',
    remindUnread: 'yes',
    reminderEmail: 'hulpaanvragen@ocmw-demostad.be',
    reminderTermDays: '2',
    reminderFrequencyDays: '3',
  },
};

export async function seedDemoConfiguration(tx: Tx, organisationId: string, personId: string, now: Date): Promise<void> {
  for (const [screen, data] of Object.entries(DEMOSTAD_CONFIGURATION) as Array<[ConfigScreen, Record<string, string>]>) {
    await tx
      .insertInto('ocmw_config_versions')
      .values({ organisation_id: organisationId, screen, version: 1, data: JSON.stringify(data), saved_at: now, saved_by: personId })
      .execute();
  }
  const unticked = Object.entries(DEMOSTAD_CONFIGURATION.MUTATIONS).filter(([, v]) => v === 'no');
  await tx
    .insertInto('mutation_selections')
    .values(unticked.map(([code]) => ({ organisation_id: organisationId, code, selected: false, effective_from: now, saved_by: personId })))
    .execute();
}
