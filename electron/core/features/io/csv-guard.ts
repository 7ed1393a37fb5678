/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell that starts with =, +, -, @, a
 * tab or a carriage return is run as a formula by Excel, LibreOffice and Google Sheets. A post
 * text like "=HYPERLINK(…)" or "@everyone" must open as text, so the export puts a single quote
 * in front, which spreadsheets hide; the import takes that quote off again, so an exported file
 * imports back to the same words.
 */
const TRIGGER = /^\s*[=+\-@]|^[\t\r]/;

export function guardCell(value: string): string {
  return TRIGGER.test(value) ? `'${value}` : value;
}

export function unguardCell(value: string): string {
  return value.startsWith("'") && TRIGGER.test(value.slice(1)) ? value.slice(1) : value;
}
