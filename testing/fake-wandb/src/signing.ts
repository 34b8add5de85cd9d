import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring storage URLs like the `directUrl`s wandb hands out. Two styles:
 * - `gcs`: GCS V4 (`X-Goog-Date`, `X-Goog-Expires`, `X-Goog-Signature`), what wandb's cloud uses;
 * - `expires`: `Expires=<unix seconds>&Signature=...` (GCS V2, S3 V2, CloudFront).
 * The signature covers the path and the expiry, so a tampered or expired URL is refused.
 */
export type UrlStyle = 'gcs' | 'expires';

export class UrlSigner {
  readonly #secret = randomBytes(32);

  sign(base: string, path: string, ttlSeconds: number, style: UrlStyle, now = Date.now()): string {
    const url = new URL(path, base);
    if (style === 'expires') {
      const expires = Math.floor(now / 1000) + ttlSeconds;
      url.searchParams.set('Expires', String(expires));
      url.searchParams.set('Signature', this.#mac(url.pathname, expires));
    } else {
      const date = compactDate(now);
      const expires = Math.floor(now / 1000) + ttlSeconds;
      url.searchParams.set('X-Goog-Algorithm', 'GOOG4-HMAC-SHA256');
      url.searchParams.set('X-Goog-Date', date);
      url.searchParams.set('X-Goog-Expires', String(ttlSeconds));
      url.searchParams.set('X-Goog-SignedHeaders', 'host');
      url.searchParams.set('X-Goog-Signature', this.#mac(url.pathname, expires));
    }
    return url.toString();
  }

  /** `ok`, or why storage refuses the URL. */
  verify(url: URL, now = Date.now()): 'ok' | 'expired' | 'bad-signature' {
    const params = url.searchParams;
    let expires: number;
    let signature: string | null;
    if (params.has('Expires')) {
      expires = Number(params.get('Expires'));
      signature = params.get('Signature');
    } else {
      const signedAt = parseCompactDate(params.get('X-Goog-Date'));
      expires = signedAt === null ? NaN : Math.floor(signedAt / 1000) + Number(params.get('X-Goog-Expires'));
      signature = params.get('X-Goog-Signature');
    }
    if (!Number.isFinite(expires) || !signature) return 'bad-signature';
    const expected = Buffer.from(this.#mac(url.pathname, expires));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'bad-signature';
    return now / 1000 > expires ? 'expired' : 'ok';
  }

  #mac(pathname: string, expires: number): string {
    return createHmac('sha256', this.#secret).update(`${pathname}\n${expires}`).digest('hex');
  }
}

function compactDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function parseCompactDate(value: string | null): number | null {
  const m = value ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null;
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : null;
}
