/**
 * The authorisation policy of every route, written down independently of src/access (issue 5, suite 1): for each
 * (route pattern, actor, owner of the object the URL names) the class of answer expected. The suite
 * authorisation-matrix.test.ts probes them all; a route missing here fails it.
 */
import { EMPTY_MERGER_FORM } from '../../src/modules/backoffice/mergers/merger-input.ts';

export type Ocmw = 'A' | 'B';
export type OcmwRole = 'MEDEWERKER' | 'VOORZITTER' | 'ALGEMEEN_DIRECTEUR' | 'LEZER';
export type PodMiRole = 'PODMI_AGENT' | 'PODMI_ADMIN';
/** An access-management role (Toegangsbeheer, issue 12), held without any Uniek Verslag application. */
export type AccessRole = 'HTB' | 'CO_HTB' | 'TB' | 'CO_TB';

/** Who probes: anonymous, one person per role of OCMW A (Demostad) and B (Villedemo), the two POD MI roles. */
export interface Actor {
  key: string;
  /** full name of the demo person ("First Last"); none for the anonymous visitor */
  person?: string;
  ocmw?: Ocmw;
  role?: OcmwRole;
  podmi?: PodMiRole;
  /** an access manager of the OCMW (no Uniek Verslag application) */
  access?: AccessRole;
  /** a medewerker blocked in the OCMW, or removed from it (every grant withdrawn): refused on every page of it */
  gone?: 'blocked' | 'removed';
}

/** The B lezer is not in the demo data: the suite creates this person (LEZER of Villedemo) in its setup. */
export const B_LEZER = { first: 'Lucie', last: 'Lecteur' };
/** Persons of OCMW A the suite creates too: a co-HTB, a blocked and a removed medewerker. */
export const A_CO_HTB = { first: 'Cora', last: 'Cohoofd' };
export const A_BLOCKED = { first: 'Bram', last: 'Geblokkeerd' };
export const A_REMOVED = { first: 'Roos', last: 'Verwijderd' };

export const ACTORS: Actor[] = [
  { key: 'anonymous' },
  { key: 'A.medewerker', person: 'An Peeters', ocmw: 'A', role: 'MEDEWERKER' },
  { key: 'A.voorzitter', person: 'Jan Janssens', ocmw: 'A', role: 'VOORZITTER' },
  { key: 'A.directeur', person: 'Els Maes', ocmw: 'A', role: 'ALGEMEEN_DIRECTEUR' },
  { key: 'A.lezer', person: 'Tom De Smet', ocmw: 'A', role: 'LEZER' },
  { key: 'B.medewerker', person: 'Claire Martin', ocmw: 'B', role: 'MEDEWERKER' },
  { key: 'B.voorzitter', person: 'Sophie Lambert', ocmw: 'B', role: 'VOORZITTER' },
  { key: 'B.directeur', person: 'Pierre Dupont', ocmw: 'B', role: 'ALGEMEEN_DIRECTEUR' },
  { key: 'B.lezer', person: `${B_LEZER.first} ${B_LEZER.last}`, ocmw: 'B', role: 'LEZER' },
  // Toegangsbeheer (issue 12): the access managers of A, B's HTB (another OCMW), a blocked and a removed person of A.
  { key: 'A.htb', person: 'Hilde Claes', ocmw: 'A', access: 'HTB' },
  { key: 'A.cohtb', person: `${A_CO_HTB.first} ${A_CO_HTB.last}`, ocmw: 'A', access: 'CO_HTB' },
  { key: 'A.tb', person: 'Bart Willems', ocmw: 'A', access: 'TB' },
  { key: 'A.cotb', person: 'Sarah Jacobs', ocmw: 'A', access: 'CO_TB' },
  { key: 'B.htb', person: 'Michel Renard', ocmw: 'B', access: 'HTB' },
  { key: 'A.blocked', person: `${A_BLOCKED.first} ${A_BLOCKED.last}`, ocmw: 'A', role: 'MEDEWERKER', gone: 'blocked' },
  { key: 'A.removed', person: `${A_REMOVED.first} ${A_REMOVED.last}`, ocmw: 'A', role: 'MEDEWERKER', gone: 'removed' },
  // POD MI staff log in to the back office and (as the application lets them) choose OCMW A to read its forms.
  { key: 'PODMI_AGENT', person: 'Nathalie Vermeulen', podmi: 'PODMI_AGENT' },
  { key: 'PODMI_ADMIN', person: 'Marc Lefèvre', podmi: 'PODMI_ADMIN' },
];

