import { useEffect } from 'react';
import { AppError } from '../../../../shared/contract';
import { decodeTextFile } from '../../../../shared/domain/text-file';
import type { ImportFieldsDto, ImportOptionsDto, ImportRowResultDto } from '../../../../shared/contract/features/io';
import { api } from '../../api/client';
import { toProblem } from '../../lib/errors';
import { initialImportState, useImportStore, type ImportSettings } from './import.store';

const get = () => useImportStore.getState();
const set = useImportStore.setState;

let listening = false;

/** Progress pushes of the running import; one subscription for the app's lifetime. */
function listen(): void {
  if (listening) return;
  listening = true;
  api.subscribe('io:importProgress', ({ importId, phase, done, total }) => {
    if (get().importId === importId) set({ progress: { phase, done, total } });
  });
}

export function useImportFeed(): void {
  useEffect(listen, []);
}

function options(s: ImportSettings): ImportOptionsDto {
  return {
    dateOrder: s.dateOrder,
    ...(s.zone.trim() ? { zone: s.zone.trim() } : {}),
    ...(s.mediaFolder.trim() ? { mediaFolder: s.mediaFolder.trim() } : {}),
  };
}

const asInput = (r: ImportRowResultDto) => ({ line: r.line, fields: r.fields, skip: r.skip });

export async function readFile(file: File): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (err) {
    set({ problem: { message: `Loomcast could not open ${file.name}. Is it still there?`, details: (err as Error).message } });
    return;
  }
  let csv: string;
  try {
    csv = decodeTextFile(bytes, file.name);
  } catch (err) {
    set({ problem: toProblem(err) });
    return;
  }
  set({ fileName: file.name, csv });
  await readAgain();
}

/** Reads the chosen file with the current settings; edits made in the preview start over. */
export async function readAgain(): Promise<void> {
  const { csv, settings } = get();
  if (csv === null) return;
  // The core reports how many rows it has checked under this id (a big file takes a moment).
  const previewId = crypto.randomUUID();
  set({ stage: 'reading', importId: previewId, progress: null, problem: null, notice: null, editing: null, rowEdits: {}, result: null });
  try {
    const preview = await api.call('io:importPreview', { csv, layout: settings.layout, accounts: settings.accounts, options: options(settings), previewId });
    if (get().importId !== previewId) return; // the creator started over meanwhile
    set({
      stage: 'preview',
      layout: preview.layout,
      zone: preview.zone,
      columns: preview.columns,
      rows: preview.rows,
      token: preview.token,
      page: 0,
      settingsChanged: false,
      onlyProblems: false,
      importId: null,
      progress: null,
    });
  } catch (err) {
    if (get().importId !== previewId) return;
    set({ stage: get().rows.length ? 'preview' : 'pick', problem: toProblem(err), importId: null, progress: null });
  }
}

/** Stops reading a file: the core stops checking, and the screen goes back to where it was. */
export async function cancelReading(): Promise<void> {
  const { importId, stage, rows } = get();
  if (stage !== 'reading' || !importId) return;
  set({ stage: rows.length ? 'preview' : 'pick', importId: null, progress: null, notice: 'Reading the file was cancelled.' });
  await api.call('io:importCancel', { importId }).catch(() => undefined);
}

export function changeSettings(patch: Partial<ImportSettings>): void {
  set((s) => ({ settings: { ...s.settings, ...patch }, settingsChanged: s.csv !== null }));
}

export const editRow = (line: number | null) => set({ editing: line, problem: null });

/** What was typed into a row's editor, kept until it is checked clean or cancelled (null). */
export function keepRowEdit(line: number, fields: ImportFieldsDto | null): void {
  set((s) => {
    const rowEdits = { ...s.rowEdits };
    if (fields === null) delete rowEdits[line];
    else rowEdits[line] = fields;
    return { rowEdits };
  });
}
export const setOnlyProblems = (onlyProblems: boolean) => set({ onlyProblems, page: 0 });
export const showPage = (page: number) => set({ page: Math.max(0, page) });

const replaceRow = (row: ImportRowResultDto) => set((s) => ({ rows: s.rows.map((r) => (r.line === row.line ? row : r)) }));

/** Checks an edited row with the core; the row is replaced by the answer, errors and all. */
export async function saveRow(line: number, fields: ImportFieldsDto): Promise<boolean> {
  const row = get().rows.find((r) => r.line === line);
  if (!row) return false;
  set({ checking: line, problem: null });
  try {
    const { rows } = await api.call('io:importCheck', { rows: [{ line, fields, skip: row.skip }], options: options(get().settings) });
    const checked = rows[0]!;
    replaceRow(checked);
    if (checked.errors.length === 0) {
      set({ editing: null });
      keepRowEdit(line, null);
    }
    return checked.errors.length === 0;
  } catch (err) {
    set({ problem: toProblem(err) });
    return false;
  } finally {
    set({ checking: null });
  }
}

export function toggleSkip(line: number): void {
  set((s) => ({ rows: s.rows.map((r) => (r.line === line ? { ...r, skip: !r.skip } : r)) }));
}

/** Skips every row that still has a problem, so the rest can go in; each can be included again. */
export function skipProblemRows(): void {
  set((s) => ({ rows: s.rows.map((r) => (!r.skip && r.errors.length > 0 ? { ...r, skip: true } : r)) }));
}

/** Every row again: after a refused import the times may have passed, or accounts changed. */
async function recheckAll(): Promise<void> {
  const { rows, settings } = get();
  if (rows.length === 0) return;
  const checked = await api.call('io:importCheck', { rows: rows.map(asInput), options: options(settings) });
  set({ rows: checked.rows });
}

export async function commitImport(): Promise<void> {
  const { rows, settings, token } = get();
  const importId = crypto.randomUUID();
  set({ stage: 'importing', importId, progress: null, problem: null, notice: null, editing: null });
  try {
    const result = await api.call('io:importCommit', { importId, rows: rows.map(asInput), options: options(settings), ...(token ? { previewToken: token } : {}) });
    set({ stage: 'done', result: { posts: result.posts, targets: result.targets, skipped: result.skipped }, importId: null, progress: null });
  } catch (err) {
    // The core answers a cancelled import with conflict (the progress push may come later).
    const cancelled = err instanceof AppError && err.code === 'conflict';
    set({ stage: 'preview', importId: null, progress: null, ...(cancelled ? { notice: err.message } : { problem: toProblem(err) }) });
    if (err instanceof AppError && err.code === 'invalid_input') await recheckAll().catch(() => undefined);
  }
}

export async function cancelImport(): Promise<void> {
  const { importId } = get();
  if (!importId) return;
  try {
    const { cancelled } = await api.call('io:importCancel', { importId });
    if (!cancelled) set({ notice: 'Too late to cancel: the posts are being saved.' });
  } catch (err) {
    set({ problem: toProblem(err) });
  }
}

export function startOver(): void {
  const { settings } = get();
  set({ ...initialImportState(), settings });
}
