import { redact } from '@run-comparer/wandb-client';

export type LogFields = Record<string, unknown>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface JsonLoggerOptions {
  /** Where each line goes; stdout by default. */
  write?: (line: string) => void;
  /** Strings that must never be written (the wandb API key, the access token). */
  secrets?: readonly string[];
}

/** One JSON object per line, with every secret (and its Basic-auth forms) redacted. */
export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(line));
  const secrets = options.secrets ?? [];
  const log =
    (level: string) =>
    (message: string, fields: LogFields = {}) => {
      const line = JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields });
      write(`${redact(line, secrets)}\n`);
    };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
