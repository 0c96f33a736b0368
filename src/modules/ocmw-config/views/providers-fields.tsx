import { TextInput } from '../../../views/components.tsx';
import type { PageContext } from '../../../views/layout.tsx';
import { organisationName } from '../../shared/organisation-name.ts';
import { OTHER, PRIMAWEB, type ScreenData, type ScreenErrors } from '../config-fields.ts';
import type { ConfigChoices } from '../config.model.ts';
import { SelectInput } from './config-inputs.tsx';
import { fieldKey } from './config-texts.ts';

/** A contact person: name, e-mail, phone (the three fields of one provider). */
function ContactPerson({ ctx, prefix, data, errors }: { ctx: PageContext; prefix: 'network' | 'supplier'; data: ScreenData; errors: ScreenErrors }) {
  const { t } = ctx;
  const field = (suffix: 'Name' | 'Email' | 'Phone') => `${prefix}Contact${suffix}`;
  const message = (f: string) => (errors[f] ? t(errors[f]) : undefined);
  return (
    <>
      <TextInput
        id={`cfg-${field('Name')}`}
        name={field('Name')}
        label={t(fieldKey(field('Name')))}
        value={data[field('Name')] ?? ''}
        error={message(field('Name'))}
        autocomplete="name"
      />
      <TextInput
        id={`cfg-${field('Email')}`}
        name={field('Email')}
        label={t(fieldKey(field('Email')))}
        value={data[field('Email')] ?? ''}
        error={message(field('Email'))}
        type="email"
        autocomplete="email"
      />
      <TextInput
        id={`cfg-${field('Phone')}`}
        name={field('Phone')}
        label={t(fieldKey(field('Phone')))}
        hint={t('config.phone_hint')}
        value={data[field('Phone')] ?? ''}
        error={message(field('Phone'))}
        type="tel"
        autocomplete="tel"
      />
    </>
  );
}

/** Technische dienstverleners (portal.md §6.2): the network provider and the social-software supplier, each with a contact. */
export function ProvidersFields({ ctx, data, errors, choices }: { ctx: PageContext; data: ScreenData; errors: ScreenErrors; choices: ConfigChoices }) {
  const { t } = ctx;
  const message = (f: string) => (errors[f] ? t(errors[f]) : undefined);
  return (
    <>
      <fieldset class="choice">
        <legend class="field__label">{t('config.providers.network_legend')}</legend>
        <SelectInput
          id="cfg-networkProvider"
          name="networkProvider"
          label={t('config.field.networkProvider')}
          hint={t('config.providers.network_hint')}
          placeholder={t('config.choose')}
          value={data.networkProvider ?? ''}
          error={message('networkProvider')}
          options={[...choices.networkProviders.map((p) => ({ value: p.code, label: p.name })), { value: OTHER, label: t('config.other') }]}
        />
        <TextInput
          id="cfg-networkProviderOther"
          name="networkProviderOther"
          label={t('config.field.networkProviderOther')}
          hint={t('config.providers.other_hint')}
          value={data.networkProviderOther ?? ''}
          error={message('networkProviderOther')}
        />
        <ContactPerson ctx={ctx} prefix="network" data={data} errors={errors} />
      </fieldset>
      <fieldset class="choice">
        <legend class="field__label">{t('config.providers.supplier_legend')}</legend>
        <SelectInput
          id="cfg-softwareSupplier"
          name="softwareSupplier"
          label={t('config.field.softwareSupplier')}
          placeholder={t('config.choose')}
          value={data.softwareSupplier ?? ''}
          error={message('softwareSupplier')}
          options={[
            ...choices.suppliers.map((s) => ({ value: s.kbo, label: organisationName(s, ctx.lang) })),
            { value: PRIMAWEB, label: t('config.primaweb') },
            { value: OTHER, label: t('config.other') },
          ]}
        />
        <TextInput
          id="cfg-softwareSupplierOther"
          name="softwareSupplierOther"
          label={t('config.field.softwareSupplierOther')}
          hint={t('config.providers.other_hint')}
          value={data.softwareSupplierOther ?? ''}
          error={message('softwareSupplierOther')}
        />
        <TextInput
          id="cfg-softwareProduct"
          name="softwareProduct"
          label={t('config.field.softwareProduct')}
          hint={t('config.providers.product_hint')}
          value={data.softwareProduct ?? ''}
          error={message('softwareProduct')}
        />
        <p class="field__hint">{t('config.providers.supplier_contact_hint')}</p>
        <ContactPerson ctx={ctx} prefix="supplier" data={data} errors={errors} />
      </fieldset>
    </>
  );
}
