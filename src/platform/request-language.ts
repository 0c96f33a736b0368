import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Language } from '../db/types.ts';
import { isLanguage, type T, translator } from '../i18n/i18n.ts';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Language;
    t: T;
  }
}

export const LANGUAGE_COOKIE = 'uv_lang';

/**
 * The language of a request: the person's choice, else the OCMW's language; before login the language
 * cookie, else Dutch. One fixed translation function per request.
 */
export const requestLanguagePlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('lang', 'nl');
  app.decorateRequest('t', null as unknown as T);
  app.addHook('onRequest', async (request) => {
    const session = request.session;
    const cookie = request.cookies[LANGUAGE_COOKIE];
    const lang = session?.personLanguage ?? session?.organisationLanguage ?? (isLanguage(cookie) ? cookie : undefined) ?? 'nl';
    request.lang = lang;
    request.t = translator(lang);
  });
});
