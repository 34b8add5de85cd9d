import * as z from 'zod/mini';
import type { MediaValueType } from '../media-types.js';
import { RUN_STATES } from '../run-states.js';

/** The model as a Run Comparer server sends it; checked once at the boundary (zod/mini keeps the browser bundle small). */
const issue = z.object({ code: z.string(), message: z.string() });

const classLabelsSchema = z.array(z.object({ id: z.number(), name: z.string() }));
const labelsByKeySchema = z.record(z.string(), z.record(z.string(), classLabelsSchema));

export const runSchema = z.object({
  id: z.string(),
  entity: z.string(),
  project: z.string(),
  displayName: z.string(),
  // A state added upstream later must not break the page: show it as unknown.
  state: z.catch(z.enum(RUN_STATES), 'unknown'),
  createdAt: z.string(),
  heartbeatAt: z.nullable(z.string()),
  user: z.nullable(z.object({ name: z.nullable(z.string()), username: z.nullable(z.string()) })),
  tags: z.array(z.string()),
  group: z.nullable(z.string()),
  jobType: z.nullable(z.string()),
  notes: z.nullable(z.string()),
  config: z.record(z.string(), z.unknown()),
  summary: z.record(z.string(), z.unknown()),
  lastStep: z.nullable(z.number()),
  warnings: z.array(issue),
  error: z.nullable(issue),
  classLabels: z.optional(z.object({ boxes: labelsByKeySchema, masks: labelsByKeySchema })),
  detail: z.optional(z.literal('light')),
});

export const runPageSchema = z.object({
  runs: z.array(runSchema),
  nextCursor: z.nullable(z.string()),
  total: z.nullable(z.number()),
});

const boxSchema = z.object({
  minX: z.number(),
  minY: z.number(),
  maxX: z.number(),
  maxY: z.number(),
  domain: z.enum(['fraction', 'pixel']),
  classId: z.nullable(z.number()),
  caption: z.nullable(z.string()),
  scores: z.record(z.string(), z.number()),
});

const imageRefSchema = z.object({
  path: z.string(),
  caption: z.nullable(z.string()),
  width: z.nullable(z.number()),
  height: z.nullable(z.number()),
  format: z.nullable(z.string()),
  index: z.number(),
  sha256: z.nullable(z.string()),
  kind: z.enum(['image', 'video']),
  crop: z.optional(z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() })),
  overlays: z.optional(
    z.object({
      boxes: z.array(
        z.object({ name: z.string(), path: z.nullable(z.string()), boxes: z.nullable(z.array(boxSchema)) }),
      ),
      masks: z.array(z.object({ name: z.string(), path: z.string() })),
    }),
  ),
});

export const imageSetSchema = z.object({
  key: z.string(),
  step: z.number(),
  // The logged `_type`; not checked against the list of media types, which the page does not need to carry.
  type: z.string() as z.ZodMiniType<MediaValueType>,
  images: z.array(imageRefSchema),
  unsupported: z.nullable(z.string()),
  fromSummary: z.optional(z.literal(true)),
});

export const keysSchema = z.object({ keys: z.array(z.string()) });

/** A step list known to be short (see `IncompleteSteps`). */
const incompleteSchema = z.object({
  expectedRows: z.nullable(z.number()),
  receivedRows: z.number(),
  keys: z.array(z.string()),
  message: z.string(),
});

/** Optional on the wire: servers before these fields send neither. */
const shortfall = {
  incomplete: z.optional(z.nullable(incompleteSchema)),
  warnings: z.optional(z.array(issue)),
};

/** Any number, NaN and ±Infinity included (the server writes those as `{"$numberDouble": …}`; the reviver turns them back). */
const anyNumber = z.custom<number>((value) => typeof value === 'number', 'Expected a number.');

export const stepIndexSchema = z.object({
  steps: z.array(z.number()),
  byKey: z.record(z.string(), z.array(z.number())),
  axis: z.optional(z.object({ key: z.string(), values: z.array(z.nullable(anyNumber)) })),
  ...shortfall,
});

export const scalarHistorySchema = z.object({
  byKey: z.record(z.string(), z.object({ points: z.array(z.tuple([z.number(), anyNumber])), sampled: z.boolean() })),
  warnings: z.optional(z.array(issue)),
});

export const scalarsAtSchema = z.object({
  step: z.number(),
  byKey: z.record(z.string(), z.nullable(z.object({ step: z.number(), value: anyNumber }))),
  warnings: z.optional(z.array(issue)),
});

export const imagesSchema = z.object({ step: z.number(), sets: z.array(imageSetSchema) });

export const indexSchema = z.object({
  runs: z.array(
    z.object({
      run: z.object({ entity: z.string(), project: z.string(), runId: z.string() }),
      byKey: z.record(z.string(), z.array(imageSetSchema)),
      error: z.nullable(issue),
      ...shortfall,
    }),
  ),
});

export const mediaCheckSchema = z.object({
  media: z.array(
    z.object({
      path: z.string(),
      // Servers before per-path answers sent no `missing`: every path they confirmed had a file.
      missing: z.optional(z.nullable(z.object({ code: z.literal('not_uploaded'), message: z.string() }))),
    }),
  ),
});

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    retryAfterMs: z.optional(z.nullable(z.number())),
    kind: z.optional(z.string()),
    what: z.optional(z.string()),
  }),
});
