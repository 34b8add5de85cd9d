import { imageSetFromValue } from '../../images.js';
import { scalarOfJson } from '../../scalars/scalar-value.js';
import { mediaPathsOf } from '../../media-values/media-paths.js';
import { summaryOnlySets } from '../../media-values/summary-media.js';
import type { ImageSet, RunState } from '../../types.js';
import type { LogDamage, LogSink } from '../log/parser.js';
import { decodeRecord, type DecodedRecord, type ItemJson, type RecordType, type RunFields } from '../proto/records.js';
import { HistoryScanner } from './history-scan.js';
import { deletePath, parseWandbJson, setPath } from './json.js';

export interface DamageTally {
  count: number;
  /** Offset of the first damaged byte range. */
  first: number;
  kinds: Set<LogDamage>;
}

export interface ExitInfo {
  exitCode: number;
  runtime: number;
  /** The state the writer recorded with the exit code (pre-0.10 run folders: `killed` for 255); else from the code. */
  state?: RunState;
}

/** A config or summary change as read, kept by an index that is merged onto another later. */
export interface UpdateOp {
  target: 'config' | 'summary';
  update: ItemJson[];
  remove: ItemJson[];
}

/**
 * What one `.wandb` file says about its run, built record by record as the file is read. It
 * keeps only what a comparison needs, never the history rows themselves: run metadata, config,
 * the summary (or the last value of each history key), the image index (per key, per step, the
 * ImageSet) and the media paths the records name. Its size grows with the number of logged
 * images and keys, not with the file.
 */
export class RunIndex implements LogSink {
  /**
   * With `journal`, the config and summary changes are also kept in order ({@link updates}), so
   * an index of the end of a file can be applied onto an index of its start.
   */
  constructor(options: { journal?: boolean } = {}) {
    this.updates = options.journal ? [] : null;
  }

  readonly updates: UpdateOp[] | null;
  /** Whole records read, of every type, readable or not. */
  records = 0;
  meta: RunFields = {};
  hasRunRecord = false;
  readonly config: Record<string, unknown> = {};
  /** The summary from SummaryRecords; null when the file has none (a killed or running run). */
  summary: Record<string, unknown> | null = null;
  /** The last value of each history key: the summary of a run that wrote no SummaryRecord. */
  private readonly history = new HistoryScanner();
  readonly images = new Map<string, Map<number, ImageSet>>();
  /** Paths under `files/` that the run's own records name (FilesRecords and image values). */
  readonly mediaPaths = new Set<string>();
  exit: ExitInfo | null = null;
  /** A FooterRecord was read: the writer closed the file cleanly. */
  closed = false;
  historyRows = 0;
  lastStep: number | null = null;
  /** Latest wall-clock time (ms) any record carries: history `_timestamp`, stats, console output. */
  lastActivity: number | null = null;
  private readonly otherCounts = new Map<RecordType, number>();
  damaged: DamageTally | null = null;
  unreadableRecords = 0;
  firstUnreadable: number | null = null;
  unreadableValues = 0;
  /** Bumped on every record, so views can cache what they derive. */
  version = 0;

  record(payload: Uint8Array, start: number): void {
    const buf = Buffer.isBuffer(payload)
      ? payload
      : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
    this.version++;
    this.records++;
    try {
      if (this.history.scanRecord(buf)) {
        this.applyHistory(buf);
        return;
      }
      const record = decodeRecord(buf);
      this.count(record.type);
      this.apply(record);
    } catch {
      this.unreadableRecords++;
      this.firstUnreadable ??= start;
    }
  }

  flush(): void {
    const timestamp = this.history.values.get('_timestamp');
    const pending = timestamp?.buf ? timestamp.buf.toString('utf8', timestamp.start, timestamp.end) : null;
    this.history.flush();
    if (pending !== null) {
      const seconds = Number(pending);
      if (Number.isFinite(seconds)) this.touch(seconds * 1000);
    }
  }

  private count(type: RecordType): void {
    this.otherCounts.set(type, (this.otherCounts.get(type) ?? 0) + 1);
  }

  damage(kind: LogDamage, offset: number): void {
    this.version++;
    this.damaged ??= { count: 0, first: offset, kinds: new Set() };
    this.damaged.count++;
    this.damaged.kinds.add(kind);
  }

