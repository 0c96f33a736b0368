import { expenseTable } from '../blocks/expenses.ts';
import { settlementSection } from '../blocks/settlement.ts';
import { staffTable } from '../blocks/staff-costs.ts';
import {
  type ComputeContext,
  type FormDefinition,
  type Issue,
  type RowIssue,
  type RowValues,
  type TableField,
  namedOptions,
  numberParam,
} from '../definition.ts';

/**
 * F3 — Toelage sociale activering clusters / Plan clusters pour petits CPAS (forms.md §5.3): the promoter
 * of a cluster of small OCMWs reports on the objectives of the cluster's convention and justifies the
 * cluster amount with staff and operating costs. References loaded by POD MI: clusterAmount (the
 * allocation), memberOcmwCount, advancesPaid. Campaign parameter: amountPerClusterCents (for information).
 * "Only the promoter fills and signs" is not enforced: the application has no data on clusters.
 */

/** A cluster groups at least three small OCMWs (forms.md §5.3). */
export const MIN_CLUSTER_MEMBERS = 3;

export const CLUSTER_STATUSES = ['reached', 'partial', 'notReached'] as const;
export const CLUSTER_FUNCTIONS = ['startbaner', 'pathwayCounsellor', 'socialWorker', 'other'] as const;
/** [A] operating expense categories: activities, training, transport, coordination, supplies, other. */
export const CLUSTER_EXPENSES = ['activities', 'training', 'transport', 'coordination', 'supplies', 'other'] as const;

/** The member count comes from POD MI: fewer than three is a data problem only POD MI can solve. */
function enoughMembers(ctx: ComputeContext): Issue[] {
  const count = ctx.refs.memberOcmwCount;
  if (typeof count !== 'number' || count >= MIN_CLUSTER_MEMBERS) return [];
  return [{ code: 'cluster.too_few_members', severity: 'error', path: 'memberOcmwCount', params: { count, min: MIN_CLUSTER_MEMBERS } }];
}

/** [A] An objective that was not fully reached needs an explanation. */
function explainedWhenNotReached(row: RowValues): RowIssue[] {
  if (typeof row.status !== 'string' || row.status === 'reached' || typeof row.explanation === 'string') return [];
  return [{ code: 'cluster.explanation_required', severity: 'error', column: 'explanation' }];
}

/** Justified: the staff costs charged plus the eligible operating expenses. */
export function justifiedCluster(ctx: ComputeContext): number {
  return (ctx.totals.staff?.chargedAmount ?? 0) + (ctx.totals.expenses?.eligibleAmount ?? 0);
}

const objectivesTable: TableField = {
  kind: 'table',
  key: 'objectives',
  labelKey: 'cluster.objectives',
  minRows: 1,
  maxRows: 30,
  columns: [
    { kind: 'input', key: 'objective', type: 'text', labelKey: 'cluster.objective', hintKey: 'cluster.objective_hint', required: true, maxLength: 250 },
    { kind: 'input', key: 'status', type: 'enum', labelKey: 'cluster.status', required: true, ...namedOptions('clusterStatus', CLUSTER_STATUSES) },
    { kind: 'input', key: 'explanation', type: 'text', labelKey: 'cluster.explanation', hintKey: 'cluster.explanation_hint', maxLength: 1000 },
  ],
  rowRules: [explainedWhenNotReached],
};

export const clustersV1: FormDefinition = {
  measure: 'CLUSTERS',
  version: 1,
  titleKey: 'measure.CLUSTERS',
  sections: [
    {
      key: 'cluster',
      titleKey: 'cluster.cluster_title',
      introKey: 'cluster.cluster_intro',
      items: [
        { kind: 'ref', key: 'memberOcmwCount', type: 'count', labelKey: 'cluster.member_count' },
        {
          kind: 'computed',
          key: 'amountPerCluster',
          type: 'money',
          labelKey: 'cluster.amount_per_cluster',
          compute: (ctx) => numberParam(ctx.params, 'amountPerClusterCents'),
        },
        { kind: 'ref', key: 'clusterAmount', type: 'money', labelKey: 'cluster.cluster_amount' },
        { kind: 'ref', key: 'advancesPaid', type: 'money', labelKey: 'cluster.advances_paid' },
      ],
    },
    {
      key: 'objectives',
      titleKey: 'cluster.objectives_title',
      introKey: 'cluster.objectives_intro',
      items: [
        objectivesTable,
        { kind: 'input', key: 'participants', type: 'count', labelKey: 'cluster.participants', hintKey: 'cluster.participants_hint', required: true },
      ],
    },
    {
      key: 'staff',
      titleKey: 'cluster.staff_title',
      introKey: 'cluster.staff_intro',
      items: [staffTable({ key: 'staff', labelKey: 'cluster.staff', functions: { name: 'clusterFunction', values: CLUSTER_FUNCTIONS }, maxRows: 50 })],
    },
    {
      key: 'expenses',
      titleKey: 'cluster.expenses_title',
      introKey: 'cluster.expenses_intro',
      items: [expenseTable({ key: 'expenses', labelKey: 'cluster.expenses', categories: { name: 'clusterExpense', values: CLUSTER_EXPENSES }, maxRows: 500 })],
    },
    settlementSection({ justified: justifiedCluster, allocation: (ctx) => ctx.refs.clusterAmount ?? null }),
  ],
  rules: [enoughMembers],
};
