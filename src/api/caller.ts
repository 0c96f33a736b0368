import type { FastifyRequest } from 'fastify';
import type { Language } from '../i18n/language.ts';

/** The API client a request is known to come from: by its bearer token, or by the verified assertion at the token endpoint. */
export interface Caller {
  /** api_clients.id */
  id: string;
  clientId: string;
  language: Language;
}

const callers = new WeakMap<FastifyRequest, Caller>();

/** Remembers who calls (the rate limit's key, the language of the problems, the client of the api_calls row). */
export function setCaller(request: FastifyRequest, caller: Caller): void {
  callers.set(request, { id: caller.id, clientId: caller.clientId, language: caller.language });
}

export function callerOf(request: FastifyRequest): Caller | undefined {
  return callers.get(request);
}
