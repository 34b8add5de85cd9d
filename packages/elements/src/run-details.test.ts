import { expect, waitUntil } from '@open-wc/testing';

/** The package entry registers the run details (`<run-metrics>`, ...) on first use, as one chunk. */
describe('the run details chunk', () => {
  it('is not registered up front, and registers all three on first use', async () => {
    await import('./define.js');
    expect(customElements.get('run-comparer'), 'the entry registered its own elements').to.not.equal(undefined);
    expect(customElements.get('run-metrics'), 'not up front').to.equal(undefined);
    const el = document.createElement('run-config-diff');
    document.body.append(el);
    // Loaded because one is in the document, or once the page is idle, whichever comes first.
    await customElements.whenDefined('run-config-diff');
    expect(customElements.get('run-metrics')).to.not.equal(undefined);
    expect(customElements.get('metric-sparkline')).to.not.equal(undefined);
    await waitUntil(() => el.shadowRoot?.textContent?.includes('No run source'), 'the element upgraded and rendered');
    el.remove();
  });
});
