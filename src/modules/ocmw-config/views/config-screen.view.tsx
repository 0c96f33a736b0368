import { formatDateTime } from '../../../i18n/format.ts';
import { ErrorSummary, type FieldError, Notice, TableRegion } from '../../../views/components.tsx';
import { Layout, type PageContext } from '../../../views/layout.tsx';
import type { ConfigScreen } from '../../shared/domain.ts';
import type { ScreenData, ScreenErrors } from '../config-fields.ts';
import type { ConfigChoices, ConfigScreenState, Saved } from '../config.model.ts';
import { ConfigNav, configHref } from './config-nav.tsx';
import { SCREEN_INTRO_KEYS, SCREEN_KEYS } from './config-texts.ts';
import { ContactFields } from './contact-fields.tsx';
import { fieldLabel, valueText } from './field-text.ts';
import { MutationsFields } from './mutations-fields.tsx';
import { OnlineFields } from './online-fields.tsx';
import { ProvidersFields } from './providers-fields.tsx';

export interface ConfigScreenPageProps {
  ctx: PageContext;
  screen: ConfigScreen;
  /** what the page shows: the saved screen, or what was posted when it is shown again */
  data: ScreenData;
  /** the version the form saves against */
  version: number;
  saved: Saved | null;
  choices: ConfigChoices;
  canEdit: boolean;
  errors?: ScreenErrors;
  /** a flash message key (saved, unchanged, copied) */
  flash?: string;
  /** someone saved the screen meanwhile: their version, beside what was typed */
  conflict?: ConfigScreenState;
}

function Fields({
  ctx,
  screen,
  data,
  errors,
  choices,
}: {
  ctx: PageContext;
  screen: ConfigScreen;
  data: ScreenData;
  errors: ScreenErrors;
  choices: ConfigChoices;
}) {
  switch (screen) {
    case 'MUTATIONS':
      return <MutationsFields ctx={ctx} data={data} choices={choices} />;
    case 'PROVIDERS':
      return <ProvidersFields ctx={ctx} data={data} errors={errors} choices={choices} />;
    case 'CONTACT':
      return <ContactFields ctx={ctx} data={data} errors={errors} />;
    case 'ONLINE':
      return <OnlineFields ctx={ctx} data={data} errors={errors} />;
  }
}

/** The field an error summary link focuses (a yes/no question: its first radio button). */
const fieldId = (field: string) => `cfg-${field}`;

/** The screen read only (POD MI, or a person who may read but not save): every field with its value. */
function ReadOnlyScreen({ ctx, screen, data, choices }: { ctx: PageContext; screen: ConfigScreen; data: ScreenData; choices: ConfigChoices }) {
  return (
    <dl class="summary-list">
      {Object.keys(data).map((field) => (
        <div class="summary-row">
          <dt>{fieldLabel(ctx.t, ctx.lang, screen, field, choices)}</dt>
          <dd>{valueText(ctx.t, ctx.lang, screen, field, data[field], choices)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** "Changed meanwhile": what was typed beside what the other person saved, for every field that differs. */
function ConflictTable({
  ctx,
  screen,
  mine,
  theirs,
  choices,
}: {
  ctx: PageContext;
  screen: ConfigScreen;
  mine: ScreenData;
  theirs: ConfigScreenState;
  choices: ConfigChoices;
}) {
  const { t, lang } = ctx;
  const fields = Object.keys(theirs.data).filter((f) => (theirs.data[f] ?? '') !== (mine[f] ?? ''));
  return (
    <section aria-labelledby="cfg-conflict-title">
      <h2 id="cfg-conflict-title">{t('config.conflict.title')}</h2>
      <p>
        {theirs.saved ? t('config.conflict.intro', { name: theirs.saved.by, at: formatDateTime(theirs.saved.at, lang) }) : t('config.conflict.intro_unknown')}
      </p>
      <TableRegion labelledBy="cfg-conflict-title">
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">{t('config.history.field')}</th>
              <th scope="col">{t('config.conflict.yours')}</th>
              <th scope="col">{t('config.conflict.theirs')}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr>
                <th scope="row">{fieldLabel(t, lang, screen, f, choices)}</th>
                <td>{valueText(t, lang, screen, f, mine[f] ?? '', choices)}</td>
                <td>{valueText(t, lang, screen, f, theirs.data[f] ?? '', choices)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p>{t('config.conflict.what_now')}</p>
    </section>
  );
}

/** One screen of OCMW-configuratie: its fields, saved only with "Bewaren" (CFG-2), and its history. */
export function ConfigScreenPage({ ctx, screen, data, version, saved, choices, canEdit, errors = {}, flash, conflict }: ConfigScreenPageProps) {
  const { t, lang } = ctx;
  const title = t(SCREEN_KEYS[screen]);
  const summary: FieldError[] = Object.entries(errors).map(([field, message]) => ({
    fieldId: fieldId(field),
    label: fieldLabel(t, lang, screen, field, choices),
    message: t(message),
  }));
  return (
    <Layout ctx={ctx} title={`${title} — ${t('config.title')}`}>
      <p class="caption">{t('config.title')}</p>
      <h1>{title}</h1>
      <ConfigNav ctx={ctx} current={screen} />
      {flash && <Notice kind="success">{t(flash)}</Notice>}
      {conflict && <ConflictTable ctx={ctx} screen={screen} mine={data} theirs={conflict} choices={choices} />}
      <ErrorSummary t={t} errors={summary} />
      <p>{t(SCREEN_INTRO_KEYS[screen])}</p>
      <p class="saved-state">{saved ? t('config.saved_by', { name: saved.by, at: formatDateTime(saved.at, lang) }) : t('config.never_saved')}</p>
      {canEdit ? (
        <form method="post" action={configHref(ctx, screen)} data-warn-unsaved="true" novalidate>
          <input type="hidden" name="version" value={String(version)} />
          <Fields ctx={ctx} screen={screen} data={data} errors={errors} choices={choices} />
          <p class="field__hint">{t('config.save_hint')}</p>
          <div class="button-bar">
            <button type="submit" class="button" name="action" value="save">
              {t('config.save')}
            </button>
            <a class="button button--secondary" href={configHref(ctx, screen, '/history')}>
              {t('button.history')}
            </a>
          </div>
        </form>
      ) : (
        <>
          <Notice kind="info">{t(ctx.podmiReadOnly ? 'config.podmi_read_only' : 'config.read_only')}</Notice>
          <ReadOnlyScreen ctx={ctx} screen={screen} data={data} choices={choices} />
          <p>
            <a href={configHref(ctx, screen, '/history')}>{t('button.history')}</a>
          </p>
        </>
      )}
    </Layout>
  );
}
