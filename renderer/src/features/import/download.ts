import type { ExportFileDto } from '../../../../shared/contract/features/io';
import { downloadText } from '../../lib/download';

/** Hands a file the core made to the browser's (or Electron's) download, under its own name. */
export function saveFile(file: ExportFileDto): void {
  downloadText(file.content, file.mime, file.filename);
}
