/**
 * Where the gas of a transaction goes, from the EVM trace of the in-process chain: how many
 * storage reads were cold (2,100 gas each since EIP-2929) or warm (100), how many storage writes,
 * and how many calls to other contracts. It explains the gap between a compliant transfer and a
 * plain one without reading bytecode.
 */
import type { ContractTransactionResponse } from "ethers";
import type { Connection } from "./chain.js";
import type { Trace } from "./table.js";

export interface Anatomy {
  gas: number;
  coldStorageReads: number;
  warmStorageReads: number;
  storageWrites: number;
  /** Gas of the SLOAD and SSTORE opcodes together. */
  storageGas: number;
  /** CALL, STATICCALL and DELEGATECALL to other contracts. */
  externalCalls: number;
  /** Opcodes executed. */
  steps: number;
}

interface StructLog {
  op: string;
  gasCost: number;
}

const COLD_SLOAD = 2_100;
const CALLS = new Set(["CALL", "STATICCALL", "DELEGATECALL", "CALLCODE"]);

export async function anatomyOf(connection: Connection, hash: string): Promise<Anatomy> {
  const receipt = await connection.ethers.provider.getTransactionReceipt(hash);
  if (receipt === null) throw new Error(`${hash}: no receipt`);
  const trace = (await connection.provider.request({
    method: "debug_traceTransaction",
    params: [hash, { disableStack: true, disableMemory: true, disableStorage: true }],
  })) as { structLogs: StructLog[] };
  const anatomy: Anatomy = {
    gas: Number(receipt.gasUsed),
    coldStorageReads: 0,
    warmStorageReads: 0,
    storageWrites: 0,
    storageGas: 0,
    externalCalls: 0,
    steps: trace.structLogs.length,
  };
  for (const { op, gasCost } of trace.structLogs) {
    if (op === "SLOAD") {
      if (gasCost >= COLD_SLOAD) anatomy.coldStorageReads++;
      else anatomy.warmStorageReads++;
      anatomy.storageGas += gasCost;
    } else if (op === "SSTORE") {
      anatomy.storageWrites++;
      anatomy.storageGas += gasCost;
    } else if (CALLS.has(op)) {
      anatomy.externalCalls++;
    }
  }
  return anatomy;
}

/** Sends `tx`, waits for it, and returns its gas and its anatomy. */
export async function gasWithAnatomy(
  connection: Connection,
  tx: Promise<ContractTransactionResponse>,
): Promise<{ gas: bigint; anatomy: Anatomy }> {
  const response = await tx;
  const anatomy = await anatomyOf(connection, (await response.wait())!.hash);
  return { gas: BigInt(anatomy.gas), anatomy };
}

const HEADER = [
  "transfer between existing holders",
  "gas",
  "cold reads",
  "warm reads",
  "writes",
  "storage gas",
  "calls",
];

/** The anatomy of each transfer (by name) as table rows: the header first, then one row per name. */
function anatomyRows(anatomy: Readonly<Record<string, Anatomy>>): string[][] {
  const fmt = (n: number) => n.toLocaleString("en-US");
  return [
    HEADER,
    ...Object.entries(anatomy).map(([name, a]) => [
      name,
      ...[a.gas, a.coldStorageReads, a.warmStorageReads, a.storageWrites, a.storageGas, a.externalCalls].map(fmt),
    ]),
  ];
}

/** The anatomy table as aligned plain text, for the terminal. */
export function renderAnatomyText(anatomy: Readonly<Record<string, Anatomy>>): string {
  const rows = anatomyRows(anatomy);
  const widths = HEADER.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  "))
    .join("\n");
}

/** The anatomy table in Markdown, numbers right-aligned. */
export function renderAnatomyMarkdown(anatomy: Readonly<Record<string, Anatomy>>): string {
  const [header, ...body] = anatomyRows(anatomy);
  const line = (r: readonly string[]) => `| ${r.join(" | ")} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? "---" : "---:"))), ...body.map(line)].join("\n");
}

/** The counts of `anatomy` shown beside a missed target; with `units`, per unit of a batch (two decimals). */
export function traceOf(anatomy: Anatomy, units?: { count: number; per: string }): Trace {
  const each = (n: number) => (units === undefined ? n : Math.round((n / units.count) * 100) / 100);
  return {
    coldStorageReads: each(anatomy.coldStorageReads),
    storageWrites: each(anatomy.storageWrites),
    externalCalls: each(anatomy.externalCalls),
    ...(units === undefined ? {} : { per: units.per }),
  };
}
