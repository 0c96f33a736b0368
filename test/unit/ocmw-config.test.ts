import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { copyToAllLanguages, normaliseWebsite, validateContact, validateOnline, validateProviders } from '../../src/modules/ocmw-config/config-input.ts';
import { isReminderDue, reminderDays } from '../../src/modules/ocmw-config/reminder-schedule.ts';

describe('the reminder schedule of OCMW Online (portal.md §6.4, CFG-6)', () => {
  it("follows the seed's two examples", () => {
    // "if you enter 2, the unread request appears in the reminder mails 2 calendar days after the date of submission"
    assert.equal(reminderDays({ termDays: 2, frequencyDays: 1 }, '2025-03-03', 1)[0], '2025-03-05');
    assert.equal(isReminderDue({ termDays: 2, frequencyDays: 1 }, '2025-03-03', '2025-03-04'), false);
    // "if you enter 1 [frequency], you receive, after the first reminder, a reminder every day"
    assert.deepEqual(reminderDays({ termDays: 2, frequencyDays: 1 }, '2025-03-03', 4), ['2025-03-05', '2025-03-06', '2025-03-07', '2025-03-08']);
  });

  it("follows portal.md's worked example: Monday 3/3, term 2, frequency 3 → 5/3, 8/3, 11/3", () => {
    const settings = { termDays: 2, frequencyDays: 3 };
    assert.deepEqual(reminderDays(settings, '2025-03-03', 3), ['2025-03-05', '2025-03-08', '2025-03-11']);
    const due = ['2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07', '2025-03-08', '2025-03-11'].filter((d) =>
      isReminderDue(settings, '2025-03-03', d),
    );
    assert.deepEqual(due, ['2025-03-05', '2025-03-08', '2025-03-11']);
  });

  it('counts calendar days across month ends, leap days and the change to summer time', () => {
    assert.deepEqual(reminderDays({ termDays: 2, frequencyDays: 3 }, '2024-02-27', 3), ['2024-02-29', '2024-03-03', '2024-03-06']);
    assert.deepEqual(reminderDays({ termDays: 1, frequencyDays: 1 }, '2025-03-29', 3), ['2025-03-30', '2025-03-31', '2025-04-01']);
    assert.deepEqual(reminderDays({ termDays: 30, frequencyDays: 30 }, '2025-12-15', 2), ['2026-01-14', '2026-02-13']);
  });

  it('applies a change of term or frequency at once to requests still unread', () => {
    // submitted 3/3 with term 2, frequency 3 (reminders 5/3, 8/3 …); on 9/3 the OCMW sets frequency 2: 9/3 is 4 days
    // after the first reminder day, so it is due on 9/3 and 11/3, not on 11/3 by the old frequency only
    assert.equal(isReminderDue({ termDays: 2, frequencyDays: 2 }, '2025-03-03', '2025-03-09'), true);
    assert.equal(isReminderDue({ termDays: 2, frequencyDays: 3 }, '2025-03-03', '2025-03-09'), false);
    // a longer term: a request that was already due is not due again before the new first day
    assert.equal(isReminderDue({ termDays: 10, frequencyDays: 3 }, '2025-03-03', '2025-03-11'), false);
    assert.equal(isReminderDue({ termDays: 10, frequencyDays: 3 }, '2025-03-03', '2025-03-13'), true);
  });
});

