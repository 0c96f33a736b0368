import { settlementSection } from '../blocks/settlement.ts';
import { staffTable } from '../blocks/staff-costs.ts';
import type { FormDefinition, InputField, Section } from '../definition.ts';
import { namedOptions } from '../definition.ts';
import { activityTable } from './psa-activities.ts';
import { PSA_CATEGORIES_A, PSA_CATEGORIES_C, PSA_FUNCTIONS, PSA_KINDS } from './psa-lists.ts';
import { modulesTable, staffBTable } from './psa-modules.ts';
import { reclaimWarning } from '../blocks/settlement.ts';
import { personnelCapWarnings, summarySection } from './psa-summary.ts';

/**
 * F7 — Participatie en sociale activering (forms.md §4.3): three parts edited one at a time (A social
 * participation, B collective modules, C child poverty), each with its activities and its staff, then the
 * summary and the settlement. PSA is paid in advance `[A]`: the settlement can only reclaim.
 * Campaign parameters: personnelCapHundredths (PSA-R1, 1000 = 10 %), subcontractOverheadCapHundredths (PSA-R2).
 * References: allocation, advancesPaid, and optionally allocationPartA and allocationPartC.
 * Workbook route: the activity and module tables come from the uploaded file, the staff tables are typed in.
 */

const psaStaff = (key: string, labelKey: string) => staffTable({ key, labelKey, functions: { name: 'psaFunction', values: PSA_FUNCTIONS } });

const kind: InputField = { kind: 'input', key: 'kind', type: 'enum', labelKey: 'psa.kind', required: true, ...namedOptions('psaKind', PSA_KINDS) };

const partA: Section = {
  key: 'partA',
  titleKey: 'psa.part_a',
  introKey: 'psa.part_a_intro',
  items: [
    {
      kind: 'ref',
      key: 'allocationPartA',
      type: 'money',
      labelKey: 'psa.allocation_part_a',
      hintKey: 'psa.allocation_part_hint',
      missingKey: 'psa.not_allocated_separately',
    },
    activityTable({
      key: 'activitiesA',
      labelKey: 'psa.activities_table_a',
      categories: { name: 'psaCategoryA', values: PSA_CATEGORIES_A },
      workbookSheet: 'A_Participatie',
      before: [kind],
      reached: { kind: 'input', key: 'usersReached', type: 'count', labelKey: 'psa.users_reached', required: true, min: 1 },
    }),
    psaStaff('staffA', 'psa.staff_a'),
  ],
};

const partB: Section = {
  key: 'partB',
  titleKey: 'psa.part_b',
  introKey: 'psa.part_b_intro',
  items: [staffBTable(), modulesTable()],
};

const partC: Section = {
  key: 'partC',
  titleKey: 'psa.part_c',
  introKey: 'psa.part_c_intro',
  items: [
    {
      kind: 'ref',
      key: 'allocationPartC',
      type: 'money',
      labelKey: 'psa.allocation_part_c',
      hintKey: 'psa.allocation_part_hint',
      missingKey: 'psa.not_allocated_separately',
    },
    activityTable({
      key: 'activitiesC',
      labelKey: 'psa.activities_table_c',
      categories: { name: 'psaCategoryC', values: PSA_CATEGORIES_C },
      workbookSheet: 'C_Kinderarmoede',
      reached: { kind: 'input', key: 'childrenReached', type: 'count', labelKey: 'psa.children_reached', required: true, min: 1 },
    }),
    psaStaff('staffC', 'psa.staff_c'),
  ],
};

export const psaV1: FormDefinition = {
  measure: 'PSA',
  version: 1,
  titleKey: 'measure.PSA',
  paged: true,
  workbook: { templateVersion: 1 },
  sections: [
    partA,
    partB,
    partC,
    summarySection(),
    // The settlement shows the justified total of the summary and takes its accepted amount, which applies the part C
    // earmark (issue 14, item 19: "Verantwoord bedrag" is what the OCMW justified, not what is accepted).
    settlementSection({ justified: (ctx) => ctx.computed.justifiedTotal ?? null, accepted: (ctx) => ctx.computed.accepted ?? null, variant: 'reclaimOnly' }),
  ],
  rules: [personnelCapWarnings, reclaimWarning('psa.warning_reclaim')],
};
