import { Notice } from '../../../views/components.tsx';
import { Layout, type PageContext, formHref } from '../../../views/layout.tsx';
import type { FormDefinition } from '../../forms/definition.ts';
import type { Evaluation } from '../../forms/evaluate.ts';
import type { RawInput } from '../../forms/field-types.ts';
import { FormSections } from '../../forms/views/form-renderer.tsx';
import type { LoadedForm } from '../form.model.ts';
import { workbookTables } from '../form-input.ts';
import { FormEditor } from './form-editor.tsx';

/**
 * Someone else saved the form since this user opened it: show their own input (kept, ready to save over
 * the new version on purpose) next to the values now stored. Nothing is silently overwritten.
 */
export function ConflictPage({
  ctx,
  current,
  definition,
  raw,
  evaluation,
  part,
}: {
  ctx: PageContext;
  current: LoadedForm;
  definition: FormDefinition;
  raw: RawInput;
  evaluation: Evaluation;
  /** the part of a long form the user saved (a staff member's page): only that part is shown to save again */
  part?: string;
}) {
  const { t } = ctx;
  const title = t('conflict.title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <Notice kind="warning">{t('conflict.explanation')}</Notice>
      <div class="conflict">
        <section aria-labelledby="conflict-current">
          <h2 id="conflict-current">{t('conflict.current_values')}</h2>
          <FormSections
            ctx={{
              t,
              lang: ctx.lang,
              definition,
              raw: current.raw,
              evaluation: current.evaluation,
              params: current.campaign.params as Record<string, unknown>,
              mode: 'view',
            }}
          />
        </section>
        <section aria-labelledby="conflict-yours">
          <h2 id="conflict-yours">{t('conflict.your_input')}</h2>
          <FormEditor
            base={formHref(ctx, current.campaign.id)}
            version={current.instance?.version ?? 0}
            render={{
              t,
              lang: ctx.lang,
              definition,
              raw,
              evaluation,
              params: current.campaign.params as Record<string, unknown>,
              mode: 'edit',
              sections: part ? [part] : undefined,
              readOnlyTables: workbookTables(definition, current.entryMode),
            }}
            part={part}
            saveLabel={t('conflict.save_mine')}
            cancelLabel={t('conflict.keep_current')}
          />
        </section>
      </div>
    </Layout>
  );
}
