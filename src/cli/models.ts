// spatial-lens models list|pull|verify: the app's model catalogue on the command line, cached in a
// folder (one verified <id>.onnx per model, a <id>.onnx.part while downloading, resumed next time).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { isUserError, UserError } from '../domain/errors';
import { CATALOGUE, type Catalogue, type CatalogueEntry, DEFAULT_MODEL_BASE, catalogueUrl, findEntry, formatSize, parseCatalogue, parseModelBase, toManifestEntry } from '../domain/models/catalogue';
import type { ManifestEntry } from '../domain/models/manifest';
import { fetchVerified } from '../adapters/download/fetchVerified';
import { openFileSink } from '../adapters/node/fileSink';

export const MODELS_USAGE = `  spatial-lens models list|pull <id>…|verify [<id>…] [--cache DIR] [--base URL] [--catalogue FILE]

  The catalogue of public depth models the app offers (size, SHA-256, licence, source), cached in a
  folder. pull downloads (resuming a partial file where the server allows byte ranges) and keeps a
  file only if its SHA-256 is the catalogue's; verify hashes the cached files again.
  --cache      default: $SPATIAL_LENS_CACHE, else the user's cache folder (${defaultCacheDir()})
  --base       download from a mirror instead of ${DEFAULT_MODEL_BASE} (or set SPATIAL_LENS_MODEL_BASE)
  --catalogue  a catalogue JSON file (spatial-lens/model-catalogue@1) in place of the built-in one
  lift --model <catalogue id> uses the cached file; with --pull it downloads it first if absent.`;

/** The user's cache folder for models, per platform. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (env.SPATIAL_LENS_CACHE) return path.resolve(env.SPATIAL_LENS_CACHE);
  if (platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'spatial-lens', 'Cache', 'models');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'spatial-lens', 'models');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'spatial-lens', 'models');
}

export interface ModelsContext {
  cache: string;
  base: string;
  catalogue: Catalogue;
}

export function modelsContext(o: { cache?: string; base?: string; catalogue?: string }, env: NodeJS.ProcessEnv = process.env): ModelsContext {
  const catalogue = o.catalogue ? parseCatalogue(readText(o.catalogue), o.catalogue) : CATALOGUE;
  const rawBase = o.base ?? env.SPATIAL_LENS_MODEL_BASE ?? catalogue.base;
  return { cache: path.resolve(o.cache ?? defaultCacheDir(env)), base: rawBase ? parseModelBase(rawBase) : DEFAULT_MODEL_BASE, catalogue };
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserError(`${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`, 'catalogue-file');
  }
}

const cachedFile = (ctx: ModelsContext, e: CatalogueEntry) => path.join(ctx.cache, `${e.id}.onnx`);

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Downloads one entry into the cache unless a verified copy is there; returns its path. */
export async function pullModel(ctx: ModelsContext, id: string, log: (line: string) => void, progress?: (received: number, total: number | null) => void): Promise<string> {
  const e = findEntry(id, ctx.catalogue);
  const file = cachedFile(ctx, e);
  if (fs.existsSync(file) && (await sha256File(file)) === e.sha256) {
    log(`${e.id}: already in ${ctx.cache} (verified)`);
    return file;
  }
  fs.mkdirSync(ctx.cache, { recursive: true });
  const part = `${file}.part`;
  const sink = await openFileSink(part);
  const url = catalogueUrl(e, ctx.base);
  try {
    const r = await fetchVerified({ url, sha256: e.sha256, bytes: e.bytes, label: `${e.name} (${e.variant})` }, { sink, onProgress: progress });
    await sink.close();
    fs.renameSync(part, file);
    log(`${e.id}: ${formatSize(r.bytes)} from ${url}${r.resumedFrom ? ` (resumed at ${formatSize(r.resumedFrom)})` : ''}, SHA-256 verified, saved as ${file}`);
    return file;
  } catch (err) {
    await sink.close().catch(() => undefined);
    // A refused file is emptied by the download itself; drop the empty part file too.
    if (fs.existsSync(part) && fs.statSync(part).size === 0) fs.rmSync(part);
    throw err;
  }
}

