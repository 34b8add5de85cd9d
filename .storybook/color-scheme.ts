/**
 * The Theme toolbar: light, dark, or whatever the system prefers. The elements follow
 * `prefers-color-scheme`, which a page cannot emulate, so this turns their own
 * `@media (prefers-color-scheme: dark)` rules on (`all`) or off (`not all`) in the shared
 * stylesheets Lit adopts: the dark theme shown is exactly the one users with a dark system get.
 */
export const THEMES = ['light', 'dark', 'system'] as const;
export type Theme = (typeof THEMES)[number];

const DARK_QUERY = /prefers-color-scheme:\s*dark/;
/** Each rule's own media text, to put back for `system`. */
const originalMedia = new WeakMap<CSSMediaRule, string>();

interface StyledElement {
  elementStyles?: Array<CSSStyleSheet | { styleSheet?: CSSStyleSheet }>;
}

function* mediaRules(rules: CSSRuleList): Generator<CSSMediaRule> {
  for (const rule of rules) {
    if (rule instanceof CSSMediaRule) yield rule;
    if ('cssRules' in rule) yield* mediaRules((rule as CSSGroupingRule).cssRules);
  }
}

/** Force the dark rules of these elements' styles on or off, or restore them. */
export function applyTheme(theme: Theme, tags: readonly string[]): void {
  for (const tag of tags) {
    const element = customElements.get(tag) as StyledElement | undefined;
    for (const style of element?.elementStyles ?? []) {
      const sheet = style instanceof CSSStyleSheet ? style : style.styleSheet;
      if (!sheet) continue;
      for (const rule of mediaRules(sheet.cssRules)) {
        const media = originalMedia.get(rule) ?? rule.media.mediaText;
        if (!DARK_QUERY.test(media)) continue;
        originalMedia.set(rule, media);
        const wanted = theme === 'system' ? media : theme === 'dark' ? 'all' : 'not all';
        if (rule.media.mediaText !== wanted) rule.media.mediaText = wanted;
      }
    }
  }
}

/** The CSS `color-scheme` for a theme (native controls and scrollbars follow it). */
export function colorScheme(theme: Theme): string {
  return theme === 'system' ? 'light dark' : theme;
}
