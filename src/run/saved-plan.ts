// Saved plans: `plan --save plan.json` keeps the inputs, the options and fingerprints of the inputs, of what Feishu
// held and of the actions; `apply plan.json` runs exactly that plan, and refuses (before sending anything) when the
// inputs or Feishu changed since: reconcile is deterministic, so equal fingerprints mean equal actions.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import type { ScopeOptions } from './reconciled.js';
import type { EmployeeType, Kind } from '../types.js';
import { ref } from '../messages/said.js';

export interface SavedPlanOptions {
  kind?: Kind;
  employeeType?: EmployeeType;
  scope?: ScopeOptions;
  replace?: boolean;
  prune?: boolean;
  maxPrune?: number | string;
  state?: string;
  sandbox?: boolean;
}

export interface SavedPlan {
  feishu_import_plan: 1;
  created_at: string;
  inputs: string[];
  options: SavedPlanOptions;
  fingerprint: { inputs: string; server: string; actions: string };
  totals: Record<string, number>;
}

export async function savePlan(path: string, plan: Omit<SavedPlan, 'feishu_import_plan' | 'created_at' | 'inputs'> & { inputs: string[] }): Promise<void> {
  const doc: SavedPlan = { feishu_import_plan: 1, created_at: new Date().toISOString(), ...plan, inputs: plan.inputs.map((p) => resolve(p)) };
  await writeFile(path, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
}

/** The saved plan when the only input is one; undefined for ordinary inputs. */
export async function loadSavedPlan(paths: readonly string[]): Promise<SavedPlan | undefined> {
  const [only] = paths;
  if (paths.length !== 1 || !only || !/\.json$/i.test(only)) return undefined;
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(only, 'utf8'));
  } catch (e) {
    throw new ConfigError(ref('plan.savedUnreadable', { path: only, reason: e instanceof Error ? e.message : String(e) }));
  }
  const d = doc as Partial<SavedPlan> | null;
  if (!d || d.feishu_import_plan !== 1 || !Array.isArray(d.inputs) || !d.fingerprint) throw new ConfigError(ref('plan.savedUnreadable', { path: only, reason: 'not a plan saved by feishu-import plan --save' }));
  return d as SavedPlan;
}

/** Refuses to go on when what the plan was made from has changed. */
export function checkSavedPlan(saved: SavedPlan, now: SavedPlan['fingerprint'], path: string): void {
  if (saved.fingerprint.inputs !== now.inputs) throw new ConfigError(ref('plan.staleInputs', { path }));
  if (saved.fingerprint.server !== now.server || saved.fingerprint.actions !== now.actions) throw new ConfigError(ref('plan.staleServer', { path }));
}
