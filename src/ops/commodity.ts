/**
 * Commodity reserve operations: reserve attestations (auditor), the settlement of redemption
 * requests (custodian), and the proof-of-reserve feed (admin). Mints go through `token mint`: the contract's mint gate refuses a mint
 * beyond the attested reserves, and the refusal is reported with its reason.
 */
import { ZeroAddress, isHexString } from "ethers";
import type { CommodityReserveToken } from "../../typechain-types/index.js";
import { confirmSending, instrumentOf, signerWithRole, type OperationOptions, type OpsContext } from "./context.js";
import { OpsError } from "./errors.js";
import { INSTRUMENT_KINDS } from "./kinds/index.js";
import { adminCall, type AdminOutcome } from "./admin-call.js";
import { send } from "./send.js";
import { amountsOf, refusalOf } from "./readable.js";
import { groupThousands, isChecksummedAddress, isoTime, parseIsoDate } from "./units.js";

/** The commodity reserve token `id` of the deployment (or its only instrument). */
export async function commodityOf(ctx: OpsContext, id: string | undefined) {
  const { id: chosen, instrument } = await instrumentOf(ctx, id, ["commodityReserve"]);
  const token: CommodityReserveToken = await ctx.connection.ethers.getContractAt(
    INSTRUMENT_KINDS.commodityReserve.contract,
    instrument.address,
  );
  return { id: chosen, instrument, token };
}

export interface Attestation {
  /** Reserves held, a whole number of reserve units (the token's `unit`, as milligrams). */
  reserves: string;
  /** The time the count refers to: ISO 8601 date or date and time. */
  asOf: string;
  /** The hash of the audit report: 32 bytes hex. */
  reportHash: string;
  /** Where the audit report can be read. */
  uri: string;
}

/** Records a reserve attestation (`attestReserves`, AUDITOR_ROLE); refused attestations name the contract's reason. */
export async function attestReserves(ctx: OpsContext, attestation: Attestation, options: OperationOptions = {}) {
  const { id, token } = await commodityOf(ctx, options.instrument);
  if (!/^\d{1,62}$/.test(attestation.reserves)) {
    throw new OpsError(`--reserves: got "${attestation.reserves}", expected a whole number of reserve units`);
  }
  const asOf = parseIsoDate(attestation.asOf);
  if (asOf === undefined) throw new OpsError(`--as-of: got "${attestation.asOf}", expected an ISO 8601 date`);
  if (!isHexString(attestation.reportHash, 32) || BigInt(attestation.reportHash) === 0n) {
    throw new OpsError(`--report-hash: got "${attestation.reportHash}", expected a non-zero 32-byte hex value`);
  }
  if (attestation.uri === "") throw new OpsError("--uri is required: where the audit report can be read");
  const { unit } = await token.metadata();
  const reserves = BigInt(attestation.reserves);
  ctx.out(
    `${id}: attest ${groupThousands(attestation.reserves)} ${unit} held as of ${isoTime(asOf)} (report ${attestation.uri})`,
  );
  confirmSending(ctx);
  const signer = await signerWithRole(ctx, token, "AUDITOR_ROLE", options.from);
  const receipt = await send(ctx, {
    action: "attestReserves",
    contract: id,
    signer,
    tx: await token
      .connect(signer)
      .attestReserves.populateTransaction(reserves, asOf, attestation.reportHash, attestation.uri),
    iface: token.interface,
    args: { ...attestation },
    reason: options.reason,
  });
  const show = await amountsOf(ctx, id);
  ctx.out(
    `${id}: reserves now allow a supply of ${show.tokens(await token.reserveCapacity())} ` +
      `(supply ${show.tokens(await token.totalSupply())})`,
  );
  return receipt;
}

function requestId(text: string): bigint {
  if (!/^\d+$/.test(text)) throw new OpsError(`--id: got "${text}", expected a redemption request number`);
  return BigInt(text);
}

const STATES = ["none", "pending", "fulfilled", "rejected", "cancelled"] as const;

/** Request `id` with its holder and amount, and where it stands, for messages. */
async function describeRequest(ctx: OpsContext, label: string, token: CommodityReserveToken, id: bigint) {
  const request = await token.redemption(id);
  const show = await amountsOf(ctx, label);
  return {
    request,
    text: `request ${id} of ${request.holder}: ${show.tokens(request.amount)}`,
    state: STATES[Number(request.state)],
  };
}

