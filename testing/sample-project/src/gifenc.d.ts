/** The part of gifenc 1.0.3 (a pure-JS GIF encoder, no types of its own) the sample project uses. */
declare module 'gifenc' {
  export type Palette = number[][];
  export interface FrameOptions {
    palette?: Palette;
    /** Milliseconds. */
    delay?: number;
    /** 0 loops forever, -1 plays once. */
    repeat?: number;
  }
  export interface Encoder {
    writeFrame(index: Uint8Array, width: number, height: number, options?: FrameOptions): void;
    finish(): void;
    bytes(): Uint8Array;
  }
  export interface Gifenc {
    GIFEncoder(): Encoder;
    quantize(rgba: Uint8Array, maxColors: number): Palette;
    applyPalette(rgba: Uint8Array, palette: Palette): Uint8Array;
  }
  export const GIFEncoder: Gifenc['GIFEncoder'] | undefined;
  /** Node's import of the CommonJS build: the whole API; a bundler's import of the ESM build: GIFEncoder. */
  const api: Gifenc | Gifenc['GIFEncoder'];
  export default api;
}