/**
 * Whose object the URL (or the posted id) names:
 *  - own: an object of the actor's OCMW (POD MI and anonymous: of OCMW A, the OCMW POD MI's session works for);
 *  - foreign: the same kind of object of the other OCMW (B's staff name A's objects, A's staff B's);
 *  - missing: a random UUID.
 * Campaign ids are not owned: an OCMW page takes its OCMW from the :kbo of its URL, which follows the owner — so
 * B's staff naming A's KBO are refused (403), POD MI reads either OCMW, and a KBO of no OCMW is not found. Back-office objects that belong
 * to no OCMW (campaigns, outbox messages and jobs, reference imports) are the same real object for own and foreign.
 */
export type Owner = 'own' | 'foreign' | 'missing';
export const OWNERS: Owner[] = ['own', 'foreign', 'missing'];

/**
 * Classes of answers (classify() in the suite):
 *  - allow: 2xx; 409/422 (the route answered with its conflict or validation page); a POST answered with a
 *    303 to a page of the application (not /login, not /choose-ocmw) without a refusal code;
 *  - redirect: a GET answered with a 303 to another page of the application (e.g. the edit page of a lezer
 *    sends back to the read-only form) — shown nothing it may not see, allowed nothing;
 *  - refused: a 303 carrying a refusal code (?m=changed, not_started, settled, …): the route let the actor in
 *    and the action was refused (the probes post stale versions and content hashes, so nothing changes);
 *  - login: a 303 to /login; choose: a 303 to /choose-ocmw; deny: 403; notfound: 404.
 */
export type Answer = 'allow' | 'redirect' | 'refused' | 'login' | 'choose' | 'deny' | 'notfound';

/** How much an answer grants: a probe answering above its expectation is an unexpected allow, below an unexpected deny. */
export const GRANTS: Record<Answer | 'error' | 'other', number> = {
  login: 0,
  choose: 0,
  deny: 0,
  notfound: 0,
  error: 0,
  other: 0,
  redirect: 1,
  refused: 2,
  allow: 3,
};

export type Rule = (actor: Actor, owner: Owner) => Answer;

/** Which campaign a `:campaignId` of the route names (the other ids follow the owner). */
export type CampaignKey = 'psa' | 'gas' | 'gpmi';

/** The ids one probe fills in (URL parameters and posted fields), resolved for its actor and owner. */
export interface ProbeIds {
  campaignId: string;
  /** the KBO number in an OCMW page's URL (/ocmw/:kbo/…) */
  kbo: string;
  instanceId: string;
  documentId: string;
  settlementId: string;
  organisationId: string;
  personId: string;
  messageId: string;
  jobId: string;
  importId: string;
  /** Toegangsbeheer: the purpose of an appointment, the role removed, a draft (never one of the actor's: random) */
  purpose: string;
  role: string;
  draftId: string;
  /** a merger (issue 13): own the demo merger into A (Demostad), foreign a 2025 merger of the registry, missing a random UUID */
  mergerId: string;
  /** a screen of OCMW-configuratie (issue 18): always the contact data */
  screen: string;
  /** a staff member's page (ADR 0042): always a new member of PSA's part A staff table */
  table: string;
  row: string;
  /** a file of an e-Box message: always its first (the main document) */
  position: string;
  /** a bulk publication of the e-Box: never one that exists (random) */
  batchId: string;
}

export interface RouteRule {
  expect: Rule;
  /** the campaign named by :campaignId: the open PSA 2026 form (OCMW side), GPMI 2026 (campaign configuration), GAS_ELEK 2026, submitted and settled (settlement, exports) */
  campaign?: CampaignKey;
  query?: string;
  /** the posted fields (urlencoded; with `file`, multipart with a file) */
  body?: (ids: ProbeIds) => Record<string, string>;
  file?: boolean;
  /** changes the session (login, logout, choice of OCMW): probed with a throwaway session of the actor */
  fresh?: boolean;
  /** consumes a staged reference import: each probe gets a freshly staged one */
  freshImport?: boolean;
}

// ------------------------------------------------------------------------------------------------- vocabulary

const isAnonymous = (a: Actor) => !a.ocmw && !a.podmi;
/** Blocked in or removed from the OCMW: its pages refuse them (403), whatever they name. */
const isGone = (a: Actor) => a.gone !== undefined;
/** Reads the forms and the OCMW data: a Uniek Verslag application (every OCMW role of the table) or POD MI. */
const readsForms = (a: Actor) => (a.role !== undefined && !isGone(a)) || isPodMi(a);
/** Toegangsbeheer (AccessManage): HTB, co-HTB, TB, co-TB. */
const managesAccess = (a: Actor) => a.access !== undefined;
/** Appoints and removes co-TBs (portal.md §3.2): HTB, co-HTB and TB; a co-TB does not (Q-ACC-1). */
const managesCoTbs = (a: Actor) => a.access === 'HTB' || a.access === 'CO_HTB' || a.access === 'TB';
const isPodMi = (a: Actor) => a.podmi !== undefined;
/** OCMW-configuratie (portal.md CFG-1): the TB and co-TBs (implicitly) and holders of the grant; not the HTB or co-HTB. */
const configures = (a: Actor) => !isGone(a) && (a.access === 'TB' || a.access === 'CO_TB');
const isAdmin = (a: Actor) => a.podmi === 'PODMI_ADMIN';
/** FormEdit and OcmwDataEdit: medewerker, voorzitter, algemeen directeur (not the lezer, not POD MI). */
const edits = (a: Actor) => a.role === 'MEDEWERKER' || a.role === 'VOORZITTER' || a.role === 'ALGEMEEN_DIRECTEUR';
/** A signature: the voorzitter (chair) and the algemeen directeur (director). */
const signs = (a: Actor) => a.role === 'VOORZITTER' || a.role === 'ALGEMEEN_DIRECTEUR';

