import type { Language } from '../../../i18n/language.ts';
import type { RightCode } from '../../shared/domain.ts';

/**
 * The copy of access to the merged OCMW (portal.md §1.5, MRG-4, Q-MRG-4), as a pure plan from the partners' members
 * and the merged OCMW's: who is copied, which rights are added, which are skipped and why.
 *
 * Decisions where the specification is silent (`[A]`):
 * - a person present in the merged OCMW already gets the union: a right they hold there is not granted twice;
 * - TB and co-TB of a partner become co-TB of the same domain (the merged OCMW has one TB); nothing when the person
 *   already holds an access role there (co-TB, TB, co-HTB or HTB);
 * - HTB and co-HTB of a partner get no role in the merged OCMW: its HTB is appointed from the list Flanders
 *   collected (POD MI's HTB appointment or list import) and that HTB chooses the co-HTBs; giving an organisation-wide
 *   role to the access managers of several partners would put them above the one appointed. Their application
 *   grants are copied like anybody's;
 * - the signing grants UV_CHAIR and UV_DIRECTOR are never copied (signatories are per legal entity);
 * - blocked stays blocked: a person new to the merged OCMW whose every partner membership is blocked is copied with
 *   the block (the same moment and last day); a right held only where the person is blocked is not added when the
 *   person is, or becomes, an unblocked member of the merged OCMW (a block never turns into usable access there);
 *   the merged OCMW's own block of a person is left as it is;
 * - a person to whom nothing is added does not become a member.
 */

export interface GrantRef {
  right: RightCode;
  /** null for HTB and CO_HTB */
  domain: string | null;
}

/** A member of a disappearing partner, with their grants valid now. */
export interface SourceMember {
  partnerId: string;
  personId: string;
  name: string;
  insz: string;
  email: string | null;
  phone: string | null;
  language: Language | null;
  /** blocked now in that partner */
  blocked: boolean;
  blockedAt: Date | null;
  blockedUntil: Date | null;
  grants: GrantRef[];
}

/** A member of the merged OCMW as it stands. */
export interface TargetMember {
  personId: string;
  grants: GrantRef[];
}

export type SkipReason = 'signing_right' | 'htb_appointed_separately' | 'already_present' | 'blocked_in_partner';

export interface PlannedRight extends GrantRef {
  /** the partner's right it comes from (TB → CO_TB) */
  from: RightCode;
  partnerId: string;
}

export interface SkippedRight {
  right: RightCode;
  reason: SkipReason;
  partnerId: string;
}

export interface CopyPlanPerson {
  personId: string;
  name: string;
  insz: string;
  partnerIds: string[];
  /** becomes a member of the merged OCMW (false: already one, or nothing to add) */
  newMember: boolean;
  /** already a member of the merged OCMW */
  existingMember: boolean;
  /** the block copied with a new membership */
  block: { at: Date; until: Date | null } | null;
  contact: { email: string | null; phone: string | null; language: Language | null };
  add: PlannedRight[];
  skipped: SkippedRight[];
}

const SIGNING: ReadonlySet<RightCode> = new Set(['UV_CHAIR', 'UV_DIRECTOR']);
const ORGANISATION_ROLES: ReadonlySet<RightCode> = new Set(['HTB', 'CO_HTB']);
const ACCESS_ROLES: ReadonlySet<RightCode> = new Set(['HTB', 'CO_HTB', 'TB', 'CO_TB']);

/** What a partner's right becomes in the merged OCMW, or why it is not copied. */
export function copiedRight(grant: GrantRef): GrantRef | SkipReason {
  if (SIGNING.has(grant.right)) return 'signing_right';
  if (ORGANISATION_ROLES.has(grant.right)) return 'htb_appointed_separately';
  if (grant.right === 'TB' || grant.right === 'CO_TB') return { right: 'CO_TB', domain: grant.domain };
  return grant;
}

/** Does a person holding these grants already have this right (co-TB: any access role of that domain or the organisation)? */
function present(held: readonly GrantRef[], wanted: GrantRef): boolean {
  if (wanted.right === 'CO_TB') return held.some((g) => ACCESS_ROLES.has(g.right) && (g.domain === null || g.domain === wanted.domain));
  return held.some((g) => g.right === wanted.right && g.domain === wanted.domain);
}

/** The plan, one entry per person (by name), from the partners' members and the merged OCMW's. */
export function planAccessCopy(sources: readonly SourceMember[], targets: ReadonlyMap<string, TargetMember>): CopyPlanPerson[] {
  const byPerson = new Map<string, SourceMember[]>();
  for (const s of sources) byPerson.set(s.personId, [...(byPerson.get(s.personId) ?? []), s]);
  const plans: CopyPlanPerson[] = [];
  for (const [personId, memberships] of byPerson) {
    const target = targets.get(personId);
    const unblocked = memberships.filter((m) => !m.blocked);
    // A new member is blocked when blocked in every partner; an existing member keeps the merged OCMW's state.
    const copiesBlock = !target && unblocked.length === 0;
    const held: GrantRef[] = [...(target?.grants ?? [])];
    const add: PlannedRight[] = [];
    const skipped: SkippedRight[] = [];
    for (const m of memberships) {
      for (const grant of m.grants) {
        const copied = copiedRight(grant);
        if (typeof copied === 'string') skipped.push({ right: grant.right, reason: copied, partnerId: m.partnerId });
        else if (m.blocked && !copiesBlock) skipped.push({ right: grant.right, reason: 'blocked_in_partner', partnerId: m.partnerId });
        else if (present(held, copied)) skipped.push({ right: grant.right, reason: 'already_present', partnerId: m.partnerId });
        else {
          held.push(copied);
          add.push({ ...copied, from: grant.right, partnerId: m.partnerId });
        }
      }
    }
    const first = unblocked[0] ?? memberships[0];
    const blockSource = copiesBlock ? pickBlock(memberships) : null;
    plans.push({
      personId,
      name: first.name,
      insz: first.insz,
      partnerIds: [...new Set(memberships.map((m) => m.partnerId))],
      newMember: !target && add.length > 0,
      existingMember: target !== undefined,
      block: blockSource && add.length > 0 ? blockSource : null,
      contact: { email: first.email, phone: first.phone, language: first.language },
      add,
      skipped,
    });
  }
  return plans.sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.personId.localeCompare(b.personId));
}

/** The block a new member takes over: the earliest start; no last day if any partner's block has none, else the latest. */
function pickBlock(memberships: readonly SourceMember[]): { at: Date; until: Date | null } {
  const at = new Date(Math.min(...memberships.map((m) => (m.blockedAt ?? new Date(0)).getTime())));
  const open = memberships.some((m) => m.blockedUntil === null);
  const until = open ? null : new Date(Math.max(...memberships.map((m) => (m.blockedUntil as Date).getTime())));
  return { at, until };
}

/** The totals the report's summary shows. */
export function planTotals(plan: readonly CopyPlanPerson[]) {
  return {
    persons: plan.filter((p) => p.add.length > 0).length,
    newMembers: plan.filter((p) => p.newMember).length,
    rightsAdded: plan.reduce((n, p) => n + p.add.length, 0),
    skipped: plan.reduce((n, p) => n + p.skipped.length, 0),
  };
}
