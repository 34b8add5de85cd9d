import type { BoundingBox, ClassLabel } from '../media-types.js';
import { isRecord, num, str } from './value-fields.js';

/** The boxes of one `.boxes2D.json` file, and what could not be read. */
export interface BoxFile {
  boxes: BoundingBox[];
  /** `class_labels` when the run wrote them into the file (only labels the user passed); else null. */
  classLabels: ClassLabel[] | null;
  /** Entries that were not boxes (no usable `position`), skipped. */
  skipped: number;
}

/**
 * Read a box file as wandb writes it: `{ box_data: [...], class_labels?: {...} }` (wandb 0.8.33 on),
 * or a bare list of boxes (0.8.28–0.8.32). Throws a TypeError for anything else.
 */
export function parseBoxFile(json: unknown): BoxFile {
  const list = Array.isArray(json) ? json : isRecord(json) && Array.isArray(json.box_data) ? json.box_data : null;
  if (!list) throw new TypeError('it holds neither "box_data" nor a list of boxes');
  const { boxes, skipped } = parseBoxList(list);
  const labels = isRecord(json) ? parseClassLabels(json.class_labels) : null;
  // 0.8.28–0.8.32 named each box's class in the box itself.
  const named = boxNamedLabels(list);
  return { boxes, classLabels: labels ?? named, skipped };
}

/** Boxes from a list of wandb box objects; entries without a usable `position` are counted, not kept. */
export function parseBoxList(list: readonly unknown[]): { boxes: BoundingBox[]; skipped: number } {
  const boxes: BoundingBox[] = [];
  let skipped = 0;
  for (const entry of list) {
    const box = parseBox(entry);
    if (box) boxes.push(box);
    else skipped++;
  }
  return { boxes, skipped };
}

/**
 * One box: `position` is `{ minX, maxX, minY, maxY }` or `{ middle: [x, y], width, height }`;
 * `domain` (on the box) is `"pixel"`, or absent/null for fractions of the image.
 */
export function parseBox(entry: unknown): BoundingBox | null {
  if (!isRecord(entry) || !isRecord(entry.position)) return null;
  const position = entry.position;
  const corners = cornersOf(position);
  if (!corners) return null;
  const domain = (entry.domain ?? position.domain) === 'pixel' ? 'pixel' : 'fraction';
  const classId = num(entry.class_id);
  const scores: Record<string, number> = {};
  if (isRecord(entry.scores)) {
    for (const [name, value] of Object.entries(entry.scores)) if (typeof value === 'number') scores[name] = value;
  }
  return {
    ...corners,
    domain,
    classId: classId !== null && Number.isInteger(classId) ? classId : null,
    caption: str(entry.box_caption),
    scores,
  };
}

function cornersOf(position: Record<string, unknown>): Pick<BoundingBox, 'minX' | 'minY' | 'maxX' | 'maxY'> | null {
  const [minX, maxX, minY, maxY] = [num(position.minX), num(position.maxX), num(position.minY), num(position.maxY)];
  if (minX !== null && maxX !== null && minY !== null && maxY !== null) {
    return {
      minX: Math.min(minX, maxX),
      maxX: Math.max(minX, maxX),
      minY: Math.min(minY, maxY),
      maxY: Math.max(minY, maxY),
    };
  }
  const middle = position.middle;
  const [width, height] = [num(position.width), num(position.height)];
  if (!Array.isArray(middle) || middle.length !== 2 || width === null || height === null) return null;
  const [x, y] = [num(middle[0]), num(middle[1])];
  if (x === null || y === null) return null;
  const [halfW, halfH] = [Math.abs(width) / 2, Math.abs(height) / 2];
  return { minX: x - halfW, maxX: x + halfW, minY: y - halfH, maxY: y + halfH };
}

/**
 * Class labels as wandb writes them: `{ "0": "cat", "1": "dog" }` (JSON turns the int keys into
 * strings; YAML keeps them ints). Entries whose id is not an integer or whose name is not text are
 * left out. Null when `value` is not such a map.
 */
export function parseClassLabels(value: unknown): ClassLabel[] | null {
  if (!isRecord(value)) return null;
  const labels: ClassLabel[] = [];
  for (const [id, name] of Object.entries(value)) {
    const n = Number(id);
    if (id.trim() !== '' && Number.isInteger(n) && typeof name === 'string') labels.push({ id: n, name });
  }
  return labels.sort((a, b) => a.id - b.id);
}

function boxNamedLabels(list: readonly unknown[]): ClassLabel[] | null {
  const byId = new Map<number, string>();
  for (const entry of list) {
    if (!isRecord(entry)) continue;
    const id = num(entry.class_id);
    const name = str(entry.class_label);
    if (id !== null && Number.isInteger(id) && name) byId.set(id, name);
  }
  if (byId.size === 0) return null;
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.id - b.id);
}

/** The labels of `ids` that `labels` do not name, as wandb defaults them: `class_<id>`. */
export function withDefaultLabels(labels: readonly ClassLabel[], ids: Iterable<number>): ClassLabel[] {
  const byId = new Map(labels.map((label) => [label.id, label.name]));
  for (const id of ids) if (!byId.has(id)) byId.set(id, `class_${id}`);
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.id - b.id);
}
