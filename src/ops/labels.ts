/**
 * Names of investors' wallets for reports, from the optional `label` column of the investor file:
 * kept on this machine only (never on chain), in `labels/<network>.json` of the state directory,
 * so that reports read as registers (holders by name; the address where no name is known).
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { OpsContext } from "./context.js";

function labelsFile(ctx: OpsContext): string {
  return path.join(ctx.stateDir, "labels", `${ctx.network.name}.json`);
}

/** The labels known on this machine for the network of `ctx`, by lower-case wallet. */
export async function holderLabels(ctx: OpsContext): Promise<Map<string, string>> {
  try {
    const saved = JSON.parse(await readFile(labelsFile(ctx), "utf8")) as Record<string, string>;
    return new Map(Object.entries(saved).map(([wallet, label]) => [wallet.toLowerCase(), label]));
  } catch {
    return new Map();
  }
}

/** Adds (or replaces) the labels of `rows` that have one. */
export async function saveLabels(ctx: OpsContext, rows: readonly { wallet: string; label?: string }[]): Promise<void> {
  const named = rows.filter((row) => row.label !== undefined && row.label !== "");
  if (named.length === 0) return;
  const labels = await holderLabels(ctx);
  for (const row of named) labels.set(row.wallet.toLowerCase(), row.label!);
  await mkdir(path.dirname(labelsFile(ctx)), { recursive: true });
  await writeFile(labelsFile(ctx), `${JSON.stringify(Object.fromEntries(labels), null, 2)}\n`);
}

/** The name of `wallet` in `labels`, or the wallet itself. */
export function holderName(labels: ReadonlyMap<string, string>, wallet: string): string {
  return labels.get(wallet.toLowerCase()) ?? wallet;
}
