/**
 * The editor's side of "credentials go only where the user meant": when a workspace's
 * locale-loop.json names a host that is not a known Phrase TMS / ModernMT host, ask once per
 * workspace. A yes is remembered in the workspace state; a no for this session (a background
 * refresh must not ask again and again).
 */
import * as vscode from 'vscode';
import type { ServiceName } from '../util/http/hostPolicy';

const stateKey = 'localeLoop.approvedHosts';

export function hostConfirmer(state: vscode.Memento): (host: string, service: ServiceName) => Promise<boolean> {
  const refused = new Set<string>();
  const pending = new Map<string, Promise<boolean>>();
  return (host, service) => {
    const id = `${service} ${host}`;
    if (state.get<string[]>(stateKey, []).includes(id)) return Promise.resolve(true);
    if (refused.has(id)) return Promise.resolve(false);
    let answer = pending.get(id);
    if (!answer) {
      answer = (async () => {
        const allow = vscode.l10n.t('Allow for This Workspace');
        const choice = await vscode.window.showWarningMessage(
          vscode.l10n.t('locale-loop.json sends your {0} credentials to {1}, which is not a known {0} host. Send them there?', service, host),
          { modal: true, detail: vscode.l10n.t('Only allow a host you trust: it receives your token, password or API key.') },
          allow,
        );
        if (choice === allow) await state.update(stateKey, [...state.get<string[]>(stateKey, []), id]);
        else refused.add(id);
        pending.delete(id);
        return choice === allow;
      })();
      pending.set(id, answer);
    }
    return answer;
  };
}
