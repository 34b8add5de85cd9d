import { z } from 'zod';
import { SchemaError } from '../errors.js';

/**
 * The shapes this client reads from wandb's GraphQL API, checked once at the boundary. Objects
 * strip fields they do not name, so new server fields never break the client; missing or
 * mistyped fields become a SchemaError that names the path.
 */

const nullableString = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

/** `JSONString` fields arrive as strings; a proxy or test double may hand over parsed objects. */
const jsonStringField = z.union([z.string(), z.record(z.string(), z.unknown())]).nullish();

export const RunNodeSchema = z.object({
  name: z.string().min(1),
  displayName: nullableString,
  state: nullableString,
  createdAt: nullableString,
  heartbeatAt: nullableString,
  tags: z.array(z.string().nullable()).nullish(),
  group: nullableString,
  jobType: nullableString,
  notes: nullableString,
  description: nullableString,
  config: jsonStringField,
  summaryMetrics: jsonStringField,
  historyKeys: z.unknown().optional(),
  user: z.object({ name: nullableString, username: nullableString }).nullish(),
});
export type RunNode = z.infer<typeof RunNodeSchema>;

export const RunsPageSchema = z.object({
  runCount: z.number().int().nullish(),
  runs: z.object({
    edges: z.array(z.object({ node: RunNodeSchema, cursor: z.string().nullish() })),
    pageInfo: z.object({ endCursor: z.string().nullish(), hasNextPage: z.boolean() }),
  }),
});

/** One `typeCounts` entry; `count` is checked by the reader, so an odd count leaves the type known. */
export const TypeCountSchema = z.object({ type: z.string(), count: z.unknown() });

/** One `historyKeys.keys` entry: `{ typeCounts: [{ type, count }], ... }`; each is checked on its own. */
export const HistoryKeyEntrySchema = z.object({ typeCounts: z.array(z.unknown()).nullish() });

/**
 * `historyKeys`: `{ lastStep, keys: { <key>: { typeCounts: [{ type, count }] } } }`. Entries are left
 * unchecked here, so one odd entry skips that key only (see `parseHistoryKeys`).
 */
export const HistoryKeysSchema = z.object({
  lastStep: z.number().nullish(),
  keys: z.record(z.string(), z.unknown()).nullish(),
});
export type HistoryKeys = z.infer<typeof HistoryKeysSchema>;

/** `sampledHistory`: one array per spec; its rows are checked one by one (see `HistoryReader.sampled`). */
export const SampledHistorySchema = z.array(z.array(z.unknown()).nullable());

export const FilesSchema = z.object({
  edges: z.array(
    z.object({
      node: z
        .object({
          name: z.string(),
          // A name the run has no file under comes back as a placeholder (md5 "0"), maybe without a URL.
          directUrl: z.string().nullish(),
          sizeBytes: z.number().nullish(),
          md5: z.string().nullish(),
        })
        .nullable(),
    }),
  ),
});

/** A SchemaError from a zod failure, naming where the first problems are. */
export function schemaError(what: string, error: z.ZodError): SchemaError {
  return new SchemaError(
    what,
    error.issues.slice(0, 5).map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}

/** Parse `value` with `schema` or throw a SchemaError about `what`. */
export function parseShape<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw schemaError(what, parsed.error);
  return parsed.data;
}
