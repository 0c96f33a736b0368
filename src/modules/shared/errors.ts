/** Domain errors every room may throw; the platform's error handler turns them into pages and problems. */

/** The thing asked for does not exist for this actor (a foreign id answers exactly like a missing one). */
export class NotFound extends Error {}
