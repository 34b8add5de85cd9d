import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '@run-comparer/wandb-client';
import { createHttpServer, MAX_HEADER_BYTES } from '../src/http-server.js';
import { testApp } from './fixtures/app.js';
import { imageDataset } from './fixtures/image-dataset.js';

let dataset: Dataset;
let server: Server;
let port: number;

beforeAll(async () => {
  dataset = await imageDataset({ runs: 1, lastStep: 10, every: 10, gridSize: 1, size: 32 });
  server = createHttpServer(testApp(dataset).app);
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Answer {
  status: number;
  headers: string;
  body: string;
}

/** Send `raw` bytes as they are over a loopback connection; the answers read until the server closes it. */
function sendRaw(raw: string): Promise<Answer[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(parseAnswers(Buffer.concat(chunks).toString('utf8'))));
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.write(raw);
  });
}

/** Split what came back into responses (each with a Content-Length body, as this server sends). */
function parseAnswers(text: string): Answer[] {
  const answers: Answer[] = [];
  let rest = text;
  while (rest.length > 0) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) throw new Error(`not an HTTP response: ${JSON.stringify(rest.slice(0, 200))}`);
    const headers = rest.slice(0, end);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(headers)?.[1] ?? 0);
    answers.push({ status: Number(headers.split(' ')[1]), headers, body: rest.slice(end + 4, end + 4 + length) });
    rest = rest.slice(end + 4 + length);
  }
  return answers;
}

const keysPath = (bytes: number) =>
  `/api/runs/${dataset.entity}/${dataset.project}/run0/steps?keys=${'samples/grid,'.repeat(Math.ceil(bytes / 13))}`;

function expectJsonError(answer: Answer, status: number, code: string, says: RegExp): void {
  expect(answer.status).toBe(status);
  expect(answer.headers).toMatch(/\r\ncontent-type: application\/json; charset=utf-8/i);
  const body = JSON.parse(answer.body) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(says);
}

describe('requests the HTTP parser refuses get the JSON error shape', () => {
  it('a 17 kB keys= query (over Node’s default 16 KiB) reaches the API, which says what is wrong with it', async () => {
    const [answer] = await sendRaw(`GET ${keysPath(17_000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expectJsonError(answer!, 400, 'invalid_argument', /at most 64 keys/);
  });

  it.each([100_000, 1_000_000])('a %d-byte request line gets a JSON 431', async (bytes) => {
    const [answer, ...more] = await sendRaw(`GET ${keysPath(bytes)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expectJsonError(
      answer!,
      431,
      'invalid_argument',
      new RegExp(`longer than this server accepts \\(${MAX_HEADER_BYTES / 1024} KiB\\)`),
    );
    expect(more).toEqual([]);
  });

  it('headers over the limit get a JSON 431, also through fetch', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`, {
      headers: { 'x-padding': 'p'.repeat(MAX_HEADER_BYTES) },
    });
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await response.json()).error.code).toBe('invalid_argument');
  });

  it.each([
    ['a bad method', 'G@T /api/health HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a space in the path', 'GET /api/he alth HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a bad HTTP version', 'GET /api/health HTTP/7.1\r\nHost: x\r\n\r\n'],
    ['a bad header name', 'GET /api/health HTTP/1.1\r\nHo st: x\r\n\r\n'],
    ['a control character in a header', 'GET /api/health HTTP/1.1\r\nHost: x\u0001y\r\n\r\n'],
    ['two Content-Lengths', 'POST /api/index HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}'],
    ['a bad chunk size', 'POST /api/index HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n'],
  ])('%s gets a JSON 400', async (_what, raw) => {
    const [answer, ...more] = await sendRaw(raw);
    expectJsonError(answer!, 400, 'invalid_argument', /not valid HTTP\/1\.1 \(.+\); check the URL and headers/);
    expect(more).toEqual([]);
  });

  it('a broken request after a good one on the same connection: the first answer is whole, then the JSON 400', async () => {
    const answers = await sendRaw('GET /api/health HTTP/1.1\r\nHost: x\r\n\r\nG@T / HTTP/1.1\r\n\r\n');
    expect(answers.map((a) => a.status)).toEqual([200, 400]);
    expect(JSON.parse(answers[0]!.body)).toMatchObject({ ok: true });
    expectJsonError(answers[1]!, 400, 'invalid_argument', /not valid HTTP/);
  });
});
