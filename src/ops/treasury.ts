import type { IERC20Metadata } from "../../typechain-types/index.js";
import type { OpsContext } from "./context.js";
import { OpsError } from "./errors.js";
import { send } from "./send.js";

/**
 * Before an instrument pulls `amount` of `cash` from its treasury wallet: when the allowance is
 * short, the treasury wallet (an account configured for the network) approves `spender` for
 * `amount`; otherwise nothing is sent.
 */
export async function approveFromTreasury(
  ctx: OpsContext,
  request: {
    id: string;
    cash: IERC20Metadata;
    treasury: string;
    spender: string;
    amount: bigint;
    money: (units: bigint) => string;
    reason?: string;
  },
): Promise<void> {
  const { id, cash, treasury, spender, amount, money } = request;
  if ((await cash.allowance(treasury, spender)) >= amount) return;
  const wallet = (await ctx.connection.ethers.getSigners()).find((s) => s.address === treasury);
  if (wallet === undefined) {
    throw new OpsError(
      `the treasury wallet ${treasury} must approve ${spender} for ${money(amount)} on the settlement token ` +
        `${await cash.getAddress()} first (it is not an account configured for network ${ctx.network.name})`,
    );
  }
  await send(ctx, {
    action: "approve",
    contract: `${id} settlement token`,
    signer: wallet,
    tx: await cash.connect(wallet).approve.populateTransaction(spender, amount),
    iface: cash.interface,
    args: { spender, amount: money(amount) },
    reason: request.reason,
  });
}