  private apply(record: DecodedRecord): void {
    switch (record.type) {
      case 'run':
        return this.applyRun(record.run);
      case 'config':
        this.applyUpdates('config', record.update, record.remove);
        return;
      case 'summary':
        this.applyUpdates('summary', record.update, record.remove);
        for (const item of record.update) this.noteSummaryImage(item);
        return;
      case 'files':
        for (const file of record.files) this.mediaPaths.add(normalize(file.path));
        return;
      case 'exit':
        this.exit = { exitCode: record.exitCode, runtime: record.runtime };
        return;
      case 'footer':
        this.closed = true;
        return;
      default:
        if ('time' in record && record.time !== null) this.touch(record.time);
    }
  }

  private applyRun(run: RunFields): void {
    this.hasRunRecord = true;
    // A later RunRecord re-sends the whole run; fields it leaves empty keep their earlier value.
    for (const [name, value] of Object.entries(run) as [keyof RunFields, unknown][]) {
      if (name === 'config' || value === '' || (Array.isArray(value) && value.length === 0)) continue;
      (this.meta as Record<string, unknown>)[name] = value;
    }
    if (run.config) this.applyUpdates('config', run.config, []);
    if (run.startTime) this.touch(run.startTime);
  }

  private applyUpdates(name: UpdateOp['target'], update: ItemJson[], remove: ItemJson[]): void {
    this.updates?.push({ target: name, update, remove });
    const target = name === 'config' ? this.config : (this.summary ??= {});
    applyItems(target, update, remove, (text) => this.parse(text));
  }

  private applyHistory(buf: Buffer): void {
    const step = this.history.rowStep(buf, this.lastStep);
    for (const { key, text } of this.history.candidates) this.indexImage(key, step, text);
    this.historyRows++;
    if (this.lastStep === null || step > this.lastStep) this.lastStep = step;
  }

  private indexImage(key: string, step: number, valueJson: string): void {
    const set = imageSetFromValue(key, step, this.parse(valueJson));
    if (!set) return;
    let byStep = this.images.get(key);
    if (!byStep) this.images.set(key, (byStep = new Map()));
    byStep.set(step, set);
    for (const path of mediaPathsOf(set)) this.mediaPaths.add(path);
  }

  /** Media set on the summary alone (`run.summary["best"] = wandb.Image(...)`) are media of the run too. */
  private noteSummaryImage(item: ItemJson): void {
    if (item.valueJson.charCodeAt(0) !== 0x7b) return;
    const value = this.parse(item.valueJson);
    if (value === undefined) return;
    const holder: Record<string, unknown> = {};
    setPath(holder, item.path ?? [item.key], value);
    for (const set of summaryOnlySets(holder, this.lastStep, () => false))
      for (const path of mediaPathsOf(set)) this.mediaPaths.add(path);
  }

  private parse(text: string): unknown {
    try {
      return parseWandbJson(text);
    } catch {
      this.unreadableValues++;
      return undefined;
    }
  }

  private touch(time: number): void {
    if (this.lastActivity === null || time > this.lastActivity) this.lastActivity = time;
  }

  /** Records read, by type. */
  get counts(): Map<RecordType, number> {
    const counts = new Map(this.otherCounts);
    if (this.historyRows > 0) counts.set('history', this.historyRows);
    return counts;
  }

  /** History keys whose last logged value is a number (NaN and ±Infinity included). */
  numericKeys(): string[] {
    const keys: string[] = [];
    for (const [key, { text }] of this.history.values) if (text !== null && scalarOfJson(text) !== null) keys.push(key);
    return keys;
  }

  /** The summary the run reports: its SummaryRecord, or else the last value of each history key. */
  summaryValues(): Record<string, unknown> {
    if (this.summary) return this.summary;
    if (this.lastSummary?.version !== this.version) {
      const values: Record<string, unknown> = {};
      for (const [key, { text }] of this.history.values) {
        try {
          if (text !== null) setPath(values, [key], parseWandbJson(text));
        } catch {
          // Counted as unreadable when it matters; a summary shows what it can.
        }
      }
      this.lastSummary = { version: this.version, values };
    }
    return this.lastSummary.values;
  }

  private lastSummary: { version: number; values: Record<string, unknown> } | null = null;
}

/**
 * Apply config or summary items onto `target` in order: updates set a value at the item's path,
 * removes delete it. `parse` turns the JSON text into a value, or undefined to skip the item.
 */
export function applyItems(
  target: Record<string, unknown>,
  update: readonly ItemJson[],
  remove: readonly ItemJson[],
  parse: (text: string) => unknown,
): void {
  for (const item of update) {
    const value = parse(item.valueJson);
    if (value === undefined) continue;
    setPath(target, item.path ?? [item.key], value);
  }
  for (const item of remove) deletePath(target, item.path ?? [item.key]);
}

function normalize(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\/+/, '');
}
