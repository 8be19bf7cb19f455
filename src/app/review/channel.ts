// The tab channel: tabs on the same project learn of each other's decisions and imports. The log in
// storage is the truth; a message is only the nudge to read it again.
import type { Broadcast } from './ports';

export interface TabMessage {
  project: string;
  /** The queue changed too (an import, an assignment), not only decisions. */
  rows: boolean;
}

const isTabMessage = (m: unknown): m is TabMessage => typeof m === 'object' && m !== null && typeof (m as TabMessage).project === 'string';

/** Sends this tab's nudges, and calls `heard` with the other tabs'. */
export function tabChannel(broadcast: Broadcast, heard: (m: TabMessage) => void) {
  const stop = broadcast.listen((m) => {
    if (isTabMessage(m)) heard({ project: m.project, rows: m.rows === true });
  });
  return { tell: (m: TabMessage) => broadcast.post(m), stop };
}
