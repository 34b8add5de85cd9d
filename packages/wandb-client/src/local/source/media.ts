import { constants, type ReadStream } from 'node:fs';
import { open, realpath, stat, type FileHandle } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { InvalidArgumentError, NotFoundError } from '../../errors.js';
import { mimeTypeOf } from '../../images.js';

/** A media file of a run, opened after the safety checks, for a server to send. */
export interface LocalMediaFile {
  /** The path as the run's records name it, relative to the run's `files/`. */
  path: string;
  /** The file's real location on disk. */
  file: string;
  size: number;
  contentType: string;
  /** ISO 8601 modification time, for Last-Modified / caching. */
  modifiedAt: string;
  /** Stream the bytes (closes the file when done). Call once, or call {@link read} instead. */
  stream(): ReadStream;
  /** Read all the bytes (closes the file). */
  read(): Promise<Buffer>;
  /** Close the file without reading it. */
  close(): Promise<void>;
}

/**
 * Check the shape of a media path before it touches the disk: relative, inside the run's
 * `files/`, no `..`, no NUL. Returns the normalised path or throws InvalidArgumentError.
 */
export function checkMediaPath(path: unknown): string {
  if (typeof path !== 'string' || path.length === 0) {
    throw new InvalidArgumentError(
      'A media path must be a non-empty string such as "media/images/samples_0_ab12.png".',
    );
  }
  const normalized = path.replace(/\\/g, '/');
  const refuse = (why: string) =>
    new InvalidArgumentError(
      `The media path "${path.slice(0, 200)}" is refused: ${why}. Use a path the run's history names, relative to its files/ folder.`,
    );
  if (normalized.includes('\0')) throw refuse('it contains a NUL byte');
  if (normalized.startsWith('/') || /^[A-Za-z]:/.test(normalized)) throw refuse('it is absolute');
  const segments = normalized.split('/');
  if (segments.includes('..')) throw refuse('it climbs out of the run folder with ".."');
  if (segments.some((s) => s === '' || s === '.')) throw refuse('it has empty or "." segments');
  return normalized;
}

/**
 * Where `path` really is under `filesDir`, following symlinks, or an error: NotFoundError when
 * the file is not there, InvalidArgumentError when it leads outside `filesDir`.
 */
export async function resolveMediaFile(filesDir: string, path: string, runId: string): Promise<string> {
  let root: string;
  let target: string;
  try {
    root = await realpath(filesDir);
    target = await realpath(join(filesDir, path));
  } catch (error) {
    throw new NotFoundError(
      'file',
      path,
      `Run ${runId} names "${path}", but the file is not on disk (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`,
      { cause: error },
    );
  }
  if (!target.startsWith(root + sep)) {
    throw new InvalidArgumentError(
      `The media path "${path}" of run ${runId} leads outside the run's files/ folder (through a symlink); it is refused.`,
    );
  }
  const info = await stat(target);
  if (!info.isFile()) throw new NotFoundError('file', path, `Run ${runId}'s "${path}" is not a regular file.`);
  return target;
}

/** Open a resolved media file without following a symlink swapped in since it was resolved. */
export async function openResolvedMedia(path: string, target: string, runId: string): Promise<LocalMediaFile> {
  let handle: FileHandle;
  try {
    handle = await open(target, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    throw new NotFoundError(
      'file',
      path,
      `Run ${runId}'s "${path}" cannot be opened (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
      { cause: error },
    );
  }
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    throw new NotFoundError('file', path, `Run ${runId}'s "${path}" is not a regular file.`);
  }
  return {
    path,
    file: target,
    size: info.size,
    contentType: mimeTypeOf(path),
    modifiedAt: info.mtime.toISOString(),
    stream: () => handle.createReadStream({ autoClose: true }),
    read: async () => {
      try {
        return await handle.readFile();
      } finally {
        await handle.close();
      }
    },
    close: () => handle.close(),
  };
}
