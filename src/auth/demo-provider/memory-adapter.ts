import type { Adapter, AdapterPayload } from 'oidc-provider';

/**
 * oidc-provider's storage for the demo provider: in this process's memory, on purpose (ADR 0030). Sessions,
 * interactions, codes and grants of the demo provider are gone at restart; the application's own sessions are not
 * (they are in the database). The same contract as oidc-provider's quick-start adapter, named as ours so that the
 * choice is explicit; expiry is checked on read.
 */
interface Entry {
  payload: AdapterPayload;
  expiresAt: number | undefined;
}

/** The models revoked with their grant (as oidc-provider's own memory adapter): never an interaction or a session. */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

export function memoryAdapterFactory(): (name: string) => Adapter {
  const entries = new Map<string, Entry>();
  const uids = new Map<string, string>();
  const userCodes = new Map<string, string>();
  const grants = new Map<string, Set<string>>();
  const live = (key: string): AdapterPayload | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.payload;
  };
  return (name: string): Adapter => {
    const key = (id: string) => `${name}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        entries.set(key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : undefined });
        if (name === 'Session' && payload.uid) uids.set(payload.uid, id);
        if (payload.userCode) userCodes.set(payload.userCode, id);
        if (GRANTABLE.has(name) && payload.grantId) {
          const set = grants.get(payload.grantId) ?? new Set<string>();
          set.add(key(id));
          grants.set(payload.grantId, set);
        }
      },
      async find(id) {
        return live(key(id));
      },
      async findByUid(uid) {
        const id = uids.get(uid);
        return id ? live(key(id)) : undefined;
      },
      async findByUserCode(userCode) {
        const id = userCodes.get(userCode);
        return id ? live(key(id)) : undefined;
      },
      async consume(id) {
        const payload = live(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        entries.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const k of grants.get(grantId) ?? []) entries.delete(k);
        grants.delete(grantId);
      },
    };
  };
}
