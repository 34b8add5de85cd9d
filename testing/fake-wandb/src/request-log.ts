export interface RequestRecord {
  kind: 'graphql' | 'storage' | 'files';
  /** The GraphQL operation name (e.g. `Runs`, `RunSampledHistory`), or null. */
  operation: string | null;
  /** Root fields of the operation: aliased batches have one per run. */
  rootFields: number;
  status: number;
  /** The fault injected into this request, if any. */
  fault: string | null;
  durationMs: number;
  /** The client's User-Agent header, if any. */
  userAgent: string | null;
  /** No answer was sent: the client hung up first (e.g. it aborted), or a `disconnect` fault dropped it. */
  clientGone: boolean;
  /** `sampledHistory` specs the request asked for, over all its runs. */
  specs: number;
  /** Bytes of the GraphQL answer's body (0 for other kinds). */
  responseBytes: number;
}

/** Every request the fake served, for asserting how many upstream calls a client made. */
export class RequestLog {
  #records: RequestRecord[] = [];

  record(entry: RequestRecord): void {
    this.#records.push(entry);
  }

  get all(): readonly RequestRecord[] {
    return this.#records;
  }

  /** GraphQL requests, optionally of one operation. */
  count(operation?: string): number {
    return this.#records.filter((r) => r.kind === 'graphql' && (operation === undefined || r.operation === operation))
      .length;
  }

  /** Requests of a kind (`storage` = media downloads). */
  countKind(kind: RequestRecord['kind']): number {
    return this.#records.filter((r) => r.kind === kind).length;
  }

  reset(): void {
    this.#records = [];
  }
}
