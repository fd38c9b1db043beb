import type { GovernanceOptions } from "../../src/ops/governance.js";
import type { SendingArgs } from "../common.js";

/** The options of the governance tasks: `--contract` (default: every contract) and `--salt`. */
export interface GovernanceArgs extends SendingArgs {
  contract: string | undefined;
  salt: string | undefined;
}

export function governanceOptions(args: GovernanceArgs): GovernanceOptions {
  return { contract: args.contract, from: args.from, salt: args.salt, reason: args.reason };
}
