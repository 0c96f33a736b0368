import type { FormDefinition } from './definition.ts';
import { clustersV1 } from './definitions/clusters.ts';
import { covidPremieV1 } from './definitions/covid-premie.ts';
import { covidToelageV1, jongerenStudentenV1, psyWelzijnV1, voedselhulpV1 } from './definitions/covid-subsidies.ts';
import { gasElekV1 } from './definitions/gas-elek.ts';
import { gpmiTbV1, gpmiV1 } from './definitions/gpmi.ts';
import { groteStedenV1 } from './definitions/grote-steden.ts';
import { huurwaarborgenV1 } from './definitions/huurwaarborgen.ts';
import { overeenkomstV1 } from './definitions/overeenkomst.ts';
import { personeelskostenV1, personeelskostenV2 } from './definitions/personeelskosten.ts';
import { psaV1 } from './definitions/psa.ts';
import { socCultV1 } from './definitions/soc-cult.ts';

/** Every definition version ever used stays here: a submitted form keeps the version it was filled with. */
const DEFINITIONS: FormDefinition[] = [
  covidPremieV1,
  gasElekV1,
  personeelskostenV1,
  personeelskostenV2,
  psaV1,
  gpmiV1,
  gpmiTbV1,
  huurwaarborgenV1,
  groteStedenV1,
  clustersV1,
  socCultV1,
  overeenkomstV1,
  voedselhulpV1,
  jongerenStudentenV1,
  covidToelageV1,
  psyWelzijnV1,
];

const byKey = new Map(DEFINITIONS.map((d) => [`${d.measure}@${d.version}`, d]));

export function getDefinition(measure: string, version: number): FormDefinition {
  const definition = byKey.get(`${measure}@${version}`);
  if (!definition) throw new Error(`Unknown form definition ${measure}@${version}`);
  return definition;
}

export function allDefinitions(): readonly FormDefinition[] {
  return DEFINITIONS;
}
