import type { Actor } from '../../src/access/access.ts';
import type { ServiceContext } from '../../src/access/service-context.ts';
import type { RightCode } from '../../src/db/types.ts';
import { type FormDefinition, type InputField, enumOptions, subsidyPeriod } from '../../src/modules/forms/definition.ts';
import type { RawInput } from '../../src/modules/forms/field-types.ts';
import { allDefinitions } from '../../src/modules/forms/registry.ts';
import { loadForm, saveForm, signForm } from '../../src/modules/reports/reports.service.ts';
import type { TestApp } from './app.ts';
import { organisationId, personId } from './http.ts';
import { SIGNING, steppedUp } from './signing.ts';

/**
 * Filled forms of every registered definition, as an OCMW types them (issue 14, item 17: the printouts): each input
 * gets a plausible value of its type, each table `rows` rows with long names, long descriptions and amounts of tens
 * of thousands of euros — what made narrow table cells break "45.678,9 / 0 €" over two lines.
 */

const LAST_NAMES = ['Vandenbroucke-Verstraeten', 'Peeters', 'Van der Auwera', 'Dubois', 'Janssens'];
const FIRST_NAMES = ['Anne-Catherine', 'Eva', 'Jean-Baptiste', 'Noor', 'Mohamed'];
const DESCRIPTIONS = [
  'Budgetbegeleiding en energiescan bij gezinnen met een betalingsachterstand',
  'Zomerkamp aan zee',
  'Vervanging van een oude koelkast door een zuinig toestel',
  'Collectieve infosessie over de energiefactuur in het buurthuis',
];

/** A money amount of the row: tens of thousands of euros, never round. */
function money(key: string, i: number): string {
  if (key === 'otherFunding' || key === 'overheadAmount') return i % 2 ? '0' : '1.250,00';
  if (key === 'monthlyRent') return '845,00';
  if (key === 'guaranteeAmount') return '1.690,00';
  const euros = 45_678 + i * 1_111;
  return `${euros.toLocaleString('de-DE')},${String(90 - (i % 90)).padStart(2, '0')}`;
}

function dmy(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function value(field: InputField, i: number, params: Record<string, unknown>, reportYear: number, context: { moduleTitles: string[] }): Record<string, string> {
  const period = subsidyPeriod({ params, reportYear });
  const end = typeof params.tpEndDate === 'string' && params.tpEndDate < period.to ? params.tpEndDate : period.to;
  switch (field.type) {
    case 'money':
      return { [field.key]: money(field.key, i) };
    case 'count':
      return { [field.key]: field.key === 'participantsWithGpmi' || field.key === 'movedOnToWorkOrTraining' ? '3' : String(12 + i) };
    case 'fte':
      return { [field.key]: i % 2 ? '0,5' : '0,8' };
    case 'percent':
      return { [field.key]: field.key === 'mixedPublicShare' ? (i % 3 === 0 ? '60' : '') : '50' };
    case 'date':
      return { [field.key]: dmy(period.from) };
    case 'period':
      return { [`${field.key}.from`]: dmy(period.from), [`${field.key}.to`]: dmy(end) };
    case 'yesno':
      return { [field.key]: 'yes' };
    case 'enum': {
      const options = enumOptions(field, params).filter((o) => o.value !== 'other');
      // a module organised by the OCMW itself needs no partner's name
      const pick = field.key === 'organiser' ? options[0] : options[i % options.length];
      return { [field.key]: pick?.value ?? '' };
    }
    case 'text': {
      const texts: Record<string, string> = {
        lastName: LAST_NAMES[i % LAST_NAMES.length],
        firstName: FIRST_NAMES[i % FIRST_NAMES.length],
        staffId: `P-${reportYear}-${String(412 + i).padStart(5, '0')}`,
        description: DESCRIPTIONS[i % DESCRIPTIONS.length],
        partner: i % 2 ? '' : 'vzw Samen Op Stap',
        partnerName: '',
        title: `Module ${i + 1}: budgetbeheer en energie`,
        module: context.moduleTitles[i % Math.max(1, context.moduleTitles.length)] ?? '',
        beneficiaryRef: `D-${reportYear}-${String(1000 + i)}`,
      };
      const text = texts[field.key] ?? `${DESCRIPTIONS[i % DESCRIPTIONS.length]} (${i + 1})`;
      return { [field.key]: text.slice(0, field.maxLength ?? 250) };
    }
  }
}

/** The raw input of a filled form: every input field, and `rows` rows in every table. */
export function filledInput(definition: FormDefinition, params: Record<string, unknown>, reportYear: number, rows: number): RawInput {
  const raw: RawInput = { fields: {}, tables: {} };
  const moduleTitles = Array.from({ length: rows }, (_, i) => `Module ${i + 1}: budgetbeheer en energie`);
  for (const section of definition.sections) {
    for (const item of section.items) {
      if (item.kind === 'input') Object.assign(raw.fields, value(item, 0, params, reportYear, { moduleTitles }));
      if (item.kind === 'table') {
        raw.tables[item.key] = Array.from({ length: Math.min(rows, item.maxRows) }, (_, i) =>
          Object.assign({}, ...item.columns.map((column) => value(column, i, params, reportYear, { moduleTitles }))),
        );
      }
    }
  }
  return raw;
}

export interface FilledForm {
  definition: FormDefinition;
  campaignId: string;
  reportYear: number;
}

const DAY = 86_400_000;

/** The demo OCMWs and who fills in and signs there. */
export const TEAMS = {
  demostad: { name: 'OCMW Demostad', encoder: 'An Peeters', chair: 'Jan Janssens', director: 'Els Maes', lang: 'nl' },
  villedemo: { name: 'OCMW Villedemo', encoder: 'Claire Martin', chair: 'Sophie Lambert', director: 'Pierre Dupont', lang: 'fr' },
} as const;

/** A service context of a demo person in their OCMW (what a route builds from the session), with one right. */
export async function teamContext(t: TestApp, ocmw: keyof typeof TEAMS, who: 'encoder' | 'chair' | 'director'): Promise<ServiceContext> {
  const team = TEAMS[ocmw];
  const name = team[who];
  const right: RightCode = who === 'encoder' ? 'UV_ENCODER' : who === 'chair' ? 'UV_CHAIR' : 'UV_DIRECTOR';
  const [first, ...rest] = name.split(' ');
  const actor: Actor = {
    principalKind: 'PERSON',
    personId: await personId(t.db, first, rest.join(' ')),
    name,
    organisationId: await organisationId(t.db, team.name),
    rights: [right],
    podmiRights: [],
    authMethod: 'demo',
    authenticatedAt: t.clock.now(),
  };
  return { actor, db: t.db, now: t.clock.now() };
}

/**
 * The campaign of the latest report year that uses a definition version, opened around the test clock. With an OCMW:
 * the latest one that OCMW has not submitted yet (the demo data submitted Demostad's Covid-era reports), null when it
 * submitted every one.
 */
export async function openCampaignOf(t: TestApp, definition: FormDefinition): Promise<OpenedCampaign>;
export async function openCampaignOf(t: TestApp, definition: FormDefinition, ocmw: keyof typeof TEAMS): Promise<OpenedCampaign | null>;
export async function openCampaignOf(t: TestApp, definition: FormDefinition, ocmw?: keyof typeof TEAMS): Promise<OpenedCampaign | null> {
  const submittedBy = ocmw ? await organisationId(t.db, TEAMS[ocmw].name) : null;
  const campaign = await t.db
    .selectFrom('campaigns')
    .select(['id', 'params', 'report_year'])
    .where('measure', '=', definition.measure)
    .where('definition_version', '=', definition.version)
    .$if(submittedBy !== null, (q) =>
      q.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('form_instances as f')
              .select('f.id')
              .whereRef('f.campaign_id', '=', 'campaigns.id')
              .where('f.organisation_id', '=', submittedBy as string)
              .where('f.submitted_at', 'is not', null),
          ),
        ),
      ),
    )
    .orderBy('report_year', 'desc')
    .executeTakeFirst();
  if (!campaign && ocmw) return null;
  if (!campaign) throw new Error(`No campaign uses ${definition.measure}@${definition.version}`);
  // open around the test clock, whatever the demo calendar says
  const now = t.clock.now().getTime();
  await t.db
    .updateTable('campaigns')
    .set({ status: 'OPEN', opens_at: new Date(now - 30 * DAY), closes_at: new Date(now + 60 * DAY) })
    .where('id', '=', campaign.id)
    .execute();
  return { id: campaign.id, params: campaign.params as Record<string, unknown>, reportYear: campaign.report_year };
}

