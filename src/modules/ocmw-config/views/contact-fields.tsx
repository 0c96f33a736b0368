import { TextInput } from '../../../views/components.tsx';
import type { PageContext } from '../../../views/layout.tsx';
import { FIELD_KEYS } from './config-texts.ts';
import { LANGUAGE_SUFFIXES, type MultilingualField, type ScreenData, type ScreenErrors } from '../config-fields.ts';

const LANGUAGE_KEYS = { Nl: 'config.language.nl', Fr: 'config.language.fr', De: 'config.language.de' } as const;

/**
 * One field in Dutch, French and German, each with "Stel deze waarde in voor alle talen": a submit button that shows
 * the page again with the value copied (nothing saved, everything typed kept); with JavaScript it copies in place.
 */
function Multilingual({
  ctx,
  field,
  data,
  errors,
  required,
}: {
  ctx: PageContext;
  field: MultilingualField;
  data: ScreenData;
  errors: ScreenErrors;
  required: boolean;
}) {
  const { t } = ctx;
  const label = t(FIELD_KEYS[field]);
  return (
    <fieldset class="choice multilingual">
      <legend class="field__label">{label}</legend>
      <p class="field__hint">{required ? t('config.contact.all_languages_hint') : t('config.contact.optional_hint')}</p>
      {LANGUAGE_SUFFIXES.map((l) => {
        const name = `${field}${l}`;
        return (
          <div class="multilingual__row">
            <TextInput
              id={`cfg-${name}`}
              name={name}
              label={`${label} — ${t(LANGUAGE_KEYS[l])}`}
              value={data[name] ?? ''}
              error={errors[name] ? t(errors[name]) : undefined}
              autocomplete={field === 'street' ? 'street-address' : field === 'city' ? 'address-level2' : undefined}
            />
            <button type="submit" name="copy" value={name} class="button button--secondary button--small" data-copy-languages={name}>
              {t('config.contact.copy')}
              <span class="visually-hidden">{` (${label} — ${t(LANGUAGE_KEYS[l])})`}</span>
            </button>
          </div>
        );
      })}
    </fieldset>
  );
}

/** Contactgegevens (portal.md §6.3): what citizens see of the OCMW on OCMW Online, in three languages. */
export function ContactFields({ ctx, data, errors }: { ctx: PageContext; data: ScreenData; errors: ScreenErrors }) {
  const { t } = ctx;
  const message = (f: string) => (errors[f] ? t(errors[f]) : undefined);
  return (
    <>
      <p class="visually-hidden" aria-live="polite" data-copy-status={t('config.flash.copied')} />
      <Multilingual ctx={ctx} field="street" data={data} errors={errors} required />
      <TextInput
        id="cfg-postalCode"
        name="postalCode"
        label={t('config.field.postalCode')}
        hint={t('config.contact.postal_code_hint')}
        value={data.postalCode ?? ''}
        error={message('postalCode')}
        inputmode="numeric"
        autocomplete="postal-code"
      />
      <Multilingual ctx={ctx} field="city" data={data} errors={errors} required />
      <TextInput
        id="cfg-phone"
        name="phone"
        label={t('config.field.phone')}
        hint={t('config.phone_hint')}
        value={data.phone ?? ''}
        error={message('phone')}
        type="tel"
        autocomplete="tel"
      />
      <TextInput
        id="cfg-email"
        name="email"
        label={t('config.field.email')}
        value={data.email ?? ''}
        error={message('email')}
        type="email"
        autocomplete="email"
      />
      <TextInput
        id="cfg-website"
        name="website"
        label={t('config.field.website')}
        hint={t('config.contact.website_hint')}
        value={data.website ?? ''}
        error={message('website')}
        autocomplete="url"
      />
      <Multilingual ctx={ctx} field="openingHours" data={data} errors={errors} required={false} />
    </>
  );
}
