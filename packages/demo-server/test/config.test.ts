import { describe, expect, it } from 'vitest';
import { ConfigError, defaultCacheDir, readConfig } from '../src/config.js';

const SAMPLE = '/pkg/sample/wandb';
const read = (argv: string[], env: Record<string, string> = {}) => readConfig(argv, env, SAMPLE);

describe('readConfig', () => {
  it('defaults to the bundled sample on 127.0.0.1:7100', () => {
    expect(read([])).toMatchObject({
      host: '127.0.0.1',
      port: 7100,
      source: { kind: 'sample', dir: SAMPLE },
      token: null,
      corsOrigins: [],
    });
  });

  it('uses the wandb cloud when WANDB_API_KEY is set, with its base URL and default project', () => {
    const config = read([], {
      WANDB_API_KEY: 'k'.repeat(40),
      WANDB_BASE_URL: 'https://wandb.example.com/',
      WANDB_ENTITY: 'acme',
      WANDB_PROJECT: 'sdxl',
      WANDB_DIR: '/x',
    });
    expect(config.source).toEqual({ kind: 'cloud', apiKey: 'k'.repeat(40), baseUrl: 'https://wandb.example.com' });
    expect(config).toMatchObject({ entity: 'acme', project: 'sdxl' });
  });

  it('uses WANDB_DIR without a key, and an explicit --dir over everything', () => {
    expect(read([], { WANDB_DIR: './runs' }).source).toEqual({ kind: 'local', dir: './runs', origin: 'env' });
    expect(read(['--dir', './wandb'], { WANDB_API_KEY: 'k'.repeat(40) }).source).toEqual({
      kind: 'local',
      dir: './wandb',
      origin: 'flag',
    });
  });

  it('reads host, port, project flags, DEMO_TOKEN and CORS_ORIGINS', () => {
    const config = read(['--host', '0.0.0.0', '--port', '0', '--entity', 'e', '--project', 'p'], {
      DEMO_TOKEN: 'long-enough-token',
      CORS_ORIGINS: 'https://a.example, http://localhost:5173',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 0,
      entity: 'e',
      project: 'p',
      token: 'long-enough-token',
      corsOrigins: ['https://a.example', 'http://localhost:5173'],
    });
  });

  it('keeps media on disk under the user cache directory by default, 1 GiB at most', () => {
    const linux = { platform: 'linux' as const, home: '/home/ada' };
    expect(readConfig([], {}, SAMPLE, linux).diskCache).toEqual({
      dir: '/home/ada/.cache/run-comparer',
      maxBytes: 1024 ** 3,
    });
    expect(readConfig([], { XDG_CACHE_HOME: '/var/cache/ada' }, SAMPLE, linux).diskCache?.dir).toBe(
      '/var/cache/ada/run-comparer',
    );
  });

  it.each([
    ['linux', {}, '/home/ada/.cache/run-comparer'],
    ['linux', { XDG_CACHE_HOME: 'relative/ignored' }, '/home/ada/.cache/run-comparer'],
    ['freebsd', { XDG_CACHE_HOME: '/xdg' }, '/xdg/run-comparer'],
    ['darwin', { XDG_CACHE_HOME: '/xdg' }, '/home/ada/Library/Caches/run-comparer'],
    [
      'win32',
      { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' },
      'C:\\Users\\ada\\AppData\\Local\\run-comparer\\Cache',
    ],
  ] as [NodeJS.Platform, Record<string, string>, string][])(
    'the cache directory on %s with %j is %s',
    (platform, env, dir) => {
      expect(defaultCacheDir({ platform, home: '/home/ada' }, env)).toBe(dir);
    },
  );

  it('takes the cache folder and size from flags over the environment; 0 or off turns it off', () => {
    const env = { RUN_COMPARER_CACHE_DIR: '/env/cache', RUN_COMPARER_CACHE_SIZE: '2GB' };
    expect(read([], env).diskCache).toEqual({ dir: '/env/cache', maxBytes: 2 * 1024 ** 3 });
    expect(read(['--cache-dir', '/flag/cache', '--cache-size', '500MB'], env).diskCache).toEqual({
      dir: '/flag/cache',
      maxBytes: 500 * 1024 ** 2,
    });
    expect(read(['--cache-size', '1.5GiB'], env).diskCache?.maxBytes).toBe(1.5 * 1024 ** 3);
    expect(read(['--cache-size', '0'], env).diskCache).toBeNull();
    expect(read([], { RUN_COMPARER_CACHE_SIZE: 'off' }).diskCache).toBeNull();
  });

  it.each([
    [['--port', 'http'], {}, /--port must be a number/],
    [['--cache-size', '500'], {}, /--cache-size .* must be a size of at least 1MB such as 500MB/],
    [['--cache-size', 'lots'], {}, /--cache-size/],
    [[], { RUN_COMPARER_CACHE_SIZE: '10KB' }, /RUN_COMPARER_CACHE_SIZE.*got "10KB"/],
    [['--port', '70000'], {}, /--port must be a number/],
    [['--nope'], {}, /Unknown option '--nope'[\s\S]*Usage/],
    [['extra'], {}, /Unexpected argument/],
    [[], { WANDB_API_KEY: 'k'.repeat(40), WANDB_BASE_URL: 'ftp://x' }, /WANDB_BASE_URL must be an http/],
    [[], { CORS_ORIGINS: 'https://a.example/path' }, /CORS_ORIGINS must list origins/],
    [[], { DEMO_TOKEN: 'short' }, /DEMO_TOKEN is too short/],
  ] as [string[], Record<string, string>, RegExp][])('refuses %j %j with a message', (argv, env, says) => {
    expect(() => read(argv, env)).toThrow(ConfigError);
    expect(() => read(argv, env)).toThrow(says);
  });
});
