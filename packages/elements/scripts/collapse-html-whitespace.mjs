// Shortens the indentation inside Lit `html`/`svg` templates without changing what they render.
// Pure (no Node APIs), so the browser tests can render templates before and after it.
//
// Only a run of HTML whitespace that holds a line break is touched: it keeps its line breaks (so
// line numbers stay right) and loses the spaces and tabs. Under `white-space: normal` or `nowrap`
// such a run renders as one space either way, so text, the gap between inline elements and
// attribute values stay the same. Left exactly as written: quoted attribute values, comments, and
// the content of <pre>, <textarea>, <script>, <style> and <title>. (No element of this package
// lays out template whitespace with `white-space: pre*`: `.readout` holds only a binding.)

const RAW_TEXT = new Set(['pre', 'textarea', 'script', 'style', 'title']);
const SPACE = /[ \t\n\r\f]+/y;
const TAG_OPEN = /<(\/?)([a-zA-Z][\w-]*)/y;

/**
 * @param {readonly string[]} strings the static parts of one template, in order
 * @returns {string[]} the same parts with their indentation removed
 */
export function collapseTemplateWhitespace(strings) {
  /** @type {'text' | 'tag' | 'quoted' | 'comment' | 'raw'} */
  let state = 'text';
  let quote = '';
  let tagName = '';
  const at = (regex, text, index) => {
    regex.lastIndex = index;
    return regex.exec(text);
  };
  return strings.map((part) => {
    let out = '';
    let i = 0;
    while (i < part.length) {
      let token = part[i];
      if (state === 'text' || state === 'tag') {
        const space = at(SPACE, part, i)?.[0];
        if (space) {
          out += space.includes('\n') ? space.replace(/[^\n]/g, '') : space;
          i += space.length;
          continue;
        }
      }
      if (state === 'text') {
        const open = at(TAG_OPEN, part, i);
        if (part.startsWith('<!--', i)) [state, token] = ['comment', '<!--'];
        else if (open) [state, token, tagName] = ['tag', open[0], open[1] ? '' : open[2].toLowerCase()];
      } else if (state === 'tag') {
        if (token === '"' || token === "'") [state, quote] = ['quoted', token];
        else if (token === '>') state = RAW_TEXT.has(tagName) ? 'raw' : 'text';
      } else if (state === 'quoted') {
        if (token === quote) state = 'tag';
      } else if (state === 'comment') {
        if (part.startsWith('-->', i)) [state, token] = ['text', '-->'];
      } else if (part.slice(i, i + tagName.length + 2).toLowerCase() === `</${tagName}`) {
        [state, token] = ['tag', part.slice(i, i + tagName.length + 2)];
        tagName = '';
      }
      out += token;
      i += token.length;
    }
    return out;
  });
}
