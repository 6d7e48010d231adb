// The adapter registry and the one entry point of the read stage: command-line paths → defaults + a row stream.
import { extname } from 'node:path';
import { ConfigError, InputError } from '../errors.js';
import type { Kind } from '../types.js';
import { batchesOfOne, eachRow, type RowBatches } from './batches.js';
import { checkReadable } from './files.js';
import type { Manifest } from './manifest.js';
import { MAX_MESSAGE, oneLine } from './oneline.js';
import type { CatalogEntry, Defaults, ReadContext, ResolvedInputs, SourceAdapter, SourceInput } from './types.js';
import { ref } from '../messages/said.js';

/**
 * The adapters by file name, each loaded when a file of its format is first read: a run on workbooks only never
 * loads yaml, csv-parse and iconv-lite (60–100 ms of a command's start).
 */
const adapters = [
  { format: /\.xlsx$/i, load: async () => (await import('./xlsx.js')).xlsxAdapter },
  { format: /\.csv$/i, load: async () => (await import('./csv.js')).csvAdapter },
  // A YAML file is a manifest: its sources are read, then its own records.
  { format: /\.ya?ml$/i, load: async () => (await import('./yaml.js')).yamlAdapter, manifest: true },
] as const;
const ACCEPTED = '.xlsx, .csv, .yaml, .yml';

function adapterFor(path: string): (typeof adapters)[number] {
  const adapter = adapters.find((a) => a.format.test(path));
  if (!adapter) throw new InputError(ref('input.unknownExtension', { file: path, ext: extname(path) || path, accepted: ACCEPTED }));
  return adapter;
}

/** One thing to stream: a plain file, or a manifest (its sources, then its inline records). */
type Unit = { input: SourceInput; adapter: SourceAdapter } | { manifest: Manifest; sources: { input: SourceInput; adapter: SourceAdapter }[] };

/**
 * Checks every path up front (missing file, unknown extension, manifest errors) so a run fails before reading a row,
 * loads the manifests, and merges their defaults. `kind` applies to the command-line files, not to manifest sources.
 */
export async function resolveInputs(paths: string[], opts: { kind?: Kind } = {}): Promise<ResolvedInputs> {
  try {
    return await resolve(paths, opts);
  } catch (e) {
    throw clipped(e);
  }
}

async function resolve(paths: string[], opts: { kind?: Kind }): Promise<ResolvedInputs> {
  const units: Unit[] = [];
  const manifests: Manifest[] = [];
  for (const path of paths) {
    await checkReadable(path);
    const adapter = adapterFor(path);
    if (!('manifest' in adapter)) {
      units.push({ input: opts.kind ? { path, kind: opts.kind } : { path }, adapter: await adapter.load() });
      continue;
    }
    const { loadManifest } = await import('./manifest.js');
    const manifest = await loadManifest(path);
    manifests.push(manifest);
    const sources = [];
    for (const input of manifest.sources) {
      // Name the manifest too: the user looks for the mistake there, not in the (resolved) source path.
      await checkReadable(input.path).catch((e: unknown) => {
        throw e instanceof InputError ? new InputError(ref('input.inManifest', { manifest: manifest.file, message: e.said }), { cause: e }) : e;
      });
      sources.push({ input, adapter: await adapterFor(input.path).load() });
    }
    units.push({ manifest, sources });
  }
  const files = [...new Set(units.flatMap((u) => ('manifest' in u ? [u.manifest.file, ...u.sources.map((s) => s.input.path)] : [u.input.path])))];
  return {
    defaults: mergeDefaults(manifests),
    files,
    rows: (ctx) => eachRow(streamAll(units, ctx)),
    batches: (ctx) => streamAll(units, ctx),
  };
}

async function* streamAll(units: Unit[], ctx: ReadContext): RowBatches {
  const read = (adapter: SourceAdapter, input: SourceInput) => adapter.readBatches?.(input, ctx) ?? batchesOfOne(adapter.read(input, ctx));
  try {
    for (const u of units) {
      if (!('manifest' in u)) {
        yield* read(u.adapter, u.input);
        continue;
      }
      for (const s of u.sources) yield* read(s.adapter, s.input);
      const { inlineRows } = await import('./yaml.js');
      yield* batchesOfOne(inlineRows(u.manifest, ctx));
    }
  } catch (e) {
    throw clipped(e);
  }
}

/** The last guard of "one line of at most 300 characters", whatever a message was filled with. */
function clipped(e: unknown): unknown {
  if (!(e instanceof InputError || e instanceof ConfigError)) return e;
  const line = oneLine(e.message, MAX_MESSAGE);
  if (line === e.message) return e;
  // The same error (and `said`), its words cut to one line.
  const short = e instanceof InputError ? new InputError(e.said, { cause: e }) : new ConfigError(e.said, { cause: e });
  short.message = line;
  return short;
}

/** Several manifests may be given: their settings must agree, and their catalogs are merged. */
function mergeDefaults(manifests: Manifest[]): Defaults {
  const out: Defaults = { catalog: { leaves: {}, outs: {} } };
  const from: Record<string, string> = {};
  for (const m of manifests) {
    for (const setting of ['employee_type', 'default_locale'] as const) {
      const value = m.defaults[setting];
      if (value === undefined) continue;
      const first = out[setting];
      if (first !== undefined && first !== value) {
        throw new ConfigError(ref('input.defaultsConflict', { setting, first, firstFile: from[setting] ?? '', second: value, secondFile: m.file }));
      }
      Object.assign(out, { [setting]: value });
      from[setting] ??= m.file;
    }
    if (m.defaults.scope) {
      // Two manifests with different scopes would leave the run's responsibility ambiguous.
      const value = JSON.stringify(m.defaults.scope);
      if (out.scope && JSON.stringify(out.scope) !== value) {
        throw new ConfigError(ref('input.defaultsConflict', { setting: 'scope', first: JSON.stringify(out.scope), firstFile: from.scope ?? '', second: value, secondFile: m.file }));
      }
      out.scope = m.defaults.scope;
      from.scope ??= m.file;
    }
    for (const kind of ['leaves', 'outs'] as const) {
      for (const [name, entry] of Object.entries(m.defaults.catalog[kind])) {
        const first: CatalogEntry | undefined = out.catalog[kind][name];
        const key = `${kind}.${name}`;
        if (first && sameEntry(first, entry) === false) {
          throw new ConfigError(ref('input.catalogConflict', { kind, name, firstFile: from[key] ?? '', secondFile: m.file }));
        }
        out.catalog[kind][name] = entry;
        from[key] ??= m.file;
      }
    }
  }
  return out;
}

const sameEntry = (a: CatalogEntry, b: CatalogEntry) => {
  const canon = (e: CatalogEntry) => JSON.stringify([e.uniq_id, e.i18n_names.ch, e.i18n_names.en, e.i18n_names.ja, e.default_locale]);
  return canon(a) === canon(b);
};
