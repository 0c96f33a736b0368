import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../access/access.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { ocmwBase, pageContext, serviceContext } from '../../platform/route-context.ts';
import { PostedString, Version, looseFormBody, oneOf } from '../../platform/schemas.ts';
import { sendPage } from '../../views/render.ts';
import { isEditablePhase } from '../campaigns/campaign-phase.ts';
import { isBlankRow } from '../forms/evaluate.ts';
import { organisationName } from '../shared/organisation-name.ts';
import { readRow, withRow } from './form-input.ts';
import { formDefinitionFor, formPhase, loadForm } from './reports.service.ts';
import { FormParams } from './route-params.ts';
import { type RowRef, checkedRow, editableRecordsTable, partOf, saveRow } from './staff-rows.service.ts';
import { ConflictPage } from './views/conflict.view.tsx';
import { StaffMemberPage, StaffRemovePage } from './views/staff-member.view.tsx';

/**
 * One staff member per page (issue 14, item 2; ADR 0042): /forms/:campaignId/staff/:table/:row, row a number or "new".
 * The table must be a records table of the form that is not read-only (workbook rows); anything else is not found.
 */

const StaffParams = FormParams.extend({
  table: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/),
  row: z.union([
    z.literal('new'),
    z
      .string()
      .regex(/^\d{1,4}$/)
      .transform(Number),
  ]),
});
/** ?action=remove: the question before a removal ("Wilt u X verwijderen?"), a page that works without JavaScript. */
const StaffQuery = z.object({ m: oneOf(['saved_errors']), action: oneOf(['remove']) });
/** The member's cells (t.<table>.<row>.<column>) are read by the form engine (readRow); the rest is declared here. */
const StaffBody = looseFormBody({ version: Version, action: PostedString });

const FLASHES = { saved_errors: { key: 'flash.saved_errors', kind: 'warning' } } as const;

function editHref(request: FastifyRequest, campaignId: string, part: string | undefined, anchor: string, m?: string): string {
  const query = [part ? `part=${part}` : '', m ? `m=${m}` : ''].filter(Boolean).join('&');
  return `${ocmwBase(request)}/forms/${campaignId}/edit${query ? `?${query}` : ''}#${anchor}`;
}

/** The form, when the actor may edit it now; else null (the pages send them to the read-only form, as the edit page does). */
async function editableForm(request: FastifyRequest, deps: AppDeps, campaignId: string) {
  const ctx = serviceContext(request, deps);
  const form = await loadForm(ctx, campaignId);
  const editable = isEditablePhase(formPhase(form, ctx.now)) && !form.instance?.submitted_at && can(ctx.actor, 'FormEdit');
  return { ctx, form, editable };
}

