import type { CampaignPhase } from '../campaigns/campaign-phase.ts';
import type { CampaignRow } from '../campaigns/campaigns.repository.ts';
import type { FormDefinition, Issue } from '../forms/definition.ts';
import type { Evaluation } from '../forms/evaluate.ts';
import type { RawInput } from '../forms/field-types.ts';
import type { OrganisationRow } from '../organisations/organisations.repository.ts';
import type { EntryMode } from '../shared/domain.ts';
import type { SignatureRow } from '../signatures/signatures.repository.ts';
import type { WorkbookError, WorkbookLocation } from '../workbooks/index.ts';
import type { WorkbookFile } from './form-bundle.repository.ts';
import type { FormInstanceRow } from './reports.repository.ts';

/** The view models of the OCMW's pages: the services fill them, the views render them (views import no service). */

/** The OCMW as its pages show it (its row). */
export type { OrganisationRow };

export interface LoadedForm {
  campaign: CampaignRow;
  /** the definition version this form is filled with */
  definition: FormDefinition;
  organisation: OrganisationRow;
  instance: FormInstanceRow | null;
  raw: RawInput;
  evaluation: Evaluation;
  contentHash: string;
  /** signatures given on the present content */
  signatures: SignatureRow[];
  /** signatures given on other content (dropped at the next save or signature) */
  staleSignatures: SignatureRow[];
  refs: Record<string, number>;
  entryMode: EntryMode;
  /** the uploaded workbook the workbook tables come from (WORKBOOK mode) */
  workbook: WorkbookFile | null;
  /** a late submission allowed for this OCMW until this moment */
  lateUntil: Date | null;
  /** a long form's parts saved at least once ("*": the whole form), for its task list; empty for other forms */
  savedParts: string[];
}

/** A problem of an uploaded workbook: the file as a whole, or one row's issue where the workbook says it is. */
/** `found`: the value the workbook's cell holds, quoted in the message (issue 14, item 8). */
export type UploadProblem = { kind: 'file'; error: WorkbookError } | { kind: 'row'; at: WorkbookLocation | null; issue: Issue; found?: string };

/** The online services of the OCMW the person may use there (portal.md §2.3 step 8), each by its grant. */
export interface OcmwServices {
  forms: boolean;
  documents: boolean;
  /** documents of the e-Box nobody of the OCMW opened yet (issue 14, item 16) */
  unreadDocuments: number;
  accessManagement: boolean;
  /** OCMW-configuratie (issue 18): its TBs and co-TBs, the grant's holders, POD MI */
  configuration: boolean;
  /** the person appoints the TB (HTB, co-HTB) and the domain has none */
  withoutTb: boolean;
}

/** The Startpagina's summary: forms still to send (and the first deadline among them), or all sent. */
export interface HomepagePending {
  count: number;
  firstDeadline: Date | null;
  allSubmitted: boolean;
}

export interface HomepageForm {
  campaign: CampaignRow;
  phase: CampaignPhase;
  started: boolean;
  entered: boolean;
  chairSigned: boolean;
  directorSigned: boolean;
  submitted: boolean;
  /** POD MI sent the form back for correction with this reason (until it is resubmitted) */
  correctionReason: string | null;
  /** a late submission allowed until this moment */
  lateUntil: Date | null;
  /** entered without errors, still open, a signature missing (issue 14, item 10) */
  readyToSign: boolean;
  /** ready to sign, and the signature of the person looking is one of those missing */
  awaitsYou: boolean;
}
