import type { RequestHandler } from 'express';

/**
 * Cross-origin access: closed unless origins are listed (`CORS_ORIGINS=https://a.example,...`,
 * or `*`). Credentials are never allowed cross-origin: a listed origin sends the Bearer token.
 */
export function cors(origins: readonly string[]): RequestHandler {
  const anyOrigin = origins.includes('*');
  const allowed = new Set(origins.map((o) => o.replace(/\/$/, '')));
  return (req, res, next) => {
    const origin = req.headers.origin;
    res.vary('Origin');
    if (origin && (anyOrigin || allowed.has(origin))) {
      res.setHeader('Access-Control-Allow-Origin', anyOrigin ? '*' : origin);
      res.setHeader('Access-Control-Expose-Headers', 'ETag, Retry-After');
      // Media embedded by a listed origin must not be blocked by our same-origin resource policy.
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, POST');
        res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, If-None-Match');
        res.setHeader('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
    }
    next();
  };
}
