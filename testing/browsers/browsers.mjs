/**
 * The browsers every test, check and benchmark of the project runs in: which executable, with which
 * flags, for each launcher the project uses (Playwright, puppeteer-core).
 * Plain JavaScript so that `.mjs` configs and scripts import it with Node alone; types in browsers.d.mts.
 *
 * Executables: Debian's `/usr/bin/chromium` and `/usr/bin/firefox-esr` unless RUN_COMPARER_CHROMIUM or
 * RUN_COMPARER_FIREFOX names another one. A missing browser is a BrowserNotFoundError that names the
 * variable and the Debian package, thrown when that browser's options are asked for.
 */
import { statSync } from 'node:fs';

/** What is needed to find each browser, and to say how to get it when it is missing. */
export const BROWSERS = Object.freeze({
  chromium: Object.freeze({
    title: 'Chromium',
    variable: 'RUN_COMPARER_CHROMIUM',
    defaultPath: '/usr/bin/chromium',
    debianPackage: 'chromium',
  }),
  firefox: Object.freeze({
    title: 'Firefox ESR',
    variable: 'RUN_COMPARER_FIREFOX',
    defaultPath: '/usr/bin/firefox-esr',
    debianPackage: 'firefox-esr',
  }),
});

/**
 * Chromium flags for a headless run as root on a machine with a closed network: no sandbox (root),
 * no GPU, /tmp instead of a small /dev/shm, and none of the background connections (updates, sync,
 * QUIC probes) that a closed network refuses. Headless mode is the launchers' `headless` option.
 */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]);

/**
 * Firefox needs no flags or preferences of ours: both launchers start it on a fresh test profile
 * that already turns off updates, telemetry, safe browsing and first-run pages. What it still tries
 * (looking up firefox.settings.services.mozilla.com) fails at once on a closed network and costs no
 * measurable launch time. Playwright drives Debian's Firefox ESR over WebDriver BiDi (this channel);
 * its own Juggler build of Firefox cannot be installed here.
 */
export const PLAYWRIGHT_FIREFOX_CHANNEL = 'moz-firefox';

export class BrowserNotFoundError extends Error {
  /**
   * @param {import('./browsers.d.mts').BrowserName} browser
   * @param {string} message
   */
  constructor(browser, message) {
    super(message);
    this.name = 'BrowserNotFoundError';
    this.browser = browser;
  }
}

/** @param {string} path */
function isExecutableFile(path) {
  try {
    const stat = statSync(path);
    return stat.isFile() && (stat.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

/**
 * The executable of `browser`: the path in its RUN_COMPARER_* variable when that is set and not
 * empty, else Debian's path. Throws BrowserNotFoundError when no executable file is there.
 * @param {import('./browsers.d.mts').BrowserName} browser
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string}
 */
export function browserPath(browser, env = process.env) {
  const known = BROWSERS[browser];
  if (!known) {
    throw new TypeError(`Unknown browser "${browser}": expected one of ${Object.keys(BROWSERS).join(', ')}.`);
  }
  return findExecutable(browser, known, env);
}

/**
 * browserPath for any KnownBrowser.
 * @param {import('./browsers.d.mts').BrowserName} browser
 * @param {import('./browsers.d.mts').KnownBrowser} known
 * @param {NodeJS.ProcessEnv} env
 * @returns {string}
 */
export function findExecutable(browser, { title, variable, defaultPath, debianPackage }, env) {
  const override = env[variable];
  if (override) {
    if (isExecutableFile(override)) return override;
    throw new BrowserNotFoundError(
      browser,
      `${variable} is set to "${override}", but that is not an executable file. ` +
        `Set ${variable} to the path of a ${title} executable, or unset it to use ${defaultPath} ` +
        `(Debian package ${debianPackage}).`,
    );
  }
  if (isExecutableFile(defaultPath)) return defaultPath;
  throw new BrowserNotFoundError(
    browser,
    `${title} was not found at ${defaultPath}. Install the Debian package ${debianPackage} ` +
      `(sudo apt-get install ${debianPackage}), or set ${variable} to the path of a ${title} executable.`,
  );
}

/**
 * Options for Playwright's `chromium.launch` / `firefox.launch`, and for the `launchOptions` of
 * @playwright/test, @web/test-runner-playwright and @vitest/browser-playwright. Headless is left to
 * Playwright (its default, and `--headed` still works). For Firefox, also set `channel` where the
 * runner takes it apart from the launch options (@playwright/test's `use.channel`).
 * @param {import('./browsers.d.mts').BrowserName} browser
 * @param {NodeJS.ProcessEnv} [env]
 */
export function playwrightLaunchOptions(browser, env = process.env) {
  const executablePath = browserPath(browser, env);
  if (browser === 'chromium') return { executablePath, args: [...CHROMIUM_ARGS] };
  return { executablePath, channel: PLAYWRIGHT_FIREFOX_CHANNEL };
}

/**
 * Options for puppeteer-core's `launch`, and for @web/test-runner-chrome's `launchOptions`
 * (which hands them to puppeteer-core).
 * @param {import('./browsers.d.mts').BrowserName} browser
 * @param {NodeJS.ProcessEnv} [env]
 */
export function puppeteerLaunchOptions(browser, env = process.env) {
  const executablePath = browserPath(browser, env);
  if (browser === 'chromium') return { executablePath, headless: true, args: [...CHROMIUM_ARGS] };
  return { browser: /** @type {const} */ ('firefox'), executablePath, headless: true };
}
