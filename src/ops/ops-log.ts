/**
 * The local operations log: one JSON line per transaction sent by a task (and per deployment),
 * with its reason (and the reference that carried its hash on chain), under `ops-log/<network>.jsonl` (not committed). It is the operator's record
 * and lets a file-driven batch that was interrupted resume without sending a chunk twice.
 */
import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";

export interface OpsLogEntry {
  time: string;
  network: string;
  chainId: number;
  /** The task that sent it, as `token forced-transfer`. */
  task: string;
  /**
   * `intent` (about to send with `nonce`), `sent`, `confirmed`, `reverted`, `dropped` (an intent
   * that never reached the chain, see ops-log-recovery.ts), or `deployed`.
   */
  status: "intent" | "sent" | "confirmed" | "reverted" | "dropped" | "deployed";
  /** The contract function or the deployment step. */
  action: string;
  contract?: string;
  target?: string;
  from?: string;
  nonce?: number;
  txHash?: string;
  block?: number;
  args?: Record<string, unknown>;
  /** Why, as the operator wrote it (`--reason`). */
  reason?: string;
  /** The reference the call carried on chain (`ActionReferenced`): the hash of `reason`. */
  reference?: string;
  /** What the tooling adds, as "found on chain after an interrupted run". */
  note?: string;
  /** Identifies a chunk of a file-driven batch across runs. */
  key?: string;
  data?: string;
}

export type NewOpsLogEntry = Omit<OpsLogEntry, "time" | "network" | "chainId">;

export class OpsLog {
  constructor(
    readonly file: string,
    private readonly network: string,
    private readonly chainId: number,
  ) {}

  static at(stateDir: string, network: string, chainId: number): OpsLog {
    return new OpsLog(path.join(stateDir, "ops-log", `${network}.jsonl`), network, chainId);
  }

  async append(entry: NewOpsLogEntry): Promise<void> {
    const line = { time: new Date().toISOString(), network: this.network, chainId: this.chainId, ...entry };
    await mkdir(path.dirname(this.file), { recursive: true });
    await appendFile(
      this.file,
      `${JSON.stringify(line, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v))}\n`,
    );
  }

  /** Every entry of this network and chain, oldest first. */
  async entries(): Promise<OpsLogEntry[]> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch {
      return [];
    }
    return text
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as OpsLogEntry)
      .filter((entry) => entry.chainId === this.chainId);
  }
}
