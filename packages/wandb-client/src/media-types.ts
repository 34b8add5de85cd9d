/**
 * The media model beyond plain images: videos, the boxes and masks drawn over an image, legacy
 * sprite tiles, and the media wandb logs that Run Comparer cannot show. Re-exported by `types.ts`.
 */

/** What a media file holds: a still image, or a video (gif, mp4, webm, ogg) a browser plays. */
export type MediaKind = 'image' | 'video';

/** How a logged image value was shaped in history. */
export type ImageValueType = 'image-file' | 'images/separated' | 'images';

/** `wandb.Video`: one video, or a list of them. */
export type VideoValueType = 'video-file' | 'videos';

/**
 * Media wandb logs that Run Comparer cannot show. A key holding them is listed like any media key
 * and its sets carry `unsupported` (what the value is and why it cannot be shown), never silently dropped.
 */
export type UnsupportedMediaType =
  | 'table-file'
  | 'incremental-table-file'
  | 'partitioned-table'
  | 'joined-table'
  | 'table'
  | 'audio-file'
  | 'audio'
  | 'html-file'
  | 'html'
  | 'object3D-file'
  | 'object3D'
  | 'molecule-file'
  | 'molecule'
  | 'plotly-file'
  | 'plotly'
  | 'bokeh-file'
  | 'graph-file'
  | 'graph';

/** The `_type` of a history or summary value that is media. */
export type MediaValueType = ImageValueType | VideoValueType | UnsupportedMediaType;

/** One tile of a legacy sprite: its rectangle in the sprite image, in the sprite's pixels. */
export interface ImageCrop {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Boxes and masks logged with an image (`wandb.Image(..., boxes=..., masks=...)`). */
export interface ImageOverlays {
  boxes: BoxLayerRef[];
  masks: MaskLayerRef[];
}

/** One named set of boxes (`predictions`, `ground_truth`). Load them with `loadOverlays`. */
export interface BoxLayerRef {
  /** The name the run logged the set under; `boxes` for the one unnamed set of wandb 0.8.28–0.8.32. */
  name: string;
  /** The `.boxes2D.json` file, relative to the run's files root; null when the boxes are inline. */
  path: string | null;
  /** Boxes written into the value itself (the artifact form); null when they are in `path`. */
  boxes: BoundingBox[] | null;
}

/** One named segmentation mask: a one-channel PNG whose pixel values are class ids. */
export interface MaskLayerRef {
  name: string;
  /** The `.mask.png` file, relative to the run's files root. */
  path: string;
}

/** A box as logged, its corners in the unit `domain` says. */
export interface BoundingBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** `fraction`: 0..1 of the image's width and height (wandb's default); `pixel`: the image's pixels. */
  domain: 'fraction' | 'pixel';
  /** The class id; null when the box names none. */
  classId: number | null;
  /** `box_caption` as logged, or null. */
  caption: string | null;
  /** Named scores (`{ conf: 0.91 }`); empty when none. */
  scores: Record<string, number>;
}

/** A class id and its name. */
export interface ClassLabel {
  id: number;
  name: string;
}

/**
 * The class names a run recorded for the boxes and masks of its images, as wandb keeps them in the
 * run's config (`_wandb` → `bounding_box/class_labels`, `mask/class_labels`): per image key, per
 * layer name, the labels sorted by id.
 */
export interface MediaClassLabels {
  boxes: Record<string, Record<string, ClassLabel[]>>;
  masks: Record<string, Record<string, ClassLabel[]>>;
}
