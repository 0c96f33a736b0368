import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccessDenied } from '../../access/access.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { pageContext, serviceContext } from '../../platform/route-context.ts';
import { PostedString, Version, keysOf, looseFormBody, oneOf } from '../../platform/schemas.ts';
import { sendPage } from '../../views/render.ts';
import { OcmwParams, ocmwRoutes } from '../organisations/ocmw-scope.ts';
import { SLUGS, screenOfSlug } from './config-fields.ts';
import { copyToAllLanguages } from './config-input.ts';
import { getConfigOverview, getConfigScreen, getScreenHistory, postedScreen, saveConfigScreen } from './config.service.ts';
import { ConfigHistoryPage } from './views/config-history.view.tsx';
import { ConfigOverviewPage } from './views/config-overview.view.tsx';
import { ConfigScreenPage } from './views/config-screen.view.tsx';

/** Flash messages after "Bewaren" (?m=). */
const FLASH = { saved: 'config.flash.saved', unchanged: 'config.flash.unchanged' } as const;

const ScreenParams = OcmwParams.extend({ screen: z.enum(SLUGS) });

/** A screen's form: the version read, and the button pressed ("Bewaren" or "set for all languages"); the fields the service reads. */
const ScreenBody = looseFormBody({ version: Version, copy: PostedString });

/** OCMW-configuratie (issue 18, portal.md §6): /ocmw/{kbo}/configuration and its four screens. */
export async function configRoutes(app: FastifyInstance, deps: AppDeps) {
  await ocmwRoutes(app, deps, (scope) => ocmwConfigRoutes(scope, deps));
}

async function ocmwConfigRoutes(scope: FastifyInstance, deps: AppDeps) {
  const app = scope.withTypeProvider<ZodTypeProvider>();

  app.get('/configuration', async (request, reply) => {
    const overview = await getConfigOverview(serviceContext(request, deps));
    return sendPage(reply, <ConfigOverviewPage ctx={pageContext(request)} overview={overview} />);
  });

  app.get('/configuration/:screen', { schema: { params: ScreenParams, querystring: z.object({ m: oneOf(keysOf(FLASH)) }) } }, async (request, reply) => {
    const screen = screenOfSlug(request.params.screen);
    const { state, choices, canEdit } = await getConfigScreen(serviceContext(request, deps), screen);
    const flash = request.query.m ? FLASH[request.query.m as keyof typeof FLASH] : undefined;
    return sendPage(
      reply,
      <ConfigScreenPage
        ctx={pageContext(request)}
        screen={screen}
        data={state.data}
        version={state.version}
        saved={state.saved}
        choices={choices}
        canEdit={canEdit}
        flash={flash}
      />,
    );
  });

  app.post('/configuration/:screen', { schema: { params: ScreenParams, body: ScreenBody } }, async (request, reply) => {
    const ctx = serviceContext(request, deps);
    const screen = screenOfSlug(request.params.screen);
    const { state, choices, canEdit } = await getConfigScreen(ctx, screen);
    const input = postedScreen(screen, request.body, choices);
    const page = (props: Partial<Parameters<typeof ConfigScreenPage>[0]>, status = 200) =>
      sendPage(
        reply,
        <ConfigScreenPage
          ctx={pageContext(request)}
          screen={screen}
          data={input}
          version={request.body.version}
          saved={state.saved}
          choices={choices}
          canEdit={canEdit}
          {...props}
        />,
        status,
      );
    // "Stel deze waarde in voor alle talen" without JavaScript: the page again with the value copied, nothing saved.
    if (screen === 'CONTACT' && request.body.copy) {
      if (!canEdit) throw new AccessDenied('OcmwConfigEdit');
      return page({ data: copyToAllLanguages(input, request.body.copy), flash: 'config.flash.copied' });
    }
    const result = await saveConfigScreen(ctx, screen, request.body.version, input);
    switch (result.kind) {
      case 'saved':
        return reply.redirect(`${request.ocmw?.base}/configuration/${request.params.screen}?m=saved`, 303);
      case 'unchanged':
        return reply.redirect(`${request.ocmw?.base}/configuration/${request.params.screen}?m=unchanged`, 303);
      case 'invalid':
        return page({ errors: result.errors }, 422);
      case 'conflict':
        // what was typed stays on the page; saving again (against their version) replaces theirs knowingly
        return page({ conflict: result.theirs, version: result.theirs.version, saved: result.theirs.saved }, 409);
    }
  });

  app.get('/configuration/:screen/history', { schema: { params: ScreenParams } }, async (request, reply) => {
    const screen = screenOfSlug(request.params.screen);
    const { entries, choices } = await getScreenHistory(serviceContext(request, deps), screen);
    return sendPage(reply, <ConfigHistoryPage ctx={pageContext(request)} screen={screen} entries={entries} choices={choices} />);
  });
}
