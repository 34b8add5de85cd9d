/**
 * A web-test-runner command that photographs the test page's viewport as the browser painted it
 * and returns the PNG as base64: `executeServerCommand('viewport-screenshot')`. Element tests use
 * it to check what is on screen (a thumbnail painted inside its frame), which layout properties
 * such as `naturalWidth` or `getBoundingClientRect` cannot tell. Works with the Playwright
 * (Chromium) and Puppeteer (Firefox over WebDriver BiDi) launchers.
 */
export function viewportScreenshotPlugin() {
  return {
    name: 'viewport-screenshot',
    async executeCommand({ command, session }) {
      if (command !== 'viewport-screenshot') return undefined;
      const { type } = session.browser;
      if (type !== 'playwright' && type !== 'puppeteer')
        throw new Error(`viewport-screenshot needs a Playwright or Puppeteer browser, not ${type}.`);
      const page = session.browser.getPage(session.id);
      const png = await page.screenshot({ type: 'png' });
      return Buffer.from(png).toString('base64');
    },
  };
}
