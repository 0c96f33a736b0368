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
import { belgianBankOf } from './belgian-bank-codes.ts';
import type { OrganisationRow } from './organisations.repository.ts';
import type { T } from '../../i18n/i18n.ts';
import { getOrganisation, isOcmwDataLocked, saveOcmwData } from './organisations.service.ts';
import { OcmwEditPage, type OcmwDataReadOnly } from './views/ocmw-edit.view.tsx';

/** The OCMW data form: its fields as posted text (validated by the service, messages next to the fields), and the version read. */
const OcmwDataBody = formBody({
  version: Version,
  /** "Rekeningnummer wijzigen": the person saw that signatures lapse and confirms */
  confirmBankChange: PostedString,
  ...(Object.fromEntries(OCMW_DATA_FIELDS.map((f) => [f, PostedText])) as Record<OcmwDataField, typeof PostedText>),
});

/** What the data page says after a save that filled in the BIC (?m=…): the BIC and its bank, and lapsed signatures. */
const DONE = new Set(['bic_filled', 'bic_filled_dropped']);

function bicFilledText(t: T, org: Pick<OrganisationRow, 'iban' | 'bic'>, saved: boolean): string {
  const bank = belgianBankOf(org.iban ?? '');
  const values = { bic: org.bic ?? '', bank: bank?.name ?? '' };
  return saved ? t('ocmw.bic_filled', values) : t('ocmw.bic_filled_check', values);
}

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
    const m = String((request.query as Record<string, unknown>).m ?? '');
    const done = DONE.has(m) ? [bicFilledText(request.t, org, true)] : [];
    if (m === 'bic_filled_dropped') done.push(request.t('flash.ocmw_saved_signatures_dropped'));
    return sendPage(
      reply,
      <OcmwEditPage
        ctx={pageContext(request, organisationName(org, request.lang))}
        input={ocmwDataInputOf(org)}
        errors={{}}
        version={org.version}
        readOnly={readOnly}
        done={done}
      />,
    );
  });

  app.post('/details', { schema: { body: OcmwDataBody } }, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const { version } = request.body;
    const input = readOcmwDataInput(request.body);
    const result = await saveOcmwData(ctx, version, input, { bankChangeConfirmed: request.body.confirmBankChange === 'yes' });
    if (result.kind === 'saved') {
      // a BIC filled in from the IBAN: back on this page, which shows it and says so (issue 14, item 7)
      if (result.bicFilled) return reply.redirect(`${ocmwBase(request)}/details?m=${result.droppedSignatures > 0 ? 'bic_filled_dropped' : 'bic_filled'}`, 303);
      const code = result.droppedSignatures > 0 ? 'ocmw_saved_dropped' : result.changed > 0 ? 'ocmw_saved' : 'ocmw_unchanged';
      return reply.redirect(`${ocmwBase(request)}?m=${code}`, 303);
    }
    const org = await getOrganisation(ctx);
    const shown = result.kind === 'confirm_bank' ? result.input : input;
    const page = (
      <OcmwEditPage
        ctx={pageContext(request, organisationName(org, request.lang))}
        input={shown}
        done={result.kind === 'confirm_bank' && result.bicFilled ? [bicFilledText(request.t, { iban: shown.iban, bic: shown.bic }, false)] : undefined}
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
