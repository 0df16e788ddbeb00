/**
 * Import settings as objects (`/api2/v1/importSettings`, S24 `ImportSettingsCreateDto` /
 * `ImportSettingsDto`): created once, found by name, named in a create-job `Memsource` header.
 * Settings Phrase would refuse (an invalid or nested-quantifier regexp) are refused.
 */
import { randomBytes } from 'node:crypto';
import type { Reply } from './jobs';
import { settingsProblem } from './jsonFilter';
import type { ImportSettings } from './model';
import { date } from './model';

export class SettingsBook {
  readonly all = new Map<string, ImportSettings>();

  list(name: string | null): unknown[] {
    return [...this.all.values()]
      .filter((s) => !name || s.name.includes(name))
      .map((s) => ({ uid: s.uid, name: s.name, dateCreated: date(s.dateCreated) }));
  }

  create(body: unknown): Reply {
    const b = body as { name?: unknown; fileImportSettings?: ImportSettings['fileImportSettings'] } | undefined;
    if (typeof b?.name !== 'string' || !b.name || !b.fileImportSettings || typeof b.fileImportSettings !== 'object') {
      return [400, { errorCode: 'InvalidArguments', errorDescription: 'name and fileImportSettings are required' }];
    }
    const problem = settingsProblem(b.fileImportSettings.json);
    if (problem) return [400, { errorCode: 'InvalidArguments', errorDescription: `json: ${problem}` }];
    const s: ImportSettings = {
      uid: `is${randomBytes(6).toString('hex')}`,
      name: b.name,
      dateCreated: Date.now(),
      fileImportSettings: b.fileImportSettings,
    };
    this.all.set(s.uid, s);
    return [201, dto(s)];
  }

  get(uid: string): Reply {
    // The organisation's default: the JSON filter's documented defaults (S24 JsonSettingsDto).
    if (uid === 'default') {
      return [
        200,
        dto({
          uid: 'default',
          name: 'Default',
          dateCreated: 0,
          fileImportSettings: { json: { htmlSubFilter: true, icuSubFilter: false } },
        }),
      ];
    }
    const s = this.all.get(uid);
    return s
      ? [200, dto(s)]
      : [404, { errorCode: 'ResourceNotFound', errorDescription: `Import settings ${uid} not found` }];
  }

  delete(uid: string): Reply {
    return this.all.delete(uid)
      ? [204, undefined]
      : [404, { errorCode: 'ResourceNotFound', errorDescription: `Import settings ${uid} not found` }];
  }
}

function dto(s: ImportSettings): Record<string, unknown> {
  return { uid: s.uid, name: s.name, dateCreated: date(s.dateCreated), fileImportSettings: s.fileImportSettings };
}
