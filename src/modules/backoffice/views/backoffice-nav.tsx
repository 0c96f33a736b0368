import { type Actor, type Permission, can } from '../../../access/access.ts';
import type { PageContext } from '../../../views/layout.tsx';

export type BackofficeArea =
  | 'followup'
  | 'ocmws'
  | 'campaigns'
  | 'reference_data'
  | 'settlements'
  | 'exports'
  | 'outbox'
  | 'access'
  | 'registry'
  | 'mergers'
  | 'configuration'
  | 'api_clients'
  | 'ebox'
  | 'ebox_types';

const AREAS: Array<{ area: BackofficeArea; href: string; permission: Permission; labelKey: string }> = [
  { area: 'followup', href: '/backoffice', permission: 'BackofficeRead', labelKey: 'bo.nav.followup' },
  { area: 'ocmws', href: '/backoffice/ocmws', permission: 'BackofficeRead', labelKey: 'bo.nav.ocmws' },
  { area: 'campaigns', href: '/backoffice/campaigns', permission: 'BackofficeRead', labelKey: 'bo.nav.campaigns' },
  { area: 'reference_data', href: '/backoffice/reference-data', permission: 'ReferenceDataLoad', labelKey: 'bo.nav.reference_data' },
  { area: 'ebox', href: '/backoffice/ebox', permission: 'EboxPublish', labelKey: 'bo.ebox.nav' },
  { area: 'settlements', href: '/backoffice/settlements', permission: 'SettlementRun', labelKey: 'bo.nav.settlements' },
  { area: 'exports', href: '/backoffice/exports', permission: 'BackofficeRead', labelKey: 'bo.nav.exports' },
  { area: 'outbox', href: '/backoffice/outbox', permission: 'OutboxRead', labelKey: 'bo.nav.outbox' },
  { area: 'registry', href: '/backoffice/registry', permission: 'BackofficeRead', labelKey: 'bo.nav.registry' },
  { area: 'mergers', href: '/backoffice/mergers', permission: 'BackofficeRead', labelKey: 'bo.nav.mergers' },
  { area: 'configuration', href: '/backoffice/configuration', permission: 'OcmwConfigRead', labelKey: 'bo.configuration.nav' },
  { area: 'access', href: '/backoffice/access', permission: 'AccessAdminister', labelKey: 'bo.access_admin.nav.area' },
  { area: 'api_clients', href: '/backoffice/api-clients', permission: 'BackofficeRead', labelKey: 'bo.api_clients.nav' },
  { area: 'ebox_types', href: '/backoffice/ebox/types', permission: 'BackofficeRead', labelKey: 'bo.ebox_types.nav' },
];

/** The back office's sections, as far as the actor may use them; the current one marked for assistive technology. */
export function BackofficeNav({ ctx, actor, current }: { ctx: PageContext; actor: Actor; current: BackofficeArea }) {
  return (
    <nav class="backoffice-nav" aria-label={ctx.t('bo.nav.label')}>
      <ul>
        {AREAS.filter((a) => can(actor, a.permission)).map((a) => (
          <li>
            <a href={a.href} aria-current={a.area === current ? 'page' : undefined}>
              {ctx.t(a.labelKey)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