const always =
  (answer: Answer): Rule =>
  () =>
    answer;
/** The same answer for everyone (the route needs no login). */
const open = always;
/** A route of the OCMW's own pages: anonymous visitors to the login, everyone else per `rule`. */
const ocmw =
  (rule: Rule): Rule =>
  (a, o) =>
    isAnonymous(a) ? 'login' : rule(a, o);
/**
 * A page of an OCMW (/ocmw/:kbo/…): anonymous visitors to the login; a KBO of no OCMW not found; another OCMW's
 * KBO refused to its staff (403) and read by POD MI; the OCMW's own people (and POD MI) per `rule`, on `own` ids.
 */
const ocmwPage =
  (rule: Rule): Rule =>
  (a, o) =>
    isAnonymous(a) ? 'login' : o === 'missing' ? 'notfound' : (o === 'foreign' && !isPodMi(a)) || isGone(a) ? 'deny' : rule(a, 'own');
/** A page of the forms or the OCMW data: refused (403) to an access manager without a Uniek Verslag application. */
const uvPage = (rule: Rule): Rule => ocmwPage((a, o) => (readsForms(a) ? rule(a, o) : 'deny'));
/**
 * An address of before the OCMW was in the URL (GET only): to the same page of the OCMW the session last opened; a
 * person who may choose no OCMW (blocked or removed) to the choice of OCMW, which says whom to ask.
 */
const legacy: Rule = (a) => (isAnonymous(a) ? 'login' : isGone(a) ? 'choose' : 'redirect');
/** A back-office route: anonymous visitors to the login, OCMW staff 403, POD MI per `rule`. */
const backoffice =
  (rule: Rule): Rule =>
  (a, o) =>
    isAnonymous(a) ? 'login' : isPodMi(a) ? rule(a, o) : 'deny';
/** Only the beheerder (PODMI_ADMIN): the dossierbeheerder gets `agent` (403 unless said otherwise). */
const adminOnly =
  (rule: Rule, agent: Rule = always('deny')): Rule =>
  (a, o) =>
    isAdmin(a) ? rule(a, o) : agent(a, o);
/** An id in the URL: a random one is not found. */
const named =
  (answer: Answer | Rule): Rule =>
  (a, o) =>
    o === 'missing' ? 'notfound' : typeof answer === 'string' ? answer : answer(a, o);
const when =
  (predicate: (a: Actor) => boolean, yes: Answer | Rule, no: Answer | Rule): Rule =>
  (a, o) => {
    const chosen = predicate(a) ? yes : no;
    return typeof chosen === 'string' ? chosen : chosen(a, o);
  };

const STALE = '-7';
/** The registry's edit form with every field empty (refused: the names are required). */
const REGISTRY_EMPTY = { nameNl: '', nameFr: '', nameDe: '', administrationLanguage: '', region: '', province: '', kbo: '', nis: '', nisFrom: '' };
/** The merger form with every field empty (refused: partners, scenario and date are required). */
const MERGER_EMPTY: Record<string, string> = { ...EMPTY_MERGER_FORM };

// ------------------------------------------------------------------------------------------------- the table

