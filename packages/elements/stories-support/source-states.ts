import type { RunSource } from '@run-comparer/wandb-client';
import type { StoryContext, StoryObj } from '@storybook/web-components-vite';
import type { TemplateResult } from 'lit';
import { errors, failingSource, pendingSource } from './failing-sources.js';
import { findInShadow, textInShadow } from './play.js';
import { sampleSource } from './sample-project.js';

export interface SourceStatesOptions {
  /** The story's element over `source` (the meta's loaders have run: `context.loaded`). */
  render(source: RunSource, args: Record<string, unknown>, context: StoryContext): TemplateResult;
  /** The element whose states are shown. */
  element(canvas: HTMLElement): Promise<Element> | Element | null;
  /** The part that shows a failure. */
  failure?: string;
  /** What shows while loading: a part, or a part and its text. */
  loading?: string | { part: string; text: string | RegExp };
  /** What a rate limit shows: the elements that retry by themselves count down. */
  rateLimited?: string | RegExp;
}

/**
 * The states every element that reads from a source has, as stories: loading (a source that
 * never answers) and the three failures users meet (the typed errors the real sources raise):
 * a refused API key, a rate limit with Retry-After 30 s, and an unreachable server.
 */
export function sourceStates(
  options: SourceStatesOptions,
): Record<'Loading' | 'AuthFailure' | 'RateLimited' | 'Unreachable', StoryObj> {
  const { failure = '[part="error"]', loading = '[part="skeleton"]', rateLimited = /Retrying in (30|29) s…/ } = options;
  const over =
    (source: () => RunSource): StoryObj['render'] =>
    (args, context) =>
      options.render(source(), args, context);
  const expectText =
    (part: string, text: string | RegExp) =>
    async ({ canvasElement }: StoryContext) => {
      await textInShadow(await options.element(canvasElement), part, text);
    };
  return {
    Loading: {
      render: over(() => pendingSource(sampleSource)),
      play:
        typeof loading === 'string'
          ? async ({ canvasElement }) => void (await findInShadow(await options.element(canvasElement), loading))
          : expectText(loading.part, loading.text),
    },
    AuthFailure: {
      render: over(() => failingSource(sampleSource, errors.auth)),
      play: expectText(failure, 'wandb refused the credentials'),
    },
    RateLimited: {
      render: over(() => failingSource(sampleSource, () => errors.rateLimit(30_000))),
      play: expectText(failure, rateLimited),
    },
    Unreachable: {
      render: over(() => failingSource(sampleSource, errors.network)),
      play: expectText(failure, 'Could not reach the server'),
    },
  };
}
