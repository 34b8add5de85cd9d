/** The static parts of one Lit `html`/`svg` template with their indentation removed (render-neutral). */
export function collapseTemplateWhitespace(strings: readonly string[]): string[];
