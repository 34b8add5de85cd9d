import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';

export const TOKEN_COOKIE = 'rc_token';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Constant-time comparison: hashing first makes both sides the same length. */
export function tokenMatches(given: string | undefined, token: string): boolean {
  if (typeof given !== 'string' || given.length === 0 || given.length > 4096) return false;
  return timingSafeEqual(digest(given), digest(token));
}

/** The token a request carries: `Authorization: Bearer …` first, then the page's cookie. */
export function tokenOf(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1];
  }
  return cookieValue(req.headers.cookie, TOKEN_COOKIE);
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export function setTokenCookie(res: Response, token: string, secure: boolean): void {
  res.cookie(TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure });
}

/** Every request through this handler needs the access token, when one is configured. */
export function requireToken(token: string | null | undefined): RequestHandler {
  return (req, res, next) => {
    if (!token || tokenMatches(tokenOf(req), token)) return next();
    res
      .status(401)
      .setHeader('WWW-Authenticate', 'Bearer realm="run-comparer"')
      .json({
        error: {
          code: 'auth',
          message:
            'This server needs its access token (DEMO_TOKEN): send "Authorization: Bearer <token>", or open the page once with ?token=<token>.',
        },
      });
  };
}
