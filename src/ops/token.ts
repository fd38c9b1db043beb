/**
 * Agent operations on an instrument's regulated core: issuance (mint, burn), enforcement
 * (freeze, forced transfer, wallet recovery) and pause. The settings the core reads (policy,
 * registry) are in token-settings.ts.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type TransactionReceipt } from "ethers";
import type { RegulatedToken } from "../../typechain-types/index.js";
import { waitUntilSettled } from "./chain.js";
import { confirmSending, instrumentOf, signerWithRole, type OperationOptions, type OpsContext } from "./context.js";
import { OpsError } from "./errors.js";
import { readAllocationFile } from "./investors-csv.js";
import { progressBar } from "./progress.js";
import { showTokens } from "./readable.js";
import { send, sendOnce } from "./send.js";
import { formatTokens, isChecksummedAddress, parseAmount } from "./units.js";

type TokenRole = "ISSUER_ROLE" | "ENFORCEMENT_ROLE" | "COMPLIANCE_ROLE" | "PAUSER_ROLE";

interface Call {
  action: string;
  role: TokenRole;
  /** The populated call, from the token connected to the agent. */
  build: (token: RegulatedToken) => ReturnType<RegulatedToken["mint"]["populateTransaction"]>;
  describe: string;
  args: Record<string, unknown>;
}

/** Prints, confirms, picks the agent with `call.role` and sends `call` to the instrument. */
async function sendToToken(ctx: OpsContext, options: OperationOptions, call: Call): Promise<TransactionReceipt> {
  const { id, token } = await instrumentOf(ctx, options.instrument);
  ctx.out(`${id}: ${call.describe}${options.reason ? ` (reason: ${options.reason})` : ""}`);
  confirmSending(ctx);
  const signer = await signerWithRole(ctx, token, call.role, options.from);
  return send(ctx, {
    action: call.action,
    contract: id,
    signer,
    tx: await call.build(token.connect(signer)),
    iface: token.interface,
    args: call.args,
    reason: options.reason,
  });
}

/**
 * As {@link sendToToken}, unless `inPlace` finds the state the call would set already on chain: then
 * it says so and sends nothing, so a repeated command (or a re-run after a crash) is a no-op.
 */
async function sendUnlessInPlace(
  ctx: OpsContext,
  options: OperationOptions,
  call: Call,
  inPlace: (token: RegulatedToken) => Promise<string | undefined>,
): Promise<TransactionReceipt | undefined> {
  const { id, token } = await instrumentOf(ctx, options.instrument);
  const state = await inPlace(token);
  if (state === undefined) return sendToToken(ctx, options, call);
  ctx.out(`${id}: ${state}: nothing to send`);
  return undefined;
}

async function amountOf(ctx: OpsContext, options: OperationOptions, text: string): Promise<bigint> {
  const { instrument } = await instrumentOf(ctx, options.instrument);
  const amount = parseAmount(text, instrument.decimals);
  if (typeof amount === "string") throw new OpsError(`--amount: got "${text}", expected ${amount}`);
  return amount;
}

function wallet(option: string, value: string | undefined): string {
  if (value === undefined || value === "") throw new OpsError(`--${option} is required`);
  if (!isChecksummedAddress(value)) throw new OpsError(`--${option}: got "${value}", expected a checksummed address`);
  return value;
}

export async function mint(ctx: OpsContext, to: string, amount: string, options: OperationOptions = {}) {
  const units = await amountOf(ctx, options, amount);
  const wallet_ = wallet("to", to);
  return sendToToken(ctx, options, {
    action: "mint",
    role: "ISSUER_ROLE",
    build: (token) => token.mint.populateTransaction(wallet_, units),
    describe: `mint ${await showTokens(ctx, options.instrument, units)} to ${wallet_}`,
    args: { to: wallet_, amount },
  });
}

export async function burn(ctx: OpsContext, from: string, amount: string, options: OperationOptions = {}) {
  const units = await amountOf(ctx, options, amount);
  const holder = wallet("wallet", from);
  return sendToToken(ctx, options, {
    action: "burn",
    role: "ISSUER_ROLE",
    build: (token) => token.burn.populateTransaction(holder, units),
    describe: `burn ${await showTokens(ctx, options.instrument, units)} of ${holder}`,
    args: { wallet: holder, amount },
  });
}

/**
 * Mints the allocations of file `file` (`wallet,amount`) with `batchMint`, in chunks. Every row
 * is checked first. Each chunk is sent exactly once: a re-run after an interruption skips the
 * chunks the chain already has (matched by the ops log's nonce, see `sendOnce`), so the file must
 * not change between runs (its hash is part of each chunk's key).
 */
