/**
 * When a signed storage URL (a file's `directUrl`) stops working, read from the URL itself:
 * - GCS V4 and S3 SigV4: `X-Goog-Date`/`X-Amz-Date` (`20260101T120000Z`) plus `X-Goog-Expires`/`X-Amz-Expires` seconds;
 * - GCS V2, S3 V2 and CloudFront: `Expires=<unix seconds>`;
 * - Azure SAS: `se=<ISO time>`.
 * Returns epoch ms, or null when the URL does not say.
 */
export function signedUrlExpiry(url: string): number | null {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return null;
  }
  const get = (name: string) => {
    for (const [key, value] of params) if (key.toLowerCase() === name) return value;
    return null;
  };
  for (const vendor of ['x-goog', 'x-amz']) {
    const signedAt = parseCompactDate(get(`${vendor}-date`));
    const lifetime = Number(get(`${vendor}-expires`));
    if (signedAt !== null && Number.isFinite(lifetime) && lifetime > 0) return signedAt + lifetime * 1000;
  }
  const expires = get('expires');
  if (expires && /^\d+$/.test(expires)) return Number(expires) * 1000;
  const azure = get('se');
  if (azure && get('sig')) {
    const ms = Date.parse(azure);
    if (!Number.isNaN(ms)) return ms;
  }
  return null;
}

/** `20260101T120000Z` → epoch ms. */
function parseCompactDate(value: string | null): number | null {
  const m = value ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null;
  if (!m) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}
