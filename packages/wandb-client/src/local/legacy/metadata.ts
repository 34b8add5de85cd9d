import { z } from 'zod';

/**
 * The fields of a pre-0.10 `wandb-metadata.json` a run listing needs (`wandb/meta.py`,
 * `run_manager.py` @v0.9.7). Times are ISO 8601 in UTC without a zone; `exitcode` is written only
 * once the internal process saw the script end (never for notebook runs).
 */
const LegacyMetadataSchema = z.object({
  startedAt: z.string().nullish(),
  heartbeatAt: z.string().nullish(),
  state: z.string().nullish(),
  exitcode: z.number().int().nullish(),
  mode: z.string().nullish(),
  name: z.string().nullish(),
  notes: z.string().nullish(),
  project: z.string().nullish(),
  jobType: z.string().nullish(),
  host: z.string().nullish(),
  program: z.string().nullish(),
  colab: z.string().nullish(),
});

export type LegacyMetadata = z.infer<typeof LegacyMetadataSchema>;

/** The metadata, or a TypeError saying what is wrong with it. Unknown fields are ignored; a field of the wrong type is dropped. */
export function readLegacyMetadata(json: unknown): LegacyMetadata {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new TypeError('it is not a JSON object');
  const fields: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(LegacyMetadataSchema.shape)) {
    const parsed = schema.safeParse((json as Record<string, unknown>)[name]);
    if (parsed.success && parsed.data !== undefined && parsed.data !== null) fields[name] = parsed.data;
  }
  return fields as LegacyMetadata;
}

/** A metadata time (UTC, with or without a zone) in milliseconds, or null. */
export function legacyTime(value: string | null | undefined): number | null {
  if (!value) return null;
  const zoned = /(Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? null : ms;
}

/** Whether the run ran in a notebook (Jupyter, Colab), whose runs wandb before 0.10 never ended with an exit code. */
export function isNotebookRun(metadata: LegacyMetadata, wandb: Record<string, unknown> | null): boolean {
  return wandb?.is_jupyter_run === true || Boolean(metadata.colab) || (metadata.program ?? '').endsWith('.ipynb');
}
