import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSERS,
  BrowserNotFoundError,
  browserPath,
  findExecutable,
  playwrightLaunchOptions,
  puppeteerLaunchOptions,
  type BrowserName,
} from './browsers.mjs';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rc-browsers-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * A stand-in executable that notes each start in `log`, then runs the real browser with the same
 * arguments, so a launch shows which executable the launcher started.
 */
async function loggingWrapper(name: string, real: string): Promise<{ path: string; starts: () => Promise<number> }> {
  const path = join(dir, name);
  const log = join(dir, `${name}.log`);
  await writeFile(path, `#!/bin/sh\necho started >> '${log}'\nexec '${real}' "$@"\n`);
  await chmod(path, 0o755);
  const starts = async () => (await readFile(log, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
  return { path, starts };
}

describe.each(Object.keys(BROWSERS) as BrowserName[])('%s executable', (browser) => {
  const { variable, defaultPath, debianPackage } = BROWSERS[browser];

  it(`is Debian's ${defaultPath} when ${variable} is unset or empty`, () => {
    expect(browserPath(browser, {})).toBe(defaultPath);
    expect(browserPath(browser, { [variable]: '' })).toBe(defaultPath);
  });

  it(`is the executable ${variable} names, in both launchers' options`, async () => {
    const other = join(dir, `other-${browser}`);
    await writeFile(other, '#!/bin/sh\n');
    await chmod(other, 0o755);
    const env = { [variable]: other };
    expect(browserPath(browser, env)).toBe(other);
    expect(playwrightLaunchOptions(browser, env).executablePath).toBe(other);
    expect(puppeteerLaunchOptions(browser, env).executablePath).toBe(other);
  });

  it.each([
    ['a missing file', async () => join(dir, 'nowhere', browser)],
    [
      'a directory',
      async () => {
        const path = join(dir, `folder-${browser}`);
        await mkdir(path);
        return path;
      },
    ],
    [
      'a file that is not executable',
      async () => {
        const path = join(dir, `plain-${browser}`);
        await writeFile(path, '#!/bin/sh\n');
        return path;
      },
    ],
  ])(`set to %s is an error naming ${variable}, the path and the Debian package`, async (_, make) => {
    const path = await make();
    const call = () => playwrightLaunchOptions(browser, { [variable]: path });
    expect(call).toThrow(BrowserNotFoundError);
    expect(call).toThrow(`${variable} is set to "${path}", but that is not an executable file.`);
    expect(call).toThrow(`Debian package ${debianPackage}`);
  });

  it('missing at its default path is an error saying which package to install and which variable to set', () => {
    const known = { ...BROWSERS[browser], defaultPath: join(dir, 'not-installed', browser) };
    expect(() => findExecutable(browser, known, {})).toThrow(
      `${known.title} was not found at ${known.defaultPath}. Install the Debian package ${debianPackage} ` +
        `(sudo apt-get install ${debianPackage}), or set ${variable} to the path of a ${known.title} executable.`,
    );
  });
});

it('an unknown browser name is a TypeError listing the known ones', () => {
  expect(() => browserPath('safari' as BrowserName, {})).toThrow(
    'Unknown browser "safari": expected one of chromium, firefox.',
  );
});

it('Playwright starts the Chromium that RUN_COMPARER_CHROMIUM names, with the shared options', async () => {
  const wrapper = await loggingWrapper('chromium-wrapper', browserPath('chromium'));
  const browser = await chromium.launch(playwrightLaunchOptions('chromium', { RUN_COMPARER_CHROMIUM: wrapper.path }));
  try {
    const page = await browser.newPage();
    await page.setContent('<h1>Run Comparer</h1>');
    expect(await page.textContent('h1')).toBe('Run Comparer');
  } finally {
    await browser.close();
  }
  expect(await wrapper.starts()).toBe(1);
}, 60_000);

it('puppeteer-core starts the Firefox that RUN_COMPARER_FIREFOX names, with the shared options', async () => {
  const wrapper = await loggingWrapper('firefox-wrapper', browserPath('firefox'));
  const browser = await puppeteer.launch(puppeteerLaunchOptions('firefox', { RUN_COMPARER_FIREFOX: wrapper.path }));
  try {
    const page = await browser.newPage();
    await page.setContent('<h1>Run Comparer</h1>');
    expect(await page.$eval('h1', (heading) => heading.textContent)).toBe('Run Comparer');
  } finally {
    await browser.close();
  }
  expect(await wrapper.starts()).toBe(1);
}, 60_000);
