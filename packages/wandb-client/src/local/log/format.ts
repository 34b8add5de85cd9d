import { crc32 } from 'node:zlib';

/**
 * Framing of a `.wandb` file: a 7-byte file header, then a LevelDB-style log of chunks laid out
 * in 32 KiB blocks counted from offset 0. Each chunk is `crc32 (u32 LE) | length (u16 LE) |
 * type (u8) | payload`, never crosses a block boundary, and block tails shorter than a chunk
 * header are zero-filled. The checksum is plain IEEE CRC-32 over the type byte then the payload.
 */

export const BLOCK_SIZE = 32 * 1024;
export const CHUNK_HEADER_SIZE = 7;

/** `:W&B`, magic 0xBEE1 (little-endian), version 0. */
export const FILE_HEADER = Uint8Array.of(0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00);
export const FILE_HEADER_SIZE = FILE_HEADER.length;

export const CHUNK_FULL = 1;
export const CHUNK_FIRST = 2;
export const CHUNK_MIDDLE = 3;
export const CHUNK_LAST = 4;

const TYPE_SEEDS = [0, 1, 2, 3, 4].map((type) => crc32(Uint8Array.of(type)));

/** The checksum a chunk of `type` carrying `payload` must have. */
export function chunkChecksum(type: number, payload: Uint8Array): number {
  return crc32(payload, TYPE_SEEDS[type] ?? crc32(Uint8Array.of(type)));
}

/** The offset where the block holding `offset` ends. */
export function blockEnd(offset: number): number {
  return (Math.floor(offset / BLOCK_SIZE) + 1) * BLOCK_SIZE;
}
