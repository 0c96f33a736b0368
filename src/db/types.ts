import type { ColumnType, Generated } from 'kysely';
import type { Language } from '../i18n/language.ts';
import type {
  AdministrationLanguage,
  CampaignStatus,
  ConfigScreen,
  DocumentKind,
  EntryMode,
  IdentifierScheme,
  KeptReason,
  MergerScenario,
  OrganisationType,
  PrincipalKind,
  ReferenceImportProblem,
  ReferenceImportState,
  Region,
  ReviewState,
  SignatureRole,
  StagedReferenceRow,
} from '../modules/shared/domain.ts';

/** Timestamps are written as Date and read as Date on both drivers. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;
/** A timestamp with a database default. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type { Language };
// The domain enums, for the database layer's users that still import them from here.
export type * from '../modules/shared/domain.ts';

export interface OrganisationsTable {
  id: string;
  type: ColumnType<OrganisationType, OrganisationType | undefined, OrganisationType>;
  kbo: string;
  /** null only for POD MI and suppliers */
  nis: string | null;
  name_nl: string;
  name_fr: string;
  name_de: string;
  language: Language;
  iban: string | null;
  bic: string | null;
  contact_last_name: string | null;
  contact_first_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  version: Generated<number>;
  updated_at: DefaultTimestamp;
  /** VLG, BRU or WAL (follow-up filters); null for OCMWs loaded before the back office */
  region: ColumnType<Region | null, Region | null | undefined, Region | null>;
  /** province name in Dutch; null for Brussels */
  province: ColumnType<string | null, string | null | undefined, string | null>;
  /** nl, fr, de or nl+fr (Brussels); null for POD MI and suppliers */
  administration_language: ColumnType<AdministrationLanguage | null, AdministrationLanguage | null | undefined, AdministrationLanguage | null>;
  /** legal existence, calendar days `YYYY-MM-DD` (read as text) */
  valid_from: ColumnType<string, string | undefined, string>;
  valid_to: ColumnType<string | null, string | null | undefined, string | null>;
  /** false for a municipality without an OCMW (Herstappe) */
  has_ocmw: ColumnType<boolean, boolean | undefined, boolean>;
  kbo_fictitious: ColumnType<boolean, boolean | undefined, boolean>;
  /** the merger this organisation disappears in */
  merger_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** An organisation's KBO number or NIS code over a period (migration 0013): unique among organisations at any day. */
