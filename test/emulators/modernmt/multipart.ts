/** Request bodies the emulator reads besides JSON. */

/** Multipart bodies, parsed by the platform's own `Response.formData()` (undici in Node). */
export async function parseMultipart(raw: Buffer, contentType: string): Promise<Record<string, unknown>> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const out: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v === 'string') out[k] = v;
    else out[k] = { filename: v.name, size: v.size, content: Buffer.from(await v.arrayBuffer()) };
  }
  return out;
}
