import { create } from 'zustand';
import type { ImportColumnDto, ImportFieldsDto, ImportRowResultDto } from '../../../../shared/contract/features/io';
import type { Problem } from '../../lib/errors';
import { localeDateOrder, systemLocale } from '../../../../shared/domain/datetime-format';

export type ImportLayout = 'auto' | 'loomcast' | 'hootsuite';

export interface ImportSettings {
  layout: ImportLayout;
  dateOrder: 'dmy' | 'mdy';
  /** Where rows that name no accounts go (all of a Hootsuite file). */
  accounts: string;
  /** Empty: the creator's zone from Settings. */
  zone: string;
  mediaFolder: string;
}

export interface ImportProgress {
  phase: 'checking' | 'media' | 'saving' | 'done' | 'cancelled';
  done: number;
  total: number;
}

/**
 * The import in front of the creator: the file, how it is read, every row with its errors, the
 * one being edited, and progress. Rows are the core's answers; an edit is checked by the core
 * before it replaces a row here.
 */
interface ImportState {
  stage: 'pick' | 'reading' | 'preview' | 'importing' | 'done';
  fileName: string | null;
  csv: string | null;
  settings: ImportSettings;
  /** Settings changed since the file was read: offer to read it again. */
  settingsChanged: boolean;
  layout: 'loomcast' | 'hootsuite' | null;
  zone: string | null;
  columns: ImportColumnDto[];
  rows: ImportRowResultDto[];
  /** The core's name for this check of the rows: the commit does not check unchanged rows again. */
  token: string | null;
  /** The page of rows on screen (a big file is shown a page at a time). */
  page: number;
  editing: number | null;
  /**
   * Fields typed into a row's editor and not yet checked, by line: closing the editor (Escape,
   * Close, editing another row) keeps them for the next Edit; Cancel or a clean check lets them go.
   */
  rowEdits: Record<number, ImportFieldsDto>;
  /** The line being checked after an edit. */
  checking: number | null;
  onlyProblems: boolean;
  /** The running preview or import, as named in its io:importProgress reports. */
  importId: string | null;
  progress: ImportProgress | null;
  result: { posts: number; targets: number; skipped: number } | null;
  problem: Problem | null;
  /** A calm note after a cancelled import. */
  notice: string | null;
}

/** Slashed dates read as the creator's own locale writes them (03/04 is 4 March in the US, 3 April in Britain); the picker changes it. */
export const INITIAL_SETTINGS: ImportSettings = { layout: 'auto', dateOrder: localeDateOrder(systemLocale()), accounts: '', zone: '', mediaFolder: '' };

export const initialImportState = (): ImportState => ({
  stage: 'pick',
  fileName: null,
  csv: null,
  settings: INITIAL_SETTINGS,
  settingsChanged: false,
  layout: null,
  zone: null,
  columns: [],
  rows: [],
  token: null,
  page: 0,
  editing: null,
  rowEdits: {},
  checking: null,
  onlyProblems: false,
  importId: null,
  progress: null,
  result: null,
  problem: null,
  notice: null,
});

export const useImportStore = create<ImportState>(initialImportState);

/** Rows that hold the import back: not skipped, with errors. */
export const blockingRows = (rows: readonly ImportRowResultDto[]) => rows.filter((r) => !r.skip && r.errors.length > 0);
export const readyRows = (rows: readonly ImportRowResultDto[]) => rows.filter((r) => !r.skip && r.errors.length === 0);
