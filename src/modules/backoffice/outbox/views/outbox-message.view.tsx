import type { Actor } from '../../../../access/access.ts';
import { formatDateTime } from '../../../../i18n/format.ts';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';

export interface MailMessageDetail {
  id: string;
  to: string;
  subject: string;
  body: string;
  sentAt: Date;
}

/** One sent e-mail as it left: recipient, time, subject and the plain-text body (escaped, line breaks kept). */
export function OutboxMessagePage({ ctx, actor, message }: { ctx: PageContext; actor: Actor; message: MailMessageDetail }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={message.subject}>
      <BackofficeNav ctx={ctx} actor={actor} current="outbox" />
      <p>
        <a href="/backoffice/outbox">{t('bo.outbox.back')}</a>
      </p>
      <h1>{message.subject}</h1>
      <dl class="file-facts">
        <dt>{t('bo.outbox.col_to')}</dt>
        <dd>{message.to}</dd>
        <dt>{t('bo.outbox.col_sent')}</dt>
        <dd>{formatDateTime(message.sentAt, ctx.lang)}</dd>
      </dl>
      <h2 id="outbox-body">{t('bo.outbox.body')}</h2>
      <pre class="mail-body">{message.body}</pre>
    </Layout>
  );
}
