import {
  createServer,
  STATUS_CODES,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from './logger.js';

/**
 * The largest request line plus headers accepted (Node's default is 16 KiB). A GET within the
 * API's own limits (64 image keys of up to 256 characters, percent-encoded) fits, so such a
 * request always reaches the routes and gets their answer rather than a parser refusal.
 */
export const MAX_HEADER_BYTES = 64 * 1024;

/** How long a refused connection may keep sending (the rest of a huge request) before it is cut. */
const DRAIN_MS = 2_000;

interface ParserError extends Error {
  code?: string;
  reason?: string;
}

/**
 * The HTTP server for an app built by `createApp`. Requests Node's parser refuses before Express
 * sees them (a request line or headers over {@link MAX_HEADER_BYTES}, a malformed request line,
 * a request that never finishes arriving) get the API's JSON error shape,
 * `{ "error": { "code", "message" } }`, instead of Node's bare status line with no body.
 */
export function createHttpServer(app: RequestListener, logger?: Logger): Server {
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, app);
  const inFlight = new WeakMap<Socket, { req: IncomingMessage; res: ServerResponse }>();
  const refused = new WeakSet<Socket>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    inFlight.set(req.socket, { req, res });
    res.once('close', () => {
      if (inFlight.get(req.socket)?.res === res) inFlight.delete(req.socket);
    });
  });
  server.on('clientError', (error: ParserError, socket: Socket) => {
    // The parser may report the same broken connection again as more of it arrives.
    if (refused.has(socket)) return;
    refused.add(socket);
    if (!socket.writable || error.code === 'ECONNRESET') return void socket.destroy();
    const { status, code, message } = describeClientError(error);
    logger?.warn('request refused by the HTTP parser', { status, reason: error.code ?? error.message });
    const json = JSON.stringify({ error: { code, message } });
    const current = inFlight.get(socket);
    if (!current) return refuse(socket, rawJsonResponse(status, json));
    if (current.req.complete) {
      // A later request on this connection is broken: answer it once the current answer is out.
      current.res.once('finish', () => refuse(socket, rawJsonResponse(status, json)));
      current.res.once('close', () => current.res.writableFinished || socket.destroy());
    } else if (!current.res.headersSent) {
      // This request's own body is broken: its answer is the error.
      current.res.writeHead(status, { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(json) }).end(json);
      current.res.once('finish', () => refuse(socket));
    } else socket.destroy();
  });
  return server;
}

/**
 * Send the last bytes on a connection and close it. Whatever the client still sends is read and
 * dropped for a moment, so closing does not reset the connection before it has read the answer.
 */
function refuse(socket: Socket, answer?: string): void {
  if (answer === undefined) socket.end();
  else socket.end(answer);
  socket.resume();
  setTimeout(() => socket.destroy(), DRAIN_MS).unref();
}

/** The status, API error code and message for an error Node's HTTP parser raised. */
export function describeClientError(error: ParserError): { status: number; code: string; message: string } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        code: 'invalid_argument',
        message: `The request line and headers are longer than this server accepts (${MAX_HEADER_BYTES / 1024} KiB). Ask for fewer image keys at a time, or POST /api/index with them in the body.`,
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return {
        status: 413,
        code: 'invalid_argument',
        message: 'The request body carries chunk extensions longer than this server accepts.',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        status: 408,
        code: 'timeout',
        message: 'The request did not arrive in full in time; send it again.',
      };
    default:
      return {
        status: 400,
        code: 'invalid_argument',
        message: `The request is not valid HTTP/1.1 (${error.reason ?? error.code ?? 'unreadable'}); check the URL and headers the client sends.`,
      };
  }
}

const JSON_HEADERS = {
  'Content-Type': 'application/json; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  Connection: 'close',
};

function rawJsonResponse(status: number, json: string): string {
  const headers = { ...JSON_HEADERS, 'Content-Length': Buffer.byteLength(json) };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`, ...lines, '', json].join('\r\n');
}
