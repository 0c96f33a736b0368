import { readFileSync, readdirSync } from 'node:fs';
import { z } from 'zod';

/**
 * The per-year data of every measure (src/seed/campaign-years/<MEASURE>.json): for each report year the
 * definition version and the year's parameters (amounts, caps, lists, periods), how the measure opens, and
 * the reference values of the demo OCMWs. Nothing that changes by year lives in code.
 */
const yearSchema = z.object({
  definitionVersion: z.number().int().positive(),
  params: z.record(z.string(), z.unknown()),
  opensOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  closesOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

const fileSchema = z.object({
  measure: z.string().regex(/^[A-Z_]+$/),
  opens: z.enum(['early', 'late']),
  years: z.record(z.string().regex(/^\d{4}$/), yearSchema),
  demoReferences: z.record(z.string(), z.record(z.string(), z.number().int())).optional(),
});

export type MeasureYears = z.infer<typeof fileSchema>;

const DIR = new URL('../../seed/campaign-years/', import.meta.url);

let cache: MeasureYears[] | null = null;

export function loadMeasureYears(): MeasureYears[] {
  cache ??= readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => fileSchema.parse(JSON.parse(readFileSync(new URL(f, DIR), 'utf8'))));
  return cache;
}