export async function mintFromFile(
  ctx: OpsContext,
  file: string,
  options: OperationOptions & { chunk?: number; dryRun?: boolean; progress?: boolean } = {},
) {
  const { id, instrument, token } = await instrumentOf(ctx, options.instrument);
  const rows = await readAllocationFile(file, instrument.decimals);
  const chunk = options.chunk ?? 100;
  const chunks = Array.from({ length: Math.ceil(rows.length / chunk) }, (_, i) =>
    rows.slice(i * chunk, (i + 1) * chunk),
  );
  const total = rows.reduce((sum, row) => sum + row.amount, 0n);
  ctx.out(
    `${id}: mint ${formatTokens(total, instrument)} to ${rows.length} wallet(s) ` +
      `in ${chunks.length} transaction(s) of up to ${chunk}`,
  );
  if (options.dryRun) {
    rows.forEach((row) => ctx.out(`  ${row.wallet} ${formatTokens(row.amount, instrument)}`));
    return { sent: 0, skipped: 0 };
  }
  confirmSending(ctx);
  const signer = await signerWithRole(ctx, token, "ISSUER_ROLE", options.from);
  await waitUntilSettled(ctx.connection.ethers.provider, signer.address);
  const digest = createHash("sha256")
    .update(await readFile(file))
    .digest("hex")
    .slice(0, 16);
  const progress = options.progress === false ? undefined : progressBar("mint", chunks.length);
  let sent = 0;
  try {
    for (const [index, part] of chunks.entries()) {
      const done = await sendOnce(ctx, `mint:${id}:${digest}:${chunk}:${index}`, {
        action: "batchMint",
        contract: id,
        signer,
        tx: await token.connect(signer).batchMint.populateTransaction(
          part.map((r) => r.wallet),
          part.map((r) => r.amount),
        ),
        iface: token.interface,
        args: { file, chunk: index + 1, lines: part.map((r) => r.line) },
        reason: options.reason,
      });
      if (done) sent++;
      progress?.advance();
    }
  } finally {
    progress?.finish();
  }
  ctx.out(`${sent} chunk(s) sent, ${chunks.length - sent} already done before`);
  return { sent, skipped: chunks.length - sent };
}

/**
 * Freezes a whole wallet, or (with `amount`) that many more of its tokens: the frozen amount
 * becomes the current one plus `amount`.
 */
export async function freeze(
  ctx: OpsContext,
  target: string,
  amount: string | undefined,
  options: OperationOptions = {},
) {
  return setFreeze(ctx, target, amount, true, options);
}

/** Unfreezes a whole wallet, or (with `amount`) releases that many of its frozen tokens. */
export async function unfreeze(
  ctx: OpsContext,
  target: string,
  amount: string | undefined,
  options: OperationOptions = {},
) {
  return setFreeze(ctx, target, amount, false, options);
}

async function setFreeze(
  ctx: OpsContext,
  target: string,
  amount: string | undefined,
  freezing: boolean,
  options: OperationOptions,
) {
  const holder = wallet("wallet", target);
  if (amount === undefined || amount === "") {
    return sendUnlessInPlace(
      ctx,
      options,
      {
        action: "setAddressFrozen",
        role: "ENFORCEMENT_ROLE",
        build: (token) => token.setAddressFrozen.populateTransaction(holder, freezing),
        describe: `${freezing ? "freeze" : "unfreeze"} wallet ${holder}`,
        args: { wallet: holder, frozen: freezing },
      },
      async (token) =>
        (await token.isAddressFrozen(holder)) === freezing
          ? `wallet ${holder} is ${freezing ? "frozen already" : "not frozen"}`
          : undefined,
    );
  }
  const { instrument, token } = await instrumentOf(ctx, options.instrument);
  const units = await amountOf(ctx, options, amount);
  const current = await token.getFrozenTokens(holder);
  if (!freezing && units > current) {
    throw new OpsError(
      `--amount: got ${amount}, expected at most the ${formatTokens(current, instrument)} frozen of ${holder}`,
    );
  }
  const next = freezing ? current + units : current - units;
  const show = (value: bigint) => formatTokens(value, instrument);
  return sendToToken(ctx, options, {
    action: "setFrozenTokens",
    role: "ENFORCEMENT_ROLE",
    build: (t) => t.setFrozenTokens.populateTransaction(holder, next),
    describe: `${freezing ? "freeze" : "unfreeze"} ${show(units)} of ${holder} (frozen: ${show(current)} -> ${show(next)})`,
    args: { wallet: holder, amount, frozenBefore: show(current), frozenAfter: show(next) },
  });
}

/** Moves `amount` from `from` to `to` without the holder's consent; `reason` is required and logged. */
export async function forcedTransfer(
  ctx: OpsContext,
  from: string,
  to: string,
  amount: string,
  options: OperationOptions & { reason: string },
) {
  if (options.reason.trim() === "") throw new OpsError("--reason is required for a forced transfer");
  const source = wallet("wallet", from);
  const destination = wallet("to", to);
  const units = await amountOf(ctx, options, amount);
  return sendToToken(ctx, options, {
    action: "forcedTransfer",
    role: "ENFORCEMENT_ROLE",
    build: (token) => token.forcedTransfer.populateTransaction(source, destination, units),
    describe: `forced transfer of ${await showTokens(ctx, options.instrument, units)} from ${source} to ${destination}`,
    args: { from: source, to: destination, amount },
  });
}

/** Moves the whole balance (and frozen amount) of a lost wallet to another wallet of the same investor. */
export async function recoverWallet(
  ctx: OpsContext,
  lost: string,
  replacement: string,
  options: OperationOptions = {},
) {
  const lostWallet = wallet("lost", lost);
  const newWallet = wallet("replacement", replacement);
  return sendToToken(ctx, options, {
    action: "recoverWallet",
    role: "ENFORCEMENT_ROLE",
    build: (token) => token.recoverWallet.populateTransaction(lostWallet, newWallet),
    describe: `recover wallet ${lostWallet} to ${newWallet}`,
    args: { lost: lostWallet, replacement: newWallet },
  });
}

export async function setPaused(ctx: OpsContext, paused: boolean, options: OperationOptions = {}) {
  return sendUnlessInPlace(
    ctx,
    options,
    {
      action: paused ? "pause" : "unpause",
      role: "PAUSER_ROLE",
      build: (token) => (paused ? token.pause.populateTransaction() : token.unpause.populateTransaction()),
      describe: paused ? "pause every transfer and mint" : "end the pause",
      args: {},
    },
    async (token) =>
      (await token.paused()) === paused ? `the token is ${paused ? "paused already" : "not paused"}` : undefined,
  );
}