export const POLICY: Record<string, RouteRule> = {
  // Public and session routes.
  'GET /login': { expect: open('allow') },
  // OpenID Connect (ADR 0033): anyone may start a login (to the provider, /idp/…); a callback without this browser's
  // login under way is refused (403, audited); the step-up before signing needs a session and names its OCMW by
  // ?ocmw= (the probes send none: not found).
  'POST /auth/login': { fresh: true, expect: open('allow') },
  'GET /auth/callback': { expect: open('deny') },
  'GET /auth/step-up': { expect: (a) => (a.person ? 'notfound' : 'login') },
  // Logout ends the session and sends a logged-in person on to the provider's end of session (/idp/session/end).
  'POST /logout': { fresh: true, expect: (a) => (a.person ? 'allow' : 'login') },
  'POST /language': { body: () => ({ lang: 'nl', returnTo: '/' }), expect: open('allow') },
  // A person who may choose no OCMW (blocked or removed) gets the page saying whom to ask (403).
  'GET /choose-ocmw': { expect: ocmw((a) => (isGone(a) ? 'deny' : 'allow')) },
  // Staff may choose only an OCMW they work for; POD MI any existing OCMW.
  'POST /choose-ocmw': {
    fresh: true,
    body: (ids) => ({ organisationId: ids.organisationId }),
    expect: ocmw((a, o) => (o === 'missing' || isGone(a) ? 'choose' : isPodMi(a) || o === 'own' ? 'allow' : 'choose')),
  },

  // "/" and the addresses of before the OCMW was in the URL: to the OCMW last opened (POD MI: A, chosen at login).
  'GET /': { expect: legacy },
  'GET /forms/*': { expect: legacy },
  'GET /documents': { expect: legacy },
  'GET /documents/*': { expect: legacy },
  'GET /ebox': { expect: legacy },
  'GET /ebox/*': { expect: legacy },
  'GET /ocmw/edit': { expect: legacy },
  'GET /ocmw/history': { expect: legacy },

  // The OCMW's pages: the OCMW is the URL's KBO, the campaign id names the form. Everyone of the OCMW and POD MI
  // reads; medewerker, voorzitter and directeur edit; voorzitter and directeur sign.
  'GET /ocmw/:kbo': { expect: ocmwPage(always('allow')) },
  'GET /ocmw/:kbo/details': { expect: uvPage(always('allow')) },
  'POST /ocmw/:kbo/details': { body: () => ({ version: STALE }), expect: uvPage(when(edits, 'allow', 'deny')) },
  'GET /ocmw/:kbo/details/history': { expect: uvPage(always('allow')) },
  // The e-Box (issue 16): everyone of the OCMW who reads it (the Uniek Verslag roles, the access managers) and POD MI;
  // :documentId is a message of the owner's OCMW (its settlement letter). Its former addresses answer 301 (redirect).
  'GET /ocmw/:kbo/documents': { expect: ocmwPage(always('redirect')) },
  'GET /ocmw/:kbo/documents/:documentId': { expect: ocmwPage(always('redirect')) },
  'GET /ocmw/:kbo/ebox': { expect: ocmwPage(always('allow')) },
  'GET /ocmw/:kbo/ebox/:documentId': { expect: ocmwPage(named('allow')) },
  'GET /ocmw/:kbo/ebox/:documentId/files/:position': { expect: ocmwPage(named('allow')) },
  // Its notification address: the access managers of the OCMW (an empty address: removed, or the form again).
  'GET /ocmw/:kbo/ebox-settings': { expect: ocmwPage(when(managesAccess, 'allow', 'deny')) },
  'POST /ocmw/:kbo/ebox-settings': { body: () => ({ email: 'not an address' }), expect: ocmwPage(when(managesAccess, 'allow', 'deny')) },
  'GET /ocmw/:kbo/forms/:campaignId': { campaign: 'psa', expect: uvPage(named('allow')) },
  'GET /ocmw/:kbo/forms/:campaignId/edit': { campaign: 'psa', expect: uvPage(named(when(edits, 'allow', 'redirect'))) },
  'GET /ocmw/:kbo/forms/:campaignId/pdf': { campaign: 'psa', expect: uvPage(named('allow')) },
  'GET /ocmw/:kbo/forms/:campaignId/history': { campaign: 'psa', expect: uvPage(named('allow')) },
  'GET /ocmw/:kbo/forms/:campaignId/workbook': { campaign: 'psa', expect: uvPage(named('allow')) },
  'GET /ocmw/:kbo/forms/:campaignId/workbook/file': { campaign: 'psa', expect: uvPage(named('allow')) },
  'GET /ocmw/:kbo/forms/:campaignId/entry-mode': { campaign: 'psa', expect: uvPage(named(when(edits, 'allow', 'redirect'))) },
  // The signing page (issue 14, item 9) opens for a signatory of a form they can sign now (the matrix's PSA form);
  // everyone else who reads the form is sent back to it.
  'GET /ocmw/:kbo/forms/:campaignId/sign': { campaign: 'psa', expect: uvPage(named(when(signs, 'allow', 'redirect'))) },
  // A staff member's own page (ADR 0042): editors get it, the others the read-only form; a stale version is the conflict
  // page (409) for editors and refused to everyone else.
  'GET /ocmw/:kbo/forms/:campaignId/staff/:table/:row': { campaign: 'psa', expect: uvPage(named(when(edits, 'allow', 'redirect'))) },
  'POST /ocmw/:kbo/forms/:campaignId/staff/:table/:row': {
    campaign: 'psa',
    body: () => ({ version: STALE, action: 'save', 't.staffA.rows': '1', 't.staffA.0.lastName': 'Probe' }),
    expect: uvPage(named(when(edits, 'allow', 'deny'))),
  },
  // A stale version: editors get the conflict page (409); the campaign is looked up before the permission.
  'POST /ocmw/:kbo/forms/:campaignId': {
    campaign: 'psa',
    body: () => ({ version: STALE, action: 'save' }),
    expect: uvPage(named(when(edits, 'allow', 'deny'))),
  },
  'POST /ocmw/:kbo/forms/:campaignId/entry-mode': {
    campaign: 'psa',
    body: () => ({ version: STALE, mode: 'MANUAL' }),
    expect: uvPage(named(when(edits, 'refused', 'deny'))),
  },
  // Not a workbook: editors get the upload refused (422); the permission comes before the campaign.
  'POST /ocmw/:kbo/forms/:campaignId/workbook': {
    campaign: 'psa',
    file: true,
    body: () => ({ version: STALE }),
    expect: uvPage(when(edits, named('allow'), 'deny')),
  },
  // A content hash the signer never saw: refused (?m=changed). Without a signing role: 403, whatever the id.
  // A random campaign id is not found (404), like on every form route.
  'POST /ocmw/:kbo/forms/:campaignId/sign': {
    campaign: 'psa',
    body: () => ({ contentHash: 'f'.repeat(64) }),
    expect: uvPage(when(signs, named('refused'), 'deny')),
  },

  // POD MI back office: follow-up, forms, review (both roles).
  'GET /backoffice': { expect: backoffice(always('allow')) },
  'GET /backoffice/ocmws': { expect: backoffice(always('allow')) },
  'GET /backoffice/forms/:instanceId': { expect: backoffice(named('allow')) },
  'GET /backoffice/forms/:instanceId/pdf': { expect: backoffice(named('allow')) },
  // The forms of a settled campaign can no longer be reviewed (?m=settled).
  'POST /backoffice/forms/:instanceId/correction': {
    body: () => ({ version: STALE, reason: 'Probe of the authorisation matrix.' }),
    expect: backoffice(named('refused')),
  },
  'POST /backoffice/forms/:instanceId/accept': { body: () => ({ version: STALE }), expect: backoffice(named('refused')) },

  // Campaigns: both roles read; the beheerder configures (the dossierbeheerder is sent back to the read-only page).
  'GET /backoffice/campaigns': { expect: backoffice(always('allow')) },
  'GET /backoffice/campaigns/new': { expect: backoffice(adminOnly(always('allow'), always('redirect'))) },
  'POST /backoffice/campaigns/new': { body: () => ({ year: '', measure: '' }), expect: backoffice(adminOnly(always('allow'))) },
  'GET /backoffice/campaigns/:campaignId': { campaign: 'gpmi', expect: backoffice(named('allow')) },
  'GET /backoffice/campaigns/:campaignId/edit': { campaign: 'gpmi', expect: backoffice(adminOnly(named('allow'), always('redirect'))) },
  'POST /backoffice/campaigns/:campaignId': { campaign: 'gpmi', body: () => ({ version: STALE }), expect: backoffice(adminOnly(named('allow'))) },
  'GET /backoffice/campaigns/:campaignId/status': {
    campaign: 'gpmi',
    query: '?action=close',
    expect: backoffice(adminOnly(named('allow'), always('redirect'))),
  },
  'POST /backoffice/campaigns/:campaignId/status': {
    campaign: 'gpmi',
    body: () => ({ action: 'close', version: STALE }),
    expect: backoffice(adminOnly(named('refused'))),
  },
  'POST /backoffice/campaigns/:campaignId/late': {
    campaign: 'gpmi',
    body: (ids) => ({ organisationId: ids.organisationId, untilDate: '', reason: '' }),
    expect: backoffice(adminOnly(named('allow'))),
  },
  'POST /backoffice/campaigns/:campaignId/late/:organisationId/withdraw': { campaign: 'gpmi', expect: backoffice(adminOnly(named('refused'))) },

  // Settlement and exports (both roles); GAS_ELEK 2026 is settled, so settling again is refused.
  'GET /backoffice/settlements': { expect: backoffice(always('allow')) },
  'POST /backoffice/settlements/:campaignId/settle': {
    campaign: 'gas',
    body: () => ({ version: STALE, confirm: 'yes' }),
    expect: backoffice(named('refused')),
  },
  'GET /backoffice/settlements/:campaignId/payments.csv': { campaign: 'gas', expect: backoffice(named('allow')) },
  'GET /backoffice/settlements/:campaignId/reclaims.csv': { campaign: 'gas', expect: backoffice(named('allow')) },
  'GET /backoffice/settlements/:campaignId/compensations.csv': { campaign: 'gas', expect: backoffice(named('allow')) },
  'GET /backoffice/settlements/:campaignId/payments.xlsx': { campaign: 'gas', expect: backoffice(named('allow')) },
  'GET /backoffice/settlements/:campaignId/letters/:settlementId': { campaign: 'gas', expect: backoffice(named('allow')) },
  'GET /backoffice/exports': { expect: backoffice(always('allow')) },
  'GET /backoffice/exports/:campaignId.xlsx': { campaign: 'gas', expect: backoffice(named('allow')) },
  'GET /backoffice/exports/:campaignId.csv': { campaign: 'gas', expect: backoffice(named('allow')) },

  // The local mail outbox and the reference data: the beheerder only.
  'GET /backoffice/outbox': { expect: backoffice(adminOnly(always('allow'))) },
  'GET /backoffice/outbox/:messageId': { expect: backoffice(adminOnly(named('allow'))) },
  'POST /backoffice/outbox/send-now': { expect: backoffice(adminOnly(always('allow'))) },
  // Every job was delivered in the setup: nothing to retry (?m=not_failed).
  'POST /backoffice/outbox/jobs/:jobId/retry': { expect: backoffice(adminOnly(named('refused'))) },
  'GET /backoffice/reference-data': { expect: backoffice(adminOnly(always('allow'))) },
  // No file chosen: the upload form again with its error (422).
  'POST /backoffice/reference-data': { body: () => ({ campaignId: '' }), expect: backoffice(adminOnly(always('allow'))) },
  'GET /backoffice/reference-data/:importId': { expect: backoffice(adminOnly(named('allow'))) },
  'POST /backoffice/reference-data/:importId/commit': { freshImport: true, expect: backoffice(adminOnly(named('allow'))) },
  'POST /backoffice/reference-data/:importId/discard': { freshImport: true, expect: backoffice(adminOnly(named('allow'))) },

  // POD MI's access management (issue 12, item 7; ADR 0032): the beheerder only; the dossierbeheerder 403 on every route.
  'GET /backoffice/access': { expect: backoffice(adminOnly(always('allow'))) },
  'GET /backoffice/access/ocmw/:organisationId': { expect: backoffice(adminOnly(named('allow'))) },
  // Nothing typed: the form again with its errors (422); an overview of an HTB grant that is not the OCMW's: stale (409).
  'POST /backoffice/access/ocmw/:organisationId': { body: () => ({ insz: '' }), expect: backoffice(adminOnly(named('allow'))) },
  'POST /backoffice/access/ocmw/:organisationId/confirm': { body: () => ({ expected: 'probe' }), expect: backoffice(adminOnly(named('allow'))) },
  'GET /backoffice/access/imports': { expect: backoffice(adminOnly(always('allow'))) },
  // No file: the upload form again with its error (422).
  'POST /backoffice/access/imports': { body: () => ({}), expect: backoffice(adminOnly(always('allow'))) },
  'GET /backoffice/access/imports/template.csv': { expect: backoffice(adminOnly(always('allow'))) },
  'GET /backoffice/access/imports/template.xlsx': { expect: backoffice(adminOnly(always('allow'))) },
  // :importId names a reference import, which is no HTB list: not found.
  'GET /backoffice/access/imports/:importId': { expect: backoffice(adminOnly(always('notfound'))) },
  'POST /backoffice/access/imports/:importId/commit': { expect: backoffice(adminOnly(always('notfound'))) },
  'POST /backoffice/access/imports/:importId/discard': { expect: backoffice(adminOnly(always('notfound'))) },
  'GET /backoffice/access/podmi': { expect: backoffice(adminOnly(always('allow'))) },
  'POST /backoffice/access/podmi': { body: () => ({ insz: '' }), expect: backoffice(adminOnly(always('allow'))) },
  // An overview of a member version that is not the person's: stale (409).
  'POST /backoffice/access/podmi/confirm': { body: () => ({ expected: '999' }), expect: backoffice(adminOnly(always('allow'))) },
  // :personId is the beheerder himself (own: his page, his own change refused with 409) or an OCMW's medewerker, no POD MI staff (not found).
  'GET /backoffice/access/podmi/:personId': { expect: backoffice(adminOnly((_a, o) => (o === 'own' ? 'allow' : 'notfound'))) },
  'POST /backoffice/access/podmi/:personId': {
    body: () => ({ action: 'remove' }),
    expect: backoffice(adminOnly((_a, o) => (o === 'own' ? 'allow' : 'notfound'))),
  },
  'POST /backoffice/access/podmi/:personId/confirm': {
    body: () => ({ action: 'remove', version: STALE }),
    expect: backoffice(adminOnly((_a, o) => (o === 'own' ? 'allow' : 'notfound'))),
  },

  // Toegangsbeheer (issue 12, item 5): the access managers of the OCMW; POD MI reads no OCMW's Toegangsbeheer here.
  // The probes post nothing valid (an empty INSZ, no ticked user) and name drafts that are not theirs: nothing changes.
  'GET /ocmw/:kbo/access': { expect: ocmwPage(when(managesAccess, 'allow', 'deny')) },
  'POST /ocmw/:kbo/access/users/action': { body: () => ({ action: 'remove' }), expect: ocmwPage(when(managesAccess, 'allow', 'deny')) },
  'GET /ocmw/:kbo/access/appoint/:purpose': { expect: ocmwPage(when(managesCoTbs, 'allow', 'deny')) },
  // No INSZ: the step again with its message (422).
  'POST /ocmw/:kbo/access/start/:purpose': { body: () => ({ insz: '' }), expect: ocmwPage(when(managesCoTbs, 'allow', 'deny')) },
  'POST /ocmw/:kbo/access/save/:purpose': { body: () => ({ version: STALE, insz: '' }), expect: ocmwPage(when(managesCoTbs, 'allow', 'deny')) },
  // The actor's own page (own) or a random person (missing): read, the actor's own data shown without a form.
  'GET /ocmw/:kbo/access/users/:personId': { expect: ocmwPage(when(managesAccess, named('allow'), 'deny')) },
  // The person named is no co-TB (the actor, or A's medewerker): not found to those who may remove co-TBs.
  'POST /ocmw/:kbo/access/roles/:role/:personId/remove': { expect: ocmwPage(when(managesCoTbs, 'notfound', 'deny')) },
  'GET /ocmw/:kbo/access/drafts/:draftId': { expect: ocmwPage(when(managesAccess, 'notfound', 'deny')) },
  // A draft that is not the actor's: "this overview no longer exists" (?m=expired), nothing changes.
  'POST /ocmw/:kbo/access/drafts/:draftId/confirm': { expect: ocmwPage(when(managesAccess, 'refused', 'deny')) },
  'POST /ocmw/:kbo/access/drafts/:draftId/cancel': { expect: ocmwPage(when(managesAccess, 'allow', 'deny')) },
  // POD MI reads every OCMW's access events (issue 12, item 8)
  'GET /ocmw/:kbo/access/audit': { expect: ocmwPage(when((a) => managesAccess(a) || isPodMi(a), 'allow', 'deny')) },
  'GET /ocmw/:kbo/access/audit.csv': { expect: ocmwPage(when((a) => managesAccess(a) || isPodMi(a), 'allow', 'deny')) },

  // OCMW-configuratie (issue 18): the TB and co-TBs of the OCMW read and save ("Bewaren"); POD MI reads every OCMW's.
  // The probes post an empty contact screen at a stale version: the screen again with its messages (422), nothing saved.
  'GET /ocmw/:kbo/configuration': { expect: ocmwPage(when((a) => configures(a) || isPodMi(a), 'allow', 'deny')) },
  'GET /ocmw/:kbo/configuration/:screen': { expect: ocmwPage(when((a) => configures(a) || isPodMi(a), 'allow', 'deny')) },
  'POST /ocmw/:kbo/configuration/:screen': { body: () => ({ version: STALE }), expect: ocmwPage(when(configures, 'allow', 'deny')) },
  'GET /ocmw/:kbo/configuration/:screen/history': { expect: ocmwPage(when((a) => configures(a) || isPodMi(a), 'allow', 'deny')) },
  // Every OCMW's configuration in the back office, and its export (both POD MI roles).
  'GET /backoffice/configuration': { expect: backoffice(always('allow')) },
  'GET /backoffice/configuration.csv': { expect: backoffice(always('allow')) },
  'GET /backoffice/configuration.xlsx': { expect: backoffice(always('allow')) },

  // The organisation registry (issue 13, item 1; ADR 0035): every POD MI member reads it (BackofficeRead); the
  // beheerder alone edits and loads KBO/NIS lists (RegistryEdit, checked before the schemas: the dossierbeheerder
  // gets 403 whatever the id). :organisationId is the owner's OCMW (A or B), a random UUID not found.
  // The API's clients (issue 16): the list for all POD MI staff; registering and revoking for the beheerder. Nothing
  // typed: the form again with its errors (422); no client named: not found.
  // Publication in the e-Box (issue 16): both POD MI roles. Nothing posted: the form again with its messages (422);
  // a bulk publication named by a random id: not found. The validity per type: the beheerder saves.
  'GET /backoffice/ebox': { expect: backoffice(always('allow')) },
  'GET /backoffice/ebox/messages/:documentId': { expect: backoffice(named('allow')) },
  'GET /backoffice/ebox/new': { expect: backoffice(always('allow')) },
  'POST /backoffice/ebox/new': { body: () => ({}), expect: backoffice(always('allow')) },
  'POST /backoffice/ebox/publish': { body: () => ({ staged: '{}' }), expect: backoffice(always('allow')) },
  'GET /backoffice/ebox/bulk': { expect: backoffice(always('allow')) },
  'POST /backoffice/ebox/bulk': { body: () => ({}), expect: backoffice(always('allow')) },
  'GET /backoffice/ebox/bulk/:batchId': { expect: backoffice(always('notfound')) },
  'GET /backoffice/ebox/bulk/:batchId/report.csv': { expect: backoffice(always('notfound')) },
  'GET /backoffice/ebox/types': { expect: backoffice(always('allow')) },
  'POST /backoffice/ebox/types': { body: () => ({ MAANDSTAAT: 'x' }), expect: backoffice(adminOnly(always('allow'))) },
  'GET /backoffice/api-clients': { expect: backoffice(always('allow')) },
  'GET /backoffice/api-clients/new': { expect: backoffice(adminOnly(always('allow'))) },
  'POST /backoffice/api-clients/new': { body: () => ({}), expect: backoffice(adminOnly(always('allow'))) },
  'GET /backoffice/api-clients/revoke': { expect: backoffice(adminOnly(always('notfound'))) },
  'POST /backoffice/api-clients/revoke': { body: () => ({}), expect: backoffice(adminOnly(always('notfound'))) },
  'GET /backoffice/registry': { expect: backoffice(always('allow')) },
  'GET /backoffice/registry/:organisationId': { expect: backoffice(named('allow')) },
  'GET /backoffice/registry/:organisationId/edit': { expect: backoffice(adminOnly(named('allow'))) },
  // Every field empty: the form again with its errors (422), nothing reviewed.
  'POST /backoffice/registry/:organisationId/edit': { body: () => REGISTRY_EMPTY, expect: backoffice(adminOnly(named('allow'))) },
  // A version that is not the organisation's: the form again with "changed meanwhile" (409), nothing changes.
  'POST /backoffice/registry/:organisationId/confirm': { body: () => ({ ...REGISTRY_EMPTY, version: STALE }), expect: backoffice(adminOnly(named('allow'))) },
  'GET /backoffice/registry/imports': { expect: backoffice(adminOnly(always('allow'))) },
  // No file: the upload form again with its error (422).
  'POST /backoffice/registry/imports': { body: () => ({}), expect: backoffice(adminOnly(always('allow'))) },
  'GET /backoffice/registry/imports/template.csv': { expect: backoffice(adminOnly(always('allow'))) },
  // :importId names a reference import, which is no KBO/NIS list: not found (as on the HTB lists' routes).
  'GET /backoffice/registry/imports/:importId': { expect: backoffice(adminOnly(always('notfound'))) },
  'POST /backoffice/registry/imports/:importId/commit': { expect: backoffice(adminOnly(always('notfound'))) },
  'POST /backoffice/registry/imports/:importId/discard': { expect: backoffice(adminOnly(always('notfound'))) },

  // The mergers (issue 13, items 2, 3 and 5): every POD MI member reads the report and a merger's page; the
  // beheerder alone records one, changes its end of transition and copies the access (RegistryEdit before the
  // schemas: the dossierbeheerder 403 whatever the id). :mergerId: own the demo merger, foreign a 2025 merger.
  'GET /backoffice/mergers': { expect: backoffice(always('allow')) },
  'GET /backoffice/mergers/new': { expect: backoffice(adminOnly(always('allow'))) },
  // Every field empty: the form again with its errors (422), nothing recorded.
  'POST /backoffice/mergers/new': { body: () => MERGER_EMPTY, expect: backoffice(adminOnly(always('allow'))) },
  'POST /backoffice/mergers/new/confirm': { body: () => MERGER_EMPTY, expect: backoffice(adminOnly(always('allow'))) },
  'GET /backoffice/mergers/:mergerId': { expect: backoffice(named('allow')) },
  // Not a date: the merger's page with the field's error (422).
  'POST /backoffice/mergers/:mergerId/transition': {
    body: () => ({ transitionEndsOn: 'geen datum', version: STALE }),
    expect: backoffice(adminOnly(named('allow'))),
  },
  // A version that is not the merger's: "changed meanwhile" (409), nothing changes.
  'POST /backoffice/mergers/:mergerId/transition/confirm': {
    body: () => ({ transitionEndsOn: '31/12/2030', version: STALE }),
    expect: backoffice(adminOnly(named('allow'))),
  },
  // Both copies of access were run in the setup (world.ts): the merger's page saying when (409), nothing copied again.
  'POST /backoffice/mergers/:mergerId/copy': { expect: backoffice(adminOnly(named('allow'))) },
  'POST /backoffice/mergers/:mergerId/copy/confirm': { expect: backoffice(adminOnly(named('allow'))) },
};

/**
 * Probes whose answer differs from the policy because of a known defect of the application, each with what
 * happens: they are reported apart and not counted as unexpected (empty: none known).
 */
export interface KnownDefect {
  route: string;
  actor: string;
  owner: Owner;
  answer: Answer | 'error' | 'other';
  what: string;
}
export const KNOWN_DEFECTS: KnownDefect[] = [];
