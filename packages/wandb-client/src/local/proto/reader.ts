/**
 * A minimal protobuf wire-format reader: just enough to walk the fields of the records a `.wandb`
 * file holds. Every read is bounds-checked and throws {@link ProtoError} on malformed input, so a
 * damaged record costs one record, never the whole file.
 */

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

export class ProtoError extends Error {
  override name = 'ProtoError';
}

const utf8 = new TextDecoder('utf-8');

/** Set by {@link varintAt}: the offset just after the varint it read. */
export let varintEnd = 0;

/** Read an unsigned varint at `pos` (exact up to 2^53), without allocating: the hot path's primitive. */
export function varintAt(buf: Uint8Array, pos: number, end: number): number {
  let result = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= end) throw new ProtoError('varint runs past the end of the message');
    const byte = buf[pos++]!;
    result += (byte & 0x7f) * scale;
    if (byte < 0x80) {
      varintEnd = pos;
      return result;
    }
    scale *= 128;
  }
  throw new ProtoError('varint longer than 10 bytes');
}

export class ProtoReader {
  /** Field number of the last tag read by {@link next}. */
  field = 0;
  /** Wire type of the last tag read by {@link next}. */
  wire = 0;

  constructor(
    readonly buf: Uint8Array,
    public pos = 0,
    readonly end = buf.length,
  ) {}

  /** Read the next tag; false at the end of the message. */
  next(): boolean {
    if (this.pos >= this.end) return false;
    const tag = this.varint();
    this.field = Math.floor(tag / 8);
    this.wire = tag & 7;
    if (this.field === 0) throw new ProtoError(`field number 0 at byte ${this.pos}`);
    return true;
  }

  /** An unsigned varint as a number (exact up to 2^53; int64 values beyond that lose precision). */
  varint(): number {
    const value = varintAt(this.buf, this.pos, this.end);
    this.pos = varintEnd;
    return value;
  }

  /** A varint read as a two's complement int64/int32 (negative values are sign-extended to 10 bytes). */
  int64(): number {
    const start = this.pos;
    const value = this.varint();
    if (this.pos - start <= 7) return value;
    let wide = 0n;
    for (let i = start; i < this.pos; i++) wide |= BigInt(this.buf[i]! & 0x7f) << BigInt(7 * (i - start));
    return Number(BigInt.asIntN(64, wide));
  }

  bool(): boolean {
    return this.varint() !== 0;
  }

  /** Start and end offsets of a length-delimited field's payload; advances past it. */
  span(): [number, number] {
    const length = this.varint();
    const start = this.pos;
    const stop = start + length;
    if (stop > this.end) throw new ProtoError(`length ${length} runs past the end of the message`);
    this.pos = stop;
    return [start, stop];
  }

  string(): string {
    const [start, stop] = this.span();
    return utf8.decode(this.buf.subarray(start, stop));
  }

  /** A reader over an embedded message. */
  message(): ProtoReader {
    const [start, stop] = this.span();
    return new ProtoReader(this.buf, start, stop);
  }

  double(): number {
    if (this.pos + 8 > this.end) throw new ProtoError('fixed64 runs past the end of the message');
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8);
    this.pos += 8;
    return view.getFloat64(0, true);
  }

  /** Skip the value of the last tag read. */
  skipField(): void {
    switch (this.wire) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        this.advance(8);
        return;
      case WIRE_LEN:
        this.span();
        return;
      case WIRE_FIXED32:
        this.advance(4);
        return;
      default:
        throw new ProtoError(`unsupported wire type ${this.wire} for field ${this.field}`);
    }
  }

  /** True when the last tag read is `field` with wire type `wire`. A field with an unexpected wire type is skipped by the caller, as protobuf does. */
  is(field: number, wire: number): boolean {
    return this.field === field && this.wire === wire;
  }

  private advance(bytes: number): void {
    if (this.pos + bytes > this.end) throw new ProtoError('fixed-width value runs past the end of the message');
    this.pos += bytes;
  }
}
