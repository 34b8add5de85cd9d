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

export interface ImageCandidate {
  key: string;
  text: string;
}

const TYPE_MARK = Buffer.from('"_type"');

interface KeyEntry {
  bytes: Buffer;
  key: string;
  slot: LastValue;
}

export class HistoryScanner {
  /** Last value per key, in first-seen order. */
  readonly values = new Map<string, LastValue>();
  /** Keys of the previous row by position: most rows repeat them in the same order. */
  private readonly recentKeys: (KeyEntry | undefined)[] = [];
  /** Every key seen, by a hash of its bytes: rows that add or drop a key shift the others. */
  private readonly keysByHash = new Map<number, KeyEntry>();
  private readonly touched: LastValue[] = [];
  /** Values that look like media (`{"_type": ...}`), decoded at once for the image index. */
  readonly candidates: ImageCandidate[] = [];
  /** The step of the last row scanned: HistoryStep.num (0 for an empty sub-message), or null when absent. */
  step: number | null = null;

  /**
   * Scan `buf` when it is a Record holding a HistoryRecord (field 2) and return true; return
   * false for any other record type, without reading further.
   */
  scanRecord(buf: Buffer): boolean {
    let pos = 0;
    const end = buf.length;
    while (pos < end) {
      const tag = varint(buf, pos, end);
      pos = varintEnd;
      const field = tag >>> 3;
      const wire = tag & 7;
      if (field === 2 && wire === WIRE_LEN) {
        const length = varint(buf, pos, end);
        if (varintEnd + length > end) throw new ProtoError('history runs past the end of the record');
        this.scan(buf, varintEnd, varintEnd + length);
        return true;
      }
      // Other record types are never field 1 (num) or 16/19/200 (control, uuid, info).
      if (field !== 1 && field !== 16 && field !== 19 && field !== 200) return false;
      pos = skip(buf, wire, pos, end);
    }
    return false;
  }

  /** Walk one HistoryRecord body; image-like values are left in {@link candidates}. */
  private scan(buf: Buffer, start: number, end: number): void {
    this.candidates.length = 0;
    this.step = null;
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
      if (field === 2) this.step = readStep(buf, bodyStart, bodyEnd);
      else this.item(buf, bodyStart, bodyEnd, index++);
    }
  }

  private item(buf: Buffer, start: number, end: number, index: number): void {
    let keyStart = -1;
    let keyEnd = -1;
    let valueStart = -1;
    let valueEnd = -1;
    let nested: string[] | null = null;
    let pos = start;
    // The usual layout, `key` (field 1, short) then `value_json` (field 16) filling the item, is
    // read directly; anything else goes through the general loop below.
    if (buf[start] === 0x0a && buf[start + 1]! < 0x80) {
      const ks = start + 2;
      const ke = ks + buf[start + 1]!;
      if (ke + 3 <= end && buf[ke] === 0x82 && buf[ke + 1] === 0x01) {
        const length = varint(buf, ke + 2, end);
        if (varintEnd + length === end) {
          keyStart = ks;
          keyEnd = ke;
          valueStart = varintEnd;
          valueEnd = end;
          pos = end;
        }
      }
    }
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
    const entry = keyEnd > keyStart ? this.keyAt(buf, keyStart, keyEnd, index) : null;
    const key = entry ? entry.key : nested?.join('.');
    if (!key) return;
    const slot = entry ? entry.slot : this.slotOf(key);
    if (slot.buf === null) this.touched.push(slot);
    slot.buf = buf;
    slot.start = valueStart;
    slot.end = valueEnd;
    if (buf[valueStart] === 0x7b && valueEnd - valueStart > 8 && looksTyped(buf, valueStart, valueEnd)) {
      this.candidates.push({ key, text: buf.toString('utf8', valueStart, valueEnd) });
    }
  }

  /** The key at item position `index`, and its slot, found by its bytes before decoding anything. */
  private keyAt(buf: Buffer, start: number, end: number, index: number): KeyEntry {
    const recent = this.recentKeys[index];
    if (recent && sameBytes(recent.bytes, buf, start, end)) return recent;
    const hash = hashBytes(buf, start, end);
    let entry = this.keysByHash.get(hash);
    if (!entry || !sameBytes(entry.bytes, buf, start, end)) {
      const key = buf.toString('utf8', start, end);
      entry = { bytes: Buffer.from(buf.subarray(start, end)), key, slot: this.slotOf(key) };
      this.keysByHash.set(hash, entry);
    }
    this.recentKeys[index] = entry;
    return entry;
  }

  private slotOf(key: string): LastValue {
    let slot = this.values.get(key);
    if (!slot) this.values.set(key, (slot = new LastValue()));
    return slot;
  }

  /**
   * The step of the row just scanned (held in `buf`): its HistoryStep, else its `_step` item, else
   * the step after `previous` (the last step read before it), as wandb numbers rows.
   */
  rowStep(buf: Buffer, previous: number | null): number {
    if (this.step !== null) return this.step;
    const parsed = Number(this.valueInRow('_step', buf));
    return Number.isSafeInteger(parsed) ? parsed : previous === null ? 0 : previous + 1;
  }

  /** The JSON text of `key` if the last row scanned (held in `buf`) set it. */
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

function sameBytes(bytes: Buffer, buf: Buffer, start: number, end: number): boolean {
  if (bytes.length !== end - start) return false;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== buf[start + i]) return false;
  return true;
}

/** FNV-1a over a byte range. */
function hashBytes(buf: Buffer, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ buf[i]!, 0x01000193);
  return hash >>> 0;
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