describe('the screens of OCMW-configuratie, checked whole', () => {
  const contact = {
    streetNl: 'Markt 1',
    streetFr: 'Markt 1',
    streetDe: 'Markt 1',
    postalCode: '1000',
    cityNl: 'Brussel',
    cityFr: 'Bruxelles',
    cityDe: 'Brüssel',
    phone: '02 123 45 67',
    email: 'info@ocmw.be',
    website: '',
    openingHoursNl: '',
    openingHoursFr: '',
    openingHoursDe: '',
  };

  it('requires street and city in the three languages and a Belgian postal code', () => {
    assert.deepEqual(validateContact(contact), { ok: true, data: contact });
    const result = validateContact({ ...contact, streetDe: '', cityFr: '\u200B', postalCode: '999' });
    assert.deepEqual(result, {
      ok: false,
      errors: { streetDe: 'config.error.required', cityFr: 'config.error.required', postalCode: 'config.error.postal_code' },
    });
  });

  it('reads a website with or without its scheme and refuses what is no web address', () => {
    assert.equal(normaliseWebsite('www.ocmw.be'), 'https://www.ocmw.be');
    assert.equal(normaliseWebsite('http://ocmw.be/contact'), 'http://ocmw.be/contact');
    for (const bad of ['javascript:alert(1)', 'ftp://ocmw.be', 'ocmw', 'https://user:pw@ocmw.be', 'https://ocmw .be'])
      assert.equal(normaliseWebsite(bad), null, bad);
  });

  it('copies one language of a field to the other two, and nothing else', () => {
    const copied = copyToAllLanguages({ ...contact, cityNl: 'Gent', cityFr: 'Gand', cityDe: '' }, 'cityNl');
    assert.deepEqual([copied.cityNl, copied.cityFr, copied.cityDe, copied.streetFr], ['Gent', 'Gent', 'Gent', 'Markt 1']);
    assert.deepEqual(copyToAllLanguages(contact, 'postalCode'), contact);
    assert.deepEqual(copyToAllLanguages(contact, 'constructorNl'), contact);
  });

  it('asks what a "yes" needs and forgets what a "no" leaves', () => {
    const yes = { notifyOnNew: 'yes', notifyEmail: '', remindUnread: 'yes', reminderEmail: 'x@ocmw.be', reminderTermDays: '007', reminderFrequencyDays: '0' };
    assert.deepEqual(validateOnline(yes), {
      ok: false,
      errors: { notifyEmail: 'config.error.notify_email_required', reminderFrequencyDays: 'config.error.frequency_range' },
    });
    const no = validateOnline({
      notifyOnNew: 'no',
      notifyEmail: 'kept?',
      remindUnread: 'no',
      reminderEmail: 'x',
      reminderTermDays: '-1',
      reminderFrequencyDays: 'x',
    });
    assert.deepEqual(no, {
      ok: true,
      data: { notifyOnNew: 'no', notifyEmail: '', remindUnread: 'no', reminderEmail: '', reminderTermDays: '', reminderFrequencyDays: '' },
    });
    const ok = validateOnline({ ...yes, notifyEmail: 'n@ocmw.be', reminderFrequencyDays: '30' });
    assert.equal(ok.ok && ok.data.reminderTermDays, '7');
  });

  it('accepts only the providers and suppliers of the lists, "other" with a name, PrimaWeb without a contact', () => {
    const choices = { networkProviders: ['PUBLILINK'], suppliers: ['0898000123'] };
    const base = {
      networkProvider: 'OTHER',
      networkProviderOther: '',
      networkContactName: 'N',
      networkContactEmail: 'n@x.be',
      networkContactPhone: '09 123 45 67',
      softwareSupplier: 'PRIMAWEB',
      softwareSupplierOther: 'ignored',
      softwareProduct: '',
      supplierContactName: '',
      supplierContactEmail: '',
      supplierContactPhone: '',
    };
    assert.deepEqual(validateProviders(base, choices), { ok: false, errors: { networkProviderOther: 'config.error.required' } });
    const primaweb = validateProviders({ ...base, networkProviderOther: 'Proximus' }, choices);
    assert.equal(primaweb.ok && primaweb.data.softwareSupplierOther, '');
    const unknown = validateProviders({ ...base, networkProvider: 'VERA', softwareSupplier: '0898000999' }, choices);
    assert.equal(unknown.ok, false);
    assert.deepEqual(!unknown.ok && [unknown.errors.networkProvider, unknown.errors.softwareSupplier], ['config.error.choose', 'config.error.choose']);
    const supplier = validateProviders({ ...base, networkProvider: 'PUBLILINK', softwareSupplier: '0898000123' }, choices);
    assert.equal(supplier.ok, false, 'a listed supplier needs its contact person');
  });
});
