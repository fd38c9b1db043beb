/**
 * Gas of the foundation's hot paths, read from transaction receipts on the in-process EDR chain:
 * `registerInvestors` per investor (batch of 100), `mint` to a new and to an existing holder,
 * and a compliant transfer between two existing holders, beside a plain OpenZeppelin ERC-20.
 *
 * The targets are the benchmark's (scripts/bench/lib/targets.ts); a missed one is reported, not fatal.
 *
 * Run: `npm run gas`. Prints a table and writes bench/gas-foundation.json.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { network } from "hardhat";
import { dataSlice, getAddress, keccak256, toBeHex } from "ethers";
import {
  Country,
  InvestorCategory,
  investorIdOf,
  toArgs,
  toBatch,
  type InvestorRecord,
} from "../../src/sdk/investors.js";
import { gasOf } from "./lib/chain.js";
import { gasTargetOf } from "./lib/targets.js";

const TRANSFER_TARGET = gasTargetOf("transferExisting");
const ONBOARDING_TARGET = gasTargetOf("onboardingBatch");
const BATCH = 100;

const { ethers } = await network.create();
const [admin, alice, bob] = await ethers.getSigners();

const registry = await ethers.deployContract("InvestorRegistry", [admin.address, 0]);
await registry.grantRole(await registry.KYC_AGENT_ROLE(), admin.address);
const token = await ethers.deployContract("SovereignToken", [
  "Bench",
  "BNC",
  18,
  await registry.getAddress(),
  admin.address,
  0,
]);
await token.grantRole(await token.ISSUER_ROLE(), admin.address);
const plain = await ethers.deployContract("ERC20PlainMock");

/** A fixed, realistic (non-zero bytes) wallet address for investor `i`, so runs are reproducible. */
const walletAt = (i: number) => getAddress(dataSlice(keccak256(toBeHex(i, 32)), 12));

const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
const record = (wallet: string, i: number): InvestorRecord => ({
  wallet,
  investorId: investorIdOf("bench-salt", `KYC-${i}`),
  country: Country.PAKISTAN,
  category: InvestorCategory.INSTITUTIONAL,
  expiresAt: now + 365n * 86_400n,
});

const single = await gasOf(registry.registerInvestor(...toArgs(record(alice.address, 0))));
const batch = Array.from({ length: BATCH }, (_, i) => record(walletAt(i), i + 1));
const batchGas = await gasOf(registry.registerInvestors(...toBatch(batch)));
await registry.registerInvestor(...toArgs(record(bob.address, 999)));

const unit = 10n ** 18n;
const mintNew = await gasOf(token.mint(alice.address, 1_000n * unit));
const mintExisting = await gasOf(token.mint(alice.address, 1_000n * unit));
await token.mint(bob.address, 1_000n * unit);
const transfer = await gasOf(token.connect(alice).transfer(bob.address, 10n * unit));

await plain.mint(alice.address, 1_000n * unit);
await plain.mint(bob.address, 1_000n * unit);
const plainTransfer = await gasOf(plain.connect(alice).transfer(bob.address, 10n * unit));

const perInvestor = batchGas / BigInt(BATCH);
const rows = [
  { operation: "registerInvestor (one)", gas: single, target: "" },
  {
    operation: `registerInvestors per investor (batch of ${BATCH})`,
    gas: perInvestor,
    target: `<= ${ONBOARDING_TARGET}: ${perInvestor <= ONBOARDING_TARGET ? "met" : "missed"}`,
  },
  { operation: "mint to a new holder", gas: mintNew, target: "" },
  { operation: "mint to an existing holder", gas: mintExisting, target: "" },
  {
    operation: "compliant transfer between existing holders",
    gas: transfer,
    target: `<= ${TRANSFER_TARGET}: ${transfer <= TRANSFER_TARGET ? "met" : "missed"}`,
  },
  { operation: "plain OpenZeppelin ERC-20 transfer (baseline)", gas: plainTransfer, target: "" },
];
console.table(rows.map((r) => ({ ...r, gas: Number(r.gas) })));
console.log(`transfer overhead over plain ERC-20: ${(Number(transfer) / Number(plainTransfer)).toFixed(2)}x`);
await mkdir("bench", { recursive: true });
await writeFile(
  "bench/gas-foundation.json",
  JSON.stringify(
    rows.map((r) => ({ ...r, gas: Number(r.gas) })),
    null,
    2,
  ) + "\n",
);
