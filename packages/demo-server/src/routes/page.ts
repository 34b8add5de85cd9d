import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import express, { Router } from 'express';
import type { ProjectDefaults } from '../config.js';
import { setTokenCookie, tokenMatches, tokenOf } from '../middleware/access-token.js';
import type { PagePaths } from '../page/paths.js';
import { renderPage, tokenPage } from '../page/render.js';

export interface PageOptions extends PagePaths {
  defaults: ProjectDefaults;
  sourceDescription: string;
  token: string | null;
}

/**
 * The demo page at `/` and its assets. With an access token, `/?token=…` sets an HttpOnly,
 * SameSite=Strict cookie and redirects to `/`, so the token leaves the address bar and history.
 */
export function pageRouter(options: PageOptions): Router {
  const router = Router();
  const statics = { index: false, dotfiles: 'ignore' as const, fallthrough: true, etag: true, maxAge: 0 };

  router.get('/', async (req, res) => {
    const { token } = options;
    if (token) {
      const offered = typeof req.query.token === 'string' ? req.query.token : undefined;
      if (offered !== undefined) {
        if (!tokenMatches(offered, token)) return void res.status(401).type('html').send(tokenPage());
        setTokenCookie(res, token, req.secure);
        return void res.redirect(303, '/');
      }
      if (!tokenMatches(tokenOf(req), token)) return void res.status(401).type('html').send(tokenPage());
    }
    const template = await readFile(join(options.publicDir, 'index.html'), 'utf8');
    const html = renderPage(template, {
      entity: options.defaults.entity,
      project: options.defaults.project,
      source: options.sourceDescription,
      uiBuilt: existsSync(join(options.bundleDir, 'app.js')),
    });
    res.set('Cache-Control', 'no-store').type('html').send(html);
  });

  router.use('/assets', express.static(options.bundleDir, statics), express.static(options.publicDir, statics));
  return router;
}
