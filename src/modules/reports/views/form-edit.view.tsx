import { ErrorSummary, Notice } from '../../../views/components.tsx';
import { Layout, type PageContext, formHref } from '../../../views/layout.tsx';
import type { FormDefinition } from '../../forms/definition.ts';
import { type Evaluation, heldAlarms } from '../../forms/evaluate.ts';
import type { RawInput } from '../../forms/field-types.ts';
import { type RenderContext, summaryEntries } from '../../forms/views/form-renderer.tsx';
import type { CampaignPhase } from '../../campaigns/campaign-phase.ts';
import type { LoadedForm } from '../form.model.ts';
import { issueLink } from '../form-links.ts';
import { workbookTables } from '../form-input.ts';
import { formFiguresData } from '../form-figures.ts';
import { memberLink } from '../staff-links.ts';
import { FormEditor } from './form-editor.tsx';
import { PartsNav } from './parts-nav.tsx';
import { AssumptionsNotice } from './assumptions-notice.tsx';
import { formParts, nextPart } from '../part-states.ts';
import { FormHeader } from './form-header.tsx';
import { SignatureBoxes } from './form-page.view.tsx';

export interface FormEditProps {
  ctx: PageContext;
  form: LoadedForm;
  definition: FormDefinition;
  phase: CampaignPhase;
  /** what to show in the inputs: the stored input, or what the user just posted */
  raw: RawInput;
  evaluation: Evaluation;
  /** version the next save is based on */
  version: number;
  flash?: { key: string; kind: 'success' | 'warning' | 'info' };
  /** the part being edited, for long forms edited one part at a time */
  part?: string;
}

/** The editable form: one "Opslaan" that always keeps what was typed. */
export function FormEditPage({ ctx, form, definition, phase, raw, evaluation: whole, version, flash, part }: FormEditProps) {
  const evaluation = heldAlarms(whole);
  const { t } = ctx;
  const base = formHref(ctx, form.campaign.id);
  const readOnlyTables = workbookTables(definition, form.entryMode);
  const render: RenderContext = {
    t,
    lang: ctx.lang,
    definition,
    raw,
    evaluation,
    params: form.campaign.params as Record<string, unknown>,
    mode: 'edit',
    sections: part ? [part] : undefined,
    readOnlyTables,
    // a staff member's issue is corrected on their own page (ADR 0042)
    linkFor: (path) => memberLink(base, definition, path, readOnlyTables) ?? issueLink(base, definition, path, { kind: 'edit', part }),
  };
  const title = t(definition.titleKey);
  return (
    <Layout ctx={ctx} title={`${t('button.edit')}: ${title}`}>
      <FormHeader t={t} lang={ctx.lang} form={form} title={title} phase={phase} />
      {flash && <Notice kind={flash.kind}>{t(flash.key)}</Notice>}
      <ErrorSummary t={t} errors={summaryEntries(render, 'error')} />
      <ErrorSummary t={t} errors={summaryEntries(render, 'warning')} titleKey="form.warnings_title" variant="warning" />
      <AssumptionsNotice t={t} lang={ctx.lang} params={form.campaign.params as Record<string, unknown>} />
      {form.signatures.length > 0 && <Notice kind="warning">{t('form.edit_drops_signatures')}</Notice>}
      {part && <PartsNav t={t} parts={formParts(definition, raw, evaluation, form.savedParts)} current={part} hrefOf={(key) => `${base}/edit?part=${key}`} />}
      <FormEditor
        base={base}
        version={version}
        render={render}
        part={part}
        next={part ? nextPart(definition, part) !== undefined : false}
        saveLabel={part ? (nextPart(definition, part) ? t('form.save_next') : t('form.save_part')) : t('button.save')}
        cancelLabel={t('button.cancel')}
        figures={formFiguresData({
          definition,
          reportYear: form.campaign.report_year,
          lang: ctx.lang,
          params: render.params,
          refs: whole.refs,
          raw,
          part,
          entryMode: form.entryMode,
        })}
      />
      <SignatureBoxes ctx={ctx} form={form} />
    </Layout>
  );
}
