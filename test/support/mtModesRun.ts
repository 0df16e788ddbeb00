/**
 * The tricky-input corpus × every mangling mode of the ModernMT emulator, through the real
 * protect → translate → restore path, each accepted result judged by the independent checker.
 * Shared by the test (0 wrong accepted) and `npm run bench` (the figures).
 */
import type { ModernMtClient } from '../../src/modernmt/client';
import { protect } from '../../src/modernmt/protect';
import { restore } from '../../src/modernmt/restore';
import type { ModernMtEmulator, TagMode } from '../emulators/modernmt/server';
import { tagModes } from '../emulators/modernmt/engine';
import { judge } from './mtChecker';
import { mtCorpus } from './mtCorpus';

export interface ModeOutcome {
  readonly mode: TagMode | 'none';
  readonly text: string;
  readonly engine: string;
  readonly result: string;
  readonly accepted: boolean;
  /** Accepted, yet the checker finds it wrong. */
  readonly wrong: boolean;
  readonly reason?: string;
  readonly problems: readonly string[];
}

export async function runCorpusModes(
  mmt: ModernMtEmulator,
  client: ModernMtClient,
  target = 'fr',
): Promise<ModeOutcome[]> {
  const out: ModeOutcome[] = [];
  for (const mode of ['none', ...tagModes] as const) {
    mmt.setTagModes(mode === 'none' ? [] : [mode]);
    const prot = mtCorpus.map((c) => protect(c.text, { icu: c.icu }));
    const translated = await client.translate(
      'en',
      target,
      prot.map((p) => p.xml),
      { format: 'text/xml' },
    );
    mtCorpus.forEach((c, i) => {
      const r = restore(prot[i]!, translated[i]!.translation, { icu: c.icu });
      const verdict = judge(c.text, r.text, c.icu);
      out.push({
        mode,
        text: c.text,
        engine: translated[i]!.translation,
        result: r.text,
        accepted: r.ok,
        wrong: r.ok && !verdict.ok,
        reason: r.ok ? undefined : r.reason,
        problems: verdict.problems,
      });
    });
  }
  mmt.setTagModes([]);
  return out;
}

export function tally(outcomes: readonly ModeOutcome[]): {
  wrongAccepted: number;
  refused: number;
  correct: number;
  total: number;
} {
  return {
    wrongAccepted: outcomes.filter((o) => o.wrong).length,
    refused: outcomes.filter((o) => !o.accepted).length,
    correct: outcomes.filter((o) => o.accepted && !o.wrong).length,
    total: outcomes.length,
  };
}
