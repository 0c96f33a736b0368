import { type Actor, type Permission, can } from '../../../access/access.ts';
import type { PageContext } from '../../../views/layout.tsx';

export type BackofficeArea = 'followup' | 'ocmws' | 'campaigns' | 'reference_data' | 'settlements' | 'exports' | 'outbox';

const AREAS: Array<{ area: BackofficeArea; href: string; permission: Permission }> = [
  { area: 'followup', href: '/backoffice', permission: 'BackofficeRead' },
  { area: 'ocmws', href: '/backoffice/ocmws', permission: 'BackofficeRead' },
  { area: 'campaigns', href: '/backoffice/campaigns', permission: 'BackofficeRead' },
  { area: 'reference_data', href: '/backoffice/reference-data', permission: 'ReferenceDataLoad' },
  { area: 'settlements', href: '/backoffice/settlements', permission: 'SettlementRun' },
  { area: 'exports', href: '/backoffice/exports', permission: 'BackofficeRead' },
  { area: 'outbox', href: '/backoffice/outbox', permission: 'OutboxRead' },
];

/** The back office's sections, as far as the actor may use them; the current one marked for assistive technology. */
export function BackofficeNav({ ctx, actor, current }: { ctx: PageContext; actor: Actor; current: BackofficeArea }) {
  return (
    <nav class="backoffice-nav" aria-label={ctx.t('bo.nav.label')}>
      <ul>
        {AREAS.filter((a) => can(actor, a.permission)).map((a) => (
          <li>
            <a href={a.href} aria-current={a.area === current ? 'page' : undefined}>
              {ctx.t(`bo.nav.${a.area}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
