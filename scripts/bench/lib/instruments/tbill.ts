/**
 * The treasury bill (contracts/instruments/tbill/TreasuryBill.sol): delivery-versus-payment
 * settlement of an auction's allotments against a stablecoin, a transfer, and redemption at
 * maturity. Every bidder is a new holder, as in a real auction.
 */
import { keccak256, MaxUint256, toUtf8Bytes } from "ethers";
import { gasWithAnatomy, type Anatomy } from "../anatomy.js";
import { codeSizeOf, gasOf, signerAt, walletsAt } from "../chain.js";
import type { InstrumentContext } from "../toolkit.js";

/** Allotments settled in one `settleAllotments` call. */
export const ALLOTMENTS = 50;

const BILL = 10n ** 18n;
const USD = 10n ** 6n;
const DAY = 86_400n;
const PRICE = 98_750_000n; // 98.75 dollars per 100 of face value

export interface TreasuryBillGas {
  /** `settleAllotments`, per allotment, for a batch of ALLOTMENTS new holders. */
  settlePerAllotment: bigint;
  /** `recordAllotments`, per allotment, for the same batch (the step before settlement). */
  recordPerAllotment: bigint;
  /** `redeem` of a holder's whole balance at maturity (not the bill's first redemption). */
  redeem: bigint;
  transferExisting: bigint;
  transferAnatomy: Anatomy;
  /** Runtime code size, in bytes. */
  codeSize: number;
}

export async function measureTreasuryBill({ connection, toolkit, admin }: InstrumentContext): Promise<TreasuryBillGas> {
  const { ethers, networkHelpers } = connection;
  const adminAddress = await admin.getAddress();
  const usd = await ethers.deployContract("LocalTestDollar", [], admin);
  const now = BigInt(await networkHelpers.time.latest());
  const issueDate = (now / DAY + 1n) * DAY;
  const maturityDate = issueDate + 91n * DAY;
  const terms = {
    isin: "PK0000A12348",
    settlementToken: await usd.getAddress(),
    treasury: adminAddress,
    faceValue: 100n * USD,
    issueDate,
    maturityDate,
  };
  const debtLogic = await ethers.deployContract("DebtSecurityLogic", [], admin);
  const bill = await ethers.deployContract(
    "TreasuryBill",
    ["Bench T-Bill", "BTB", 18, await toolkit.registry.getAddress(), adminAddress, 0, terms, 0],
    { signer: admin, libraries: { DebtSecurityLogic: await debtLogic.getAddress() } },
  );
  for (const role of [await bill.ISSUER_ROLE(), await bill.TREASURY_ROLE()]) {
    await gasOf(bill.grantRole(role, adminAddress));
  }
  const billAddress = await bill.getAddress();

  // Dealers: registered, funded in the stablecoin, having approved the bill.
  const bidders = walletsAt("tbill-bidder", ALLOTMENTS + 2);
  await toolkit.registerAll(bidders);
  for (const bidder of bidders) {
    await gasOf(usd.mint(bidder, 1_000_000n * USD));
    await gasOf(usd.connect(await signerAt(connection, bidder)).approve(billAddress, MaxUint256));
  }
  await gasOf(usd.mint(adminAddress, 100_000_000n * USD));
  await gasOf(usd.approve(billAddress, MaxUint256));

  const amount = 1_000n * BILL;
  const auction = (n: number) => keccak256(toUtf8Bytes(`bench-auction-${n}`));
  // The bill's first two allotments, unmeasured: they make the supply and the treasury's
  // stablecoin balance non-zero, and give two holders for the transfer.
  const [first, second, ...batch] = bidders;
  await gasOf(bill.recordAllotments(auction(1), [first, second], [amount, amount], [PRICE, PRICE]));
  await gasOf(bill.settleAllotments([0n, 1n]));

  const record = await gasOf(
    bill.recordAllotments(
      auction(2),
      batch,
      batch.map(() => amount),
      batch.map(() => PRICE),
    ),
  );
  const settle = await gasOf(bill.settleAllotments(batch.map((_, i) => BigInt(i + 2))));
  if ((await bill.balanceOf(batch[ALLOTMENTS - 1])) !== amount) throw new Error("T-bill: an allotment failed");

  const { gas: transferExisting, anatomy: transferAnatomy } = await gasWithAnatomy(
    connection,
    bill.connect(await signerAt(connection, first)).transfer(second, 10n * BILL),
  );

  await networkHelpers.time.increaseTo(maturityDate);
  await gasOf(bill.fundRedemption());
  // The bill's first redemption, unmeasured: it makes the total paid out non-zero.
  await gasOf(bill.connect(await signerAt(connection, first)).redeem(await bill.balanceOf(first)));
  const holder = await signerAt(connection, batch[0]);
  const redeem = await gasOf(bill.connect(holder).redeem(await bill.balanceOf(batch[0])));

  const per = (gas: bigint) => gas / BigInt(ALLOTMENTS);
  return {
    settlePerAllotment: per(settle),
    recordPerAllotment: per(record),
    redeem,
    transferExisting,
    transferAnatomy,
    codeSize: await codeSizeOf(connection, billAddress),
  };
}
