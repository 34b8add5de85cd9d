import { expect, fixture } from '@open-wc/testing';
import { html, svg, type TemplateResult } from 'lit';
// The build step that removes template indentation (scripts/minify-templates.mjs uses it).
import { collapseTemplateWhitespace } from '../../scripts/collapse-html-whitespace.mjs';

type Tag = (parts: TemplateStringsArray, ...values: unknown[]) => TemplateResult<1 | 2>;

/** The strings of a template literal, as a Lit tag receives them. */
const strings = (parts: TemplateStringsArray, ..._values: unknown[]) => parts;

/** Render a template as written and as the build collapses it; both DOMs, for comparison. */
async function renderBoth(tag: Tag, parts: TemplateStringsArray, ...values: unknown[]) {
  const collapsed = collapseTemplateWhitespace(parts);
  const built = Object.assign([...collapsed], { raw: [...collapsed] }) as unknown as TemplateStringsArray;
  const mount = (template: TemplateResult) => fixture<HTMLElement>(html`<div>${template}</div>`);
  return {
    written: await mount(tag(parts, ...values)),
    built: await mount(tag(built, ...values)),
    shorter: collapsed.join('').length < parts.join('').length,
  };
}

/** Every element's name and attributes, in document order. */
function attributes(root: Element): string[] {
  return [...root.querySelectorAll('*')].map(
    (el) => `${el.localName} ${[...el.attributes].map((a) => `${a.name}=${JSON.stringify(a.value)}`).join(' ')}`,
  );
}

describe('template whitespace (build step)', () => {
  it('renders the same text, spacing and attributes with the indentation gone', async () => {
    const name = 'amber-glade-3';
    const { written, built, shorter } = await renderBoth(
      html,
      strings`<p class="status"
        part="message"
        title="${name}"
      >
        <b>A</b>
        <span class="swatch"></span>    ${name}
        <i>step</i>
        ${42}
      </p>
      <ul>
        <li>one</li>
        <li>two</li>
      </ul>`,
      name,
      name,
      42,
    );
    expect(shorter).to.equal(true);
    expect(built.innerText).to.equal(written.innerText);
    expect(built.innerText).to.include('A amber-glade-3 step 42');
    expect(attributes(built)).to.deep.equal(attributes(written));
  });

  it('keeps quoted attribute values, comments, <pre> and <textarea> exactly', async () => {
    const { written, built } = await renderBoth(
      html,
      strings`<div>
      <span title="first line
        second line">x</span>
      <!-- a
        comment -->
      <pre>  keep
    this   indentation</pre>
      <textarea>
        and this</textarea>
    </div>`,
    );
    const span = built.querySelector('span')!;
    expect(span.title).to.equal(written.querySelector('span')!.title);
    expect(span.title).to.include('\n        second');
    expect(built.querySelector('pre')!.textContent).to.equal('  keep\n    this   indentation');
    expect(built.querySelector('textarea')!.value).to.equal(written.querySelector('textarea')!.value);
    const comment = (el: Element) =>
      [...el.querySelector('div')!.childNodes].find((n) => n.nodeType === Node.COMMENT_NODE)?.textContent;
    expect(comment(built)).to.equal(comment(written));
    expect(built.innerText).to.equal(written.innerText);
  });

  it('leaves svg shapes and their attributes as they were', async () => {
    const { written, built } = await renderBoth(
      svg,
      strings`<path d="M0 0v12"></path>
          <path class="lane-mark exact"
            d="M${5} 1v10"></path>`,
      5,
    );
    expect(attributes(built)).to.deep.equal(attributes(written));
  });
});