interface OpenedCampaign {
  id: string;
  params: Record<string, unknown>;
  reportYear: number;
}

/**
 * Saves `raw` as the OCMW's form of the campaign through the service; `sign` has the chair (and the director: the form
 * is then submitted) sign it when it has no errors.
 */
export async function saveAndSign(t: TestApp, ocmw: keyof typeof TEAMS, campaignId: string, raw: RawInput, sign: 'both' | 'chair' | 'none'): Promise<void> {
  const encoder = await teamContext(t, ocmw, 'encoder');
  const current = await loadForm(encoder, campaignId);
  const saved = await saveForm(encoder, campaignId, current.instance?.version ?? 0, raw);
  if (saved.kind !== 'saved') throw new Error(`${campaignId}: ${saved.kind}`);
  if (saved.hasErrors) return;
  const signers = sign === 'none' ? [] : sign === 'chair' ? (['chair'] as const) : (['chair', 'director'] as const);
  for (const who of signers) {
    const signer = await teamContext(t, ocmw, who);
    const signed = await signForm(steppedUp(signer), campaignId, (await loadForm(signer, campaignId)).contentHash, undefined, SIGNING);
    if (signed.kind === 'refused') throw new Error(`${campaignId}: signature refused (${signed.reason})`);
  }
}

/**
 * Fills (and signs, see saveAndSign) the form of every registered definition for one demo OCMW; a definition whose
 * every campaign the OCMW already submitted (the demo's Covid-era reports of Demostad) comes as the demo filed it.
 */
export async function fillEveryDefinition(
  t: TestApp,
  ocmw: keyof typeof TEAMS,
  options: { rows: number; sign: 'both' | 'chair' | 'none' },
): Promise<FilledForm[]> {
  const filled: FilledForm[] = [];
  for (const definition of allDefinitions()) {
    const campaign = await openCampaignOf(t, definition, ocmw);
    if (!campaign) {
      const submitted = await t.db
        .selectFrom('campaigns')
        .select(['id', 'report_year'])
        .where('measure', '=', definition.measure)
        .orderBy('report_year', 'desc')
        .executeTakeFirstOrThrow();
      filled.push({ definition, campaignId: submitted.id, reportYear: submitted.report_year });
      continue;
    }
    await saveAndSign(t, ocmw, campaign.id, filledInput(definition, campaign.params, campaign.reportYear, options.rows), options.sign);
    filled.push({ definition, campaignId: campaign.id, reportYear: campaign.reportYear });
  }
  return filled;
}
