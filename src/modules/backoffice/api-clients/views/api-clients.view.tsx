import { type Actor, can } from '../../../../access/access.ts';
import { API_SCOPE_NAMES } from '../../../../api/api-clients.ts';
import { formatDateTime } from '../../../../i18n/format.ts';
import type { T } from '../../../../i18n/i18n.ts';
import { ErrorSummary, Field, type FieldError, Notice, TableRegion, TextInput } from '../../../../views/components.tsx';
import { Layout, type PageContext } from '../../../../views/layout.tsx';
import { BackofficeNav } from '../../views/backoffice-nav.tsx';
import type { ApiClientErrorCode, ApiClientErrors, ApiClientValues } from '../api-client-input.ts';
import type { ApiClientRow } from '../api-clients.model.ts';

const BASE = '/backoffice/api-clients';

export interface Flash {
  kind: 'success' | 'info' | 'warning';
  key: string;
}

/** Texts of codes, written out so every key stays a literal. */
const ERROR_KEYS: Record<ApiClientErrorCode, string> = {
  required: 'bo.api_clients.error.required',
  too_long: 'bo.api_clients.error.too_long',
  client_id_format: 'bo.api_clients.error.client_id_format',
  client_id_taken: 'bo.api_clients.error.client_id_taken',
  sender_format: 'bo.api_clients.error.sender_format',
  scopes_required: 'bo.api_clients.error.scopes_required',
  language_invalid: 'bo.api_clients.error.language_invalid',
  key_missing: 'bo.api_clients.error.key_missing',
  key_both: 'bo.api_clients.error.key_both',
  pem_invalid: 'bo.api_clients.error.pem_invalid',
  private_key: 'bo.api_clients.error.private_key',
  jwks_invalid: 'bo.api_clients.error.jwks_invalid',
  key_unsupported: 'bo.api_clients.error.key_unsupported',
  url_invalid: 'bo.api_clients.error.url_invalid',
  https_only: 'bo.api_clients.error.https_only',
};

const SCOPE_KEYS: Record<string, string> = {
  'ebox:publish': 'bo.api_clients.scope.ebox_publish',
  'ebox:read': 'bo.api_clients.scope.ebox_read',
};

const LANGUAGE_KEYS: Record<string, string> = {
  nl: 'bo.api_clients.language.nl',
  fr: 'bo.api_clients.language.fr',
  de: 'bo.api_clients.language.de',
};

const FIELDS: Array<{ field: keyof ApiClientValues; id: string; label: string }> = [
  { field: 'name', id: 'c-name', label: 'bo.api_clients.field.name' },
  { field: 'clientId', id: 'c-client-id', label: 'bo.api_clients.field.client_id' },
  { field: 'senderApplication', id: 'c-sender', label: 'bo.api_clients.field.sender_application' },
  { field: 'scopes', id: 'c-scope-0', label: 'bo.api_clients.field.scopes' },
  { field: 'language', id: 'c-language', label: 'bo.api_clients.field.language' },
  { field: 'publicKey', id: 'c-public-key', label: 'bo.api_clients.field.public_key' },
  { field: 'jwksUri', id: 'c-jwks-uri', label: 'bo.api_clients.field.jwks_uri' },
];

function errorText(t: T, code: ApiClientErrorCode | undefined): string | undefined {
  return code ? t(ERROR_KEYS[code]) : undefined;
}

function when(ctx: PageContext, date: Date | null, fallback: string): string {
  return date ? formatDateTime(date, ctx.lang) : fallback;
}

