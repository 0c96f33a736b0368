import type { ComponentChildren } from 'preact';
import { type Actor, can } from '../../../../access/access.ts';
import type { PageContext } from '../../../../views/layout.tsx';
import type { OrganisationStatus } from '../../../shared/domain.ts';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import { STATUS_KEYS } from './texts.ts';

export interface Flash {
  kind: 'success' | 'info' | 'warning';
  key: string;
}

export type RegistrySection = 'list' | 'imports';

/** The back office's navigation, then the registry's parts (the lists only for the beheerder). */
export function RegistryNav({ ctx, actor, current }: { ctx: PageContext; actor: Actor; current: RegistrySection }) {
  const sections: Array<{ section: RegistrySection; href: string; key: string }> = [
    { section: 'list', href: '/backoffice/registry', key: 'bo.registry.nav.list' },
    ...(can(actor, 'RegistryEdit') ? [{ section: 'imports' as const, href: '/backoffice/registry/imports', key: 'bo.registry.nav.imports' }] : []),
  ];
  return (
    <>
      <BackofficeNav ctx={ctx} actor={actor} current="registry" />
      {sections.length > 1 && (
        <nav class="backoffice-nav backoffice-nav--sub" aria-label={ctx.t('bo.registry.nav.label')}>
          <ul>
            {sections.map((s) => (
              <li>
                <a href={s.href} aria-current={s.section === current ? 'page' : undefined}>
                  {ctx.t(s.key)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </>
  );
}

/** The status on the day as a tag (a disappearing one stands out, a merged one is an error colour). */
export function StatusTag({ ctx, status }: { ctx: PageContext; status: OrganisationStatus }) {
  const kind = status === 'ACTIVE' ? '' : status === 'DISAPPEARING' ? ' tag--warning' : ' tag--error';
  return <span class={`tag${kind}`}>{ctx.t(STATUS_KEYS[status])}</span>;
}

/** A definition list of label → value rows. */
export function Summary({ rows }: { rows: Array<[string, ComponentChildren]> }) {
  return (
    <dl class="summary-list">
      {rows.map(([label, value]) => (
        <div class="summary-row">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Hidden copies of what was typed: the overview's "Bevestigen" and "Wijzigen" post them again. */
export function Hidden({ values }: { values: Record<string, string | boolean | number> }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) =>
        typeof value === 'boolean' ? value && <input type="hidden" name={name} value="on" /> : <input type="hidden" name={name} value={String(value)} />,
      )}
    </>
  );
}
