import { setCustomElementsManifest, type Decorator, type Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { styleMap } from 'lit/directives/style-map.js';
import { configure } from 'storybook/test';
import manifest from 'virtual:run-comparer/custom-elements';
import { applyTheme, colorScheme, THEMES, type Theme } from './color-scheme.ts';
import { listenToElementEvents } from './element-events.ts';
import { controlsFromManifest, elementDeclarations, manifestForStorybook } from './element-manifest.ts';

// Controls, docs tables and descriptions come from the Custom Elements Manifest, which the
// package's generator builds from the components' JSDoc (see story-data-plugin.ts).
setCustomElementsManifest(manifestForStorybook(manifest));

// Play functions wait up to 5 s for what a user would see (images decode, retries count down),
// not 1 s: two browsers share two cores in CI.
configure({ asyncUtilTimeout: 5000 });

const elements = elementDeclarations(manifest);
const tags = elements.map((element) => element.tagName);
const eventsByTag = new Map(elements.map((e) => [e.tagName, new Set((e.events ?? []).map((event) => event.name))]));
const framesWithListeners = new WeakSet<Element>();

/** The width of the Narrow viewport, also used to narrow stories shown inline on docs pages. */
const NARROW = '360px';

/**
 * Every story renders inside a frame that applies the Theme global (see color-scheme.ts), shows
 * the Narrow viewport's width on docs pages, and logs the elements' events as actions.
 */
const withFrame: Decorator = (story, context) => {
  const theme = (context.globals.theme ?? 'light') as Theme;
  applyTheme(theme, tags);
  const scheme = colorScheme(theme);
  const inDocs = context.viewMode === 'docs';
  if (!inDocs) {
    document.documentElement.style.colorScheme = scheme;
    Object.assign(document.body.style, { background: 'Canvas', color: 'CanvasText' });
  }
  const narrow = inDocs && context.globals.viewport?.value === 'narrow';
  const style = {
    'color-scheme': scheme,
    background: 'Canvas',
    color: 'CanvasText',
    ...(inDocs ? { padding: '1rem', 'border-radius': '4px' } : {}),
    ...(narrow ? { 'max-width': NARROW } : {}),
  };
  const listen = (frame: Element | undefined) => {
    if (frame instanceof HTMLElement && !framesWithListeners.has(frame)) {
      framesWithListeners.add(frame);
      listenToElementEvents(frame, eventsByTag);
    }
  };
  return html`<div class="story-frame" style=${styleMap(style)} ${ref(listen)}>${story()}</div>`;
};

const preview: Preview = {
  tags: ['autodocs'],
  decorators: [withFrame],
  argTypesEnhancers: [controlsFromManifest(manifest)],
  globalTypes: {
    theme: {
      description: 'Colour scheme of the elements',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        dynamicTitle: true,
        items: THEMES.map((value) => ({
          value,
          title: { light: 'Light', dark: 'Dark', system: 'Follow the system' }[value],
          icon: { light: 'sun', dark: 'moon', system: 'browser' }[value],
        })),
      },
    },
  },
  initialGlobals: { theme: 'light' },
  parameters: {
    layout: 'padded',
    controls: { expanded: true, sort: 'requiredFirst' },
    docs: { toc: true },
    viewport: {
      options: {
        narrow: { name: `Narrow phone (${NARROW})`, styles: { width: NARROW, height: '780px' }, type: 'mobile' },
        tablet: { name: 'Tablet (820 px)', styles: { width: '820px', height: '1180px' }, type: 'tablet' },
        laptop: { name: 'Laptop (1280 px)', styles: { width: '1280px', height: '800px' }, type: 'desktop' },
      },
    },
    options: {
      storySort: {
        order: [
          'Introduction',
          'Elements',
          [
            'Run comparer',
            'Wandb source',
            'Run picker',
            'Image key picker',
            'Step slider',
            'Image compare',
            'Image detail',
            'Image pair',
          ],
        ],
      },
    },
  },
};

export default preview;
