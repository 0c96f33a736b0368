import type { T } from '../../../../i18n/i18n.ts';

/** Previous / next links between pages of sent messages (plain links: works without JavaScript). */
export function Pager({ t, page, pages }: { t: T; page: number; pages: number }) {
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={t('bo.outbox.paging_label')}>
      {page > 1 && (
        <a href={`/backoffice/outbox?page=${page - 1}`} rel="prev">
          {t('bo.outbox.previous')}
        </a>
      )}
      <span aria-current="page">{t('bo.outbox.page_of', { page, pages })}</span>
      {page < pages && (
        <a href={`/backoffice/outbox?page=${page + 1}`} rel="next">
          {t('bo.outbox.next')}
        </a>
      )}
    </nav>
  );
}
