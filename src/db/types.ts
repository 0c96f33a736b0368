import type { ColumnType, Generated } from 'kysely';

/** Timestamps are written as Date and read as Date on both drivers. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;
/** A timestamp with a database default. */
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type Language = 'nl' | 'fr' | 'de';
export type OcmwRole = 'MEDEWERKER' | 'VOORZITTER' | 'ALGEMEEN_DIRECTEUR' | 'LEZER';
export type PodMiRole = 'PODMI_AGENT' | 'PODMI_ADMIN';
export type SignatureRole = 'CHAIR' | 'DIRECTOR';
export type CampaignStatus = 'PLANNED' | 'OPEN' | 'CLOSED' | 'SETTLED';

export interface OrganisationsTable {
  id: string;
  kbo: string;
  nis: string;
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
}

export interface PersonsTable {
  id: string;
  insz: string;
  first_name: string;
  last_name: string;
  language: Language | null;
  podmi_role: PodMiRole | null;
  created_at: DefaultTimestamp;
}

export interface MembershipsTable {
  person_id: string;
  organisation_id: string;
  role: OcmwRole;
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
}

export interface AuditEventsTable {
  id: Generated<string>;
  organisation_id: string;
  seq: number;
  occurred_at: Timestamp;
  actor_person_id: string | null;
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
  persons: PersonsTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  campaigns: CampaignsTable;
  reference_values: ReferenceValuesTable;
  form_instances: FormInstancesTable;
  signatures: SignaturesTable;
  audit_events: AuditEventsTable;
  audit_heads: AuditHeadsTable;
  schema_migrations: SchemaMigrationsTable;
}
