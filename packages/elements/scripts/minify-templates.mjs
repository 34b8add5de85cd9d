// An esbuild plugin for the elements build: minifies what Lit's tagged templates hold.
// - `css`: the CSS is minified, only where that is provably safe: no `${}` substitutions, no
//   escapes, and esbuild's CSS minifier accepting the text without a warning.
// - `html` and `svg`: the indentation goes (see collapse-html-whitespace.mjs for why the result
//   renders the same); templates with escapes are left alone.
// Anything else is left exactly as written. Line numbers are kept, so the source maps stay right.
import { readFile } from 'node:fs/promises';
import { transform } from 'esbuild';
import ts from 'typescript';
import { collapseTemplateWhitespace } from './collapse-html-whitespace.mjs';

/**
 * @param {{ onMinified?: (file: string, before: number, after: number) => void }} [options]
 * @returns {import('esbuild').Plugin}
 */
export function minifyTemplates(options = {}) {
  return {
    name: 'minify-templates',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        if (!/\b(css|html|svg)`/.test(source)) return undefined;
        const contents = await minifyTemplatesIn(source, path, options.onMinified);
        return { contents, loader: 'ts' };
      });
    },
  };
}

/** The source with its templates minified (see the module comment). */
export async function minifyTemplatesIn(source, fileName = 'input.ts', onMinified) {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  /** @type {Array<{ start: number; end: number; text: string }>} */
  const edits = [];
  const pending = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag)) {
      const tag = node.tag.text;
      if (tag === 'css' && ts.isNoSubstitutionTemplateLiteral(node.template)) pending.push(cssEdit(node.template));
      if (tag === 'html' || tag === 'svg') edits.push(...markupEdits(node.template));
    }
    ts.forEachChild(node, visit);
  };
  /** The raw text of a template piece, between its "`" or "}" and its "`" or "${". */
  const piece = (literal) => {
    const start = literal.getStart(file) + 1;
    const closing = ts.isNoSubstitutionTemplateLiteral(literal) || ts.isTemplateTail(literal) ? 1 : 2;
    return { start, end: literal.getEnd() - closing, raw: source.slice(start, literal.getEnd() - closing) };
  };
  const markupEdits = (template) => {
    const literals = ts.isNoSubstitutionTemplateLiteral(template)
      ? [template]
      : [template.head, ...template.templateSpans.map((span) => span.literal)];
    const pieces = literals.map(piece);
    if (pieces.some((p) => p.raw.includes('\\'))) return [];
    const collapsed = collapseTemplateWhitespace(pieces.map((p) => p.raw));
    return pieces.map((p, i) => {
      assertSameText(p.raw, collapsed[i], fileName);
      onMinified?.(fileName, p.raw.length, collapsed[i].length);
      return { start: p.start, end: p.end, text: collapsed[i] };
    });
  };
  const cssEdit = async (template) => {
    const { start, end, raw } = piece(template);
    if (raw.includes('\\')) return null;
    const minified = await minifyCss(raw);
    if (minified === null || minified.includes('`') || minified.includes('${') || minified.includes('\\')) return null;
    onMinified?.(fileName, raw.length, minified.length);
    // Newlines the CSS lost go after the literal, so the source map stays right for the code below.
    const lost = (raw.match(/\n/g) ?? []).length - (minified.match(/\n/g) ?? []).length;
    return { start, end: end + 1, text: `${minified}\`${'\n'.repeat(Math.max(0, lost))}` };
  };
  visit(file);
  for (const edit of await Promise.all(pending)) if (edit) edits.push(edit);

  let out = source;
  // From the end, so earlier offsets stay valid.
  for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) {
    out = `${out.slice(0, start)}${text}${out.slice(end)}`;
  }
  return out;
}

/** Only whitespace may differ, and only in its amount: a guard against a parser mistake. */
function assertSameText(before, after, fileName) {
  const words = (text) => text.split(/[ \t\n\r\f]+/).join(' ');
  if (words(before) !== words(after)) {
    throw new Error(`minify-templates changed more than whitespace in ${fileName}`);
  }
}

/** esbuild's CSS minifier, or null when it warns (then the text is not trusted to be plain CSS). */
async function minifyCss(css) {
  try {
    const result = await transform(css, { loader: 'css', minify: true, charset: 'utf8', logLevel: 'silent' });
    if (result.warnings.length > 0) return null;
    return result.code.trimEnd();
  } catch {
    return null;
  }
}
