/**
 * Hands a file to the browser's (or Electron's) downloads: a hidden link clicked once. `href` is
 * an object URL or an address of the host's; `filename` '' keeps the name the server gives.
 */
export function downloadHref(href: string, filename: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
}

/** Downloads text made in the page (a CSV, an .ics) under `filename`. */
export function downloadText(content: string, mime: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: `${mime};charset=utf-8` }));
  downloadHref(url, filename);
  // The download has started by then; the object URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
