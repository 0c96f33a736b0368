import type { T } from '../../../i18n/i18n.ts';
import type { Language } from '../../../i18n/language.ts';
import { formatDate } from '../../../i18n/format.ts';
import type { CampaignPhase } from '../../campaigns/campaign-phase.ts';
import type { LoadedForm } from '../form.model.ts';
import { formatKbo } from '../../shared/identifiers.ts';
import { organisationName } from '../../shared/organisation-name.ts';

export function formStateKey(form: Pick<LoadedForm, 'instance' | 'evaluation' | 'signatures'>): string {
  if (!form.instance) return 'state.not_started';
  if (form.instance.submitted_at) return 'state.submitted';
  if (form.signatures.length > 0) return 'state.signed_once';
  return form.instance.has_errors ? 'state.draft' : 'state.ready';
}

export const PHASE_KEYS: Record<CampaignPhase, string> = {
  planned: 'phase.planned',
  open: 'phase.open',
  late: 'phase.late',
  closed: 'phase.closed',
};

/** Title block shared by the form pages: measure, OCMW, report year, state, dates. */
export function FormHeader({ t, lang, form, title, phase }: { t: T; lang: Language; form: LoadedForm; title: string; phase: CampaignPhase }) {
  return (
    <div class="form-header" id="form-top" tabIndex={-1}>
      <h1>{title}</h1>
      <dl class="meta-list">
        <div>
          <dt>{t('common.ocmw')}</dt>
          <dd>{`${organisationName(form.organisation, lang)} (${t('common.kbo')} ${formatKbo(form.organisation.kbo)})`}</dd>
        </div>
        <div>
          <dt>{t('common.report_year')}</dt>
          <dd>{form.campaign.report_year}</dd>
        </div>
        <div>
          <dt>{t('common.state')}</dt>
          <dd>{t(formStateKey(form))}</dd>
        </div>
        <div>
          <dt>{t('common.period')}</dt>
          <dd>{`${t(PHASE_KEYS[phase])} — ${t('home.opens', { date: formatDate(form.campaign.opens_at, lang) })}, ${t('home.deadline', { date: formatDate(form.campaign.closes_at, lang) })}`}</dd>
        </div>
      </dl>
    </div>
  );
}
