export interface PageModel {
  entity: string | null;
  project: string | null;
  source: string;
  uiBuilt: boolean;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Fill the page template. All dynamic text is escaped; the page holds no inline script. */
export function renderPage(template: string, model: PageModel): string {
  const attrs = [
    ['api', '/api'],
    ['entity', model.entity],
    ['project', model.project],
  ]
    .filter((pair): pair is [string, string] => typeof pair[1] === 'string' && pair[1].length > 0)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');
  const noProject =
    model.entity && model.project
      ? ''
      : `<p class="notice" role="status">No default project is set: set <code>WANDB_ENTITY</code> and <code>WANDB_PROJECT</code> (or pick one below).</p>`;
  const main = model.uiBuilt
    ? `${noProject}<wandb-source${attrs}><run-comparer></run-comparer></wandb-source>`
    : `<section class="notice" role="status">
        <h2>The UI is not built yet</h2>
        <p>The comparison UI comes from <code>@run-comparer/elements</code>, bundled when the server is built.
        Run <code>npm start</code> at the repository root, or <code>npm run build -w @run-comparer/demo-server</code>, then reload.</p>
        <p>The JSON API already works: <a href="/api/health">/api/health</a>.</p>
      </section>`;
  const script = model.uiBuilt ? '<script type="module" src="/assets/app.js"></script>' : '';
  return template
    .replace('{{script}}', script)
    .replace(
      '{{source}}',
      escapeHtml(model.entity && model.project ? `${model.entity}/${model.project} · ${model.source}` : model.source),
    )
    .replace('{{main}}', main);
}

export function tokenPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Run Comparer: access token needed</title>
<link rel="stylesheet" href="/assets/page.css"></head><body><main><section class="notice" role="alert">
<h2>This server needs its access token</h2>
<p>Open this page once with <code>?token=&lt;DEMO_TOKEN&gt;</code> added to the address; the browser then keeps it in a cookie.</p>
</section></main></body></html>`;
}
