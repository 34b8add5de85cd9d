import type { LaunchOptions as PlaywrightLaunchOptions } from 'playwright-core';
import type { LaunchOptions as PuppeteerLaunchOptions } from 'puppeteer-core';

export type BrowserName = 'chromium' | 'firefox';

export interface KnownBrowser {
  /** How people call it in messages. */
  readonly title: string;
  /** The environment variable that names another executable. */
  readonly variable: string;
  /** Where Debian installs it. */
  readonly defaultPath: string;
  /** The Debian package that installs it. */
  readonly debianPackage: string;
}

export declare const BROWSERS: Readonly<Record<BrowserName, KnownBrowser>>;
export declare const CHROMIUM_ARGS: readonly string[];
export declare const PLAYWRIGHT_FIREFOX_CHANNEL: 'moz-firefox';

/** No executable at the browser's path; the message names the variable to set and the package to install. */
export declare class BrowserNotFoundError extends Error {
  constructor(browser: BrowserName, message: string);
  readonly browser: BrowserName;
}

export declare function browserPath(browser: BrowserName, env?: NodeJS.ProcessEnv): string;
export declare function findExecutable(browser: BrowserName, known: KnownBrowser, env: NodeJS.ProcessEnv): string;

export declare function playwrightLaunchOptions(
  browser: BrowserName,
  env?: NodeJS.ProcessEnv,
): PlaywrightLaunchOptions & { executablePath: string };

export declare function puppeteerLaunchOptions(
  browser: BrowserName,
  env?: NodeJS.ProcessEnv,
): PuppeteerLaunchOptions & { executablePath: string };
