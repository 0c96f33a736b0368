import { type Actor, signingRoles } from '../../access/access.ts';
import type { SignatureRole } from '../shared/domain.ts';
import { type CampaignPhase, isEditablePhase } from '../campaigns/campaign-phase.ts';
import type { FormDefinition } from '../forms/definition.ts';
import type { Evaluation } from '../forms/evaluate.ts';
import type { NumberKind } from '../../i18n/format.ts';
import type { LoadedForm } from './form.model.ts';

/**
 * The roles in which this person may sign this form now: open, entered without errors, not signed yet in that role,
 * and not signed by them in the other role (G-SIG-3).
 */
export function signableRoles(actor: Actor, form: LoadedForm, phase: CampaignPhase): SignatureRole[] {
  const open = isEditablePhase(phase) && !form.instance?.submitted_at;
  if (!open || !form.instance || form.evaluation.hasErrors) return [];
  return signingRoles(actor).filter((role) => !form.signatures.some((s) => s.role === role || s.person_id === actor.personId));
}

/** Does this signature complete the form (G-SIG-4: the second signature sends it to POD MI)? */
export function completesForm(form: LoadedForm): boolean {
  return form.signatures.length === 1;
}

export interface KeyFigure {
  labelKey: string;
  type: NumberKind;
  value: number | null;
}

/**
 * The key figures a signer checks before signing (issue 14, item 9): the amounts typed outside the tables and the
 * form's computed figures — its totals, the amount justified and accepted, the settlement — in the order of the form.
 */
export function keyFigures(definition: FormDefinition, evaluation: Evaluation): KeyFigure[] {
  const figures: KeyFigure[] = [];
  for (const section of definition.sections) {
    for (const item of section.items) {
      if (item.kind === 'input' && item.type === 'money') {
        const typed = evaluation.values[item.key];
        figures.push({ labelKey: item.labelKey, type: 'money', value: typeof typed === 'number' ? typed : null });
        continue;
      }
      if (item.kind !== 'computed') continue;
      const value = evaluation.computed[item.key];
      const negative = typeof value === 'number' && value < 0 && item.negativeLabelKey;
      figures.push({
        labelKey: negative ? (item.negativeLabelKey as string) : item.labelKey,
        type: item.type,
        value: typeof value === 'number' ? (negative ? -value : value) : null,
      });
    }
  }
  return figures;
}
