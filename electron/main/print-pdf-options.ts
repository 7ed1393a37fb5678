/** Pure parts of the desktop PDF (electron/main/print-pdf.ts), kept apart so tests need no Electron. */

/** "loomcast-week-2026-11-16.pdf"; anything but a calendar date falls back to a plain name. */
export function pdfFileName(weekStart: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(weekStart) ? `loomcast-week-${weekStart}.pdf` : 'loomcast-weekly-report.pdf';
}

/** A4 portrait with the page's own backgrounds, the print stylesheet's margins, and a page footer. */
export function pdfOptions() {
  return {
    pageSize: 'A4' as const,
    landscape: false,
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: '<div style="font-size:8px;width:100%;text-align:center;color:#666"><span class="pageNumber"></span> / <span class="totalPages"></span></div>',
  };
}
