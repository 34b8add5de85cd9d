import type { RequestHandler, Response } from 'express';

/** An AbortSignal per request that fires when the client goes away before the answer is sent. */
export function clientSignal(): RequestHandler {
  return (_req, res, next) => {
    const controller = new AbortController();
    res.locals.signal = controller.signal;
    res.on('close', () => {
      if (!res.writableFinished) controller.abort(new DOMException('The client closed the request.', 'AbortError'));
    });
    next();
  };
}

export function signalOf(res: Response): AbortSignal | undefined {
  return res.locals.signal as AbortSignal | undefined;
}