export interface OrganisationIdentifiersTable {
  id: string;
  organisation_id: string;
  scheme: IdentifierScheme;
  value: string;
  valid_from: string;
  valid_to: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MergersTable {
  id: string;
  merged_organisation_id: string;
  scenario: MergerScenario;
  effective_on: string;
  transition_ends_on: ColumnType<string | null, string | null | undefined, string | null>;
  recorded_at: Timestamp;
  recorded_by: string | null;
  version: Generated<number>;
  access_copied_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  access_copied_by: ColumnType<string | null, string | null | undefined, string | null>;
  access_copy_report: ColumnType<unknown | null, string | null | undefined, string | null>;
}

export interface MergerPartnersTable {
  merger_id: string;
  organisation_id: string;
  keeps_identity: boolean;
  nis_before: string;
}

/** POD MI's changes to the registry (append-only). */
export interface RegistryEventsTable {
  id: Generated<string>;
  occurred_at: Timestamp;
  actor_person_id: string | null;
  organisation_id: string | null;
  merger_id: string | null;
  type: string;
  payload: Json<Record<string, unknown>>;
}

/** A staged KBO/NIS list (migration 0013). */
export interface RegistryImportsTable {
  id: string;
  file_name: string;
  file_sha256: string;
  file_size: number;
  uploaded_by: string;
  uploaded_at: Timestamp;
  state: ReferenceImportState;
  row_count: number;
  rows: Json<unknown[]>;
  problems: Json<ReferenceImportProblem[]>;
  committed_at: Timestamp | null;
  committed_by: string | null;
  discarded_at: Timestamp | null;
  discarded_by: string | null;
}

export interface PersonsTable {
  id: string;
  insz: string;
  first_name: string;
  last_name: string;
  language: Language | null;
  email: ColumnType<string | null, string | null | undefined, string | null>;
  first_login_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** a seeded demo persona: the only persons the embedded identity provider offers */
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultTimestamp;
}

export interface PrincipalsTable {
  id: string;
  kind: PrincipalKind;
  created_at: DefaultTimestamp;
}

export interface AccessDomainsTable {
  code: string;
  organisation_type: OrganisationType;
  name_nl: string;
  name_fr: string;
  name_de: string;
}

export interface AccessRightsTable {
  code: string;
  kind: 'ROLE' | 'APPLICATION';
  domain_code: string | null;
  rank: number;
}

export interface AccessMembersTable {
  organisation_id: string;
  person_id: string;
  email: string | null;
  phone: string | null;
  language: Language | null;
  blocked_at: Timestamp | null;
  blocked_until: Timestamp | null;
  blocked_by: string | null;
  added_by: string | null;
  added_at: Timestamp;
  version: Generated<number>;
}

export interface AccessGrantsTable {
  id: string;
  organisation_id: string;
  person_id: string;
  domain_code: string | null;
  right_code: string;
  valid_from: Timestamp;
  valid_to: Timestamp | null;
  granted_by: string | null;
  granted_at: Timestamp;
  withdrawn_by: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A change of Toegangsbeheer between "Opslaan" and "Bevestigen" (migration 0011, ADR 0031). */
export interface AccessDraftsTable {
  id: string;
  organisation_id: string;
  actor_person_id: string;
  kind: 'USER' | 'ROLE' | 'REMOVE_ROLE' | 'REMOVE' | 'BLOCK' | 'UNBLOCK';
  payload: Json<Record<string, unknown>>;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface SessionsTable {
  id_hash: string;
  person_id: string;
  organisation_id: string | null;
  language: Language | null;
  auth_method: string;
  authenticated_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  /** how the person authenticated (migration 0010): the provider's acr, its issuer, the ID token for the logout */
  acr: ColumnType<string | null, string | null | undefined, string | null>;
  provider: ColumnType<string | null, string | null | undefined, string | null>;
  id_token: ColumnType<string | null, string | null | undefined, string | null>;
  /** the last step-up before signing: its acr, the provider's auth_time, when it was completed, for which organisation */
  step_up_acr: ColumnType<string | null, string | null | undefined, string | null>;
  step_up_auth_time: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  step_up_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  step_up_organisation_id: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A login or step-up under way (migration 0010): bound to the browser by the cookie whose hash is its key. */
export interface OidcLoginsTable {
  id_hash: string;
  purpose: 'LOGIN' | 'STEP_UP';
  state: string;
  nonce: string;
  code_verifier: string;
  session_id_hash: string | null;
  person_id: string | null;
  organisation_id: string | null;
  return_to: string | null;
  started_at: Timestamp;
  started_epoch: ColumnType<string, number | string, number | string>;
  expires_at: Timestamp;
}

export interface CampaignsTable {
  id: string;
  report_year: number;
  measure: string;
  opens_at: Timestamp;
  closes_at: Timestamp;
  status: CampaignStatus;
  definition_version: number;
  params: Json<Record<string, unknown>>;
  version: Generated<number>;
  /** days before the deadline on which reminders are sent */
  reminder_days: ColumnType<number[], number[] | undefined, number[]>;
  updated_at: DefaultTimestamp;
}

export interface CampaignEventsTable {
  id: Generated<string>;
  campaign_id: string;
  occurred_at: Timestamp;
  actor_person_id: string;
  type: string;
  payload: Json<Record<string, unknown>>;
}

/** A late submission allowed for one OCMW (forms.md X-CAL-5, Q-GEN-5). */
export interface CampaignExtensionsTable {
  campaign_id: string;
  organisation_id: string;
  until: Timestamp;
  reason: string;
  granted_by: string;
  granted_at: Timestamp;
}

export interface ReferenceValuesTable {
  organisation_id: string;
  campaign_id: string;
  data: Json<Record<string, number>>;
  loaded_at: DefaultTimestamp;
}

export interface FormInstancesTable {
  id: string;
  organisation_id: string;
  campaign_id: string;
  measure: string;
  report_year: number;
  definition_version: number;
  input: Json<Record<string, unknown>>;
  content_hash: string;
  has_errors: boolean;
  version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: Timestamp | null;
  submitted_snapshot: ColumnType<SubmittedSnapshot | null, string | null | undefined, string | null>;
  /** MANUAL: every table typed in; WORKBOOK: the workbook tables come from the uploaded file (forms.md §2.7) */
  entry_mode: ColumnType<EntryMode, EntryMode | undefined, EntryMode>;
  /** the uploaded workbook the rows come from (WORKBOOK mode) */
  workbook_attachment_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** POD MI's review of the submitted form */
  review_state: ColumnType<ReviewState | null, ReviewState | null | undefined, ReviewState | null>;
  correction_reason: ColumnType<string | null, string | null | undefined, string | null>;
  correction_requested_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  correction_requested_by: ColumnType<string | null, string | null | undefined, string | null>;
  accepted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  accepted_by: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Documents for an OCMW's e-Box (persoonlijke pagina's); immutable. */
export interface DocumentsTable {
  id: string;
  organisation_id: string;
  campaign_id: string | null;
  kind: DocumentKind;
  language: Language;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  created_by: string;
  created_at: Timestamp;
}

/** The first time someone of the organisation opened a document of its e-Box, and who (migration 0015). */
export interface DocumentReadsTable {
  document_id: string;
  organisation_id: string;
  first_read_at: Timestamp;
  first_read_by: string;
}

/** e-Box (migration 0016, issue 16): the document types of portal.md §4.2, their legislations and validity. */
export interface EboxMessageTypesTable {
  code: string;
  legislations: string[];
  validity_months: number;
  position: number;
  changed_by: string | null;
  changed_at: Timestamp | null;
}

/** A file's content once per SHA-256: in the database (`content`) or on disk / in S3 (metadata only). */
export interface EboxFilesTable {
  sha256: string;
  size_bytes: ColumnType<string | number | bigint, number, number>;
  store: 'database' | 'disk' | 's3';
  content: Buffer | null;
  created_at: Timestamp;
}

export interface EboxBatchesTable {
  id: string;
  file_name: string;
  sha256: string;
  row_count: number;
  state: 'PUBLISHING' | 'DONE' | 'REFUSED';
  uploaded_by: string;
  uploaded_at: Timestamp;
  finished_at: Timestamp | null;
  report: ColumnType<unknown, string | undefined, string>;
}

export interface EboxMessagesTable {
  id: string;
  organisation_id: string;
  sender_application: string;
  idempotency_key: string | null;
  message_type: string;
  legislation: 'RMI' | 'WET65' | 'VOH' | 'SUBSIDIES' | 'GENERAL';
  period: string | null;
  subject_nl: string;
  subject_fr: string;
  subject_de: string | null;
  published_at: Timestamp;
  expires_at: Timestamp;
  published_by_person: string | null;
  published_by_client: string | null;
  batch_id: string | null;
  campaign_id: string | null;
  files_deleted_at: Timestamp | null;
  expiry_notified_at: Timestamp | null;
}

export interface EboxAttachmentsTable {
  message_id: string;
  position: number;
  file_name: string;
  sha256: string | null;
  size_bytes: ColumnType<string | number | bigint, number, number>;
  is_main: boolean;
}

export interface EboxReadsTable {
  message_id: string;
  organisation_id: string;
  first_read_at: Timestamp;
  first_read_by: string;
}

export interface EboxVisitsTable {
  organisation_id: string;
  last_visit_at: Timestamp;
  last_visit_by: string;
}

export interface EboxNotificationAddressesTable {
  organisation_id: string;
  email: string;
  changed_by: string;
  changed_at: Timestamp;
}

export interface EboxDigestsTable {
  organisation_id: string;
  digest_date: ColumnType<string, string, string>;
  sent_at: Timestamp;
}

export interface EboxGrantTypesTable {
  organisation_id: string;
  person_id: string;
  message_type: string;
}

/** An API client (OAuth2 client credentials with private_key_jwt, RFC 7523). */
export interface ApiClientsTable {
  id: string;
  client_id: string;
  name: string;
  sender_application: string;
  scopes: string[];
  jwks: ColumnType<unknown, string | null, string | null> | null;
  jwks_uri: string | null;
  language: Language;
  created_by: string | null;
  created_at: Timestamp;
  revoked_by: string | null;
  revoked_at: Timestamp | null;
}

export interface ApiAssertionIdsTable {
  client_id: string;
  jti: string;
  expires_at: Timestamp;
}

export interface ApiAccessTokensTable {
  token_sha256: string;
  client_id: string;
  scopes: string[];
  issued_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiCallsTable {
  id: Generated<string>;
  client_id: string | null;
  method: string;
  route: string;
  status: number;
  at: Timestamp;
  detail: ColumnType<unknown, string | null | undefined, string | null> | null;
}

/** A bigint column of cents: pg reads it as a string, PGlite as a bigint; convert with Number() (safe integers). */
type Cents = ColumnType<string | number | bigint, number | bigint, number | bigint>;

/** The settlement of one OCMW for one campaign, amounts in cents (forms.md §3.3). */
export interface SettlementsTable {
  id: string;
  campaign_id: string;
  organisation_id: string;
  form_instance_id: string | null;
  allocation_cents: Cents;
  accepted_cents: Cents;
  advances_cents: Cents;
  balance_cents: Cents;
  to_pay_cents: Cents;
  to_reclaim_cents: Cents;
  details: Json<Record<string, unknown>>;
  iban: string | null;
  bic: string | null;
  communication: string;
  document_id: string | null;
  settled_at: Timestamp;
  settled_by: string;
}

export type OutboxJobKind = 'EMAIL';
export type OutboxJobState = 'PENDING' | 'DONE' | 'FAILED';

/** Durable work after a commit (outbox pattern). */
export interface OutboxJobsTable {
  id: string;
  kind: OutboxJobKind;
  dedupe_key: string;
  payload: Json<Record<string, unknown>>;
  state: OutboxJobState;
  attempts: Generated<number>;
  run_after: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
  done_at: Timestamp | null;
}

/** E-mail "sent" by the embedded default: readable by the beheerder in the application. */
export interface MailMessagesTable {
  id: string;
  job_id: string;
  to_address: string;
  subject: string;
  body: string;
  sent_at: Timestamp;
}

/**
 * The record of every uploaded workbook (never deleted): who, when, name, checksum; its bytes in `kept_files`
 * while kept (`kept_sha256`), released when pruned (`pruned_at`). Pinned files (`kept_reason`) are never pruned.
 */
export interface FormAttachmentsTable {
  id: string;
  form_instance_id: string;
  organisation_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: string;
  uploaded_at: Timestamp;
  /** upload order (bigint; only compared in SQL) */
  seq: Generated<string>;
  kept_sha256: string | null;
  kept_reason: ColumnType<KeptReason | null, KeptReason | null | undefined, KeptReason | null>;
  pruned_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** The bytes of uploaded workbooks, once per OCMW and SHA-256 (migration 0008). */
export interface KeptFilesTable {
  organisation_id: string;
  sha256: string;
  size_bytes: number;
  content: Buffer;
  stored_at: Timestamp;
}

export type UploadKind = 'WORKBOOK';

/** Uploads per person in the current window of the upload rate limit. */
export interface UploadCountersTable {
  person_id: string;
  kind: UploadKind;
  window_started_at: Timestamp;
  uploads: number;
}

/** Frozen at submission: the OCMW data and reference values the signatures were given on. */
export interface SubmittedSnapshot {
  organisation: Record<string, string | null>;
  refs: Record<string, number>;
}

export interface SignaturesTable {
  id: string;
  form_instance_id: string;
  role: SignatureRole;
  person_id: string;
  content_hash: string;
  signed_at: Timestamp;
  auth_method: string;
  authenticated_at: Timestamp;
  /** the level and provider of the step-up the signature was given with (migration 0010; null before it) */
  acr: ColumnType<string | null, string | null | undefined, string | null>;
  provider: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AuditEventsTable {
  id: Generated<string>;
  organisation_id: string;
  seq: number;
  occurred_at: Timestamp;
  actor_person_id: string | null;
  /** the principal's kind: a person, or (with the API) a client */
  actor_kind: ColumnType<PrincipalKind, PrincipalKind | undefined, PrincipalKind>;
  type: string;
  subject_id: string | null;
  payload: Json<Record<string, unknown>>;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  organisation_id: string;
  seq: number;
  hash: string;
}

export interface SchemaMigrationsTable {
  name: string;
  checksum: string;
  applied_at: DefaultTimestamp;
}

export interface DB {
  organisations: OrganisationsTable;
  organisation_identifiers: OrganisationIdentifiersTable;
  mergers: MergersTable;
  merger_partners: MergerPartnersTable;
  registry_events: RegistryEventsTable;
  registry_imports: RegistryImportsTable;
  persons: PersonsTable;
  principals: PrincipalsTable;
  access_domains: AccessDomainsTable;
  access_rights: AccessRightsTable;
  access_members: AccessMembersTable;
  access_grants: AccessGrantsTable;
  access_drafts: AccessDraftsTable;
  sessions: SessionsTable;
  oidc_logins: OidcLoginsTable;
  campaigns: CampaignsTable;
  campaign_events: CampaignEventsTable;
  campaign_extensions: CampaignExtensionsTable;
  documents: DocumentsTable;
  document_reads: DocumentReadsTable;
  ebox_message_types: EboxMessageTypesTable;
  ebox_files: EboxFilesTable;
  ebox_batches: EboxBatchesTable;
  ebox_messages: EboxMessagesTable;
  ebox_attachments: EboxAttachmentsTable;
  ebox_reads: EboxReadsTable;
  ebox_visits: EboxVisitsTable;
  ebox_notification_addresses: EboxNotificationAddressesTable;
  ebox_digests: EboxDigestsTable;
  ebox_grant_types: EboxGrantTypesTable;
  api_clients: ApiClientsTable;
  api_assertion_ids: ApiAssertionIdsTable;
  api_access_tokens: ApiAccessTokensTable;
  api_calls: ApiCallsTable;
  settlements: SettlementsTable;
  outbox_jobs: OutboxJobsTable;
  mail_messages: MailMessagesTable;
  reference_values: ReferenceValuesTable;
  reference_imports: ReferenceImportsTable;
  htb_imports: HtbImportsTable;
  form_instances: FormInstancesTable;
  form_attachments: FormAttachmentsTable;
  kept_files: KeptFilesTable;
  upload_counters: UploadCountersTable;
  signatures: SignaturesTable;
  audit_events: AuditEventsTable;
  audit_heads: AuditHeadsTable;
  mutation_types: MutationTypesTable;
  network_providers: NetworkProvidersTable;
  ocmw_config_versions: OcmwConfigVersionsTable;
  mutation_selections: MutationSelectionsTable;
  schema_migrations: SchemaMigrationsTable;
}

/** OCMW-configuratie (migration 0014): the catalogue of mutation types, kept by POD MI. */
export interface MutationTypesTable {
  code: string;
  label_nl: string;
  label_fr: string;
  label_de: string;
  source: string;
  position: number;
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

/** POD MI's list of network providers (migration 0014). */
export interface NetworkProvidersTable {
  code: string;
  name: string;
  position: number;
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

/** One save ("Bewaren") of one screen of an OCMW's configuration: the whole screen, who, when (migration 0014). */
export interface OcmwConfigVersionsTable {
  organisation_id: string;
  screen: ConfigScreen;
  version: number;
  data: Json<Record<string, string>>;
  saved_at: Timestamp;
  saved_by: string;
}

/** A mutation type's selection by an OCMW from a moment on (CFG-3; migration 0014). */
export interface MutationSelectionsTable {
  id: Generated<string>;
  organisation_id: string;
  code: string;
  selected: boolean;
  effective_from: Timestamp;
  saved_by: string;
}

/** One line of an HTB list, validated (migration 0012): the OCMW, the person and the HTB grant it replaces as read at upload. */
export interface StagedHtbRow {
  line: number;
  organisationId: string;
  insz: string;
  firstName: string;
  lastName: string;
  email: string;
  language: Language;
  previousGrantId: string | null;
}

/** The columns of every staged import (reference values, migration 0003; HTB lists, 0012): a file, its lines and report, its fate. */
export interface StagedImportsTable<Row> {
  id: string;
  file_name: string;
  file_sha256: string;
  file_size: number;
  uploaded_by: string;
  uploaded_at: Timestamp;
  state: ReferenceImportState;
  row_count: number;
  rows: Json<Row[]>;
  problems: Json<ReferenceImportProblem[]>;
  committed_at: Timestamp | null;
  committed_by: string | null;
  discarded_at: Timestamp | null;
  discarded_by: string | null;
}

/**
 * HTB lists uploaded by POD MI (migration 0012): staged with their report, committed all at once or discarded. The
 * columns are written out (a table interface lists its columns itself, db-types.test.ts); it is a StagedImportsTable.
 */
export interface HtbImportsTable {
  id: string;
  file_name: string;
  file_sha256: string;
  file_size: number;
  uploaded_by: string;
  uploaded_at: Timestamp;
  state: ReferenceImportState;
  row_count: number;
  rows: Json<StagedHtbRow[]>;
  problems: Json<ReferenceImportProblem[]>;
  committed_at: Timestamp | null;
  committed_by: string | null;
  discarded_at: Timestamp | null;
  discarded_by: string | null;
  keep_previous: boolean;
}

/** Reference-value files (migration 0003), staged like the HTB lists; a StagedImportsTable too. */
export interface ReferenceImportsTable {
  id: string;
  campaign_id: string;
  file_name: string;
  file_sha256: string;
  file_size: number;
  uploaded_by: string;
  uploaded_at: Timestamp;
  state: ReferenceImportState;
  row_count: number;
  rows: Json<StagedReferenceRow[]>;
  problems: Json<ReferenceImportProblem[]>;
  committed_at: Timestamp | null;
  committed_by: string | null;
  discarded_at: Timestamp | null;
  discarded_by: string | null;
}
