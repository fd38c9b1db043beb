/** What every operations task shares: the manifest option, the state directory and clean errors. */
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { errorResult, successfulResult } from "hardhat/utils/result";
import { openContext, type OperationOptions, type OpsContext } from "../src/ops/context.js";
import { checkNetworkSettings, type Connection } from "../src/ops/network.js";
import { OpsError } from "../src/ops/errors.js";
import { printFailure } from "./failure.js";
import { loadManifest } from "../src/ops/manifest.js";
import { formatTable, toCsv, toJson, writeOutput, type AmountColumns, type Row } from "../src/ops/output.js";

/** The options every operations task has. */
export interface IssuanceArgs {
  manifest: string | undefined;
  stateDir: string | undefined;
}

/**
 * Runs a task's work: any error (bad input, a refused call, a file or the node failing) is printed
 * as one line and a hint (tasks/failure.ts), its stack trace only with `--verbose`, and makes the
 * command exit with status 1.
 */
export async function runOps(hre: HardhatRuntimeEnvironment, work: () => Promise<void>) {
  try {
    await work();
    return successfulResult();
  } catch (error) {
    return errorResult(printFailure(error, hre.globalOptions.verbose === true));
  }
}

export function stateDirOf(hre: HardhatRuntimeEnvironment, stateDir: string | undefined): string {
  return stateDir === undefined || stateDir === "" ? hre.config.paths.root : path.resolve(stateDir);
}

export function required<T>(option: string, value: T | undefined): T {
  if (value === undefined || value === "") throw new OpsError(`--${option} is required`);
  return value;
}

/** The options of tasks that send transactions. */
export interface SendingArgs extends IssuanceArgs {
  yes: boolean;
  from: string | undefined;
  reason: string | undefined;
}

/** The options of tasks that send transactions to one instrument. */
export interface InstrumentArgs extends SendingArgs {
  instrument: string | undefined;
}

/** What an operation on an instrument takes from the command line: `--instrument`, `--from`, `--reason`. */
export function operationOptions(args: InstrumentArgs): OperationOptions {
  return { instrument: args.instrument, from: args.from, reason: args.reason };
}

/**
 * Connects to the network of `--network` after checking its settings (URL, keys): a missing or
 * malformed setting, or a network name that is not defined, is one line naming it, not a stack trace (a node that does not answer is
 * reported by `networkInfo`, the first call to it).
 */
export async function openConnection(hre: HardhatRuntimeEnvironment): Promise<Connection> {
  const name = hre.globalOptions.network ?? "default";
  const settings = hre.config.networks[name];
  if (settings === undefined) {
    const defined = Object.keys(hre.config.networks).join(", ");
    throw new OpsError(`--network ${name}: no such network; the networks defined in hardhat.config.ts are ${defined}`);
  }
  await checkNetworkSettings(name, settings);
  return hre.network.create();
}

/**
 * Runs `work` on the deployment of `--manifest` on the network of `--network`: loads and checks
 * the manifest, connects, reads the deployment record; closes the connection afterwards.
 */
export function withContext(
  hre: HardhatRuntimeEnvironment,
  args: IssuanceArgs & { yes?: boolean },
  task: string,
  work: (ctx: OpsContext) => Promise<unknown>,
) {
  return runOps(hre, async () => {
    const manifest = await loadManifest(required("manifest", args.manifest));
    const connection = await openConnection(hre);
    try {
      await work(
        await openContext(connection, manifest, { stateDir: stateDirOf(hre, args.stateDir), task, yes: args.yes }),
      );
    } finally {
      await connection.close();
    }
  });
}

/**
 * Writes report `rows` to the `--csv` / `--json` files when given, then as a table on screen: a
 * file that cannot be written stops the report before it prints anything.
 */
export async function report(
  title: string,
  columns: readonly string[],
  rows: readonly Row[],
  json: unknown,
  files: { csv: string | undefined; json: string | undefined },
  amounts: AmountColumns = {},
) {
  if (files.csv) await writeOutput(files.csv, toCsv(columns, rows));
  if (files.json) await writeOutput(files.json, toJson(json));
  console.log(title);
  for (const line of formatTable(columns, rows, amounts)) console.log(line);
  if (files.csv) console.log(`CSV written to ${files.csv}`);
  if (files.json) console.log(`JSON written to ${files.json}`);
}
