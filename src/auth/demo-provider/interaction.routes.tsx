import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/deps.ts';
import { pageContext } from '../../platform/route-context.ts';
import { PostedString, formBody } from '../../platform/schemas.ts';
import { sendPage } from '../../views/render.ts';
import { organisationName } from '../../modules/shared/organisation-name.ts';
import { DEMO_MEANS, DEMO_MEANS_LIST, type DemoMeans, type DemoProvider } from './provider.ts';
import { findDemoPersona, listDemoPersonasWithRights } from './personas.ts';
import { InteractionGonePage, InteractionPage } from './views/provider-pages.tsx';

/** The rights a persona holds, in words (the keys written out: the i18n test reads literal keys). */
const RIGHT_KEYS: Record<string, string> = {
  HTB: 'right.HTB',
  CO_HTB: 'right.CO_HTB',
  TB: 'right.TB',
  CO_TB: 'right.CO_TB',
  UV_ENCODER: 'right.UV_ENCODER',
  UV_READER: 'right.UV_READER',
  UV_CHAIR: 'right.UV_CHAIR',
  UV_DIRECTOR: 'right.UV_DIRECTOR',
  EBOX: 'right.EBOX',
  CHAMAN: 'right.CHAMAN',
  OCMW_CONFIG: 'right.OCMW_CONFIG',
  OCMW_ONLINE: 'right.OCMW_ONLINE',
  PODMI_AGENT: 'right.PODMI_AGENT',
  PODMI_ADMIN: 'right.PODMI_ADMIN',
};

const InteractionParams = z.object({ uid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const InteractionBody = formBody({ persona: PostedString, means: PostedString, action: PostedString });

function isMeans(value: string): value is DemoMeans {
  return (DEMO_MEANS_LIST as string[]).includes(value);
}

/**
 * The demo provider's interaction (login) page, ours (oidc-provider leaves the login page to its host): the tester
 * chooses one of the seeded demo personas and the means. Registered in the web scope, so it has the application's
 * look, language, error pages and origin check; it talks to the provider through its interaction API only.
 */
export async function demoInteractionRoutes(scope: FastifyInstance, deps: AppDeps, demo: DemoProvider): Promise<void> {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const { provider, mountPath } = demo;

  async function details(request: FastifyRequest, reply: FastifyReply, uid: string) {
    try {
      const interaction = await provider.interactionDetails(request.raw, reply.raw);
      return interaction.uid === uid ? interaction : undefined;
    } catch {
      return undefined;
    }
  }

  async function showPage(
    request: FastifyRequest,
    reply: FastifyReply,
    uid: string,
    stepUp: boolean,
    chosen: { persona?: string; means?: string; error?: string },
  ) {
    const personas = await listDemoPersonasWithRights(deps.db, deps.clock.now());
    const t = request.t;
    return sendPage(
      reply,
      <InteractionPage
        ctx={{ ...pageContext(request), demo: true }}
        action={`${mountPath}/interaction/${uid}`}
        personas={personas.map((p) => ({
          id: p.id,
          name: `${p.firstName} ${p.lastName}`,
          detail:
            p.grants.length === 0
              ? t('idp.no_access')
              : p.grants.map((g) => `${t(RIGHT_KEYS[g.right_code] ?? g.right_code)} (${organisationName(g, request.lang)})`).join(' · '),
        }))}
        means={DEMO_MEANS_LIST.map((m) => ({ value: m, acr: DEMO_MEANS[m].acr }))}
        chosenPersona={chosen.persona}
        chosenMeans={chosen.means && isMeans(chosen.means) ? chosen.means : 'eid'}
        stepUp={stepUp}
        error={chosen.error}
      />,
      chosen.error ? 400 : 200,
    );
  }

  /** Asked for a signing level: the relying party's step-up before a signature. */
  function asksSigningLevel(params: Record<string, unknown>): boolean {
    const acrValues = typeof params.acr_values === 'string' ? params.acr_values.split(' ') : [];
    return acrValues.length > 0 && !acrValues.includes(DEMO_MEANS.code.acr);
  }

  app.get(`${mountPath}/interaction/:uid`, { schema: { params: InteractionParams } }, async (request, reply) => {
    const interaction = await details(request, reply, request.params.uid);
    if (!interaction) return sendPage(reply, <InteractionGonePage ctx={{ ...pageContext(request), demo: true }} />, 400);
    return showPage(request, reply, interaction.uid, asksSigningLevel(interaction.params), {});
  });

  app.post(`${mountPath}/interaction/:uid`, { schema: { params: InteractionParams, body: InteractionBody } }, async (request, reply) => {
    const interaction = await details(request, reply, request.params.uid);
    if (!interaction) return sendPage(reply, <InteractionGonePage ctx={{ ...pageContext(request), demo: true }} />, 400);
    const { persona, means, action } = request.body;
    if (action === 'cancel') {
      const to = await provider.interactionResult(
        request.raw,
        reply.raw,
        { error: 'access_denied', error_description: 'The user cancelled the login' },
        { mergeWithLastSubmission: false },
      );
      return reply.redirect(to, 303);
    }
    const person = persona ? await findDemoPersona(deps.db, persona) : undefined;
    if (!person || !means || !isMeans(means)) {
      return showPage(request, reply, interaction.uid, asksSigningLevel(interaction.params), {
        persona,
        means,
        error: !person ? 'idp.error_persona' : 'idp.error_means',
      });
    }
    const to = await provider.interactionResult(
      request.raw,
      reply.raw,
      { login: { accountId: person.id, acr: DEMO_MEANS[means].acr, amr: [...DEMO_MEANS[means].amr], remember: false } },
      { mergeWithLastSubmission: false },
    );
    return reply.redirect(to, 303);
  });
}
