import type { Language } from '../../../i18n/language.ts';
import type { PodMiRole } from '../../shared/domain.ts';
import type { StagedImportFacts, StagedImportSummary } from '../../reference-data/reference-data.model.ts';
import type { PersonField, PersonInput } from './person-input.ts';

/** The view models of POD MI's access pages: the services fill them, the views render them (views import no service). */

export type { PersonField, PersonInput, PersonProblem } from './person-input.ts';
/** An error of the upload form, as the reference values' (the same reader, the same messages). */
export type { UploadError } from '../../reference-data/reference-data.model.ts';

/** A message next to a field: the code of its text (views/texts.ts). */
export type FormErrors<F extends string> = Partial<Record<F, string>>;

export interface OcmwName {
  id: string;
  kbo: string;
  name_nl: string;
  name_fr: string;
  name_de: string;
  /** the OCMW's languages, for its official name (ADR 0043) */
  language?: string | null;
  administration_language?: string | null;
}

/** A person as the pages show them: the name and the INSZ masked (the birth date never shown). */
export interface ShownPerson {
  personId: string;
  name: string;
  maskedInsz: string;
}

export interface AccessListRow {
  id: string;
  kbo: string;
  nis: string;
  name: string;
  htb: ShownPerson | null;
}

export interface AccessList {
  podmi: { id: string; kbo: string; name: string; admins: number; agents: number };
  rows: AccessListRow[];
  total: number;
  page: number;
  pages: number;
  search: string;
}

export interface HtbHolder extends ShownPerson {
  email: string | null;
  since: Date;
}

/** One OCMW's access managers as POD MI sees them, with the form to appoint (replace) the HTB. */
export interface OcmwAccess {
  ocmw: OcmwName & { nis: string; language: Language };
  htb: HtbHolder | null;
  coHtbs: ShownPerson[];
}

/** What the HTB form posts (as typed, kept on every error). */
export interface HtbFormValues extends PersonInput {
  keepPrevious: boolean;
}

export type HtbField = PersonField | 'form';

/** "Opslaan" → the overview of exactly what changes. */
export interface HtbOverview {
  values: HtbFormValues;
  /** the HTB grant the appointment replaces, as read now: "Bevestigen" after another change changes nothing */
  expected: string;
  current: ShownPerson | null;
  next: {
    name: string;
    maskedInsz: string;
    /** the INSZ is already in the registry: the stored name is kept */
    known: boolean;
    /** a known person's stored name differs from the typed one */
    typedNameIgnored: boolean;
    email: string;
    language: Language;
    /** already a co-HTB: that role ends, HTB includes it */
    wasCoHtb: boolean;
  };
}

export type HtbReview = { kind: 'invalid'; errors: FormErrors<HtbField> } | { kind: 'review'; overview: HtbOverview };

export type HtbConfirm = { kind: 'appointed' } | { kind: 'invalid'; errors: FormErrors<HtbField> } | { kind: 'stale' };

// ------------------------------------------------------------------------------------------------- HTB lists

export type HtbImportSummary = StagedImportSummary;

export interface HtbImportPreviewRow {
  line: number;
  ocmw: OcmwName | null;
  current: ShownPerson | null;
  next: { name: string; maskedInsz: string; known: boolean; email: string; language: Language };
  unchanged: boolean;
}

export interface HtbImportDetail extends StagedImportFacts {
  keepPrevious: boolean;
  preview: HtbImportPreviewRow[];
  /** lines that appoint someone (not already the HTB) */
  changes: number;
}

// ------------------------------------------------------------------------------------------------- POD MI's staff

export interface StaffMember extends ShownPerson {
  email: string | null;
  language: Language | null;
  role: PodMiRole;
  blocked: boolean;
  blockedUntil: Date | null;
  version: number;
  /** the actor: nobody changes their own access */
  self: boolean;
}

export interface StaffAddValues extends PersonInput {
  role: string;
}

export type StaffAddField = PersonField | 'role' | 'form';

export interface StaffAddOverview {
  values: StaffAddValues;
  role: PodMiRole;
  /** the member row's version as read now (0: none), for the compare-and-set */
  expected: number;
  next: { name: string; maskedInsz: string; known: boolean; typedNameIgnored: boolean; email: string; language: Language };
}

export type StaffAction = 'change' | 'remove' | 'block' | 'unblock';

export interface StaffChangeValues {
  action: StaffAction;
  role: string;
  email: string;
  language: string;
  blockedUntil: string;
}

export type StaffChangeField = 'role' | 'email' | 'language' | 'blockedUntil' | 'form';

/** What a change of one staff member does, line by line: [what, before, after]. */
export interface StaffChangeOverview {
  member: StaffMember;
  values: StaffChangeValues;
  changes: Array<{ what: 'role' | 'email' | 'language' | 'access' | 'block'; before: string; after: string }>;
}
