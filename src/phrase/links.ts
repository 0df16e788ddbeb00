/** Browser links into Phrase TMS (not API calls). */

/** The job in Phrase TMS's web editor: `{baseUrl}/job/{uid}/translate` (the sandbox's emulator serves a page there too). */
export function jobWebUrl(baseUrl: string, jobUid: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/job/${encodeURIComponent(jobUid)}/translate`;
}
