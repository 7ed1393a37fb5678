import type { ExportFileDto } from '../../../../shared/contract/features/io';

/** Hands a file the core made to the browser's (or Electron's) download, under its own name. */
export function saveFile(file: ExportFileDto): void {
  const blob = new Blob([file.content], { type: `${file.mime};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by then; the object URL can go.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
