#!/usr/bin/env node
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { isWandbError, redact } from '@run-comparer/wandb-client';
import { createApp } from './app.js';
import { ConfigError, readConfig, USAGE, type ServerConfig } from './config.js';
import { createHttpServer } from './http-server.js';
import { createJsonLogger } from './logger.js';
import { sourceFromConfig } from './source-from-config.js';
import { packageRoot } from './page/paths.js';

const SHUTDOWN_GRACE_MS = 3_000;

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = readConfig(process.argv.slice(2), process.env, join(packageRoot(), 'sample', 'wandb'));
  if (config.help) return void console.log(USAGE);

  const opened = await sourceFromConfig(config);
  const secrets = [...opened.secrets, ...(config.token ? [config.token] : [])];
  const logger = createJsonLogger({ secrets });
  process.on('unhandledRejection', (reason) =>
    logger.error('unhandled rejection', { error: String((reason as Error)?.stack ?? reason) }),
  );

  const app = createApp({
    source: opened.source,
    defaults: opened.defaults,
    logger,
    options: {
      token: config.token,
      corsOrigins: config.corsOrigins,
      sourceDescription: opened.description,
      secrets,
      hiddenPaths: opened.hiddenPaths,
      diskCache: config.diskCache && { ...config.diskCache, namespace: diskNamespace(config.source) },
    },
  });

  const server = createHttpServer(app, logger);
  server.listen(config.port, config.host);
  server.on('error', (error: NodeJS.ErrnoException) => {
    const reason =
      error.code === 'EADDRINUSE'
        ? `port ${config.port} on ${config.host} is in use; pass --port with another number (or 0 for any free port).`
        : error.code === 'EACCES'
          ? `not allowed to listen on ${config.host}:${config.port}; use a port above 1023.`
          : error.code === 'EADDRNOTAVAIL'
            ? `${config.host} is not an address of this machine; try --host 127.0.0.1.`
            : error.message;
    fail(`could not start: ${reason}`, 1);
  });
  server.once('listening', () => {
    const { port } = server.address() as AddressInfo;
    const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
    const url = `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${port}/`;
    const project =
      opened.defaults.entity && opened.defaults.project
        ? `${opened.defaults.entity}/${opened.defaults.project}`
        : '(none: set WANDB_ENTITY and WANDB_PROJECT)';
    const lines = [
      'Run Comparer demo server',
      `  runs from  ${opened.description}${opened.dir ? ` (${opened.dir})` : ''}`,
      `  project    ${project}`,
      `  cache      ${config.diskCache ? `${config.diskCache.dir} (up to ${gib(config.diskCache.maxBytes)})` : 'memory only (--cache-size 0)'}`,
      `  open       ${url}${config.token ? '?token=<your DEMO_TOKEN>' : ''}`,
    ];
    if (!isLoopback(config.host) && !config.token) {
      lines.push(
        `  warning    listening on ${config.host} without DEMO_TOKEN: anyone who can reach this port can read your runs.`,
      );
    }
    console.error(lines.join('\n'));
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return void process.exit(0);
    stopping = true;
    console.error(`\n${signal}: stopping (open connections get ${SHUTDOWN_GRACE_MS / 1000} s).`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/**
 * Disk cache entries belong to one source: a wandb host and API key (a server with another key may
 * not have access to those runs; the key itself is only hashed), or one local directory.
 */
function diskNamespace(source: ServerConfig['source']): string {
  if (source.kind !== 'cloud') return `local:${resolve(source.dir)}`;
  const keyHash = createHash('sha256').update(source.apiKey).digest('hex').slice(0, 32);
  return `cloud:${source.baseUrl}:${keyHash}`;
}

function gib(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function fail(message: string, code: number): never {
  const secrets = [process.env.WANDB_API_KEY, process.env.DEMO_TOKEN];
  console.error(`run-comparer-demo-server: ${redact(message, secrets)}`);
  process.exit(code);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) fail(error.message, 2);
  if (isWandbError(error)) fail(error.message, 1);
  fail(`could not start: ${String((error as Error)?.stack ?? error)}`, 1);
});
