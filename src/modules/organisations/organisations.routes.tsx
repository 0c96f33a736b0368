import type { FastifyInstance } from 'fastify';
import { can } from '../../access/access.ts';
import { subjectHistory } from '../../audit/history.service.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { bodyOf, pageContext, requireOrganisation, serviceContext } from '../../platform/route-context.ts';
import { sendPage } from '../../views/render.ts';
import { HistoryPage } from '../../audit/views/history.view.tsx';
import { organisationName } from './organisation-name.ts';
import { ocmwDataInputOf, readOcmwDataInput } from './ocmw-data.schema.ts';
import { getOrganisation, isOcmwDataLocked, saveOcmwData } from './organisations.service.ts';
import { OcmwEditPage } from './views/ocmw-edit.view.tsx';

const COLUMN_LABELS: Record<string, string> = {
  iban: 'ocmw.iban',
  bic: 'ocmw.bic',
  contact_last_name: 'ocmw.contact_last_name',
  contact_first_name: 'ocmw.contact_first_name',
  contact_email: 'ocmw.contact_email',
  contact_phone: 'ocmw.contact_phone',
};


export async function organisationsRoutes(app: FastifyInstance, deps: AppDeps) {
  app.addHook('preHandler', requireOrganisation);

  app.get('/ocmw/edit', async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const org = await getOrganisation(ctx);
    const readOnly = !can(ctx.actor, 'OcmwDataEdit') || (await isOcmwDataLocked(ctx));
    return sendPage(reply, <OcmwEditPage ctx={pageContext(request, organisationName(org, request.lang))} input={ocmwDataInputOf(org)} errors={{}} version={org.version} readOnly={readOnly} />);
  });

  app.post('/ocmw/edit', async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const body = bodyOf(request);
    const input = readOcmwDataInput(body);
    const version = Number.parseInt(String(body.version ?? ''), 10);
    const result = await saveOcmwData(ctx, Number.isInteger(version) ? version : -1, input);
    if (result.kind === 'saved') {
      const code = result.droppedSignatures > 0 ? 'ocmw_saved_dropped' : result.changed > 0 ? 'ocmw_saved' : 'ocmw_unchanged';
      return reply.redirect(`/?m=${code}`, 303);
    }
    const org = await getOrganisation(ctx);
    const page = (
      <OcmwEditPage
        ctx={pageContext(request, organisationName(org, request.lang))}
        input={input}
        errors={result.kind === 'invalid' ? result.errors : {}}
        version={result.kind === 'conflict' ? org.version : version}
        readOnly={result.kind === 'closed'}
        notice={result.kind === 'conflict' ? 'ocmw.conflict' : undefined}
      />
    );
    return sendPage(reply, page, result.kind === 'invalid' ? 422 : result.kind === 'conflict' ? 409 : 200);
  });

  app.get('/ocmw/history', async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const org = await getOrganisation(ctx);
    const { events, chain } = await subjectHistory(ctx, org.id);
    const entries = events.map((e) => ({
      ...e,
      details: ((e.payload.changes ?? []) as Array<{ field: string; old: string; new: string }>)
        .map((c) => `${request.t(COLUMN_LABELS[c.field] ?? c.field)}: «${c.old}» → «${c.new}»`)
        .join('; '),
    }));
    return sendPage(reply, <HistoryPage ctx={pageContext(request, organisationName(org, request.lang))} title={request.t('ocmw.history_title')} backHref="/" entries={entries} chain={chain} />);
  });
}
