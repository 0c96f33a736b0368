import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { callerOf } from './caller.ts';

/** What a call's row says beyond its method, route and status: a few small facts, never a token or a body. */
export type CallDetail = Record<string, string | number | boolean>;

const details = new WeakMap<FastifyRequest, CallDetail>();

/** Adds a small fact to the api_calls row of this request (the OAuth2 error, the client_id an assertion claims). */
export function noteCall(request: FastifyRequest, detail: CallDetail): void {
  details.set(request, { ...details.get(request), ...detail });
}

/**
 * The onResponse hook of the API scope: one api_calls row per call — the client when known (by its token, or by its
 * verified assertion at the token endpoint), the method, the route pattern (never the URL with its values), the
 * status, the moment and the request id. One insert after the answer has left; a failure is logged, never answered.
 */
export function apiCallAudit(deps: { db: Db; clock: { now(): Date } }) {
  return async function auditCall(request: FastifyRequest, reply: FastifyReply) {
    const client = request.apiClient?.id ?? callerOf(request)?.id ?? null;
    const detail = { request_id: request.id, ...details.get(request) };
    try {
      await deps.db
        .insertInto('api_calls')
        .values({
          client_id: client,
          method: request.method.slice(0, 10),
          route: request.routeOptions.url ?? '(no route)',
          status: reply.statusCode,
          at: deps.clock.now(),
          detail: JSON.stringify(detail),
        })
        .execute();
    } catch (error) {
      request.log.error({ err: error }, 'api call not audited');
    }
  };
}
