import { WIRE_LEN, WIRE_VARINT } from './reader.js';

const utf8 = new TextEncoder();

/** A minimal protobuf wire-format writer for the records the `.wandb` writer emits. */
export class ProtoWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  /** An unsigned or non-negative varint field; negative int32/int64 values are written sign-extended, as protobuf does. */
  varint(field: number, value: number): this {
    this.tag(field, WIRE_VARINT);
    this.rawVarint(value);
    return this;
  }

  bool(field: number, value: boolean): this {
    return this.varint(field, value ? 1 : 0);
  }

  string(field: number, value: string): this {
    this.tag(field, WIRE_LEN);
    // UTF-8 takes at most 3 bytes per UTF-16 unit: reserve that, encode in place, fix the length.
    const most = value.length * 3;
    this.ensure(10 + most);
    return this.lengthPrefixed(most, () => {
      this.len += utf8.encodeInto(value, this.buf.subarray(this.len)).written;
    });
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LEN);
    this.rawVarint(value.length);
    this.ensure(value.length);
    this.buf.set(value, this.len);
    this.len += value.length;
    return this;
  }

  /** An embedded message built by `build`, written in place (no intermediate buffer). */
  message(field: number, build: (writer: ProtoWriter) => void): this {
    this.tag(field, WIRE_LEN);
    this.ensure(10);
    return this.lengthPrefixed(127, () => build(this));
  }

  /**
   * Write a length-delimited body with `write`, leaving room for its length varint sized for
   * `expected` bytes, and move the body when the actual length needs another varint size.
   */
  private lengthPrefixed(expected: number, write: () => void): this {
    const reserved = varintSize(expected);
    const start = this.len + reserved;
    this.len = start;
    write();
    const length = this.len - start;
    const needed = varintSize(length);
    if (needed !== reserved) {
      this.ensure(needed - reserved);
      this.buf.copyWithin(start + needed - reserved, start, this.len);
      this.len += needed - reserved;
    }
    const end = this.len;
    this.len = start - reserved;
    this.rawVarint(length);
    this.len = end;
    return this;
  }

  private tag(field: number, wire: number): void {
    this.rawVarint(field * 8 + wire);
  }

  private rawVarint(value: number): void {
    this.ensure(10);
    if (value < 0) {
      let wide = BigInt.asUintN(64, BigInt(Math.trunc(value)));
      while (wide >= 0x80n) {
        this.buf[this.len++] = Number(wide & 0x7fn) | 0x80;
        wide >>= 7n;
      }
      this.buf[this.len++] = Number(wide);
      return;
    }
    let rest = Math.trunc(value);
    while (rest >= 0x80) {
      this.buf[this.len++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.buf[this.len++] = rest;
  }

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buf.subarray(0, this.len));
    this.buf = grown;
  }
}

function varintSize(value: number): number {
  let size = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    size++;
  }
  return size;
}
