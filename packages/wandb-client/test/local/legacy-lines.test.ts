import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppendedLines } from '../../src/local/legacy/appended-lines.js';
import { rng, tempDir } from './helpers.js';

/** JSONL rows of varied lengths, with multi-byte characters and an empty line, as a growing history file holds them. */
function jsonl(random: () => number, rows: number): string {
  let text = '';
  for (let step = 0; step < rows; step++) {
    const caption = 'ünïcødé ✓ 画像 '.repeat(Math.floor(random() * 40));
    text += `{"loss": ${random().toFixed(5)}, "caption": ${JSON.stringify(caption)}, "_step": ${step}}\n`;
    if (step === 3) text += '\n';
  }
  return text;
}

describe('AppendedLines: the lines of a file followed as it grows', () => {
  it.each([1, 7, 64, 4096, 1 << 20])(
    'reads the same lines however the file grew and whatever the window (%i bytes)',
    async (window) => {
      const dir = await tempDir('lines-');
      for (let seed = 1; seed <= 6; seed++) {
        const random = rng(seed * 7919 + window);
        const text = jsonl(random, 40);
        const bytes = Buffer.from(text);
        const file = join(dir, `history-${seed}.jsonl`);
        writeFileSync(file, '');
        const follower = new AppendedLines(window);
        const lines: Array<[string, number]> = [];
        let written = 0;
        while (written < bytes.length) {
          // Appends cut anywhere: inside a line, inside a multi-byte character, right after a newline.
          const cut = Math.min(bytes.length, written + 1 + Math.floor(random() * 300));
          appendFileSync(file, bytes.subarray(written, cut));
          written = cut;
          await follower.read(file, written, (line, start) => lines.push([line, start]));
          const lastNewline = bytes.lastIndexOf(0x0a, written - 1);
          expect(follower.offset).toBe(lastNewline + 1);
          expect(follower.pending).toBe(written - lastNewline - 1);
        }
        const expected: Array<[string, number]> = [];
        let start = 0;
        for (const line of text.split('\n').slice(0, -1)) {
          expected.push([line, start]);
          start += Buffer.byteLength(line) + 1;
        }
        expect(lines).toEqual(expected);
      }
    },
  );

  it('leaves a last line without its newline pending, and reads it once the newline comes', async () => {
    const dir = await tempDir('lines-');
    const file = join(dir, 'h.jsonl');
    writeFileSync(file, '{"a": 1}\n{"a": 2');
    const follower = new AppendedLines();
    const lines: string[] = [];
    await follower.read(file, 16, (line) => lines.push(line));
    expect([lines, follower.pending]).toEqual([['{"a": 1}'], 7]);
    appendFileSync(file, '}\n');
    await follower.read(file, 18, (line) => lines.push(line));
    expect([lines, follower.pending]).toEqual([['{"a": 1}', '{"a": 2}'], 0]);
  });
});
