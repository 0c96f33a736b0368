import type { Actor } from '../../../../access/access.ts';
import { ErrorSummary, Field } from '../../../../views/components.tsx';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { LEGISLATIONS, LEGISLATION_KEYS, type Legislation, MESSAGE_TYPES, type MessageType, TYPE_KEYS } from '../../../ebox/message-types.ts';
import { fileSize, periodText } from '../../../ebox/views/subject.ts';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import type { SingleFields, SingleProblem, StagedMessage } from '../ebox-publication.model.ts';
import { EBOX_ADMIN_BASE } from './ebox-admin.view.tsx';
import { singleProblemText } from './ebox-texts.ts';

const FILE_FIELDS = ['file1', 'file2', 'file3', 'file4', 'file5', 'file6'] as const;

/** The field a problem belongs to (the error summary links to it). */
function fieldId(field: string): string {
  if (field === 'messageType') return 'ebox-type';
  if (field === 'legislation') return 'ebox-legislation';
  if (field === 'files') return 'ebox-file1';
  return `ebox-${field.replace('_', '-')}`;
}

/** Step 1: the message and its files; a refused one comes back with every message next to its field, the text kept. */
export function SingleFormPage({ ctx, actor, fields, problems }: { ctx: PageContext; actor: Actor; fields: SingleFields; problems: SingleProblem[] }) {
  const { t } = ctx;
  const title = t('bo.ebox.single.title');
  const errorOf = (field: string) => {
    const found = problems.filter((p) => p.field === field || (field === 'file1' && p.field === 'files'));
    return found.length > 0 ? found.map((p) => singleProblemText(t, p)).join(' ') : undefined;
  };
  const labels: Record<string, string> = {
    recipient: t('bo.ebox.single.recipient'),
    messageType: t('ebox.col.type'),
    legislation: t('ebox.col.legislation'),
    period: t('ebox.col.period'),
    subject_nl: t('bo.ebox.subject_nl'),
    subject_fr: t('bo.ebox.subject_fr'),
    subject_de: t('bo.ebox.subject_de'),
    files: t('bo.ebox.single.files'),
  };
  const text = (name: keyof SingleFields, label: string, hint?: string, max = 250) => (
    <Field id={fieldId(name)} label={label} hint={hint} error={errorOf(name)}>
      {(a) => (
        <input
          id={fieldId(name)}
          name={name}
          class="field__input"
          value={fields[name]}
          maxLength={max}
          aria-describedby={a.describedBy}
          aria-invalid={a.invalid}
        />
      )}
    </Field>
  );
  return (
    <Layout ctx={ctx} title={title}>
      <BackofficeNav ctx={ctx} actor={actor} current="ebox" />
      <p>
        <a href={EBOX_ADMIN_BASE}>{t('bo.ebox.back')}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary
        t={t}
        errors={problems.map((p) => ({ fieldId: fieldId(p.field), label: labels[p.field] ?? labels.files, message: singleProblemText(t, p) }))}
      />
      <p>{t('bo.ebox.single.intro')}</p>
      <form method="post" action={`${EBOX_ADMIN_BASE}/new`} enctype="multipart/form-data" novalidate>
        {text('recipient', labels.recipient, t('bo.ebox.single.recipient_hint'), 200)}
        <Field id="ebox-type" label={labels.messageType} error={errorOf('messageType')}>
          {(a) => (
            <select id="ebox-type" name="messageType" class="field__select" aria-describedby={a.describedBy} aria-invalid={a.invalid}>
              <option value="">{t('bo.ebox.single.choose')}</option>
              {MESSAGE_TYPES.map((code) => (
                <option value={code} selected={fields.messageType === code}>
                  {t(TYPE_KEYS[code])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="ebox-legislation" label={labels.legislation} error={errorOf('legislation')}>
          {(a) => (
            <select id="ebox-legislation" name="legislation" class="field__select" aria-describedby={a.describedBy} aria-invalid={a.invalid}>
              <option value="">{t('bo.ebox.single.choose')}</option>
              {LEGISLATIONS.map((code) => (
                <option value={code} selected={fields.legislation === code}>
                  {t(LEGISLATION_KEYS[code])}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('period', labels.period, t('ebox.filter.period_hint'), 7)}
        {text('subject_nl', labels.subject_nl)}
        {text('subject_fr', labels.subject_fr)}
        {text('subject_de', labels.subject_de, t('bo.ebox.single.subject_de_hint'))}
        <fieldset class="fieldset">
          <legend class="fieldset__legend">{labels.files}</legend>
          <p class="field__hint">{t('bo.ebox.single.files_hint')}</p>
          {FILE_FIELDS.map((name, i) => (
            <Field id={`ebox-${name}`} label={i === 0 ? t('bo.ebox.single.main_file') : t('bo.ebox.single.attachment', { n: i })} error={errorOf(name)}>
              {(a) => (
                <input
                  id={`ebox-${name}`}
                  name={name}
                  type="file"
                  accept="application/pdf,.pdf"
                  class="field__file"
                  aria-describedby={a.describedBy}
                  aria-invalid={a.invalid}
                />
              )}
            </Field>
          ))}
          {problems.length > 0 && <p class="field__hint">{t('bo.ebox.single.files_again')}</p>}
        </fieldset>
        <button type="submit" class="button">
          {t('bo.ebox.single.preview')}
        </button>
      </form>
    </Layout>
  );
}

/** Step 2: the message as the OCMW will find it; "Publiceren" posts it back (hidden), "Wijzigen" goes back. */
export function SinglePreviewPage({ ctx, actor, staged }: { ctx: PageContext; actor: Actor; staged: StagedMessage }) {
  const { t } = ctx;
  const title = t('bo.ebox.single.preview_title');
  return (
    <Layout ctx={ctx} title={title}>
      <BackofficeNav ctx={ctx} actor={actor} current="ebox" />
      <h1>{title}</h1>
      <p>{t('bo.ebox.single.preview_intro')}</p>
      <dl class="summary-list">
        {[
          [
            t('bo.ebox.col.recipient'),
            `${staged.recipient.name} (${staged.recipient.kbo})${staged.recipient.disappearing ? ` — ${t('bo.ebox.single.disappearing')}` : ''}`,
          ],
          [t('ebox.col.type'), t(TYPE_KEYS[staged.messageType as MessageType])],
          [t('ebox.col.legislation'), t(LEGISLATION_KEYS[staged.legislation as Legislation])],
          [t('ebox.col.period'), periodText(staged.period)],
          [t('bo.ebox.subject_nl'), staged.subjects.nl],
          [t('bo.ebox.subject_fr'), staged.subjects.fr],
          [t('bo.ebox.subject_de'), staged.subjects.de ?? '—'],
          ...staged.files.map((f, i): [string, string] => [
            i === 0 ? t('bo.ebox.single.main_file') : t('bo.ebox.single.attachment', { n: i }),
            `${f.name} (${fileSize(f.size)}) — SHA-256 ${f.sha256}`,
          ]),
        ].map(([label, value]) => (
          <div class="summary-row">
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <form method="post" action={`${EBOX_ADMIN_BASE}/publish`}>
        <input type="hidden" name="staged" value={JSON.stringify(staged)} />
        <button type="submit" class="button">
          {t('bo.ebox.single.publish')}
        </button>{' '}
        <a href={`${EBOX_ADMIN_BASE}/new`}>{t('bo.ebox.single.start_again')}</a>
      </form>
    </Layout>
  );
}
