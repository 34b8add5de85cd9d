import { sendKeys } from '@web/test-runner-commands';

/**
 * Press a key combination like `Shift+ArrowDown` or `Control+a`. Holds the modifiers down around
 * the key, which works in Chromium (Playwright) and Firefox (WebDriver BiDi) alike.
 */
export async function press(combo: string): Promise<void> {
  const parts = combo.split('+');
  let key = parts.pop()!;
  // WebDriver BiDi (Firefox) knows the space bar only as " ".
  if (key === 'Space' && navigator.userAgent.includes('Firefox')) key = ' ';
  for (const modifier of parts) await sendKeys({ down: modifier });
  await sendKeys({ press: key });
  for (const modifier of parts.reverse()) await sendKeys({ up: modifier });
}

/** Type text into the focused element. */
export async function type(text: string): Promise<void> {
  await sendKeys({ type: text });
}