/** The list: every client with its scopes, its key, who registered and revoked it, and its last call. */
export function ApiClientsPage({ ctx, actor, clients, flash }: { ctx: PageContext; actor: Actor; clients: ApiClientRow[]; flash?: Flash }) {
  const { t } = ctx;
  const admin = can(actor, 'AccessAdminister');
  return (
    <Layout ctx={ctx} title={t('bo.api_clients.list.title')}>
      <BackofficeNav ctx={ctx} actor={actor} current="api_clients" />
      <h1>{t('bo.api_clients.list.title')}</h1>
      {flash && <Notice kind={flash.kind}>{t(flash.key)}</Notice>}
      <p>{t('bo.api_clients.list.intro')}</p>
      {admin && (
        <p>
          <a class="button" href={`${BASE}/new`}>
            {t('bo.api_clients.list.new')}
          </a>
        </p>
      )}
      {clients.length === 0 ? (
        <p>{t('bo.api_clients.list.none')}</p>
      ) : (
        <TableRegion labelledBy="api-clients-caption">
          <table class="data-table">
            <caption id="api-clients-caption" class="visually-hidden">
              {t('bo.api_clients.list.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('bo.api_clients.field.name')}</th>
                <th scope="col">{t('bo.api_clients.field.client_id')}</th>
                <th scope="col">{t('bo.api_clients.field.sender_application')}</th>
                <th scope="col">{t('bo.api_clients.field.scopes')}</th>
                <th scope="col">{t('bo.api_clients.list.created')}</th>
                <th scope="col">{t('bo.api_clients.list.state')}</th>
                <th scope="col">{t('bo.api_clients.list.last_call')}</th>
                {admin && <th scope="col">{t('bo.api_clients.list.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {clients.map((c) => (
                <tr>
                  <th scope="row">{c.name}</th>
                  <td>
                    <code>{c.clientId}</code>
                  </td>
                  <td>{c.senderApplication}</td>
                  <td>
                    <code>{c.scopes.join(' ')}</code>
                  </td>
                  <td class="nowrap">
                    {formatDateTime(c.createdAt, ctx.lang)}
                    {c.createdBy && <div class="field__hint">{c.createdBy}</div>}
                  </td>
                  <td>
                    {c.revokedAt ? (
                      <>
                        <span class="tag tag--error">{t('bo.api_clients.list.revoked')}</span>
                        <div class="field__hint">
                          {formatDateTime(c.revokedAt, ctx.lang)}
                          {c.revokedBy && ` — ${c.revokedBy}`}
                        </div>
                      </>
                    ) : (
                      <span class="tag">{t('bo.api_clients.list.active')}</span>
                    )}
                  </td>
                  <td class="nowrap">{when(ctx, c.lastCallAt, t('bo.api_clients.list.never'))}</td>
                  {admin && (
                    <td>
                      {!c.revokedAt && (
                        <a href={`${BASE}/revoke?client=${c.id}`}>
                          {t('bo.api_clients.revoke.button')}
                          <span class="visually-hidden"> {c.name}</span>
                        </a>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Layout>
  );
}

/** "Nieuwe API-client": empty, or as typed after an error, each message next to its field. */
export function ApiClientFormPage({ ctx, actor, values, errors }: { ctx: PageContext; actor: Actor; values: ApiClientValues; errors: ApiClientErrors }) {
  const { t } = ctx;
  const title = t('bo.api_clients.form.title');
  const list: FieldError[] = FIELDS.filter((f) => errors[f.field]).map((f) => ({
    fieldId: f.id,
    label: t(f.label),
    message: errorText(t, errors[f.field]) ?? '',
  }));
  const scopeError = errorText(t, errors.scopes);
  return (
    <Layout ctx={ctx} title={title}>
      <BackofficeNav ctx={ctx} actor={actor} current="api_clients" />
      <ErrorSummary t={t} errors={list} />
      <h1>{title}</h1>
      <p>{t('bo.api_clients.form.intro')}</p>
      <form method="post" action={`${BASE}/new`} novalidate>
        <TextInput id="c-name" name="name" label={t('bo.api_clients.field.name')} value={values.name} error={errorText(t, errors.name)} />
        <TextInput
          id="c-client-id"
          name="clientId"
          label={t('bo.api_clients.field.client_id')}
          hint={t('bo.api_clients.form.client_id_hint')}
          value={values.clientId}
          error={errorText(t, errors.clientId)}
        />
        <TextInput
          id="c-sender"
          name="senderApplication"
          label={t('bo.api_clients.field.sender_application')}
          hint={t('bo.api_clients.form.sender_hint')}
          value={values.senderApplication}
          error={errorText(t, errors.senderApplication)}
        />
        <fieldset class={scopeError ? 'field field--error' : 'field'} aria-describedby={scopeError ? 'c-scopes-error' : undefined}>
          <legend class="field__label">{t('bo.api_clients.field.scopes')}</legend>
          {scopeError && (
            <p id="c-scopes-error" class="field__error">
              {scopeError}
            </p>
          )}
          <ul class="checkbox-list">
            {API_SCOPE_NAMES.map((scope, i) => (
              <li>
                <input type="checkbox" id={`c-scope-${i}`} name="scopes" value={scope} checked={values.scopes.includes(scope)} />{' '}
                <label for={`c-scope-${i}`}>
                  <code>{scope}</code> — {t(SCOPE_KEYS[scope])}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <Field id="c-language" label={t('bo.api_clients.field.language')} hint={t('bo.api_clients.form.language_hint')} error={errorText(t, errors.language)}>
          {({ describedBy, invalid }) => (
            <select id="c-language" name="language" class="field__select" aria-describedby={describedBy} aria-invalid={invalid}>
              {['nl', 'fr', 'de'].map((lang) => (
                <option value={lang} selected={values.language === lang}>
                  {t(LANGUAGE_KEYS[lang])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset>
          <legend>{t('bo.api_clients.form.key_legend')}</legend>
          <p class="field__hint">{t('bo.api_clients.form.key_intro')}</p>
          <Field
            id="c-public-key"
            label={t('bo.api_clients.field.public_key')}
            hint={t('bo.api_clients.form.public_key_hint')}
            error={errorText(t, errors.publicKey)}
          >
            {({ describedBy, invalid }) => (
              <textarea
                id="c-public-key"
                name="publicKey"
                rows={8}
                class="field__textarea"
                spellcheck={false}
                aria-describedby={describedBy}
                aria-invalid={invalid}
              >
                {values.publicKey}
              </textarea>
            )}
          </Field>
          <TextInput
            id="c-jwks-uri"
            name="jwksUri"
            type="url"
            label={t('bo.api_clients.field.jwks_uri')}
            hint={t('bo.api_clients.form.jwks_uri_hint')}
            value={values.jwksUri}
            error={errorText(t, errors.jwksUri)}
          />
        </fieldset>
        <div class="button-bar">
          <button type="submit" class="button">
            {t('bo.api_clients.form.submit')}
          </button>
          <a class="button button--secondary" href={BASE}>
            {t('button.cancel')}
          </a>
        </div>
      </form>
    </Layout>
  );
}

/** "Intrekken": what it does, then the confirmation; nothing has changed yet. */
export function RevokeApiClientPage({ ctx, actor, client }: { ctx: PageContext; actor: Actor; client: ApiClientRow }) {
  const { t } = ctx;
  const title = t('bo.api_clients.revoke.title', { name: client.name });
  return (
    <Layout ctx={ctx} title={title}>
      <BackofficeNav ctx={ctx} actor={actor} current="api_clients" />
      <h1>{title}</h1>
      {client.revokedAt ? (
        <Notice kind="info">{t('bo.api_clients.flash.already_revoked')}</Notice>
      ) : (
        <>
          <Notice kind="warning">{t('bo.api_clients.revoke.warning', { clientId: client.clientId })}</Notice>
          <form method="post" action={`${BASE}/revoke`}>
            <input type="hidden" name="client" value={client.id} />
            <div class="button-bar">
              <button type="submit" class="button button--warning">
                {t('bo.api_clients.revoke.confirm')}
              </button>
              <a class="button button--secondary" href={BASE}>
                {t('button.cancel')}
              </a>
            </div>
          </form>
        </>
      )}
    </Layout>
  );
}
