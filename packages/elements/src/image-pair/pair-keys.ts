import { PAIR_MODES, type PairMode } from './pair-modes.js';

/** What a key press in the compare dialog does; null leaves it to the zoom (or to nobody). */
export type PairKeyAction =
  { kind: 'mode'; mode: PairMode } | { kind: 'swap' } | { kind: 'play-videos' } | { kind: 'flip' } | null;

interface PairKeyContext {
  mode: PairMode;
  /** Whether both sides are videos (Space and K play them). */
  videos: boolean;
  /** The local name of the focused element: Space on a button presses the button. */
  target: string;
}

/**
 * The dialog's shortcuts: 1–4 choose a mode, X swaps the sides, Space or K play two videos, Space
 * flips A/B in blink. Modified keys and keys typed into a field are not shortcuts.
 */
export function pairKeyAction(event: KeyboardEvent, context: PairKeyContext): PairKeyAction {
  if (context.target === 'input' || event.ctrlKey || event.metaKey || event.altKey) return null;
  const mode = PAIR_MODES[Number(event.key) - 1];
  if (mode) return { kind: 'mode', mode };
  if (event.key === 'x' || event.key === 'X') return { kind: 'swap' };
  const space = event.key === ' ' && context.target !== 'button';
  if (context.videos && (event.key === 'k' || event.key === 'K' || (space && context.mode !== 'blink')))
    return { kind: 'play-videos' };
  if (space && context.mode === 'blink') return { kind: 'flip' };
  return null;
}

/** The mode a key moves to in the mode tabs (arrows wrap around, Home/End the ends), or null. */
export function tabKeyMode(mode: PairMode, key: string): PairMode | null {
  const index = PAIR_MODES.indexOf(mode);
  const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: PAIR_MODES.length - 1 }[key];
  return next === undefined ? null : PAIR_MODES[(next + PAIR_MODES.length) % PAIR_MODES.length]!;
}
