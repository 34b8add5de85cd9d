import { once } from 'node:events';
import type { ServerResponse } from 'node:http';

/**
 * Wait `ms` before answering, or until the client hangs up (as a real server's request context is
 * cancelled). True when the client is gone and there is no one left to answer.
 */
export async function pause(ms: number, res: ServerResponse): Promise<boolean> {
  if (ms > 0) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, ms))), once(res, 'close')]);
    clearTimeout(timer);
  }
  return res.destroyed || res.writableEnded;
}

/** The time every GraphQL request takes before it is answered, as over the internet to api.wandb.ai. */
export class Latency {
  /** Milliseconds added to each GraphQL request; 0 (loopback speed) by default. */
  ms: number;

  constructor(ms = 0) {
    this.ms = ms;
  }
}
