import { type ComputeContext, type FormDefinition, type Issue, numberParam } from '../definition.ts';

/**
 * F10 — Covid-19: Tijdelijke premie (forms.md §4.6): the OCMW enters one total, the premiums of €25 paid
 * for January–March 2022. Parameters of the campaign: premiumCents (2500), months (3).
 */
function toPay(ctx: ComputeContext): number | null {
  const justified = ctx.values.justifiedTotal;
  if (typeof justified !== 'number') return null;
  return justified - (ctx.refs.advance ?? 0);
}

function multipleOfPremium(ctx: ComputeContext): Issue[] {
  const justified = ctx.values.justifiedTotal;
  const premium = numberParam(ctx.params, 'premiumCents');
  if (typeof justified !== 'number' || justified % premium === 0) return [];
  return [{ code: 'covid.warning_not_multiple', severity: 'warning', path: 'justifiedTotal', params: { premiumCents: premium } }];
}

function aboveEligible(ctx: ComputeContext): Issue[] {
  const justified = ctx.values.justifiedTotal;
  const persons = ctx.refs.eligiblePersons;
  if (typeof justified !== 'number' || typeof persons !== 'number') return [];
  const maximum = numberParam(ctx.params, 'premiumCents') * numberParam(ctx.params, 'months') * persons;
  if (justified <= maximum) return [];
  return [{ code: 'covid.warning_above_eligible', severity: 'warning', path: 'justifiedTotal', params: { maximumCents: maximum, persons } }];
}

export const covidPremieV1: FormDefinition = {
  measure: 'COVID_PREMIE',
  version: 1,
  titleKey: 'measure.COVID_PREMIE',
  sections: [
    {
      key: 'premium',
      titleKey: 'covid.section',
      introKey: 'covid.intro',
      items: [
        { kind: 'ref', key: 'advance', type: 'money', labelKey: 'covid.advance' },
        { kind: 'ref', key: 'eligiblePersons', type: 'count', labelKey: 'covid.eligible_persons' },
        {
          kind: 'input',
          key: 'justifiedTotal',
          type: 'money',
          required: true,
          labelKey: 'covid.justified_total',
          hintKey: 'covid.justified_total_hint',
        },
        {
          kind: 'computed',
          key: 'toPayByPodMi',
          type: 'money',
          labelKey: 'covid.to_pay',
          negativeLabelKey: 'covid.to_repay',
          compute: toPay,
        },
      ],
    },
  ],
  rules: [multipleOfPremium, aboveEligible],
};
