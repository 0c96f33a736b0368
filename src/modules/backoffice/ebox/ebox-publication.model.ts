import type { BulkError } from '../../ebox/bulk/bulk-errors.ts';
import type { BulkRowOutcome } from '../../ebox/bulk/bulk-report.ts';
import type { MessageInputError } from '../../ebox/message-input.ts';
import type { Legislation } from '../../ebox/message-types.ts';
import type { RecipientFound } from './recipient-search.ts';

/** The back office's e-Box publication: what its pages show and post (views import no service). */

/** The single publication's fields as typed (kept whole when the page comes back with its messages). */
export interface SingleFields {
  recipient: string;
  messageType: string;
  legislation: string;
  period: string;
  subject_nl: string;
  subject_fr: string;
  subject_de: string;
}

export interface PostedFile {
  field: string;
  name: string;
  bytes: Buffer;
  tooLarge: boolean;
}

export type SingleProblem = MessageInputError | { field: 'recipient'; code: 'recipient'; found: RecipientFound };

/** A checked message, its files already in the store: what the preview shows and its "Publiceren" posts back. */
export interface StagedMessage {
  recipient: { organisationId: string; kbo: string; name: string; disappearing: boolean };
  messageType: string;
  legislation: Legislation;
  period: string | null;
  subjects: { nl: string; fr: string; de: string | null };
  files: Array<{ sha256: string; size: number; name: string }>;
  /** the idempotency key of this publication: a double click publishes once */
  key: string;
}

/** A bulk publication's report: refused with its problems, or the outcome per row. */
export type BatchReport = { state: 'REFUSED'; errors: BulkError[] } | { state: 'PUBLISHING' | 'DONE'; outcomes: BulkRowOutcome[] };
