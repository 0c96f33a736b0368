import type { Actor } from '../access/access.ts';
import type { ServiceContext } from '../access/service-context.ts';
import type { Db } from '../db/database.ts';
import type { RightCode } from '../db/types.ts';
import type { RawInput } from '../modules/forms/field-types.ts';
import { loadForm, saveForm, signForm, type SigningPolicy } from '../modules/reports/reports.service.ts';
import { FAS_LEVEL } from '../modules/shared/fas-levels.ts';

/**
 * Demo only (issue 15, item 3): Demostad's reports on the four Covid-era subsidies, filled in by An Peeters and signed
 * by Jan Janssens (chair) and Els Maes (general director) on a day inside each campaign — so that the closed report
 * years 2020 and 2021 show what an OCMW sent (README: "Covid-era subsidies"). The campaigns are opened for the
 * moment of filing only, and closed again as the calendar has them.
 */

interface DemoReport {
  measure: string;
  reportYear: number;
  /** a working day inside the campaign (Brussels noon) */
  filedOn: string;
  raw: RawInput;
}

const REPORT_TEXTS = {
  controls:
    'Elke individuele hulp volgde op een sociaal onderzoek en een beslissing van het bijzonder comité voor de sociale dienst; de bewijsstukken zitten in het dossier.',
};

function aid(date: string, kind: 'individual' | 'collective', beneficiaryRef: string, aidType: string, amount: string, description = '') {
  return { date, kind, beneficiaryRef, aidType, description, amount };
}

function staff(over: Record<string, string>) {
  return {
    lastName: 'Vandamme',
    firstName: 'Lotte',
    staffId: 'P-2021-00431',
    function: 'socialWorker',
    status: 'contractual',
    fte: '0,5',
    allocationRate: '50',
    otherFunding: '0',
    ...over,
  };
}

const REPORTS: DemoReport[] = [
  {
    measure: 'VOEDSELHULP',
    reportYear: 2020,
    filedOn: '2021-02-15',
    raw: {
      fields: {
        personsHelped: '64',
        activities:
          'Voedselpakketten en bereide maaltijden aan huis tijdens de lockdown, voedselbonnen voor gezinnen met kinderen, in samenwerking met de lokale voedselbank.',
        ...REPORT_TEXTS,
      },
      tables: {
        aid: [
          aid('20/04/2020', 'collective', '', 'foodParcels', '3.450,00'),
          aid('12/05/2020', 'individual', 'D-2020/0117', 'foodVouchers', '250,00'),
          aid('03/06/2020', 'collective', '', 'readyMeals', '2.875,40'),
          aid('15/10/2020', 'collective', '', 'hygieneProtection', '612,35'),
          aid('18/12/2020', 'individual', 'D-2020/0342', 'foodVouchers', '300,00'),
        ],
      },
    },
  },
  {
    measure: 'JONGEREN_STUDENTEN',
    reportYear: 2021,
    filedOn: '2022-06-15',
    raw: {
      fields: {
        personsHelped: '23',
        studentsHelped: '9',
        activities: 'Hulp aan jongeren tot 25 jaar na een sociaal onderzoek: abonnementen voor het openbaar vervoer, huur en energiefacturen, studiekosten.',
        ...REPORT_TEXTS,
      },
      tables: {
        aid: [
          aid('14/09/2021', 'individual', 'J-2021/0009', 'transportPass', '499,00'),
          aid('05/10/2021', 'individual', 'J-2021/0014', 'rent', '650,00'),
          aid('22/11/2021', 'individual', 'J-2021/0017', 'studyCosts', '389,99'),
          aid('28/02/2022', 'individual', 'J-2022/0002', 'bills', '1.240,16'),
          aid('30/03/2022', 'individual', 'J-2022/0005', 'other', '420,00', 'Laptop voor de studies'),
        ],
      },
    },
  },
  {
    measure: 'COVID_TOELAGE',
    reportYear: 2021,
    filedOn: '2022-06-15',
    raw: {
      fields: {
        personsHelped: '131',
        activities:
          'Huur- en energiehulp, tussenkomst in onbetaalde facturen, digitale ondersteuning (laptops en internet) en psychosociale begeleiding; een maatschappelijk werker halftijds voor de aanvragen.',
        ...REPORT_TEXTS,
      },
      tables: {
        aid: [
          aid('18/01/2021', 'individual', 'C-2021/0003', 'housing', '12.500,00'),
          aid('10/03/2021', 'individual', 'C-2021/0011', 'energy', '9.830,55'),
          aid('21/06/2021', 'collective', '', 'digital', '7.245,00'),
          aid('07/10/2021', 'individual', 'C-2021/0027', 'unpaidBills', '6.118,20'),
          aid('15/02/2022', 'individual', 'C-2022/0004', 'psychosocial', '4.306,25'),
        ],
        staff: [staff({ 'period.from': '01/01/2021', 'period.to': '31/03/2022', grossCost: '29.640,00' })],
        costs: [
          { category: 'operating', description: 'Huur van een spreekruimte', 'period.from': '01/01/2021', 'period.to': '31/03/2022', amount: '1.350,00' },
        ],
      },
    },
  },
  {
    measure: 'PSY_WELZIJN',
    reportYear: 2021,
    filedOn: '2022-06-15',
    raw: {
      fields: {
        personsHelped: '87',
        activities:
          'Wandelgroepen en ontmoetingsmomenten tegen isolement, sessies bij een eerstelijnspsycholoog voor cliënten, een folder over de gezondheidsmaatregelen.',
        ...REPORT_TEXTS,
      },
      tables: {
        aid: [
          aid('15/03/2021', 'collective', '', 'againstIsolation', '2.150,00'),
          aid('02/06/2021', 'collective', '', 'thirdPartyServices', '4.800,00'),
          aid('20/10/2021', 'collective', '', 'publicity', '640,80'),
        ],
        staff: [
          staff({
            lastName: 'Claeys',
            firstName: 'Ruben',
            staffId: 'P-2021-00502',
            function: 'psychologist',
            'period.from': '01/01/2021',
            'period.to': '31/12/2021',
            fte: '1',
            allocationRate: '10',
            grossCost: '58.400,00',
          }),
        ],
        costs: [],
      },
    },
  },
];

