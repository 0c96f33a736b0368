/** The e-Box's notification address (EBX-5, portal.md §4.6) as its page shows it. */
export interface NotificationAddress {
  email: string;
  changedAt: Date;
  /** who saved it last (first and last name) */
  changedBy: string;
}

/** Why a typed address is refused: a closed list, each with its text. */
export type AddressError = 'invalid' | 'too_long';

export type AddressSave = { kind: 'saved' } | { kind: 'removed' } | { kind: 'unchanged' } | { kind: 'invalid'; error: AddressError };
