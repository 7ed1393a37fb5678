import { describe, expect, it } from 'vitest';
import { pdfFileName, pdfOptions } from '../../electron/main/print-pdf-options';

describe('weekly report PDF (desktop)', () => {
  it('names the file after the week and falls back to a plain name for anything else', () => {
    expect(pdfFileName('2026-11-16')).toBe('loomcast-week-2026-11-16.pdf');
    expect(pdfFileName('../../etc/passwd')).toBe('loomcast-weekly-report.pdf');
    expect(pdfFileName('')).toBe('loomcast-weekly-report.pdf');
  });

  it('prints A4 portrait with backgrounds and page numbers', () => {
    const o = pdfOptions();
    expect(o).toMatchObject({ pageSize: 'A4', landscape: false, printBackground: true, displayHeaderFooter: true });
    expect(o.footerTemplate).toContain('class="pageNumber"');
  });
});
