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
    return this.bytes(field, utf8.encode(value));
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LEN);
    this.rawVarint(value.length);
    this.ensure(value.length);
    this.buf.set(value, this.len);
    this.len += value.length;
    return this;
  }

  /** An embedded message built by `build`. */
  message(field: number, build: (writer: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    build(inner);
    return this.bytes(field, inner.finish());
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
