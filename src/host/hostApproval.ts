/**
 * The editor's side of "credentials go only where the user meant": when a workspace's
 * locale-loop.json names a host that is not a known Phrase TMS / ModernMT host, ask once per
 * workspace. Both answers are remembered in the workspace state: a yes so the user is not asked
 * again, a no so a background refresh never asks (or sends) again.
 */
import * as vscode from 'vscode';
import type { ServiceName } from '../util/http/hostPolicy';

const approvedKey = 'localeLoop.approvedHosts';
const refusedKey = 'localeLoop.refusedHosts';

export class HostApprovals {
  private readonly pending = new Map<string, Promise<boolean>>();

  constructor(private readonly state: vscode.Memento) {}

  /** What this workspace decided for the host: true (send), false (never send), undefined (ask). */
  decision(host: string, service: ServiceName): boolean | undefined {
    const id = `${service} ${host.toLowerCase()}`;
    if (this.state.get<string[]>(approvedKey, []).includes(id)) return true;
    if (this.state.get<string[]>(refusedKey, []).includes(id)) return false;
    return undefined;
  }

  /** Records a decision (undefined forgets it, so the user is asked again). */
  async remember(host: string, service: ServiceName, allow: boolean | undefined): Promise<void> {
    const id = `${service} ${host.toLowerCase()}`;
    const without = (key: string) => this.state.get<string[]>(key, []).filter((x) => x !== id);
    await this.state.update(approvedKey, allow === true ? [...without(approvedKey), id] : without(approvedKey));
    await this.state.update(refusedKey, allow === false ? [...without(refusedKey), id] : without(refusedKey));
  }

  /** The `HostGate.confirm` of the editor's clients: the remembered decision, else one question. */
  readonly confirm = (host: string, service: ServiceName): Promise<boolean> => {
    const known = this.decision(host, service);
    if (known !== undefined) return Promise.resolve(known);
    const id = `${service} ${host.toLowerCase()}`;
    let answer = this.pending.get(id);
    if (!answer) {
      answer = (async () => {
        const allow = vscode.l10n.t('Allow for This Workspace');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t(
            'locale-loop.json sends your {0} credentials to {1}, which is not a known {0} host. Send them there?',
            service,
            host,
          ),
          {
            modal: true,
            detail: vscode.l10n.t('Only allow a host you trust: it receives your token, password or API key.'),
          },
          allow,
        );
        await this.remember(host, service, choice === allow);
        this.pending.delete(id);
        return choice === allow;
      })();
      this.pending.set(id, answer);
    }
    return answer;
  };
}
