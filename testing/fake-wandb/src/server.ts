import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getOperationAST, graphql, parse, type GraphQLSchema } from 'graphql';
import { toWandbJson, type Dataset } from '@run-comparer/wandb-client';
import { FaultControl, type Fault } from './faults.js';
import { HistoryControl, wholeRequestFailure } from './history-faults.js';
import { Latency, pause } from './latency.js';
import { RequestLog } from './request-log.js';
import { QueryRoot, type ResolverContext } from './resolvers.js';
import { buildFakeWandbSchema } from './schema.js';
import { UrlSigner, type UrlStyle } from './signing.js';
import { Store, type LiveRuns } from './store.js';

export interface FakeWandbOptions {
  /** The projects to serve; several datasets may share or add projects. */
  datasets: Dataset[];
  /** The only API key accepted (HTTP Basic, user `api`). */
  apiKey: string;
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Lifetime of signed media URLs. Default 3600 s. */
  urlTtlSeconds?: number;
  /** Signed URL style; default `gcs` (GCS V4, what wandb's cloud hands out). */
  urlStyle?: UrlStyle;
  /** Send `historyKeys` as a JSON string, as some servers and proxies do. */
  historyKeysAsString?: boolean;
  /** Milliseconds every GraphQL request takes before it is answered. Default 0. */
  latencyMs?: number;
}

export interface FakeWandb {
  /** Base URL to give a client, e.g. `http://127.0.0.1:41234` (GraphQL at `/graphql`). */
  url: string;
  /** Every request served, with counts per operation. */
  requests: RequestLog;
  /** Failures to inject into upcoming requests, and the media URL lifetime. */
  faults: FaultControl;
  /** Per-run history quirks: unloadable history (whole-request 500), odd entries, nulls in rows. */
  history: HistoryControl;
  /** The latency of every GraphQL request (`latency.ms`), changeable while running. */
  latency: Latency;
  /** Create, change or delete runs between requests (e.g. while a client pages through them). */
  runs: LiveRuns;
  close(): Promise<void>;
}

