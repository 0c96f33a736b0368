import { TextInput } from '../../../views/components.tsx';
import type { PageContext } from '../../../views/layout.tsx';
import { FIELD_KEYS } from './config-texts.ts';
import { type ScreenData, type ScreenErrors, YES } from '../config-fields.ts';
import { EXAMPLE_SETTINGS, EXAMPLE_SUBMISSION_DAY, FREQUENCY_BOUNDS, type ReminderSettings, TERM_BOUNDS, reminderDays } from '../reminder-schedule.ts';

const shortDay = (iso: string) => `${Number(iso.slice(8, 10))}/${Number(iso.slice(5, 7))}`;

/** "ingediend op maandag 3/3, termijn 2, frequentie 3 → 5/3, 8/3, 11/3 …", computed by the schedule itself. */
function example(ctx: PageContext, settings: ReminderSettings): string {
  const days = reminderDays(settings, EXAMPLE_SUBMISSION_DAY, 3).map(shortDay).join(', ');
  return ctx.t('config.online.example', { day: shortDay(EXAMPLE_SUBMISSION_DAY), term: settings.termDays, frequency: settings.frequencyDays, days });
}

/** The settings typed, when they are whole numbers within bounds (then the page shows their own example). */
function typedSettings(data: ScreenData): ReminderSettings | null {
  const term = Number(data.reminderTermDays);
  const frequency = Number(data.reminderFrequencyDays);
  const within = (n: number, b: { min: number; max: number }) => Number.isInteger(n) && n >= b.min && n <= b.max;
  return data.remindUnread === YES && within(term, TERM_BOUNDS) && within(frequency, FREQUENCY_BOUNDS) ? { termDays: term, frequencyDays: frequency } : null;
}

/** A yes/no question as two radio buttons; the error summary links to the first. */
function YesNoQuestion({ ctx, name, data, errors }: { ctx: PageContext; name: 'notifyOnNew' | 'remindUnread'; data: ScreenData; errors: ScreenErrors }) {
  const { t } = ctx;
  const id = `cfg-${name}`;
  const error = errors[name] ? t(errors[name]) : undefined;
  return (
    <div
      class={error ? 'field field--error' : 'field'}
      role="radiogroup"
      aria-labelledby={`${id}-label`}
      aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
    >
      <p id={`${id}-label`} class="field__label">
        {t(FIELD_KEYS[name])}
      </p>
      <p id={`${id}-hint`} class="field__hint">
        {t(name === 'notifyOnNew' ? 'config.online.notifyOnNew_hint' : 'config.online.remindUnread_hint')}
      </p>
      {error && (
        <p id={`${id}-error`} class="field__error">
          {error}
        </p>
      )}
      {(['yes', 'no'] as const).map((v) => (
        <div class="choice choice--inline">
          <input type="radio" id={v === 'yes' ? id : `${id}-no`} name={name} value={v} checked={data[name] === v} />{' '}
          <label for={v === 'yes' ? id : `${id}-no`}>{t(v === 'yes' ? 'common.yes' : 'common.no')}</label>
        </div>
      ))}
    </div>
  );
}

/** OCMW Online (portal.md §6.4): notification and reminder e-mails, with the schedule rule and its worked example. */
export function OnlineFields({ ctx, data, errors }: { ctx: PageContext; data: ScreenData; errors: ScreenErrors }) {
  const { t } = ctx;
  const message = (f: string) => (errors[f] ? t(errors[f]) : undefined);
  const own = typedSettings(data);
  return (
    <>
      <fieldset class="choice">
        <legend class="field__label">{t('config.online.notifications_legend')}</legend>
        <YesNoQuestion ctx={ctx} name="notifyOnNew" data={data} errors={errors} />
        <TextInput
          id="cfg-notifyEmail"
          name="notifyEmail"
          label={t('config.field.notifyEmail')}
          hint={t('config.online.if_yes_hint')}
          value={data.notifyEmail ?? ''}
          error={message('notifyEmail')}
          type="email"
          autocomplete="email"
        />
      </fieldset>
      <fieldset class="choice">
        <legend class="field__label">{t('config.online.reminders_legend')}</legend>
        <YesNoQuestion ctx={ctx} name="remindUnread" data={data} errors={errors} />
        <TextInput
          id="cfg-reminderEmail"
          name="reminderEmail"
          label={t('config.field.reminderEmail')}
          hint={t('config.online.if_yes_hint')}
          value={data.reminderEmail ?? ''}
          error={message('reminderEmail')}
          type="email"
          autocomplete="email"
        />
        <TextInput
          id="cfg-reminderTermDays"
          name="reminderTermDays"
          label={t('config.field.reminderTermDays')}
          hint={t('config.online.term_hint', { min: TERM_BOUNDS.min, max: TERM_BOUNDS.max })}
          value={data.reminderTermDays ?? ''}
          error={message('reminderTermDays')}
          inputmode="numeric"
        />
        <TextInput
          id="cfg-reminderFrequencyDays"
          name="reminderFrequencyDays"
          label={t('config.field.reminderFrequencyDays')}
          hint={t('config.online.frequency_hint', { min: FREQUENCY_BOUNDS.min, max: FREQUENCY_BOUNDS.max })}
          value={data.reminderFrequencyDays ?? ''}
          error={message('reminderFrequencyDays')}
          inputmode="numeric"
        />
        <section class="rule-box" aria-labelledby="cfg-rule-title">
          <h2 id="cfg-rule-title">{t('config.online.rule_title')}</h2>
          <p>{t('config.online.rule')}</p>
          <p>{example(ctx, EXAMPLE_SETTINGS)}</p>
          {own && <p>{`${t('config.online.own_settings')} ${example(ctx, own)}`}</p>}
        </section>
      </fieldset>
    </>
  );
}
