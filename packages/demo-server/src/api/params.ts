import { z } from 'zod';
import { invalidArgument } from '../errors.js';

const CONTROL = /[\u0000-\u001f\u007f]/;

/** wandb forbids `/ \ # ? % :` in entity, project and run names; we also refuse `.`/`..` and controls. */
const wandbName = (what: string) =>
  z
    .string()
    .min(1, `${what} is empty.`)
    .max(128, `${what} is longer than 128 characters.`)
    .refine(
      (s) => !/[/\\#?%:]/.test(s) && !CONTROL.test(s),
      `${what} may not contain / \\ # ? % : or control characters.`,
    )
    .refine((s) => s !== '.' && s !== '..', `${what} may not be "." or "..".`);

export const projectParams = z.object({ entity: wandbName('The entity'), project: wandbName('The project') });
export const runParams = projectParams.extend({ runId: wandbName('The run id') });

/** A query value given once; Express turns a repeated one into an array. */
const single = (name: string) =>
  z.preprocess(
    (v) => (Array.isArray(v) ? Symbol.for('repeated') : v),
    z.string(`${name} must be given once, as text.`),
  );

const wholeNumber = (name: string, min: number, max: number) =>
  single(name)
    .refine((s) => /^\d{1,15}$/.test(s), `${name} must be a whole number.`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${name} must be from ${min} to ${max}.`);

/** A key name (`An image key`, `A history key`): not empty, at most 256 characters, no control characters. */
const keyNamed = (what: string) =>
  z
    .string()
    .min(1, `${what} is empty (check for a stray comma).`)
    .max(256, `${what} is longer than 256 characters.`)
    .refine((s) => !CONTROL.test(s), `${what} contains control characters.`);

/** `keys=a,b` or `keys=a&keys=b`: at least one, at most 64, duplicates dropped. */
const keyList = (name: z.ZodType<string, string>, required: string) =>
  z
    .union([z.string(), z.array(z.string())], required)
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')))
    .pipe(z.array(name).min(1, 'keys is required.').max(64, 'Ask for at most 64 keys at once.'))
    .transform((keys) => [...new Set(keys)]);

const keyName = keyNamed('An image key');
export const keysQuery = keyList(
  keyName,
  'keys is required: the image keys to read, e.g. keys=samples/grid,val/reference.',
);

/** A scalar history key: `train/loss`, `eval.fid`, `epoch`, `_runtime`. */
const historyKeyName = keyNamed('A history key');
const historyKeysQuery = keyList(
  historyKeyName,
  'keys is required: the history keys to read, e.g. keys=train/loss,eval/fid.',
);

export const listQuery = z.object({
  perPage: wholeNumber('perPage', 1, 1000).optional(),
  cursor: single('cursor')
    .refine((s) => /^[\x21-\x7e]{1,4096}$/.test(s), 'cursor must be the nextCursor of the previous page.')
    .optional(),
  order: single('order')
    .refine((s) => /^[+-]?[A-Za-z_][A-Za-z0-9_.]{0,63}$/.test(s), 'order must look like -created_at or +created_at.')
    .optional(),
  search: single('search')
    .refine((s) => s.length <= 200 && !CONTROL.test(s), 'search must be at most 200 characters of text.')
    .optional(),
  filters: single('filters')
    .refine((s) => s.length <= 4096, 'filters must be at most 4096 characters of JSON.')
    .transform((s, ctx) => {
      try {
        const value: unknown = JSON.parse(s);
        if (typeof value === 'object' && value !== null && !Array.isArray(value))
          return value as Record<string, unknown>;
      } catch {
        /* reported below */
      }
      ctx.addIssue({ code: 'custom', message: 'filters must be a JSON object, e.g. {"state":"finished"}.' });
      return z.NEVER;
    })
    .optional(),
  // `full` lists config, summary and last step too (a cloud listing leaves them out by default).
  detail: single('detail')
    .refine((s) => s === 'light' || s === 'full', 'detail must be "light" or "full".')
    .transform((s) => s as 'light' | 'full')
    .optional(),
});

/** `missing=empty` answers keys a run never logged with empty lists instead of a 404. */
const missingMode = single('missing')
  .refine((s) => s === 'empty' || s === 'error', 'missing must be "empty" or "error".')
  .optional();

export const stepsQuery = z.object({
  keys: keysQuery,
  missing: missingMode,
  // A scalar key whose value in each image step's row comes back as `axis`.
  axis: single('axis').pipe(historyKeyName).optional(),
});
export const historyQuery = z.object({
  keys: historyKeysQuery,
  samples: wholeNumber('samples', 2, 2000).optional(),
});
export const historyAtQuery = z.object({
  keys: historyKeysQuery,
  step: wholeNumber('step', 0, Number.MAX_SAFE_INTEGER),
});
export const imagesQuery = z.object({
  keys: keysQuery,
  step: wholeNumber('step', 0, Number.MAX_SAFE_INTEGER),
  missing: missingMode,
});

export const MAX_INDEX_RUNS = 100;

export const indexBody = z.object(
  {
    entity: wandbName('The entity'),
    project: wandbName('The project'),
    runIds: z
      .array(wandbName('A run id'), 'runIds must be a list of run ids.')
      .min(1, 'runIds is empty: name at least one run.')
      .max(MAX_INDEX_RUNS, `Index at most ${MAX_INDEX_RUNS} runs at once.`),
    keys: z
      .array(keyName, 'keys must be a list of image keys.')
      .min(1, 'keys is empty: name at least one image key.')
      .max(64, 'Ask for at most 64 keys at once.'),
  },
  'Send a JSON object: {"entity", "project", "runIds": [...], "keys": [...]}.',
);

export const mediaCheckBody = z.object(
  {
    paths: z
      .array(z.string().min(1).max(1024), 'paths must be a list of media paths.')
      .min(1, 'paths is empty.')
      .max(500, 'Ask for at most 500 paths at once.'),
    // The URL given before failed to load: ask the source again instead of trusting its cache.
    refresh: z.boolean('refresh must be true or false.').optional(),
  },
  'Send a JSON object: {"paths": [...], "refresh"?: true}.',
);

export const mediaQuery = z.object({ w: wholeNumber('w', 16, 4096).optional() });

/** Parse with a schema, or throw a 400 whose message says what was wrong. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  const shown = typeof value === 'object' && value !== null ? fieldValue(value, issue.path) : undefined;
  const got = typeof shown === 'string' ? ` Got "${shown.slice(0, 40)}".` : '';
  throw invalidArgument(`Bad ${where}: ${field}${issue.message}${got}`);
}

function fieldValue(value: object, path: PropertyKey[]): unknown {
  let current: unknown = value;
  for (const part of path) current = (current as Record<PropertyKey, unknown> | undefined)?.[part];
  return current;
}
