/**
 * Reads a workspace archive into a staging folder, checking as it goes: only a manifest first,
 * then the entries it lists (plain files under fixed names; no links, no `..`, nothing absolute),
 * each no larger than declared, with the SHA-256 it declares, within the limits. Decompressed
 * bytes are counted before tar sees them, so a zip bomb stops at the first byte over the limit.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, statSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../store/private-files';
import { WorkspaceArchiveError } from './errors';
import { ARCHIVE_FORMAT_VERSION, CONTENT_ENTRY, DATABASE_ENTRY, MANIFEST_ENTRY, Manifest, ManifestHead, type ImportLimits } from './manifest';

const mb = (n: number) => `${Math.ceil(n / (1024 * 1024)).toLocaleString('en-US')} MB`;
/** Headers, padding and end-of-archive blocks around the entries' bytes. */
const overhead = (entries: number) => (entries + 2) * 3 * 512 + 1024 * 1024;

function parseManifest(raw: Buffer, limits: ImportLimits, newestSchema: number, freeBytes: number): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new WorkspaceArchiveError('not_a_workspace', 'The archive’s manifest is not readable JSON: this is not a Loomcast workspace archive.');
  }
  const head = ManifestHead.safeParse(json);
  if (!head.success) throw new WorkspaceArchiveError('not_a_workspace', 'The archive’s manifest is not a Loomcast workspace manifest.');
  if (head.data.formatVersion !== ARCHIVE_FORMAT_VERSION) {
    throw new WorkspaceArchiveError(
      'wrong_format_version',
      `This archive uses workspace format ${head.data.formatVersion}; this version of Loomcast reads format ${ARCHIVE_FORMAT_VERSION}.${head.data.formatVersion > ARCHIVE_FORMAT_VERSION ? ' Update Loomcast to import it.' : ''}`,
    );
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WorkspaceArchiveError('not_a_workspace', `The archive’s manifest is damaged (${issue?.path.join('.') || 'manifest'}: ${issue?.message ?? 'invalid'}).`);
  }
  const m = parsed.data;
  if (m.schemaVersion > newestSchema) {
    throw new WorkspaceArchiveError('newer_schema', `This workspace was exported by a newer Loomcast (${m.app.version}, database schema ${m.schemaVersion}; this version knows up to ${newestSchema}). Update Loomcast to import it.`);
  }
  const paths = new Set<string>();
  for (const e of m.entries) {
    if (paths.has(e.path)) throw new WorkspaceArchiveError('not_a_workspace', `The manifest lists ${e.path} twice.`);
    paths.add(e.path);
    // Media are kept by the SHA-256 of their bytes: a file under another file's name would stand in
    // for that picture in every post that uses it, here and in any workspace that later has it.
    if (e.path !== DATABASE_ENTRY && e.path.slice('media/'.length) !== e.sha256) {
      throw new WorkspaceArchiveError('checksum_mismatch', `${e.path} is not named by the SHA-256 of its own bytes (the manifest gives ${e.sha256.slice(0, 12)}…): the archive is damaged or was changed.`);
    }
    if (e.bytes > limits.maxEntryBytes) throw new WorkspaceArchiveError('too_large', `${e.path} would unpack to ${mb(e.bytes)}, over the limit of ${mb(limits.maxEntryBytes)} for one file.`);
  }
  if (m.entries.length > limits.maxEntries) throw new WorkspaceArchiveError('too_large', `The archive lists ${m.entries.length.toLocaleString('en-US')} files, over the limit of ${limits.maxEntries.toLocaleString('en-US')}.`);
  const total = m.entries.reduce((s, e) => s + e.bytes, 0);
  if (total > limits.maxTotalBytes) throw new WorkspaceArchiveError('too_large', `The workspace would unpack to ${mb(total)}, over the limit of ${mb(limits.maxTotalBytes)}.`);
  if (total > freeBytes) throw new WorkspaceArchiveError('no_space', `The workspace needs ${mb(total)} of free space; only ${mb(freeBytes)} is free there.`);
  return m;
}

function entryProblem(entry: ReadEntry): string | null {
  const p = entry.path;
  if (entry.type !== 'File' && entry.type !== 'OldFile') return `${p} is a ${entry.type === 'SymbolicLink' ? 'symbolic link' : entry.type === 'Link' ? 'hard link' : entry.type.toLowerCase()}, and a workspace archive holds only files`;
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p) || p.includes('\\') || p.split('/').includes('..')) return `${p} points outside the folder it is unpacked into`;
  return null;
}

export interface StagedArchive {
  manifest: Manifest;
}

