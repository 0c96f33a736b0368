import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messageIdFor } from '../../src/jobs/mail-transport.ts';
import { MAX_ATTEMPTS, describeError, retryDelayMs } from '../../src/jobs/outbox.worker.ts';
import { composeReminder, reminderState } from '../../src/modules/reminders/reminder-mail.ts';
import { dueReminderDay } from '../../src/modules/reminders/reminders.service.ts';

const DAY = 24 * 3_600_000;
const deadline = new Date('2027-02-26T22:59:59Z');
const before = (days: number, ms = 0) => new Date(deadline.getTime() - days * DAY + ms);

describe('reminder day', () => {
  it('is due from deadline − d days on, the smallest due day only', () => {
    assert.equal(dueReminderDay([7], deadline, before(7, -1)), null);
    assert.equal(dueReminderDay([7], deadline, before(7)), 7);
    assert.equal(dueReminderDay([14, 3], deadline, before(10)), 14);
    assert.equal(dueReminderDay([14, 3], deadline, before(2)), 3, 'a missed 14-day reminder is not sent with the 3-day one');
    assert.equal(dueReminderDay([], deadline, before(1)), null);
    assert.equal(dueReminderDay([0, -2], deadline, before(1)), null, 'no nonsense days');
  });
});

describe('what a reminder says is missing', () => {
  const form = { instance_id: 'x', has_errors: false, chair_signed: false, director_signed: false };
  it('names the state of the form', () => {
    assert.equal(reminderState({ ...form, instance_id: null, has_errors: null }), 'not_started');
    assert.equal(reminderState({ ...form, has_errors: true, chair_signed: true }), 'errors');
    assert.equal(reminderState(form), 'unsigned');
    assert.equal(reminderState({ ...form, chair_signed: true }), 'chair_only');
    assert.equal(reminderState({ ...form, director_signed: true }), 'director_only');
  });

  it('is written in the OCMW language, German included', () => {
    const input = {
      contactName: 'Anna Schmitz',
      ocmwName: 'ÖSHZ Eupen',
      measureTitleKey: 'measure.GAS_ELEK',
      reportYear: 2026,
      deadline,
      state: 'chair_only' as const,
      kbo: '0212000154',
      campaignId: '0b6d3c1e-0000-4000-8000-000000000001',
      publicUrl: undefined,
    };
    const de = composeReminder({ ...input, language: 'de' });
    assert.match(de.subject, /^Erinnerung Einheitlicher Bericht: Sozialfonds Gas und Elektrizität 2026, Frist 26\.02\.2027$/);
    assert.match(de.body, /Was fehlt: vom Präsidenten unterzeichnet, wartet auf den Generaldirektor\./);
    const nl = composeReminder({ ...input, contactName: '', language: 'nl' });
    assert.match(nl.body, /^Beste,\n/);
    assert.match(nl.body, /ondertekend door de voorzitter, wacht op de algemeen directeur/);
  });

  it('links to the form when a public URL is configured, and says where to go in words otherwise', () => {
    const input = {
      contactName: '',
      ocmwName: 'OCMW Demostad',
      measureTitleKey: 'measure.GAS_ELEK',
      reportYear: 2026,
      deadline,
      state: 'unsigned' as const,
      kbo: '0212000154',
      campaignId: '0b6d3c1e-0000-4000-8000-000000000001',
      language: 'nl' as const,
    };
    const linked = composeReminder({ ...input, publicUrl: 'https://uniek-verslag.example.be' });
    assert.match(linked.body, /\nhttps:\/\/uniek-verslag\.example\.be\/ocmw\/0212000154\/forms\/0b6d3c1e-0000-4000-8000-000000000001\n/);
    assert.doesNotMatch(linked.body, /Meld u aan op het Uniek Verslag/);
    const words = composeReminder({ ...input, publicUrl: undefined });
    assert.match(
      words.body,
      /Meld u aan op het Uniek Verslag, kies zo nodig OCMW Demostad en open op de startpagina het formulier "Gas- en elektriciteitsfonds" onder verslagjaar 2026\./,
    );
    assert.doesNotMatch(words.body, /https?:|\/ocmw\//);
  });
});

describe('outbox delivery', () => {
  it('backs off from 5 minutes, doubling, capped at 6 hours', () => {
    assert.equal(retryDelayMs(1), 5 * 60_000);
    assert.equal(retryDelayMs(2), 10 * 60_000);
    assert.equal(retryDelayMs(MAX_ATTEMPTS), 6 * 3_600_000);
  });

  it('keeps errors short, on one line and without the credentials of a URL', () => {
    const text = describeError(new Error(`connect failed for smtp://user:pa55@mail.example:25\n${'x'.repeat(500)}`));
    assert.doesNotMatch(text, /pa55/);
    assert.doesNotMatch(text, /\n/);
    assert.ok(text.length <= 300);
  });

  it('derives the Message-ID from the job and the sender domain', () => {
    assert.equal(messageIdFor('0f0e', 'Uniek Verslag <no-reply@mi-is.be>'), '<0f0e@mi-is.be>');
    assert.equal(messageIdFor('0f0e', 'no-reply@mi-is.be'), '<0f0e@mi-is.be>');
  });
});
