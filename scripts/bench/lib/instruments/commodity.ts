/**
 * The commodity reserve token (contracts/instruments/commodity/CommodityReserveToken.sol): a
 * reserve attestation by the auditor, a mint gated by the attested reserves (and by a
 * proof-of-reserve feed), and a transfer. As every day but the first: the attestation is not the
 * token's first, and the mints go to an existing holder.
 */
import { id } from "ethers";
import { gasWithAnatomy, type Anatomy } from "../anatomy.js";
import { codeSizeOf, gasOf, signerAt, walletsAt } from "../chain.js";
import type { InstrumentContext } from "../toolkit.js";

const UNIT = 10n ** 18n;
const DAY = 86_400n;
const REPORT_URI = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
const RESERVES = 100_000_000n; // milligrams: 100 kg of gold, 100,000 tokens of one gram

export interface CommodityGas {
  /** `attestReserves`, not the token's first attestation. */
  attestation: bigint;
  /** `mint` to an existing holder, gated by the latest attestation. */
  gatedMint: bigint;
  /** `mint` to an existing holder, gated by a proof-of-reserve feed. */
  feedGatedMint: bigint;
  transferExisting: bigint;
  transferAnatomy: Anatomy;
  /** Runtime code size, in bytes. */
  codeSize: number;
}

export async function measureCommodity({ connection, toolkit, admin }: InstrumentContext): Promise<CommodityGas> {
  const { ethers, networkHelpers } = connection;
  const adminAddress = await admin.getAddress();
  /** The start of the current day: a fixed `asOf` whatever the seconds elapsed, for the same calldata on every run. */
  const today = async () => (BigInt(await networkHelpers.time.latest()) / DAY) * DAY;
  const token = await ethers.deployContract(
    "CommodityReserveToken",
    [
      "Bench Gold Gram",
      "BGLD",
      18,
      await toolkit.registry.getAddress(),
      adminAddress,
      0,
      {
        commodity: "Gold",
        unit: "milligram",
        description: "999.9 fine, London Good Delivery bars",
        reserveUnitsPerToken: 1_000n,
        custodian: adminAddress,
        maxAttestationAge: 30n * DAY,
      },
    ],
    admin,
  );
  for (const role of [await token.ISSUER_ROLE(), await token.AUDITOR_ROLE(), await token.CUSTODIAN_ROLE()]) {
    await gasOf(token.grantRole(role, adminAddress));
  }
  const [a, b] = walletsAt("commodity-holder", 2);
  await toolkit.registerAll([a, b]);

  // The first attestation and the first mints pay for fresh storage: measure the next ones.
  await gasOf(token.attestReserves(RESERVES, await today(), id("report-0"), REPORT_URI));
  await gasOf(token.mint(a, 1_000n * UNIT));
  await gasOf(token.mint(b, 1_000n * UNIT));
  await networkHelpers.time.increase(DAY);

  const attestation = await gasOf(token.attestReserves(RESERVES, await today(), id("report-1"), REPORT_URI));
  const gatedMint = await gasOf(token.mint(a, 1_000n * UNIT));
  const { gas: transferExisting, anatomy: transferAnatomy } = await gasWithAnatomy(
    connection,
    token.connect(await signerAt(connection, a)).transfer(b, 10n * UNIT),
  );

  const feed = await ethers.deployContract("ReserveFeedMock", [8], admin);
  await gasOf(feed.setRound(RESERVES * 10n ** 8n, await today()));
  await gasOf(token.setReserveFeed(await feed.getAddress()));
  const feedGatedMint = await gasOf(token.mint(a, 1_000n * UNIT));

  const codeSize = await codeSizeOf(connection, await token.getAddress());
  return { attestation, gatedMint, feedGatedMint, transferExisting, transferAnatomy, codeSize };
}
