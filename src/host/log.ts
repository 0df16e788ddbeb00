/** The "Locale Loop" LogOutputChannel as the core's Logger (the user's log level applies). */
import type * as vscode from 'vscode';
import type { Logger } from '../util/logger';

export function channelLogger(channel: vscode.LogOutputChannel): Logger {
  return {
    trace: (m) => channel.trace(m),
    debug: (m) => channel.debug(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
  };
}
