/** Steps asked for recently (the current one last) whose images are still worth loading. */
const RECENT = 4;

interface Asked {
  step: number;
  /** Order in which steps were asked for. */
  seq: number;
}

/** Which step a row shows, and whether it is an older one kept while the current one loads. */
export interface RowStep {
  step: number;
  held: boolean;
}

/**
 * Which step each row of the grid shows while steps change faster than images arrive. A row
 * shows one step's images, never a mix: the current step once every image of the row on screen
 * is decoded (or failed), else the step it showed before, marked as loading, else (a row never
 * shown) the current step as its images come. A step passed over on the way (a drag, a held
 * arrow key) shows when its images arrive before the current one's; a row never goes back to a
 * step asked for before the one it shows.
 */
export class RowSteps {
  #asked: Asked[] = [];
  #shown = new Map<string, Asked>();
  #context = '';
  #seq = 0;

  /** The grid is at `step` among rows and keys named by `context` (new ones forget everything). */
  follow(context: string, step: number): void {
    if (context !== this.#context) {
      this.#context = context;
      this.#asked = [];
      this.#shown.clear();
    }
    if (this.#asked.at(-1)?.step === step) return;
    this.#asked = [...this.#asked.filter((a) => a.step !== step), { step, seq: ++this.#seq }].slice(-RECENT);
  }

  /** Steps passed over that row `id` may still show (newer than what it shows), newest first. */
  passedOver(id: string): number[] {
    const shown = this.#shown.get(id)?.seq ?? 0;
    return this.#asked
      .slice(0, -1)
      .filter((a) => a.seq > shown)
      .map((a) => a.step)
      .reverse();
  }

  /**
   * The step row `id` shows now. `ready(step)` says whether its images on screen at that step are
   * all decoded or failed; `fits(step)` whether it can still show that step in the current columns.
   */
  choose(id: string, ready: (step: number) => boolean, fits: (step: number) => boolean): RowStep {
    const current = this.#asked.at(-1)!;
    const shown = this.#shown.get(id);
    for (const asked of [...this.#asked].reverse()) {
      if (shown && asked.seq <= shown.seq) break;
      if (ready(asked.step)) {
        this.#shown.set(id, asked);
        return { step: asked.step, held: asked !== current };
      }
    }
    if (shown && shown.step !== current.step && fits(shown.step)) return { step: shown.step, held: true };
    if (!shown || shown.step !== current.step) this.#shown.delete(id);
    return { step: current.step, held: false };
  }

  /** Forget the rows not in `ids` (scrolled away): back in view, they start from the current step. */
  retain(ids: ReadonlySet<string>): void {
    for (const id of this.#shown.keys()) if (!ids.has(id)) this.#shown.delete(id);
  }
}