/** Unpacks `archivePath` into the existing, empty, private folder `staging`. */
export async function readArchive(archivePath: string, staging: string, limits: ImportLimits, newestSchema: number, freeBytes = Number.POSITIVE_INFINITY): Promise<StagedArchive> {
  let size: number;
  try {
    const st = statSync(archivePath);
    if (!st.isFile()) throw new WorkspaceArchiveError('not_an_archive', `${archivePath} is not a file.`);
    size = st.size;
  } catch (err) {
    if (err instanceof WorkspaceArchiveError) throw err;
    throw new WorkspaceArchiveError('not_an_archive', `${archivePath} cannot be read: ${(err as Error).message}`);
  }
  if (size > limits.maxArchiveBytes) throw new WorkspaceArchiveError('too_large', `The archive is ${mb(size)}, over the limit of ${mb(limits.maxArchiveBytes)}.`);

  mkdirSync(join(staging, 'media'), { mode: PRIVATE_DIR_MODE });
  return new Promise<StagedArchive>((resolve, reject) => {
    let manifest: Manifest | null = null;
    let declaredByPath = new Map<string, Manifest['entries'][number]>();
    let failed = false;
    // Until the manifest's header is read, only a header's worth (and its pax records) may come.
    let budget = overhead(1);
    let seen = 0;
    const done = new Map<string, { bytes: number; sha256: string }>();
    const writes: Promise<void>[] = [];
    const outs = new Set<WriteStream>();

    const input = createReadStream(archivePath);
    const gunzip = createGunzip();
    const counter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        seen += chunk.length;
        if (seen > budget) return cb(new WorkspaceArchiveError('too_large', `The archive unpacks to more than its headers and manifest declare (over ${mb(budget)}): refused as a possible decompression bomb.`));
        cb(null, chunk);
      },
    });
    const parser = new Parser({ strict: true });
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      input.destroy();
      gunzip.destroy();
      counter.destroy();
      for (const out of outs) out.destroy();
      reject(err instanceof WorkspaceArchiveError ? err : new WorkspaceArchiveError('not_an_archive', `This is not a readable .tar.gz archive: ${(err as Error).message}`));
    };

    parser.on('entry', (entry: ReadEntry) => {
      if (failed) return entry.resume();
      const problem = entryProblem(entry);
      if (problem) return fail(new WorkspaceArchiveError('unsafe_entry', `Refused: ${problem}.`));
      if (!manifest) {
        if (entry.path !== MANIFEST_ENTRY) return fail(new WorkspaceArchiveError('not_a_workspace', `This archive does not start with a Loomcast manifest (its first file is ${entry.path}): it is not a workspace archive.`));
        if ((entry.size ?? 0) > limits.maxManifestBytes) return fail(new WorkspaceArchiveError('too_large', `The manifest is ${mb(entry.size ?? 0)}, over the limit of ${mb(limits.maxManifestBytes)}.`));
        budget = seen + (entry.size ?? 0) + overhead(1);
        const chunks: Buffer[] = [];
        entry.on('data', (c: Buffer) => chunks.push(c));
        entry.on('end', () => {
          try {
            manifest = parseManifest(Buffer.concat(chunks), limits, newestSchema, freeBytes);
            // By path: an archive may list up to maxEntries files, each looked up as it comes.
            declaredByPath = new Map(manifest.entries.map((e) => [e.path, e]));
            // From here on only the declared entries may follow, plus their headers and padding.
            budget = seen + manifest.entries.reduce((s, e) => s + e.bytes, 0) + overhead(manifest.entries.length);
          } catch (err) {
            fail(err);
          }
        });
        return;
      }
      const declared = declaredByPath.get(entry.path);
      if (!declared) {
        const why = CONTENT_ENTRY.test(entry.path) ? 'which its manifest does not list' : 'which is not part of a workspace';
        return fail(new WorkspaceArchiveError(CONTENT_ENTRY.test(entry.path) ? 'checksum_mismatch' : 'unsafe_entry', `Refused: the archive holds ${entry.path}, ${why}.`));
      }
      if (done.has(entry.path)) return fail(new WorkspaceArchiveError('unsafe_entry', `Refused: the archive holds ${entry.path} twice.`));
      if (entry.size !== declared.bytes) return fail(new WorkspaceArchiveError('checksum_mismatch', `${entry.path} is ${entry.size} bytes; the manifest says ${declared.bytes}.`));
      const hash = createHash('sha256');
      let bytes = 0;
      const out: WriteStream = createWriteStream(join(staging, entry.path), { flags: 'wx', mode: PRIVATE_FILE_MODE });
      outs.add(out);
      entry.on('data', (c: Buffer) => {
        bytes += c.length;
        hash.update(c);
      });
      writes.push(
        new Promise<void>((ok, ko) => {
          out.on('error', ko);
          out.on('close', () => {
            outs.delete(out);
            const sha256 = hash.digest('hex');
            done.set(entry.path, { bytes, sha256 });
            if (sha256 !== declared.sha256) ko(new WorkspaceArchiveError('checksum_mismatch', `${entry.path} does not match its checksum in the manifest: the archive is damaged or was changed.`));
            else ok();
          });
        }).catch((err: unknown) => fail(err)),
      );
      entry.pipe(out);
    });
    parser.on('error', fail);
    parser.on('warn', (_code: string, message: string | Error) => fail(new Error(typeof message === 'string' ? message : message.message)));
    parser.on('end', () => {
      void Promise.all(writes).then(() => {
        if (failed) return;
        if (!manifest) return fail(new WorkspaceArchiveError('not_a_workspace', 'The archive holds no Loomcast manifest: it is not a workspace archive.'));
        const missing = manifest.entries.filter((e) => !done.has(e.path)).map((e) => e.path);
        if (missing.length > 0) return fail(new WorkspaceArchiveError('incomplete', `The archive lacks ${missing.length} file${missing.length === 1 ? '' : 's'} its manifest lists (${missing.slice(0, 3).join(', ')}${missing.length > 3 ? '…' : ''}).`));
        resolve({ manifest });
      });
    });
    input.on('error', fail);
    gunzip.on('error', fail);
    counter.on('error', fail);
    input.pipe(gunzip).pipe(counter).pipe(parser as unknown as NodeJS.WritableStream);
  });
}
