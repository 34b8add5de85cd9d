import {
  ProtoError,
  WIRE_FIXED32,
  WIRE_FIXED64,
  WIRE_LEN,
  WIRE_VARINT,
  varintAt as varint,
  varintEnd,
} from '../proto/reader.js';

/**
 * The hot path of indexing: HistoryRecords are most of a `.wandb` file, so they are walked
 * with plain offset arithmetic instead of reader objects, item keys repeated from the previous
 * row are recognised by their bytes instead of decoded again, and values are not decoded at
 * all until the end of the file window, and then only the last value of each key.
 */

/** The last value of one history key: its JSON text, or where its bytes are in the current window. */
export class LastValue {
  text: string | null = null;
  buf: Buffer | null = null;
  start = 0;
  end = 0;
}

/** Skip one field value of wire type `wire` at `pos`; returns the offset after it. */
function skip(buf: Uint8Array, wire: number, pos: number, end: number): number {
  let after: number;
  if (wire === WIRE_VARINT) {
    varint(buf, pos, end);
    after = varintEnd;
  } else if (wire === WIRE_LEN) {
    after = varint(buf, pos, end) + varintEnd;
  } else if (wire === WIRE_FIXED64) {
    after = pos + 8;
  } else if (wire === WIRE_FIXED32) {
    after = pos + 4;
  } else {
    throw new ProtoError(`unsupported wire type ${wire}`);
  }
  if (after > end) throw new ProtoError('field runs past the end of the message');
  return after;
}

/** The body of the Record's `history` field (2), or null when the record is of another type. */
export function historyBody(buf: Uint8Array): [number, number] | null {
  let pos = 0;
  const end = buf.length;
  while (pos < end) {
    const tag = varint(buf, pos, end);
    pos = varintEnd;
    const wire = tag & 7;
    if (tag >>> 3 === 2 && wire === WIRE_LEN) {
      const length = varint(buf, pos, end);
      if (varintEnd + length > end) throw new ProtoError('history runs past the end of the record');
      return [varintEnd, varintEnd + length];
    }
    // Record types other than history are never field 1 (num) or 16/19/200 (control, uuid, info).
    const field = tag >>> 3;
    if (field !== 1 && field !== 16 && field !== 19 && field !== 200) return null;
    pos = skip(buf, wire, pos, end);
  }
  return null;
}

export interface ImageCandidate {
  key: string;
  text: string;
}

const TYPE_MARK = Buffer.from('"_type"');

export class HistoryScanner {
  /** Last value per key, in first-seen order. */
  readonly values = new Map<string, LastValue>();
  /** Keys of the previous row by position: most rows repeat them in the same order. */
  private readonly recentKeys: { bytes: Buffer; key: string; slot: LastValue }[] = [];
  private readonly touched: LastValue[] = [];
  /** Values that look like media (`{"_type": ...}`), decoded at once for the image index. */
  readonly candidates: ImageCandidate[] = [];

  /**
   * Walk one HistoryRecord body. Returns its step (HistoryStep.num, 0 when the sub-message is
   * empty) or null when the record has none. Image-like values are left in {@link candidates}.
   */
  scan(buf: Buffer, start: number, end: number): number | null {
    this.candidates.length = 0;
    let step: number | null = null;
    let index = 0;
    let pos = start;
    while (pos < end) {
      const tag = varint(buf, pos, end);
      pos = varintEnd;
      const field = tag >>> 3;
      const wire = tag & 7;
      if (wire !== WIRE_LEN || (field !== 1 && field !== 2)) {
        pos = skip(buf, wire, pos, end);
        continue;
      }
      const length = varint(buf, pos, end);
      const bodyStart = varintEnd;
      const bodyEnd = bodyStart + length;
      if (bodyEnd > end) throw new ProtoError('history field runs past the end of the record');
      pos = bodyEnd;
      if (field === 2) step = readStep(buf, bodyStart, bodyEnd);
      else this.item(buf, bodyStart, bodyEnd, index++);
    }
    return step;
  }

  private item(buf: Buffer, start: number, end: number, index: number): void {
    let keyStart = -1;
    let keyEnd = -1;
    let valueStart = -1;
    let valueEnd = -1;
    let nested: string[] | null = null;
    let pos = start;
    while (pos < end) {
      const tag = varint(buf, pos, end);
      pos = varintEnd;
      const wire = tag & 7;
      if (wire !== WIRE_LEN) {
        pos = skip(buf, wire, pos, end);
        continue;
      }
      const length = varint(buf, pos, end);
      const from = varintEnd;
      const to = from + length;
      if (to > end) throw new ProtoError('history item runs past the end of the record');
      pos = to;
      const field = tag >>> 3;
      if (field === 1) {
        keyStart = from;
        keyEnd = to;
      } else if (field === 16) {
        valueStart = from;
        valueEnd = to;
      } else if (field === 2) {
        (nested ??= []).push(buf.toString('utf8', from, to));
      }
    }
    if (valueStart < 0) return;
    const recent = keyEnd > keyStart ? this.keyAt(buf, keyStart, keyEnd, index) : null;
    const key = recent ? recent.key : nested?.join('.');
    if (!key) return;
    const slot = recent ? recent.slot : this.slotOf(key);
    if (slot.buf === null) this.touched.push(slot);
    slot.buf = buf;
    slot.start = valueStart;
    slot.end = valueEnd;
    if (buf[valueStart] === 0x7b && valueEnd - valueStart > 8 && looksTyped(buf, valueStart, valueEnd)) {
      this.candidates.push({ key, text: buf.toString('utf8', valueStart, valueEnd) });
    }
  }

  /** The key at item position `index`, and its slot: the previous row's when the bytes match. */
  private keyAt(buf: Buffer, start: number, end: number, index: number): { key: string; slot: LastValue } {
    const recent = this.recentKeys[index];
    if (recent && recent.bytes.length === end - start) {
      const bytes = recent.bytes;
      let same = true;
      for (let i = 0; i < bytes.length; i++) {
        if (bytes[i] !== buf[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return recent;
    }
    const key = buf.toString('utf8', start, end);
    const entry = { bytes: Buffer.from(buf.subarray(start, end)), key, slot: this.slotOf(key) };
    this.recentKeys[index] = entry;
    return entry;
  }

  private slotOf(key: string): LastValue {
    let slot = this.values.get(key);
    if (!slot) this.values.set(key, (slot = new LastValue()));
    return slot;
  }

  /** The JSON text of `key` if this row (the last scanned, held in `buf`) set it. */
  valueInRow(key: string, buf: Buffer): string | null {
    const slot = this.values.get(key);
    return slot && slot.buf === buf ? buf.toString('utf8', slot.start, slot.end) : null;
  }

  /** Decode the values that still point into the file window, before the window is reused. */
  flush(): void {
    for (const slot of this.touched) {
      slot.text = slot.buf!.toString('utf8', slot.start, slot.end);
      slot.buf = null;
    }
    this.touched.length = 0;
  }
}

function readStep(buf: Uint8Array, start: number, end: number): number {
  let step = 0;
  let pos = start;
  while (pos < end) {
    const tag = varint(buf, pos, end);
    pos = varintEnd;
    if (tag === 0x08) {
      step = varint(buf, pos, end);
      pos = varintEnd;
    } else {
      pos = skip(buf, tag & 7, pos, end);
    }
  }
  return step;
}

/** Whether the JSON object text holds a `"_type"` key (bytes search; no decoding). */
function looksTyped(buf: Buffer, start: number, end: number): boolean {
  return buf.subarray(start, end).includes(TYPE_MARK);
}
