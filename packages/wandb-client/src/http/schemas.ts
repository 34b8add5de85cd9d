import { z } from 'zod';

/** The model as a Run Comparer server sends it; checked once at the boundary. */
const issue = z.object({ code: z.string(), message: z.string() });

const RUN_STATES = ['running', 'finished', 'crashed', 'failed', 'killed', 'pending', 'preempting', 'preempted', 'unknown'] as const;

export const runSchema = z.object({
  id: z.string(),
  entity: z.string(),
  project: z.string(),
  displayName: z.string(),
  // A state added upstream later must not break the page: show it as unknown.
  state: z.enum(RUN_STATES).catch('unknown'),
  createdAt: z.string(),
  heartbeatAt: z.string().nullable(),
  user: z.object({ name: z.string().nullable(), username: z.string().nullable() }).nullable(),
  tags: z.array(z.string()),
  group: z.string().nullable(),
  jobType: z.string().nullable(),
  notes: z.string().nullable(),
  config: z.record(z.string(), z.unknown()),
  summary: z.record(z.string(), z.unknown()),
  lastStep: z.number().nullable(),
  warnings: z.array(issue),
  error: issue.nullable(),
});

export const runPageSchema = z.object({
  runs: z.array(runSchema),
  nextCursor: z.string().nullable(),
  total: z.number().nullable(),
});

const imageRefSchema = z.object({
  path: z.string(),
  caption: z.string().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  format: z.string().nullable(),
  index: z.number(),
  sha256: z.string().nullable(),
});

export const imageSetSchema = z.object({
  key: z.string(),
  step: z.number(),
  type: z.enum(['image-file', 'images/separated', 'images']),
  images: z.array(imageRefSchema),
  unsupported: z.string().nullable(),
});

export const keysSchema = z.object({ keys: z.array(z.string()) });

export const stepIndexSchema = z.object({
  steps: z.array(z.number()),
  byKey: z.record(z.string(), z.array(z.number())),
});

export const imagesSchema = z.object({ step: z.number(), sets: z.array(imageSetSchema) });

export const indexSchema = z.object({
  runs: z.array(
    z.object({
      run: z.object({ entity: z.string(), project: z.string(), runId: z.string() }),
      byKey: z.record(z.string(), z.array(imageSetSchema)),
      error: issue.nullable(),
    }),
  ),
});

export const mediaCheckSchema = z.object({ media: z.array(z.object({ path: z.string() })) });

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    retryAfterMs: z.number().nullable().optional(),
    kind: z.string().optional(),
    what: z.string().optional(),
  }),
});
