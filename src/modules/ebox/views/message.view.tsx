import { formatDate } from '../../../i18n/format.ts';
import { Layout, type PageContext, homeHref } from '../../../views/layout.tsx';
import type { MessageDetail } from '../ebox.model.ts';
import { LEGISLATION_KEYS, type Legislation, type MessageType, TYPE_KEYS } from '../message-types.ts';
import { fileSize, periodText, subjectIn } from './subject.ts';

/** One message of the e-Box: what it is, until when it is kept, who of the OCMW opened it first, its files. */
export function MessagePage({ ctx, message: m }: { ctx: PageContext; message: MessageDetail }) {
  const { t, lang } = ctx;
  const subject = subjectIn(lang, m);
  const base = homeHref(ctx);
  const reader = `${m.first_name ?? ''} ${m.last_name ?? ''}`.trim();
  return (
    <Layout ctx={ctx} title={subject}>
      <p>
        <a href={`${base}/ebox`}>{t('ebox.back_list')}</a>
      </p>
      <h1>{subject}</h1>
      <dl class="summary-list">
        <div class="summary-row">
          <dt>{t('ebox.col.type')}</dt>
          <dd>{t(TYPE_KEYS[m.message_type as MessageType] ?? 'ebox.type.INFO')}</dd>
        </div>
        <div class="summary-row">
          <dt>{t('ebox.col.legislation')}</dt>
          <dd>{t(LEGISLATION_KEYS[m.legislation as Legislation])}</dd>
        </div>
        <div class="summary-row">
          <dt>{t('ebox.col.period')}</dt>
          <dd>{periodText(m.period)}</dd>
        </div>
        <div class="summary-row">
          <dt>{t('ebox.col.date')}</dt>
          <dd>{formatDate(m.published_at, lang)}</dd>
        </div>
        <div class="summary-row">
          <dt>{t('ebox.col.state')}</dt>
          <dd>{m.first_read_at ? t('ebox.read_by', { date: formatDate(m.first_read_at, lang), name: reader }) : t('ebox.unread')}</dd>
        </div>
        <div class="summary-row">
          <dt>{t('ebox.col.expires')}</dt>
          <dd>{m.files_deleted_at ? t('ebox.expired_on', { date: formatDate(m.files_deleted_at, lang) }) : formatDate(m.expires_at, lang)}</dd>
        </div>
      </dl>
      {m.files_deleted_at ? (
        <p>{t('ebox.files_deleted')}</p>
      ) : (
        <>
          <h2>{t('ebox.files')}</h2>
          <p>{t('ebox.keep_hint', { date: formatDate(m.expires_at, lang) })}</p>
          <ul class="file-list">
            {m.files.map((f) => (
              <li>
                <a href={`${base}/ebox/${m.id}/files/${f.position}`} download>
                  {f.file_name}
                </a>{' '}
                ({f.is_main ? `${t('ebox.main_file')}, ` : ''}PDF, {fileSize(f.size_bytes)})
                <br />
                <span class="hash">
                  {t('ebox.sha256')}: <code>{f.sha256}</code>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
