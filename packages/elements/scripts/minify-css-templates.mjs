// An esbuild plugin for the elements build: minifies the CSS inside Lit `css` tagged templates.
// Only templates it can prove safe are touched: no `${}` substitutions, no escapes, and esbuild's
// CSS minifier accepting the text without a warning. Anything else is left exactly as written.
import { readFile } from 'node:fs/promises';
import { transform } from 'esbuild';
import ts from 'typescript';

/**
 * @param {{ onMinified?: (file: string, before: number, after: number) => void }} [options]
 * @returns {import('esbuild').Plugin}
 */
export function minifyCssTemplates(options = {}) {
  return {
    name: 'minify-css-templates',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        if (!source.includes('css`')) return undefined;
        const contents = await minifyTemplatesIn(source, path, options.onMinified);
        return { contents, loader: 'ts' };
      });
    },
  };
}

/** The source with each safe `css` template's CSS minified; line numbers after it are kept. */
export async function minifyTemplatesIn(source, fileName = 'input.ts', onMinified) {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const templates = [];
  const visit = (node) => {
    if (
      ts.isTaggedTemplateExpression(node) &&
      ts.isIdentifier(node.tag) &&
      node.tag.text === 'css' &&
      ts.isNoSubstitutionTemplateLiteral(node.template)
    ) {
      templates.push(node.template);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);

  let out = source;
  // From the end, so earlier offsets stay valid.
  for (const template of templates.reverse()) {
    const start = template.getStart(file);
    const end = template.getEnd();
    const raw = source.slice(start + 1, end - 1);
    if (raw.includes('\\')) continue;
    const minified = await minifyCss(raw);
    if (minified === null || minified.includes('`') || minified.includes('${') || minified.includes('\\')) continue;
    // Newlines the CSS lost go after the literal, so the source map stays right for the code below.
    const lost = (raw.match(/\n/g) ?? []).length - (minified.match(/\n/g) ?? []).length;
    out = `${out.slice(0, start)}\`${minified}\`${'\n'.repeat(Math.max(0, lost))}${out.slice(end)}`;
    onMinified?.(fileName, raw.length, minified.length);
  }
  return out;
}

/** esbuild's CSS minifier, or null when it warns (then the text is not trusted to be plain CSS). */
async function minifyCss(css) {
  try {
    const result = await transform(css, { loader: 'css', minify: true, logLevel: 'silent' });
    if (result.warnings.length > 0) return null;
    return result.code.trimEnd();
  } catch {
    return null;
  }
}