const SIGNING: SigningPolicy = { maxAgeMs: 10 * 60_000, levels: [FAS_LEVEL.EID] };

export interface DemoCovidTeam {
  organisationId: string;
  encoder: { personId: string; name: string };
  chair: { personId: string; name: string };
  director: { personId: string; name: string };
}

function context(db: Db, team: DemoCovidTeam, who: 'encoder' | 'chair' | 'director', now: Date): ServiceContext {
  const right: RightCode = who === 'encoder' ? 'UV_ENCODER' : who === 'chair' ? 'UV_CHAIR' : 'UV_DIRECTOR';
  const actor: Actor = {
    principalKind: 'PERSON',
    personId: team[who].personId,
    name: team[who].name,
    organisationId: team.organisationId,
    rights: [right],
    podmiRights: [],
    authMethod: 'demo',
    authenticatedAt: now,
    // the signers completed an eID step-up just before (the demo identity provider offers it)
    stepUp: who === 'encoder' ? null : { acr: FAS_LEVEL.EID, authTime: now, at: now, organisationId: team.organisationId, provider: 'demo' },
  };
  return { actor, db, now };
}

/** Files and signs the demo reports; a report that cannot be filed stops the seed with its reason. */
export async function seedDemoCovidReports(db: Db, team: DemoCovidTeam): Promise<void> {
  for (const report of REPORTS) {
    const campaign = await db
      .selectFrom('campaigns')
      .select(['id', 'status'])
      .where('measure', '=', report.measure)
      .where('report_year', '=', report.reportYear)
      .executeTakeFirstOrThrow();
    const now = new Date(`${report.filedOn}T10:00:00Z`);
    // Filed while the campaign ran: open it for that moment, then give it back its status.
    await db.updateTable('campaigns').set({ status: 'OPEN' }).where('id', '=', campaign.id).execute();
    try {
      const encoder = context(db, team, 'encoder', now);
      const saved = await saveForm(encoder, campaign.id, 0, report.raw);
      if (saved.kind !== 'saved' || saved.hasErrors) throw new Error(`Demo report ${report.measure} ${report.reportYear} has errors`);
      for (const who of ['chair', 'director'] as const) {
        const signer = context(db, team, who, new Date(now.getTime() + (who === 'chair' ? 3_600_000 : 7_200_000)));
        const signed = await signForm(signer, campaign.id, (await loadForm(signer, campaign.id)).contentHash, undefined, SIGNING);
        if (signed.kind === 'refused') throw new Error(`Demo report ${report.measure} ${report.reportYear}: signature refused (${signed.reason})`);
      }
    } finally {
      await db.updateTable('campaigns').set({ status: campaign.status }).where('id', '=', campaign.id).execute();
    }
  }
}
