/** The reason POD MI gives for a correction: checked by the service, its limits shown by the review box. */

export const REASON_MIN = 10;
export const REASON_MAX = 2000;

export type ReasonError = 'required' | 'too_short' | 'too_long';

/** The reason of a correction: mandatory, 10 to 2000 characters once trimmed. */
export function checkReason(reason: string): ReasonError | null {
  const length = [...reason.trim()].length;
  if (length === 0) return 'required';
  if (length < REASON_MIN) return 'too_short';
  if (length > REASON_MAX) return 'too_long';
  return null;
}
