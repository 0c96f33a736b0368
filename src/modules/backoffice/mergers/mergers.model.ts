import type { MergerScenario, OrganisationStatus, RightCode } from '../../shared/domain.ts';
import type { SkipReason } from './copy-plan.ts';
import type { MergerErrors, MergerFormValues } from './merger-input.ts';

/** The view models of the mergers' pages: the services fill them, the views render them (views import no service). */

export type { MergerErrors, MergerField, MergerFormValues, Problem } from './merger-input.ts';
export type { SkipReason } from './copy-plan.ts';

export interface Names {
  name_nl: string;
  name_fr: string;
  name_de: string;
  /** the organisation's languages, for its official name (ADR 0043) */
  language?: string | null;
  administration_language?: string | null;
}

export interface MergerPartnerRow extends Names {
  id: string;
  kbo: string;
  nisBefore: string;
  keepsIdentity: boolean;
  status: OrganisationStatus;
  /** the last report year filed for the disappearing OCMW (the year of the day before the merger) */
  reportYear: number;
  /** its forms of that year submitted, out of the campaigns offered to it (0 when it is not offered that year) */
  submitted: number;
  offered: number;
}

export interface MergerRow {
  id: string;
  scenario: MergerScenario;
  merged: Names & { id: string; kbo: string; nis: string | null };
  effectiveOn: string;
  /** null: "voorlopig" */
  transitionEndsOn: string | null;
  accessCopiedAt: Date | null;
  partners: MergerPartnerRow[];
}

export interface MergersList {
  groups: Array<{ scenario: MergerScenario; mergers: MergerRow[] }>;
  canEdit: boolean;
}

/** The copy of access as stored (mergers.access_copy_report) and shown. */
export interface CopyReport {
  copiedAt: string;
  copiedBy: string;
  partners: Array<Names & { id: string; kbo: string }>;
  persons: Array<{
    personId: string;
    name: string;
    /** masked (the birth date part) */
    insz: string;
    partnerIds: string[];
    newMember: boolean;
    existingMember: boolean;
    blocked: boolean;
    added: Array<{ right: RightCode; from: RightCode; domain: string | null }>;
    skipped: Array<{ right: RightCode; reason: SkipReason }>;
  }>;
  totals: { persons: number; newMembers: number; rightsAdded: number; skipped: number };
}

export interface MergerEvent {
  id: string;
  at: Date;
  type: string;
  actor: string | null;
  organisation: (Names & { kbo: string }) | null;
  payload: Record<string, unknown>;
}

export interface MergerDetail extends MergerRow {
  version: number;
  recordedAt: Date;
  recordedBy: string | null;
  copyReport: CopyReport | null;
  events: MergerEvent[];
  canEdit: boolean;
}

/** "Opslaan" of a new merger: what "Bevestigen" will write. */
export interface MergerOverview {
  values: MergerFormValues;
  scenario: MergerScenario;
  effectiveOn: string;
  lastDay: string;
  transitionEndsOn: string | null;
  merged: { kbo: string; nis: string; names: { nl: string; fr: string; de: string }; isNew: boolean; nisBefore: string | null; renamed: boolean };
  partners: Array<Names & { id: string; kbo: string; nis: string | null; keepsIdentity: boolean }>;
  /** the campaign years the disappearing partners keep (≤ the year of their last day) */
  lastReportYear: number;
}

export type RecordReview = { kind: 'invalid'; errors: MergerErrors } | { kind: 'review'; overview: MergerOverview };
export type RecordConfirm = { kind: 'recorded'; mergerId: string } | { kind: 'invalid'; errors: MergerErrors };

export interface TransitionOverview {
  mergerId: string;
  version: number;
  value: string;
  before: string | null;
  after: string | null;
}

export type TransitionReview = { kind: 'invalid'; errors: MergerErrors } | { kind: 'review'; overview: TransitionOverview };
export type TransitionConfirm = { kind: 'changed' } | { kind: 'stale' } | { kind: 'invalid'; errors: MergerErrors };

/** "Gebruikers kopiëren": what the copy will do, computed now (the copy recomputes it under the merger's lock). */
export interface CopyPreview {
  report: CopyReport;
}

export type CopyResult = { kind: 'copied' } | { kind: 'already'; copiedAt: Date };
