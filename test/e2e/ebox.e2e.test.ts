import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BrowserSession } from '../support/browser-session.ts';
import { browserSkip, violationReport } from '../support/browser.ts';
import { bulkZip, manifestCsv } from '../support/bulk-zip.ts';
import { tinyPdf } from '../support/ebox.ts';

/**
 * The e-Box in Chromium (issue 16): POD MI publishes a bulk ZIP; An Peeters sees the unread count in the header,
 * filters her e-Box and opens a document, which is then read for her colleague too, and POD MI sees when; a user of
 * the OCMW without the e-Box grant is refused; Claire Martin reads hers in French. axe on every page.
 */
describe('the e-Box in Chromium', { skip: browserSkip }, () => {
  const session = new BrowserSession();
  before(() => session.start());
  after(() => session.stop());

  it('POD MI publishes a bulk ZIP; Demostad reads it; the colleague and POD MI see it read', { timeout: 180_000 }, async () => {
    const zip = bulkZip([
      {
        name: 'manifest.csv',
        data: manifestCsv([
          [
            'd-ms',
            '0212000131',
            'MAANDSTAAT',
            'RMI',
            '2026-11',
            'Maandstaat november 2026',
            'État mensuel novembre 2026',
            'Monatsaufstellung November 2026',
            'ms-demostad.pdf',
            'detail-demostad.pdf',
          ],
          [
            'd-lg',
            '0212000131',
            'LIJST_GEWEIGERD',
            'WET65',
            '2026-11',
            'Geweigerde formulieren november 2026',
            'Formulaires refusés novembre 2026',
            '',
            'lg-demostad.pdf',
            '',
          ],
          ['v-ms', '0212000230', 'MAANDSTAAT', 'RMI', '2026-11', 'Maandstaat november 2026', 'État mensuel novembre 2026', '', 'ms-villedemo.pdf', ''],
        ]),
      },
      { name: 'ms-demostad.pdf', data: await tinyPdf('Maandstaat Demostad') },
      { name: 'detail-demostad.pdf', data: await tinyPdf('Detail Demostad') },
      { name: 'lg-demostad.pdf', data: await tinyPdf('Geweigerd Demostad') },
      { name: 'ms-villedemo.pdf', data: await tinyPdf('État mensuel Villedemo') },
    ]);
    const nathalie = await session.login('Nathalie Vermeulen', 'nl', '/backoffice');
    await nathalie.goto('/backoffice/ebox/bulk');
    await session.axe(nathalie, 'bulk upload (nl)');
    await nathalie.setInputFiles('#bulk-file', { name: 'november.zip', mimeType: 'application/zip', buffer: zip });
    await nathalie.getByRole('button', { name: 'Opladen en publiceren' }).click();
    await nathalie.waitForURL(/\/backoffice\/ebox\/bulk\/[0-9a-f-]{36}$/);
    assert.match(await session.main(nathalie), /3 berichten gepubliceerd, 0 waren al eerder gepubliceerd/);
    await session.axe(nathalie, 'bulk result (nl)');

    const an = await session.login('An Peeters', 'nl', /\/ocmw\/\d{10}$/);
    await an.getByRole('link', { name: 'e-Box (2 nieuw)' }).click();
    await an.waitForURL(/\/ebox$/);
    assert.match(await session.main(an), /2 documenten gevonden/);
    await session.axe(an, 'e-Box list (nl)');
    await an.getByLabel('Soort document').selectOption('LIJST_GEWEIGERD');
    await an.getByRole('button', { name: 'Tonen' }).click();
    await an.waitForURL(/type=LIJST_GEWEIGERD/);
    assert.match(await session.main(an), /1 document gevonden/);
    await an.getByRole('link', { name: 'Geweigerde formulieren november 2026' }).click();
    await an.waitForURL(/\/ebox\/[0-9a-f-]{36}$/);
    assert.match(await session.main(an), /Geopend op \d\d\/\d\d\/\d{4} door An Peeters/);
    await session.axe(an, 'e-Box message (nl)');
    const download = an.waitForEvent('download');
    await an.getByRole('link', { name: 'lg-demostad.pdf' }).click();
    assert.equal((await download).suggestedFilename(), 'lg-demostad.pdf');

    const els = await session.login('Els Maes', 'nl', /\/ocmw\/\d{10}$/);
    await els.getByRole('link', { name: 'e-Box (1 nieuw)' }).click();
    await els.getByLabel('Gelezen of niet').selectOption('read');
    await els.getByRole('button', { name: 'Tonen' }).click();
    await els.waitForURL(/state=read/);
    assert.match(await session.main(els), /1 document gevonden/);

    await nathalie.goto('/backoffice/ebox?q=Demostad&type=LIJST_GEWEIGERD');
    await session.axe(nathalie, 'published messages (nl)');
    const row = nathalie.locator('tbody tr').first();
    assert.doesNotMatch((await row.textContent()) ?? '', /Nog niet geopend/, 'POD MI sees that it was read');
  });

  it('refuses the e-Box to a user of the OCMW without the grant; Villedemo reads its own in French', { timeout: 120_000 }, async () => {
    const julie = await session.login('Julie Dubois', 'fr', /.*/);
    const kbo = '0212000230';
    const refused = await julie.goto(`/ocmw/${kbo}/ebox`);
    assert.equal(refused?.status(), 403);
    await session.axe(julie, 'e-Box refused (fr)');

    const claire = await session.login('Claire Martin', 'fr', /\/ocmw\/\d{10}$/);
    await claire.getByRole('link', { name: 'e-Box (1 nouveau)' }).click();
    await claire.waitForURL(/\/ebox$/);
    assert.match(await session.main(claire), /État mensuel novembre 2026/);
    assert.doesNotMatch(await session.main(claire), /Demostad/);
    await session.axe(claire, 'e-Box list (fr)');
    await claire.getByRole('link', { name: 'État mensuel novembre 2026' }).click();
    await claire.waitForURL(/\/ebox\/[0-9a-f-]{36}$/);
    await session.axe(claire, 'e-Box message (fr)');
  });

  it('finds no axe violation (WCAG 2.1 A/AA) on any page visited', () => {
    assert.ok(session.audited.length >= 8, session.audited.join(', '));
    assert.equal(session.violations.length, 0, violationReport(session.violations));
  });
});