/** lift --model <catalogue id>: the cached file (pulled first with --pull), or null for other ids. */
export async function catalogueModel(ctx: ModelsContext, id: string, pull: boolean, log: (line: string) => void): Promise<{ entry: ManifestEntry; file: string } | null> {
  const e = ctx.catalogue.entries.find((x) => x.id === id);
  if (!e) return null;
  const file = cachedFile(ctx, e);
  if (!fs.existsSync(file)) {
    if (!pull)
      throw new UserError(`--model ${id}: ${e.name} (${e.variant}, ${formatSize(e.bytes)}, ${e.licence}) is not downloaded yet; run "spatial-lens models pull ${id}", or add --pull to download it now.`, 'model-missing');
    await pullModel(ctx, id, log);
  }
  return { entry: { ...toManifestEntry(e), file: path.basename(file) }, file };
}

export async function modelsCommand(argv: string[], out: (l: string) => void = (l) => process.stdout.write(`${l}\n`), err: (l: string) => void = (l) => process.stderr.write(`${l}\n`)): Promise<number> {
  const [sub, ...rest] = argv;
  const options = { cache: { type: 'string' }, base: { type: 'string' }, catalogue: { type: 'string' } } satisfies ParseArgsOptionsConfig;
  let args;
  try {
    args = parseArgs({ args: rest, allowPositionals: true, options });
  } catch (e) {
    err(`spatial-lens models: ${(e as Error).message}\n\n${MODELS_USAGE}`);
    return 2;
  }
  if (!sub || !['list', 'pull', 'verify'].includes(sub)) {
    err(`spatial-lens models: say list, pull <id> or verify${sub ? ` (found "${sub}")` : ''}\n\n${MODELS_USAGE}`);
    return 2;
  }
  try {
    const ctx = modelsContext(args.values);
    if (sub === 'list') {
      for (const e of ctx.catalogue.entries) {
        const file = cachedFile(ctx, e);
        const part = fs.existsSync(`${file}.part`) ? fs.statSync(`${file}.part`).size : 0;
        const state = fs.existsSync(file) ? 'cached' : part ? `partial ${formatSize(part)}` : 'not downloaded';
        out(`${e.id.padEnd(26)} ${`${e.name}, ${e.variant}`.padEnd(44)} ${formatSize(e.bytes).padStart(16)}  ${e.licence.padEnd(32)} ${state}${e.recommended ? '  (recommended)' : ''}`);
        out(`${''.padEnd(27)}${catalogueUrl(e, ctx.base)}`);
      }
      for (const m of ctx.catalogue.missing) out(`(none offered) ${m.slot}: ${m.why}`);
      out(`cache: ${ctx.cache}`);
      return 0;
    }
    if (sub === 'pull') {
      if (!args.positionals.length) throw new UserError(`models pull: name a model id (${ctx.catalogue.entries.map((e) => e.id).join(', ')})`, 'usage');
      for (const id of args.positionals) {
        let last = -1;
        await pullModel(ctx, id, out, (got, total) => {
          const pct = total ? Math.floor((100 * got) / total) : -1;
          if (pct !== last && pct % 10 === 0) err(`${id}: ${formatSize(got)}${total ? ` of ${formatSize(total)} (${pct} %)` : ''}`);
          last = pct;
        });
      }
      return 0;
    }
    // verify
    const ids = args.positionals.length ? args.positionals : ctx.catalogue.entries.filter((e) => fs.existsSync(cachedFile(ctx, e))).map((e) => e.id);
    if (!ids.length) {
      out(`no cached models in ${ctx.cache}`);
      return 0;
    }
    let bad = 0;
    for (const id of ids) {
      const e = findEntry(id, ctx.catalogue);
      const file = cachedFile(ctx, e);
      if (!fs.existsSync(file)) {
        out(`${id}: not downloaded`);
        bad++;
        continue;
      }
      const sha = await sha256File(file);
      if (sha === e.sha256) out(`${id}: ok (${formatSize(fs.statSync(file).size)}, SHA-256 ${sha.slice(0, 16)}…)`);
      else {
        out(`${id}: MISMATCH: SHA-256 ${sha.slice(0, 16)}… is not the catalogue's ${e.sha256.slice(0, 16)}…; delete ${file} and pull it again`);
        bad++;
      }
    }
    return bad ? 1 : 0;
  } catch (e) {
    err(`spatial-lens models ${sub}: ${isUserError(e) ? e.message : (e as Error).message}`);
    return isUserError(e) && e.code === 'usage' ? 2 : 1;
  }
}
