import { requireAccess } from '../../../access/access.ts';
import type { ServiceContext } from '../../../access/service-context.ts';
import type { T } from '../../../i18n/i18n.ts';
import type { Language } from '../../../i18n/language.ts';
import { OTHER, PRIMAWEB } from '../../ocmw-config/config-fields.ts';
import type { ConfigChoices } from '../../ocmw-config/config.model.ts';
import { listMutationTypes } from '../../ocmw-config/config.repository.ts';
import { organisationName } from '../../shared/organisation-name.ts';
import { brusselsDay } from '../../shared/brussels-time.ts';
import { type OcmwConfiguration, configurationsOf, filterTest, lastSavedAt, networkProviderOf, savedCount, supplierOf } from './configuration-entries.ts';
import { configurationExport } from './configuration-export.ts';
import { tableCsv, tableXlsx } from './configuration-files.ts';
import { type ConfigurationFilter, type ConfigurationList, PAGE_SIZE } from './configuration.model.ts';
import { listAllNetworkProviders, listAllSuppliers, listConfigurableOcmws, unsafeLatestConfigurations } from './configuration.repository.ts';

export * from './configuration.model.ts';

/**
 * POD MI reads the configuration of every OCMW (issue 18): the list (search, filters, pages) and its export. Every
 * POD MI staff member who holds BackofficeRead and OcmwConfigRead; an OCMW's own page (/ocmw/{kbo}/configuration)
 * shows one OCMW's screens, read only for POD MI.
 */

async function readAll(ctx: ServiceContext, filter: ConfigurationFilter, lang: Language) {
  requireAccess(ctx.actor, 'BackofficeRead');
  requireAccess(ctx.actor, 'OcmwConfigRead');
  const [ocmws, latest, suppliers, networkProviders, mutationTypes] = await Promise.all([
    listConfigurableOcmws(ctx.db),
    unsafeLatestConfigurations(ctx.db),
    listAllSuppliers(ctx.db),
    listAllNetworkProviders(ctx.db),
    listMutationTypes(ctx.db),
  ]);
  const choices: ConfigChoices = { mutationTypes, networkProviders, suppliers };
  // A supplier the filter names must be one of the choices (an unknown value is no filter, as every filter here).
  const supplier = filter.supplier === PRIMAWEB || filter.supplier === OTHER || suppliers.some((s) => s.kbo === filter.supplier) ? filter.supplier : null;
  const effective: ConfigurationFilter = { ...filter, supplier };
  const collator = new Intl.Collator(`${lang}-BE`, { sensitivity: 'base' });
  const configurations = configurationsOf(ocmws, latest, brusselsDay(ctx.now))
    .filter(filterTest(effective))
    .sort((a, b) => collator.compare(organisationName(a, lang), organisationName(b, lang)) || a.kbo.localeCompare(b.kbo));
  return { configurations, choices, filter: effective };
}

export async function configurationList(ctx: ServiceContext, filter: ConfigurationFilter, lang: Language): Promise<ConfigurationList> {
  const { configurations, choices, filter: effective } = await readAll(ctx, filter, lang);
  const pages = Math.max(1, Math.ceil(configurations.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, filter.page), pages);
  const rows = configurations.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((c: OcmwConfiguration) => ({
    kbo: c.kbo,
    nis: c.nis,
    name: organisationName(c, lang),
    status: c.status,
    newMerged: c.newMerged,
    savedScreens: savedCount(c),
    supplier: supplierOf(c, choices, lang),
    networkProvider: networkProviderOf(c, choices),
    lastSavedAt: lastSavedAt(c),
  }));
  const supplierChoices = choices.suppliers
    .map((s) => ({ kbo: s.kbo, name: organisationName(s, lang) }))
    .sort((a, b) => a.name.localeCompare(b.name, `${lang}-BE`, { sensitivity: 'base' }));
  return { rows, total: configurations.length, page, pages, filter: { ...effective, page }, suppliers: supplierChoices };
}

/** The filtered list (every page) as a file: CSV or XLSX, one line per OCMW. */
export async function configurationFile(ctx: ServiceContext, filter: ConfigurationFilter, format: 'csv' | 'xlsx', t: T, lang: Language) {
  const { configurations, choices } = await readAll(ctx, filter, lang);
  const table = configurationExport(configurations, choices, t, lang);
  const fileName = `ocmw-configuration-${brusselsDay(ctx.now)}.${format}`;
  return { fileName, content: format === 'csv' ? tableCsv(table) : await tableXlsx(table, t('bo.configuration.export.sheet')) };
}
