import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { can, requireAccess } from '../../access/access.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { ocmwBase, serviceContext } from '../../platform/route-context.ts';
import { Version, formBody, oneOf } from '../../platform/schemas.ts';
import { readUpload } from '../../platform/uploads.ts';
import { sendPage } from '../../views/render.ts';
import { workbookRowCount } from './form-input.ts';
import { isEditablePhase } from '../campaigns/campaign-phase.ts';
import { NotFound } from '../shared/errors.ts';
import { formPhase, loadForm } from './reports.service.ts';
import { FormParams } from './route-params.ts';
import { renderFormPage } from './form-page.tsx';
import { EntryModeConfirmPage } from './views/entry-mode-confirm.view.tsx';
import { manualTablesToEmpty } from './workbook-switch.ts';
import { organisationName } from '../shared/organisation-name.ts';
import { pageContext } from '../../platform/route-context.ts';
import { keptWorkbook, setEntryMode, uploadWorkbook, workbookTemplate } from './workbook.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The switch between typing and the workbook. (An upload's fields come from the multipart reader, platform/uploads.ts.) */
const EntryModeBody = formBody({ mode: oneOf(['WORKBOOK', 'MANUAL']), version: Version });

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"`;
}

/** The Excel route of a measure (forms.md §2.7): template download, upload, kept file, entry-mode switch. */
export async function workbookRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get('/forms/:campaignId/workbook', { schema: { params: FormParams } }, async (request, reply) => {
    const file = await workbookTemplate(serviceContext(request, deps), request.params.campaignId, request.lang, request.t);
    return reply.type(XLSX).header('content-disposition', attachment(file.fileName)).send(file.content);
  });

  app.get('/forms/:campaignId/workbook/file', { schema: { params: FormParams } }, async (request, reply) => {
    const file = await keptWorkbook(serviceContext(request, deps), request.params.campaignId);
    return reply.type(XLSX).header('content-disposition', attachment(file.file_name)).send(file.content);
  });

  app.post('/forms/:campaignId/workbook', { schema: { params: FormParams } }, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const { campaignId } = request.params;
    // Who may upload is decided before the upload is read: a reader gets 403 whatever the file.
    requireAccess(ctx.actor, 'FormEdit');
    const upload = await readUpload(request, ['version']);
    const version = Version.parse(upload.fields.version);
    const refused = (key: string) => [{ kind: 'file' as const, error: { code: key, params: {} } }];
    if (!upload.file)
      return renderFormPage(request, reply, deps, campaignId, { uploadProblems: refused(upload.tooLarge ? 'entry.too_large' : 'entry.no_file'), status: 422 });
    const result = await uploadWorkbook(ctx, campaignId, version, {
      fileName: upload.file.name,
      mediaType: upload.file.mediaType,
      content: upload.file.bytes,
    });
    switch (result.kind) {
      case 'rejected':
        return renderFormPage(request, reply, deps, campaignId, { uploadProblems: result.problems, status: result.status ?? 422 });
      case 'saved':
        return reply.redirect(`${ocmwBase(request)}/forms/${campaignId}?m=${result.droppedSignatures > 0 ? 'dropped' : 'workbook_uploaded'}`, 303);
      case 'conflict':
        return reply.redirect(`${ocmwBase(request)}/forms/${campaignId}?m=changed`, 303);
      case 'submitted':
        return reply.redirect(`${ocmwBase(request)}/forms/${campaignId}?m=already_submitted`, 303);
      case 'not_open':
        return reply.redirect(`${ocmwBase(request)}/forms/${campaignId}?m=not_open`, 303);
    }
  });

  app.get('/forms/:campaignId/entry-mode', { schema: { params: FormParams } }, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const form = await loadForm(ctx, request.params.campaignId);
    const base = `${ocmwBase(request)}/forms/${form.campaign.id}`;
    if (!form.definition.workbook) throw new NotFound();
    if (!isEditablePhase(formPhase(form, ctx.now)) || form.instance?.submitted_at || !can(ctx.actor, 'FormEdit')) return reply.redirect(base, 303);
    const to = form.entryMode === 'WORKBOOK' ? 'MANUAL' : 'WORKBOOK';
    const rows = workbookRowCount(form.definition, form.raw);
    // the tables the switch empties, with their rows (issue 14, item 8)
    const emptied = (to === 'WORKBOOK' ? manualTablesToEmpty(form.definition, form.raw) : []).map((table) => ({
      label: request.t(table.labelKey),
      rows: table.rows,
    }));
    return sendPage(
      reply,
      <EntryModeConfirmPage
        ctx={pageContext(request, organisationName(form.organisation, request.lang))}
        campaignId={form.campaign.id}
        version={form.instance?.version ?? 0}
        to={to}
        rows={rows}
        emptied={emptied}
        title={`${request.t(form.definition.titleKey)} ${form.campaign.report_year}`}
      />,
    );
  });

  app.post('/forms/:campaignId/entry-mode', { schema: { params: FormParams, body: EntryModeBody } }, async (request, reply) => {
    const { campaignId } = request.params;
    const { mode, version } = request.body;
    if (!mode) return reply.redirect(`${ocmwBase(request)}/forms/${campaignId}`, 303);
    const result = await setEntryMode(serviceContext(request, deps), campaignId, version, mode);
    const code =
      result.kind === 'saved'
        ? result.droppedSignatures > 0
          ? 'dropped'
          : 'entry_mode_changed'
        : result.kind === 'conflict'
          ? 'changed'
          : result.kind === 'submitted'
            ? 'already_submitted'
            : 'not_open';
    return reply.redirect(`${ocmwBase(request)}/forms/${campaignId}?m=${code}`, 303);
  });
}
