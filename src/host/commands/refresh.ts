/** Refresh: re-read the configs, rescan every folder, refresh the job statuses. */
import type { Host } from '../host';

export const refresh = (host: Host) => async (): Promise<void> => {
  await host.folders.load();
  await Promise.all(host.folders.configured().map((s) => host.folders.scan(s, true)));
  await host.jobs.poll();
};
