import { createPublicKey } from 'node:crypto';
import { type JWK, calculateJwkThumbprint, exportJWK, importJWK, importSPKI } from 'jose';
import { API_SCOPE_NAMES, isApiScope } from '../../../api/api-clients.ts';
import { isLanguage } from '../../../i18n/i18n.ts';
import type { Language } from '../../../i18n/language.ts';
import { isBlank } from '../../shared/posted-text.ts';

/** The "Nieuwe API-client" form as typed: shown again as it was after an error. */
export interface ApiClientValues {
  name: string;
  clientId: string;
  senderApplication: string;
  scopes: string[];
  language: string;
  /** a JWKS (or one JWK) as JSON, or a PEM public key */
  publicKey: string;
  /** where the client publishes its JWKS (https only) */
  jwksUri: string;
}

export const EMPTY_API_CLIENT: ApiClientValues = { name: '', clientId: '', senderApplication: '', scopes: [], language: 'nl', publicKey: '', jwksUri: '' };

export type ApiClientErrorCode =
  | 'required'
  | 'too_long'
  | 'client_id_format'
  | 'client_id_taken'
  | 'sender_format'
  | 'scopes_required'
  | 'language_invalid'
  | 'key_missing'
  | 'key_both'
  | 'pem_invalid'
  | 'private_key'
  | 'jwks_invalid'
  | 'key_unsupported'
  | 'url_invalid'
  | 'https_only';

export type ApiClientErrors = Partial<Record<keyof ApiClientValues, ApiClientErrorCode>>;

/** What is stored for a valid form. */
export interface ApiClientRecord {
  name: string;
  clientId: string;
  senderApplication: string;
  scopes: string[];
  language: Language;
  jwks: { keys: JWK[] } | null;
  jwksUri: string | null;
}

const CLIENT_ID = /^[A-Za-z0-9._-]{3,100}$/;
const SENDER = /^[A-Z0-9_]{1,100}$/;
const MAX_KEYS = 10;
/** The key types and sizes a client may sign its assertions with (ES256/384/512, RS*, PS256: ADR 0046). */
const CURVE_ALGORITHMS: Record<string, string> = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' };
const MIN_RSA_BITS = 2048;

type KeyResult = { jwks: { keys: JWK[] } } | { error: ApiClientErrorCode };

/** One public JWK, checked: EC on a NIST curve or RSA of 2048 bits and more, importable, no private part. */
async function publicJwk(jwk: unknown): Promise<JWK | ApiClientErrorCode> {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) return 'jwks_invalid';
  const key = jwk as JWK;
  if ('d' in key || 'p' in key || 'k' in key) return 'private_key';
  let alg: string | undefined;
  if (key.kty === 'EC') alg = CURVE_ALGORITHMS[String(key.crv)];
  else if (key.kty === 'RSA') {
    if (typeof key.n !== 'string' || Buffer.from(key.n, 'base64url').length * 8 < MIN_RSA_BITS) return 'key_unsupported';
    alg = typeof key.alg === 'string' && /^(RS256|RS384|RS512|PS256)$/.test(key.alg) ? key.alg : 'RS256';
  }
  if (!alg) return 'key_unsupported';
  if (key.alg !== undefined && key.alg !== alg) return 'key_unsupported';
  try {
    await importJWK(key, alg);
  } catch {
    return 'jwks_invalid';
  }
  const clean: JWK = Object.fromEntries(Object.entries(key).filter(([name]) => ['kty', 'crv', 'x', 'y', 'n', 'e', 'kid', 'alg', 'use'].includes(name)));
  if (clean.use !== undefined && clean.use !== 'sig') return 'key_unsupported';
  return { ...clean, kid: typeof clean.kid === 'string' && clean.kid !== '' ? clean.kid : await calculateJwkThumbprint(clean) };
}