export async function staffRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.get('/forms/:campaignId/staff/:table/:row', { schema: { params: StaffParams, querystring: StaffQuery } }, async (request, reply) => {
    const { campaignId } = request.params;
    const { form, editable } = await editableForm(request, deps, campaignId);
    if (!editable) return reply.redirect(`${ocmwBase(request)}/forms/${form.campaign.id}`, 303);
    const table = editableRecordsTable(form.definition, form.entryMode, request.params.table);
    const row = checkedRow(table, form.raw, request.params.row);
    const index = row === 'new' ? (form.raw.tables[table.key]?.length ?? 0) : row;
    const part = partOf(form.definition, table.key);
    const ctx = pageContext(request, organisationName(form.organisation, request.lang));
    if (request.query.action === 'remove' && row !== 'new') {
      return sendPage(
        reply,
        <StaffRemovePage
          ctx={ctx}
          form={form}
          table={table}
          index={row}
          version={form.instance?.version ?? 0}
          backHref={editHref(request, form.campaign.id, part, `row-${table.key}-${row}`)}
        />,
      );
    }
    return sendPage(
      reply,
      <StaffMemberPage
        ctx={ctx}
        form={form}
        table={table}
        index={index}
        row={row}
        raw={form.raw}
        evaluation={form.evaluation}
        version={form.instance?.version ?? 0}
        backHref={editHref(request, form.campaign.id, part, row === 'new' ? `table-${table.key}` : `row-${table.key}-${index}`)}
        part={part}
        flash={request.query.m ? FLASHES[request.query.m] : undefined}
      />,
    );
  });

  app.post('/forms/:campaignId/staff/:table/:row', { schema: { params: StaffParams, body: StaffBody } }, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const { campaign, definition, entryMode } = await formDefinitionFor(ctx, request.params.campaignId);
    const table = editableRecordsTable(definition, entryMode, request.params.table);
    const row: RowRef = request.params.row;
    const part = partOf(definition, table.key);
    const base = `${ocmwBase(request)}/forms/${campaign.id}`;
    const remove = request.body.action === 'remove';
    if (remove && row === 'new') return reply.redirect(editHref(request, campaign.id, part, `table-${table.key}`), 303);
    // A new member's cells are named with the index the page gave it: after the rows it posted back unchanged.
    const postedIndex = row === 'new' ? Math.max(0, (Number.parseInt(String(request.body[`t.${table.key}.rows`] ?? ''), 10) || 1) - 1) : row;
    const posted = remove ? null : readRow(table, request.body, postedIndex);
    if (posted && isBlankRow(table, posted)) {
      // A member without a single value is never stored: the page again, saying what to do.
      const form = await loadForm(ctx, campaign.id);
      const index = row === 'new' ? (form.raw.tables[table.key]?.length ?? 0) : row;
      return sendPage(
        reply,
        <StaffMemberPage
          ctx={pageContext(request, organisationName(form.organisation, request.lang))}
          form={form}
          table={table}
          index={index}
          row={row}
          raw={row === 'new' ? form.raw : withRow(form.raw, table.key, row, posted)}
          evaluation={form.evaluation}
          version={request.body.version}
          backHref={editHref(request, campaign.id, part, `table-${table.key}`)}
          part={part}
          pageError={request.t('staff_page.blank')}
        />,
        422,
      );
    }
    const result = await saveRow(ctx, campaign.id, request.body.version, table.key, row, posted);
    switch (result.kind) {
      case 'saved': {
        if (remove) return reply.redirect(editHref(request, campaign.id, part, `table-${table.key}`, 'removed'), 303);
        const index = row === 'new' ? (result.evaluation.tables[table.key]?.length ?? 1) - 1 : row;
        const own = (path: string) => path === `${table.key}.${index}` || path.startsWith(`${table.key}.${index}.`);
        // errors in what was just typed: back to the member's page (what was typed is kept: it is stored)
        if (result.evaluation.issues.some((i) => i.severity === 'error' && own(i.path))) {
          return reply.redirect(`${base}/staff/${table.key}/${index}?m=saved_errors`, 303);
        }
        return reply.redirect(editHref(request, campaign.id, part, `row-${table.key}-${index}`, result.droppedSignatures > 0 ? 'dropped' : 'saved'), 303);
      }
      case 'conflict': {
        // as on every save: the values stored now next to this person's input, ready to be saved over them on purpose
        const current = result.current;
        const count = current.raw.tables[table.key]?.length ?? 0;
        const target: RowRef = row === 'new' || row >= count ? 'new' : row;
        if (remove && target === 'new') return reply.redirect(editHref(request, campaign.id, part, `table-${table.key}`), 303);
        const mine = await loadForm(ctx, campaign.id, withRow(current.raw, table.key, target, posted));
        return sendPage(
          reply,
          <ConflictPage
            ctx={pageContext(request, organisationName(current.organisation, request.lang))}
            current={current}
            definition={current.definition}
            raw={mine.raw}
            evaluation={mine.evaluation}
            part={part}
          />,
          409,
        );
      }
      case 'submitted':
        return reply.redirect(`${base}?m=already_submitted`, 303);
      case 'not_open':
        return reply.redirect(`${base}?m=not_open`, 303);
    }
  });
}
