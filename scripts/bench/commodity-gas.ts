/**
 * Gas of the commodity reserve token's hot paths, read from transaction receipts on the in-process
 * EDR chain: a reserve attestation (not the first: its slot layout is then warm, as every month
 * after the first), a gated mint to an existing holder (from attestations, and from a
 * proof-of-reserve feed), a redemption request and its fulfilment or rejection (with another
 * request pending, so the escrow is never empty), beside the core's ungated mint to an existing
 * holder.
 *
 * Run: `npx hardhat run scripts/bench/commodity-gas.ts`. Prints a table and writes
 * bench/gas-commodity.json.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { network } from "hardhat";
import { id } from "ethers";
import { Country, InvestorCategory, investorIdOf, toArgs } from "../../src/sdk/investors.js";
import { gasOf } from "./lib/chain.js";

const { ethers } = await network.create();
const [admin, alice, bob, vault] = await ethers.getSigners();

const latest = async () => BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
const unit = 10n ** 18n;
const uri = "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";

const registry = await ethers.deployContract("InvestorRegistry", [admin.address, 0]);
await registry.grantRole(await registry.KYC_AGENT_ROLE(), admin.address);
for (const [i, wallet] of [alice, bob].entries()) {
  await registry.registerInvestor(
    ...toArgs({
      wallet: wallet.address,
      investorId: investorIdOf("bench-salt", `KYC-${i}`),
      country: Country.PAKISTAN,
      category: InvestorCategory.INSTITUTIONAL,
      expiresAt: (await latest()) + 365n * 86_400n,
    }),
  );
}

const token = await ethers.deployContract("CommodityReserveToken", [
  "Bench Gold Gram",
  "BGLD",
  18,
  await registry.getAddress(),
  admin.address,
  0,
  {
    commodity: "Gold",
    unit: "milligram",
    description: "999.9 fine, London Good Delivery bars",
    reserveUnitsPerToken: 1_000n,
    custodian: vault.address,
    maxAttestationAge: 30n * 86_400n,
  },
]);
for (const role of [await token.ISSUER_ROLE(), await token.AUDITOR_ROLE(), await token.CUSTODIAN_ROLE()]) {
  await token.grantRole(role, admin.address);
}
const core = await ethers.deployContract("SovereignToken", [
  "Bench",
  "BNC",
  18,
  await registry.getAddress(),
  admin.address,
  0,
]);
await core.grantRole(await core.ISSUER_ROLE(), admin.address);

// The first attestation and the first mints pay for fresh storage; measure the next ones.
await token.attestReserves(100_000_000n, await latest(), id("report-0"), uri);
await token.mint(alice.address, 1_000n * unit);
await token.mint(bob.address, 1_000n * unit);
await core.mint(alice.address, 1_000n * unit);

// Bob's request stays pending throughout: the escrow balance and the request counter are not zero,
// as on any day but the first.
await token.connect(bob).requestRedemption(1n * unit, 0, id("DELIVERY-0000"));

const attestation = await gasOf(token.attestReserves(100_000_000n, await latest(), id("report-1"), uri));
const gatedMint = await gasOf(token.mint(alice.address, 1_000n * unit));
const coreMint = await gasOf(core.mint(alice.address, 1_000n * unit));
const request = await gasOf(token.connect(alice).requestRedemption(250n * unit, 0, id("DELIVERY-0001")));
const fulfil = await gasOf(token.fulfilRedemption(2n));
await token.connect(alice).requestRedemption(250n * unit, 1, id("IBAN-0001"));
const reject = await gasOf(token.rejectRedemption(3n, "Settlement account not verified"));

const feed = await ethers.deployContract("ReserveFeedMock", [8]);
await feed.setRound(100_000_000n * 10n ** 8n, await latest());
await token.setReserveFeed(await feed.getAddress());
const feedMint = await gasOf(token.mint(alice.address, 1_000n * unit));

const rows = [
  { operation: "attestReserves (a later attestation, 66-byte URI)", gas: attestation },
  { operation: "gated mint to an existing holder (attestations)", gas: gatedMint },
  { operation: "gated mint to an existing holder (reserve feed)", gas: feedMint },
  { operation: "core mint to an existing holder (no gate, baseline)", gas: coreMint },
  { operation: "requestRedemption", gas: request },
  { operation: "fulfilRedemption (burn from escrow)", gas: fulfil },
  { operation: "rejectRedemption (return from escrow)", gas: reject },
];
console.table(rows.map((r) => ({ ...r, gas: Number(r.gas) })));
console.log(`mint gate overhead: ${gatedMint - coreMint} gas (attestations), ${feedMint - coreMint} gas (feed)`);
await mkdir("bench", { recursive: true });
await writeFile(
  "bench/gas-commodity.json",
  JSON.stringify(
    rows.map((r) => ({ ...r, gas: Number(r.gas) })),
    null,
    2,
  ) + "\n",
);
