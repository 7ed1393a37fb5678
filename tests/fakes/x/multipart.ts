/** Just enough multipart/form-data parsing for X's media routes. */
export interface Part {
  data: Buffer;
  filename?: string;
  contentType?: string;
}

export function parseMultipart(raw: Buffer, contentType: string | undefined): Map<string, Part> | null {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  if (!contentType?.toLowerCase().startsWith('multipart/form-data') || !m) return null;
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`);
  const parts = new Map<string, Part>();
  let at = raw.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, start);
    if (next === -1) break;
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF, then the next delimiter.
    const chunk = raw.subarray(start + 2, next - 2);
    const split = chunk.indexOf('\r\n\r\n');
    if (split !== -1) {
      const head = chunk.subarray(0, split).toString('utf8');
      const name = /name="([^"]*)"/i.exec(head)?.[1];
      const filename = /filename="([^"]*)"/i.exec(head)?.[1];
      const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
      if (name !== undefined) parts.set(name, { data: Buffer.from(chunk.subarray(split + 4)), ...(filename !== undefined ? { filename } : {}), ...(type ? { contentType: type.trim() } : {}) });
    }
    at = next;
  }
  return parts;
}
