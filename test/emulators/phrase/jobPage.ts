/**
 * The web editor's page of a job, where "Open Job in Phrase TMS" points ({baseUrl}/job/{uid}/translate,
 * the browser link of the real service): a small read-only HTML page of the job's keys and texts.
 */
import type { ServerResponse } from 'node:http';
import type { Job, SourceFile } from './model';
import { leaves } from './model';

export function writeJobPage(
  uid: string,
  job: Job | undefined,
  file: SourceFile | undefined,
  res: ServerResponse,
): void {
  const esc = (t: string) =>
    t.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const segments = file?.segments.get(job!.targetLang);
  const rows = file
    ? leaves(file.source)
        .map(
          ([p, text]) =>
            `<tr><td><code>${esc(p)}</code></td><td>${esc(text)}</td><td>${esc(segments?.get(p)?.text ?? '')}</td></tr>`,
        )
        .join('\n')
    : '';
  const body = job
    ? `<h1>${esc(job.filename)} → ${esc(job.targetLang)}</h1><p>Job <code>${esc(job.uid)}</code> · status <b>${esc(job.status)}</b> · project <code>${esc(job.projectUid)}</code></p><table border="1" cellpadding="4"><tr><th>key</th><th>source</th><th>translation</th></tr>\n${rows}\n</table>`
    : `<h1>No job ${esc(uid)}</h1><p>This emulated Phrase TMS has no such job.</p>`;
  res.writeHead(job ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><html><head><meta charset="utf-8"><title>Phrase TMS (emulator) · job ${esc(uid)}</title></head><body style="font-family: sans-serif">\n<p><i>Phrase TMS emulator — the web editor of the real service opens here.</i></p>\n${body}\n</body></html>\n`,
  );
}
