import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type SourceMember, type TargetMember, copiedRight, planAccessCopy, planTotals } from '../../src/modules/backoffice/mergers/copy-plan.ts';
import type { RightCode } from '../../src/modules/shared/domain.ts';

const DOMAIN = 'MAATSCHAPPELIJK_WELZIJN';
const g = (right: RightCode) => ({ right, domain: right === 'HTB' || right === 'CO_HTB' ? null : DOMAIN });

function member(personId: string, rights: RightCode[], extra: Partial<SourceMember> = {}): SourceMember {
  return {
    partnerId: 'd',
    personId,
    name: personId,
    insz: '85073003328',
    email: `${personId}@d.be`,
    phone: null,
    language: 'nl',
    blocked: false,
    blockedAt: null,
    blockedUntil: null,
    grants: rights.map(g),
    ...extra,
  };
}

const target = (personId: string, rights: RightCode[]): [string, TargetMember] => [personId, { personId, grants: rights.map(g) }];

describe('the copy of access to the merged OCMW (MRG-4)', () => {
  it('maps each right: signing never, HTB/co-HTB not, TB and co-TB to co-TB of the same domain', () => {
    assert.equal(copiedRight(g('UV_CHAIR')), 'signing_right');
    assert.equal(copiedRight(g('UV_DIRECTOR')), 'signing_right');
    assert.equal(copiedRight(g('HTB')), 'htb_appointed_separately');
    assert.equal(copiedRight(g('CO_HTB')), 'htb_appointed_separately');
    assert.deepEqual(copiedRight(g('TB')), { right: 'CO_TB', domain: DOMAIN });
    assert.deepEqual(copiedRight(g('CO_TB')), { right: 'CO_TB', domain: DOMAIN });
    assert.deepEqual(copiedRight(g('UV_ENCODER')), g('UV_ENCODER'));
  });

  it('gives the union to a person present in both; nothing twice', () => {
    const plan = planAccessCopy([member('tom', ['UV_ENCODER', 'UV_READER', 'EBOX'])], new Map([target('tom', ['UV_READER'])]));
    assert.equal(plan[0].existingMember, true);
    assert.equal(plan[0].newMember, false);
    assert.deepEqual(
      plan[0].add.map((a) => a.right),
      ['UV_ENCODER', 'EBOX'],
    );
    assert.deepEqual(plan[0].skipped, [{ right: 'UV_READER', reason: 'already_present', partnerId: 'd' }]);
  });

  it('a TB becomes co-TB; nothing when they hold an access role in the merged OCMW already', () => {
    const plan = planAccessCopy([member('tina', ['TB', 'UV_READER']), member('bart', ['TB'])], new Map([target('bart', ['TB'])]));
    const tina = plan.find((p) => p.personId === 'tina');
    assert.deepEqual(tina?.add, [
      { right: 'CO_TB', domain: DOMAIN, from: 'TB', partnerId: 'd' },
      { right: 'UV_READER', domain: DOMAIN, from: 'UV_READER', partnerId: 'd' },
    ]);
    assert.equal(tina?.newMember, true);
    const bart = plan.find((p) => p.personId === 'bart');
    assert.deepEqual(bart?.add, []);
    assert.equal(bart?.skipped[0].reason, 'already_present');
  });

  it('signing roles are never copied; a person with only those does not become a member', () => {
    const plan = planAccessCopy([member('rita', ['UV_CHAIR']), member('koen', ['UV_DIRECTOR', 'EBOX'])], new Map());
    const rita = plan.find((p) => p.personId === 'rita');
    assert.equal(rita?.newMember, false);
    assert.deepEqual(rita?.skipped, [{ right: 'UV_CHAIR', reason: 'signing_right', partnerId: 'd' }]);
    const koen = plan.find((p) => p.personId === 'koen');
    assert.equal(koen?.newMember, true);
    assert.deepEqual(
      koen?.add.map((a) => a.right),
      ['EBOX'],
    );
  });

  it('an HTB of a partner gets no role, their applications are copied', () => {
    const plan = planAccessCopy([member('dirk', ['HTB', 'UV_READER'])], new Map());
    assert.deepEqual(
      plan[0].add.map((a) => a.right),
      ['UV_READER'],
    );
    assert.equal(plan[0].skipped[0].reason, 'htb_appointed_separately');
  });

  it('blocked stays blocked: a new member is copied with the block; an existing member gets nothing from a blocked membership', () => {
    const at = new Date('2026-10-01T10:00:00Z');
    const until = new Date('2027-01-01T23:00:00Z');
    const blocked = { blocked: true, blockedAt: at, blockedUntil: until };
    const plan = planAccessCopy([member('bert', ['UV_ENCODER'], blocked), member('wim', ['UV_READER'], blocked)], new Map([target('wim', ['UV_ENCODER'])]));
    const bert = plan.find((p) => p.personId === 'bert');
    assert.deepEqual(bert?.block, { at, until });
    assert.equal(bert?.newMember, true);
    const wim = plan.find((p) => p.personId === 'wim');
    assert.deepEqual(wim?.add, []);
    assert.deepEqual(wim?.skipped, [{ right: 'UV_READER', reason: 'blocked_in_partner', partnerId: 'd' }]);
    assert.equal(wim?.block, null);
  });

  it('a person of two partners, blocked in one: rights of the unblocked membership only, not blocked', () => {
    const plan = planAccessCopy(
      [
        member('eva', ['UV_ENCODER'], { partnerId: 'd1' }),
        member('eva', ['UV_READER'], { partnerId: 'd2', blocked: true, blockedAt: new Date(), blockedUntil: null }),
      ],
      new Map(),
    );
    assert.equal(plan.length, 1);
    assert.deepEqual(plan[0].partnerIds, ['d1', 'd2']);
    assert.deepEqual(
      plan[0].add.map((a) => a.right),
      ['UV_ENCODER'],
    );
    assert.equal(plan[0].block, null);
    assert.equal(plan[0].skipped[0].reason, 'blocked_in_partner');
  });

  it('is idempotent as a plan: applied, the same plan adds nothing', () => {
    const sources = [member('tina', ['TB', 'UV_ENCODER']), member('tom', ['UV_READER'])];
    const first = planAccessCopy(sources, new Map());
    const after = new Map(
      first.map((p): [string, TargetMember] => [p.personId, { personId: p.personId, grants: p.add.map((a) => ({ right: a.right, domain: a.domain })) }]),
    );
    const second = planAccessCopy(sources, after);
    assert.equal(planTotals(second).rightsAdded, 0);
    assert.deepEqual(planTotals(first), { persons: 2, newMembers: 2, rightsAdded: 3, skipped: 0 });
  });
});