/** Says where request `id` stands after a transaction on it. */
async function reportRequest(ctx: OpsContext, label: string, token: CommodityReserveToken, id: bigint) {
  ctx.out(`${label}: request ${id} is now ${(await describeRequest(ctx, label, token, id)).state}`);
}

/** Fulfils redemption request `id` (the commodity delivered or the cash paid): its escrowed tokens are burnt. */
export async function fulfilRedemption(ctx: OpsContext, idText: string, options: OperationOptions = {}) {
  const { id, token } = await commodityOf(ctx, options.instrument);
  const requestNumber = requestId(idText);
  const { text, state } = await describeRequest(ctx, id, token, requestNumber);
  ctx.out(`${id}: fulfil ${text} (${state})`);
  confirmSending(ctx);
  const signer = await signerWithRole(ctx, token, "CUSTODIAN_ROLE", options.from);
  const receipt = await send(ctx, {
    action: "fulfilRedemption",
    contract: id,
    signer,
    tx: await token.connect(signer).fulfilRedemption.populateTransaction(requestNumber),
    iface: token.interface,
    args: { id: idText },
    reason: options.reason,
  });
  await reportRequest(ctx, id, token, requestNumber);
  return receipt;
}

/** Rejects redemption request `id` for `reason`: its escrowed tokens return to the holder. */
export async function rejectRedemption(ctx: OpsContext, idText: string, options: OperationOptions = {}) {
  const { id, token } = await commodityOf(ctx, options.instrument);
  const requestNumber = requestId(idText);
  if (options.reason === undefined || options.reason === "") {
    throw new OpsError("--reason is required: it is recorded on chain and shown to the holder");
  }
  const { text, state } = await describeRequest(ctx, id, token, requestNumber);
  ctx.out(`${id}: reject ${text} (${state}; reason: ${options.reason})`);
  confirmSending(ctx);
  const signer = await signerWithRole(ctx, token, "CUSTODIAN_ROLE", options.from);
  const receipt = await send(ctx, {
    action: "rejectRedemption",
    contract: id,
    signer,
    tx: await token.connect(signer).rejectRedemption.populateTransaction(requestNumber, options.reason),
    iface: token.interface,
    args: { id: idText },
    reason: options.reason,
  });
  await reportRequest(ctx, id, token, requestNumber);
  return receipt;
}

/**
 * Makes the mint gate read reserves from proof-of-reserve feed `feed` (a Chainlink
 * `AggregatorV3Interface`), or from the attestations again (`none`): `setReserveFeed`,
 * DEFAULT_ADMIN_ROLE. The call is simulated first, so a feed the contract would refuse (not a
 * contract, too many decimals, unreadable, stale or non-positive answer) is reported with its
 * error and nothing is sent; nothing is sent either when the token reads that source already.
 */
export async function setReserveFeed(
  ctx: OpsContext,
  feed: string,
  options: OperationOptions & { salt?: string } = {},
): Promise<AdminOutcome> {
  const none = feed === "none";
  if (!none && (!isChecksummedAddress(feed) || feed === ZeroAddress)) {
    throw new OpsError(`--feed: got "${feed}", expected the checksummed address of a reserve feed, or "none"`);
  }
  const { id, token } = await commodityOf(ctx, options.instrument);
  const address = none ? ZeroAddress : feed;
  const current = await token.reserveFeed();
  const source = (value: string) => (value === ZeroAddress ? "the attestations" : `feed ${value}`);
  if (current === address) {
    ctx.out(`${id}: reserves are read from ${source(address)} already: nothing to send`);
    return "done";
  }
  if (!none && (await ctx.connection.ethers.provider.getCode(address)) === "0x") {
    throw new OpsError(`--feed: ${feed} is not a contract`);
  }
  ctx.out(`${id}: read reserves from ${source(address)} instead of ${source(current)}`);
  const outcome = await adminCall(
    ctx,
    { label: id, contract: token },
    "setReserveFeed",
    token.interface.encodeFunctionData("setReserveFeed", [address]),
    { from: options.from, salt: options.salt, reason: options.reason, args: { previous: current, feed: address } },
  );
  if (outcome === "sent" || outcome === "executed") {
    const show = await amountsOf(ctx, id);
    const supply = show.tokens(await token.totalSupply());
    try {
      const capacity = show.tokens(await token.reserveCapacity());
      ctx.out(`${id}: reserves now allow a supply of ${capacity} (supply ${supply})`);
    } catch (error) {
      ctx.out(
        `${id}: reserves cannot be read now (${(await refusalOf(ctx, id, error, token.interface)).shortMessage}): no mint until they can`,
      );
    }
  }
  return outcome;
}
