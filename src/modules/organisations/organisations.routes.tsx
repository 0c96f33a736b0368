import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { can } from '../../access/access.ts';
import { historyDetails } from '../../audit/history-details.ts';
import { subjectHistory } from '../../audit/history.service.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { ocmwBase, pageContext, serviceContext } from '../../platform/route-context.ts';
import { PostedString, Version, formBody } from '../../platform/schemas.ts';
import { PostedText } from '../shared/posted-text.ts';
import { ocmwRoutes } from './ocmw-scope.ts';
import { sendPage } from '../../views/render.ts';
import { HistoryPage } from '../../audit/views/history.view.tsx';
import { organisationName } from '../shared/organisation-name.ts';
import { OCMW_DATA_FIELDS, type OcmwDataField, ocmwDataInputOf, readOcmwDataInput } from './ocmw-data.schema.ts';
import { getOrganisation, isOcmwDataLocked, saveOcmwData } from './organisations.service.ts';
import { OcmwEditPage, type OcmwDataReadOnly } from './views/ocmw-edit.view.tsx';

/** The OCMW data form: its fields as posted text (validated by the service, messages next to the fields), and the version read. */
const OcmwDataBody = formBody({
  version: Version,
  /** "Rekeningnummer wijzigen": the person saw that signatures lapse and confirms */
  confirmBankChange: PostedString,
  ...(Object.fromEntries(OCMW_DATA_FIELDS.map((f) => [f, PostedText])) as Record<OcmwDataField, typeof PostedText>),
});

/** The OCMW's own data (/ocmw/{kbo}/details) and its history; the old /ocmw/edit and /ocmw/history lead there. */
export async function organisationsRoutes(app: FastifyInstance, deps: AppDeps) {
  await ocmwRoutes(app, deps, (scope) => ocmwDataRoutes(scope, deps));
}

async function ocmwDataRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get('/details', async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const org = await getOrganisation(ctx);
    const readOnly: OcmwDataReadOnly = !can(ctx.actor, 'OcmwDataEdit')
      ? request.ocmw?.podmiReading
        ? 'podmi'
        : 'no_permission'
      : (await isOcmwDataLocked(ctx))
        ? 'closed'
        : false;
    return sendPage(
      reply,
      <OcmwEditPage
        ctx={pageContext(request, organisationName(org, request.lang))}
        input={ocmwDataInputOf(org)}
        errors={{}}
        version={org.version}
        readOnly={readOnly}
      />,
    );
  });

  app.post('/details', { schema: { body: OcmwDataBody } }, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const { version } = request.body;
    const input = readOcmwDataInput(request.body);
    const result = await saveOcmwData(ctx, version, input, { bankChangeConfirmed: request.body.confirmBankChange === 'yes' });
    if (result.kind === 'saved') {
      const code = result.droppedSignatures > 0 ? 'ocmw_saved_dropped' : result.changed > 0 ? 'ocmw_saved' : 'ocmw_unchanged';
      return reply.redirect(`${ocmwBase(request)}?m=${code}`, 303);
    }
    const org = await getOrganisation(ctx);
    const page = (
      <OcmwEditPage
        ctx={pageContext(request, organisationName(org, request.lang))}
        input={input}
        errors={result.kind === 'invalid' ? result.errors : {}}
        version={result.kind === 'conflict' ? org.version : version}
        readOnly={result.kind === 'closed' ? 'closed' : false}
        notice={result.kind === 'conflict' ? 'ocmw.conflict' : undefined}
        confirmBank={result.kind === 'confirm_bank' ? result.signatures : undefined}
      />
    );
    return sendPage(reply, page, result.kind === 'invalid' ? 422 : result.kind === 'conflict' ? 409 : 200);
  });

  app.get('/details/history', async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const org = await getOrganisation(ctx);
    const { events, chain } = await subjectHistory(ctx, org.id);
    const entries = events.map((e) => ({ ...e, details: historyDetails(request.t, e.type, e.payload) }));
    return sendPage(
      reply,
      <HistoryPage
        ctx={pageContext(request, organisationName(org, request.lang))}
        title={request.t('ocmw.history_title')}
        backHref={ocmwBase(request)}
        entries={entries}
        chain={chain}
      />,
    );
  });
}