/** A JWKS or a single JWK pasted as JSON. */
async function fromJson(text: string): Promise<KeyResult> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { error: 'jwks_invalid' };
  }
  const list = typeof parsed === 'object' && parsed !== null && 'keys' in parsed ? (parsed as { keys: unknown }).keys : [parsed];
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_KEYS) return { error: 'jwks_invalid' };
  const keys: JWK[] = [];
  for (const item of list) {
    const key = await publicJwk(item);
    if (typeof key === 'string') return { error: key };
    keys.push(key);
  }
  return { jwks: { keys } };
}

/** A PEM public key (SubjectPublicKeyInfo) converted to a JWK with jose (importSPKI, exportJWK). */
async function fromPem(text: string): Promise<KeyResult> {
  if (/-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(text)) return { error: 'private_key' };
  const pem = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/.exec(text)?.[0];
  if (!pem) return { error: 'pem_invalid' };
  let alg: string | undefined;
  try {
    const details = createPublicKey(pem);
    if (details.asymmetricKeyType === 'ec')
      alg =
        CURVE_ALGORITHMS[
          String(details.asymmetricKeyDetails?.namedCurve).replace('prime256v1', 'P-256').replace('secp384r1', 'P-384').replace('secp521r1', 'P-521')
        ];
    else if (details.asymmetricKeyType === 'rsa') alg = (details.asymmetricKeyDetails?.modulusLength ?? 0) >= MIN_RSA_BITS ? 'RS256' : undefined;
  } catch {
    return { error: 'pem_invalid' };
  }
  if (!alg) return { error: 'key_unsupported' };
  try {
    const jwk = await exportJWK(await importSPKI(pem, alg, { extractable: true }));
    const key = await publicJwk(jwk);
    return typeof key === 'string' ? { error: key } : { jwks: { keys: [key] } };
  } catch {
    return { error: 'pem_invalid' };
  }
}

/** The form checked field by field; every problem at once, next to its field. */
export async function validateApiClient(
  values: ApiClientValues,
): Promise<{ kind: 'invalid'; errors: ApiClientErrors } | { kind: 'valid'; record: ApiClientRecord }> {
  const errors: ApiClientErrors = {};
  const name = values.name.trim();
  if (isBlank(name)) errors.name = 'required';
  else if (name.length > 200) errors.name = 'too_long';
  const clientId = values.clientId.trim();
  if (isBlank(clientId)) errors.clientId = 'required';
  else if (!CLIENT_ID.test(clientId)) errors.clientId = 'client_id_format';
  const sender = values.senderApplication.trim().toUpperCase();
  if (isBlank(sender)) errors.senderApplication = 'required';
  else if (!SENDER.test(sender)) errors.senderApplication = 'sender_format';
  const scopes = API_SCOPE_NAMES.filter((s) => values.scopes.includes(s));
  if (scopes.length === 0 || values.scopes.some((s) => !isApiScope(s))) errors.scopes = 'scopes_required';
  if (!isLanguage(values.language)) errors.language = 'language_invalid';

  const publicKey = values.publicKey.trim();
  const jwksUri = values.jwksUri.trim();
  let jwks: { keys: JWK[] } | null = null;
  if (publicKey === '' && jwksUri === '') errors.publicKey = 'key_missing';
  else if (publicKey !== '' && jwksUri !== '') errors.publicKey = 'key_both';
  else if (publicKey !== '') {
    const result = publicKey.startsWith('{') ? await fromJson(publicKey) : await fromPem(publicKey);
    if ('error' in result) errors.publicKey = result.error;
    else jwks = result.jwks;
  } else {
    let url: URL | undefined;
    try {
      url = new URL(jwksUri);
    } catch {
      errors.jwksUri = 'url_invalid';
    }
    if (url && url.protocol !== 'https:') errors.jwksUri = 'https_only';
    else if (url && (jwksUri.length > 2000 || url.username !== '' || url.password !== '')) errors.jwksUri = 'url_invalid';
  }
  if (Object.keys(errors).length > 0) return { kind: 'invalid', errors };
  return {
    kind: 'valid',
    record: { name, clientId, senderApplication: sender, scopes, language: values.language as Language, jwks, jwksUri: jwks ? null : jwksUri },
  };
}
