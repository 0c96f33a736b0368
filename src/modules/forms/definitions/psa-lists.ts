/**
 * The closed lists of the PSA form (forms.md §4.3.6, `[A]`): labels `enum.<list>.<value>` in psa.json. A
 * campaign may offer another list in a given year through `params.enums.<list>`.
 */

/** Part A: kinds of activity costs (the families POD MI shows for part A, plus ICT initiatives). */
export const PSA_CATEGORIES_A = [
  'holidayActivities',
  'tripsTravel',
  'phoneComputer',
  'mediaGames',
  'educationCourses',
  'feesAllowances',
  'ticketsVouchers',
  'leisure',
  'ictInitiative',
  'other',
] as const;

/** Part A: an activity for one user or for a group. */
export const PSA_KINDS = ['individual', 'collective'] as const;

/** Part B: themes of the collective modules. */
export const PSA_THEMES = ['budget', 'health', 'housing', 'language', 'digitalSkills', 'selfConfidence', 'parenting', 'other'] as const;

/** Part B: who organises a module. */
export const PSA_ORGANISERS = ['ownOcmw', 'partner'] as const;

/** Part C: kinds of child-poverty costs. */
export const PSA_CATEGORIES_C = [
  'activityParticipation',
  'schoolCosts',
  'homeworkSupport',
  'childcare',
  'medicalPsychological',
  'basicNeeds',
  'other',
] as const;

/** Functions of the staff of the three parts (the examples of forms.md §3.1). */
export const PSA_FUNCTIONS = ['socialWorker', 'administrativeWorker', 'pathwayCounsellor', 'other'] as const;