/** Start a fake wandb API on loopback that answers like the real service (see README.md). */
export async function startFakeWandb(options: FakeWandbOptions): Promise<FakeWandb> {
  const schema = buildFakeWandbSchema();
  const store = new Store(options.datasets);
  const signer = new UrlSigner();
  const requests = new RequestLog();
  const faults = new FaultControl(options.urlTtlSeconds ?? 3600);
  const history = new HistoryControl();
  const latency = new Latency(options.latencyMs ?? 0);
  let baseUrl = '';
  const context = (): ResolverContext => ({
    baseUrl,
    signer,
    urlStyle: options.urlStyle ?? 'gcs',
    urlTtlSeconds: faults.urlTtlSeconds,
    historyKeysAsString: options.historyKeysAsString ?? false,
    history,
    tally: { specs: 0 },
  });

  const server = createServer((req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', baseUrl);
    const done = (
      kind: 'graphql' | 'storage' | 'files',
      operation: string | null,
      rootFields: number,
      fault: string | null,
      read: { specs: number; responseBytes: number } = { specs: 0, responseBytes: 0 },
    ) =>
      requests.record({
        kind,
        operation,
        rootFields,
        status: res.statusCode,
        fault,
        durationMs: Date.now() - started,
        userAgent: req.headers['user-agent'] ?? null,
        clientGone: !res.writableEnded,
        ...read,
      });
    if (url.pathname === '/graphql' && req.method === 'POST') {
      void serveGraphQL(req, res, { schema, store, apiKey: options.apiKey, faults, latency, context: context() }).then(
        ({ operation, rootFields, fault, specs, responseBytes }) =>
          done('graphql', operation, rootFields, fault, { specs, responseBytes }),
      );
    } else if (url.pathname.startsWith('/storage/') && (req.method === 'GET' || req.method === 'HEAD')) {
      serveStorage(url, res, store, signer);
      done('storage', null, 0, null);
    } else if (url.pathname.startsWith('/files/') && req.method === 'GET') {
      serveFileRedirect(req, url, res, { store, apiKey: options.apiKey, context: context() });
      done('files', null, 0, null);
    } else {
      send(res, 404, 'text/plain', 'not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { address, port } = server.address() as AddressInfo;
  baseUrl = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;

  return {
    url: baseUrl,
    requests,
    faults,
    history,
    latency,
    runs: store.live,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

interface GraphQLDeps {
  schema: GraphQLSchema;
  store: Store;
  apiKey: string;
  faults: FaultControl;
  latency: Latency;
  context: ResolverContext;
}

async function serveGraphQL(req: IncomingMessage, res: ServerResponse, deps: GraphQLDeps) {
  const outcome = {
    operation: null as string | null,
    rootFields: 0,
    fault: null as string | null,
    specs: 0,
    responseBytes: 0,
  };
  if (!authorized(req, deps.apiKey)) {
    res.setHeader('www-authenticate', 'Basic realm="wandb"');
    send(res, 401, 'application/json', JSON.stringify({ errors: [{ message: 'user is not logged in' }] }));
    return outcome;
  }
  let body: { query?: unknown; variables?: unknown; operationName?: unknown };
  try {
    body = JSON.parse(await readAll(req)) as typeof body;
  } catch {
    send(res, 400, 'application/json', JSON.stringify({ errors: [{ message: 'request body must be JSON' }] }));
    return outcome;
  }
  const source = typeof body.query === 'string' ? body.query : '';
  const operationName = typeof body.operationName === 'string' ? body.operationName : null;
  try {
    const operation = getOperationAST(parse(source), operationName);
    outcome.operation = operation?.name?.value ?? operationName;
    outcome.rootFields = operation?.selectionSet.selections.length ?? 0;
    if (operation?.operation === 'mutation') outcome.operation = `mutation ${outcome.operation ?? ''}`.trim();
  } catch {
    // graphql() reports the syntax error below.
  }

  const fault = deps.faults.take(outcome.operation);
  outcome.fault = fault?.kind ?? null;
  if (fault && (await applyFault(fault, res))) return outcome;
  if (await pause(deps.latency.ms, res)) return outcome;

  const result = await graphql({
    schema: deps.schema,
    source,
    rootValue: new QueryRoot(deps.store),
    contextValue: deps.context,
    variableValues: (body.variables ?? {}) as Record<string, unknown>,
    operationName,
  });
  outcome.specs = deps.context.tally.specs;
  const failed = wholeRequestFailure(result);
  const status = failed?.status ?? (result.data === undefined && result.errors ? 400 : 200);
  const answer = failed?.body ?? toWandbJson(result, { compact: true });
  outcome.responseBytes = Buffer.byteLength(answer);
  send(res, status, 'application/json', answer);
  return outcome;
}

/** Apply a fault; true when it answered the request itself. */
async function applyFault(fault: Fault, res: ServerResponse): Promise<boolean> {
  switch (fault.kind) {
    case 'delay':
      return pause(fault.ms, res);
    case 'status':
      if (fault.retryAfter !== undefined) res.setHeader('retry-after', fault.retryAfter);
      if (fault.rateLimitReset !== undefined) {
        res.setHeader('ratelimit-remaining', '0');
        res.setHeader('ratelimit-reset', fault.rateLimitReset);
      }
      send(res, fault.status, 'text/html', fault.body ?? `<html><body>${fault.status}</body></html>`);
      return true;
    case 'malformed':
      send(res, 200, 'application/json', '{"data": {"project": {"runs": {"edges": [');
      return true;
    case 'graphql-errors': {
      const body =
        fault.form === 'error'
          ? { error: fault.messages.join('; ') }
          : {
              data: null,
              errors: fault.form === 'strings' ? fault.messages : fault.messages.map((message) => ({ message })),
            };
      send(res, fault.status ?? 200, 'application/json', JSON.stringify(body));
      return true;
    }
    case 'disconnect':
      res.socket?.destroy();
      return true;
  }
}

function serveStorage(url: URL, res: ServerResponse, store: Store, signer: UrlSigner) {
  res.setHeader('access-control-allow-origin', '*');
  const verdict = signer.verify(url);
  if (verdict !== 'ok') return refuseSignature(res, verdict, url.searchParams.has('X-Goog-Signature'));
  const [entity, project, runId, ...rest] = url.pathname.slice('/storage/'.length).split('/').map(decodeURIComponent);
  const file = store.run(entity ?? '', project ?? '', runId ?? '')?.files.get(rest.join('/'));
  if (!file) return send(res, 404, 'application/xml', '<?xml version="1.0"?><Error><Code>NoSuchKey</Code></Error>');
  res.setHeader('cache-control', 'private, max-age=0');
  send(res, 200, file.mimetype, file.bytes);
}

/**
 * What storage answers a signed URL it will not honour. GCS (V4, `X-Goog-*`) answers an expired one
 * with 400 `ExpiredToken` and a bad signature with 403 `SignatureDoesNotMatch` (RocketChat#12545,
 * floci-gcp#32/#33 checked against Cloud Storage); S3-style `Expires=` URLs get 403 `AccessDenied`.
 */
function refuseSignature(res: ServerResponse, verdict: 'expired' | 'bad-signature', gcs: boolean) {
  const xml = (code: string, message: string, details = '') =>
    `<?xml version='1.0' encoding='UTF-8'?><Error><Code>${code}</Code><Message>${message}</Message>${details}</Error>`;
  if (verdict === 'bad-signature') {
    return send(res, 403, 'application/xml', xml('SignatureDoesNotMatch', 'Access denied.'));
  }
  if (!gcs) return send(res, 403, 'application/xml', xml('AccessDenied', 'Request has expired'));
  const details = `<Details>Request signature expired at: ${new Date().toISOString()}</Details>`;
  return send(res, 400, 'application/xml', xml('ExpiredToken', 'The provided token has expired.', details));
}

/** `{base}/files/{entity}/{project}/{run}/{path}`: needs the key, redirects to the signed URL. */
function serveFileRedirect(
  req: IncomingMessage,
  url: URL,
  res: ServerResponse,
  deps: Omit<GraphQLDeps, 'schema' | 'faults' | 'latency'>,
) {
  if (!authorized(req, deps.apiKey)) return send(res, 401, 'text/plain', 'unauthorized');
  const [entity, project, runId, ...rest] = url.pathname.slice('/files/'.length).split('/').map(decodeURIComponent);
  const name = rest.join('/');
  if (!deps.store.run(entity ?? '', project ?? '', runId ?? '')?.files.has(name))
    return send(res, 404, 'text/plain', 'not found');
  const storagePath = ['storage', entity, project, runId, ...rest].map((s) => encodeURIComponent(s!)).join('/');
  res.setHeader(
    'location',
    deps.context.signer.sign(
      `${deps.context.baseUrl}/`,
      storagePath,
      deps.context.urlTtlSeconds,
      deps.context.urlStyle,
    ),
  );
  send(res, 302, 'text/plain', '');
}

function authorized(req: IncomingMessage, apiKey: string): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (!match) return false;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  return decoded === `api:${apiKey}`;
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array) {
  if (res.destroyed || res.headersSent) return;
  res.statusCode = status;
  res.setHeader('content-type', type);
  res.end(body);
}
