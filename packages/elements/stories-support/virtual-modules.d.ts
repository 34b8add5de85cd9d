/** Built by .storybook/story-data-plugin.ts: the committed sample project, read at build time. */
declare module 'virtual:run-comparer/sample-project' {
  /** The sample project's runs and history, without image bytes. */
  export const dataset: import('@run-comparer/wandb-client').Dataset;
  /** Where its images are served: `${mediaBaseUrl}/<run id>/media/images/...`. */
  export const mediaBaseUrl: string;
}
