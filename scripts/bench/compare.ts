/**
 * What every transfer and every coupon costs, side by side, on one in-process EDR
 * chain and in one run:
 *   - this toolkit: the InvestorRegistry, the regulated core and the instruments (SovereignBond,
 *     TreasuryBill, CommodityReserveToken);
 *   - ERC-3643: the T-REX 4.1.6 suite and ONCHAINID 2.2.1, deployed from the compiled artifacts
 *     of their npm packages;
 *   - the floor: a plain OpenZeppelin ERC-20 built by our own compiler.
 * Investors are verified in each. Gas is read from transaction receipts.
 *
 * The chain starts at a fixed date and every wallet, salt, expiry and date is fixed, so the same
 * commit prints the same table on every run. The chain keeps the EIP-170 contract size limit; the
 * runtime size of each contract is reported.
 *
 * Run: `npm run bench`. Prints one table, writes bench/results.json and refreshes the table in
 * BENCHMARKS.md (between its `bench:gas` markers).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { network } from "hardhat";
import { toArgs } from "../../src/sdk/investors.js";
import { anatomyOf, type Anatomy } from "./lib/anatomy.js";
import { codeSizeOf, EIP170_LIMIT, gasOf, mean, signerAt, walletsAt } from "./lib/chain.js";
import { measureCore, type CoreGas } from "./lib/core.js";
import { LARGE, measureSovereignBond, PAGE, SMALL } from "./lib/instruments/bond.js";
import { measureCommodity } from "./lib/instruments/commodity.js";
import { ALLOTMENTS, measureTreasuryBill } from "./lib/instruments/tbill.js";
import { refreshSection } from "./lib/markdown.js";
import { deployPlain } from "./lib/plain.js";
import { atMost, atMostFraction, renderMarkdown, renderText, toJson, type Row, type Target } from "./lib/table.js";
import { deployToolkit } from "./lib/toolkit.js";
import { deployTrex, type TrexOnboarding } from "./lib/trex.js";
import { compilerOf, hardforkOf, versionOf } from "./lib/environment.js";

const BATCH = 100;
const PAKISTAN = 586;
/** The chain's first block: a fixed date before every date the instruments use. */
const START = "2030-01-01T00:00:00Z";
const TARGETS = {
  /** Compliant transfer between existing holders: at most 1.6 times the plain ERC-20 transfer... */
  transferOverPlain: [16n, 10n] as const,
  /** ...and at most a quarter of ERC-3643's. */
  transferOverErc3643: [1n, 4n] as const,
  /** Investor onboarding in a batch, everything included, per investor. */
  onboardingPerInvestor: 50_000n,
  /** Coupon funding with 1,000 holders within 5% of funding with 10. */
  couponFundingSpread: [105n, 100n] as const,
} as const;

const connection = await network.create({ override: { initialDate: START } });
const { ethers } = connection;
const [deployer, kycAgent, tokenAgent, issuerOwner, claimSigner] = await ethers.getSigners();

// ---------------------------------------------------------------------------------------------
// Deployments.
const toolkit = await deployToolkit(connection, { admin: deployer, kycAgent, tokenAgent });
const trex = await deployTrex(connection, { deployer, kycAgent, tokenAgent, issuerOwner, claimSigner });
const plain = await deployPlain(connection);

// ---------------------------------------------------------------------------------------------
// Investor onboarding: one investor, then a batch of BATCH.
const [solo] = walletsAt("onboarding-one", 1);
const toolkitOne = await gasOf(toolkit.registry.registerInvestor(...toArgs(toolkit.record(solo))));
const trexSolo = await trex.createVerifiedIdentity(solo);
const trexSoloRegistration = await gasOf(trex.identityRegistry.registerIdentity(solo, trexSolo.identity, PAKISTAN));
const trexOne = trexSolo.createIdentity + trexSolo.addClaim + trexSoloRegistration;

const batch = walletsAt("onboarding-batch", BATCH);
const [toolkitBatchGas] = await toolkit.registerAll(batch);
const trexBatch: TrexOnboarding[] = [];
for (const wallet of batch) trexBatch.push(await trex.createVerifiedIdentity(wallet));
const trexBatchRegistration = await gasOf(
  trex.identityRegistry.batchRegisterIdentity(
    batch,
    trexBatch.map((o) => o.identity),
    batch.map(() => PAKISTAN),
  ),
);
const toolkitPerInvestor = toolkitBatchGas / BigInt(BATCH);
const trexIdentityAndClaim = mean(trexBatch.map((o) => o.createIdentity + o.addClaim));
const trexRegistrationPerInvestor = trexBatchRegistration / BigInt(BATCH);
const trexPerInvestor = trexIdentityAndClaim + trexRegistrationPerInvestor;

// Cross-check: an identity proxy deployed directly, as T-REX's own test fixture does.
const [direct] = walletsAt("onboarding-direct", 1);
const trexDirect = await trex.createVerifiedIdentityDirect(direct);

// ---------------------------------------------------------------------------------------------
// The shared operations, on the same four verified wallets in every column.
const holders = walletsAt("holder", 4);
await toolkit.registerAll(holders);
const trexHolders: string[] = [];
for (const wallet of holders) trexHolders.push((await trex.createVerifiedIdentity(wallet)).identity);
await gasOf(
  trex.identityRegistry.batchRegisterIdentity(
    holders,
    trexHolders,
    holders.map(() => PAKISTAN),
  ),
);
for (const wallet of [solo, ...batch, ...holders]) {
  if (!(await toolkit.registry.isVerified(wallet))) throw new Error(`toolkit: ${wallet} is not verified`);
  if (!((await trex.identityRegistry.isVerified(wallet)) as boolean)) {
    throw new Error(`T-REX: ${wallet} is not verified`);
  }
}
const wallets = { seed: holders[0], a: await signerAt(connection, holders[1]), b: holders[2], c: holders[3] };
const core: Record<"toolkit" | "erc3643" | "plain", CoreGas> = {
  toolkit: await measureCore(toolkit.core, wallets),
  erc3643: await measureCore(trex.core, wallets),
  plain: await measureCore(plain, wallets),
};
const anatomy: Record<string, Anatomy> = {
  "toolkit core": await anatomyOf(connection, core.toolkit.transferExistingHash),
  "ERC-3643": await anatomyOf(connection, core.erc3643.transferExistingHash),
  "plain ERC-20": await anatomyOf(connection, core.plain.transferExistingHash),
};

// ---------------------------------------------------------------------------------------------
// The instruments, each from the same state (its deployments and time travel undone after it).
async function isolated<T>(measure: () => Promise<T>): Promise<T> {
  const snapshot = await connection.networkHelpers.takeSnapshot();
  try {
    return await measure();
  } finally {
    await snapshot.restore();
  }
}
const instrumentContext = { connection, toolkit, admin: deployer };
const bond = await isolated(() => measureSovereignBond(instrumentContext));
const tbill = await isolated(() => measureTreasuryBill(instrumentContext));
const commodity = await isolated(() => measureCommodity(instrumentContext));
anatomy.bond = bond.transferAnatomy;
anatomy["T-bill"] = tbill.transferAnatomy;
anatomy.commodity = commodity.transferAnatomy;

const codeSizes = {
  InvestorRegistry: await codeSizeOf(connection, await toolkit.registry.getAddress()),
  "RegulatedToken (core)": await codeSizeOf(connection, await toolkit.token.getAddress()),
  SovereignBond: bond.codeSize,
  TreasuryBill: tbill.codeSize,
  CommodityReserveToken: commodity.codeSize,
};

// ---------------------------------------------------------------------------------------------
// The table.
/** The targets of a compliant transfer between existing holders of this toolkit costing `gas`. */
const transferTargets = (gas: bigint): Target[] => [
  atMostFraction("≤ 1.6× plain", gas, core.plain.transferExisting, ...TARGETS.transferOverPlain),
  atMostFraction("≤ ¼ ERC-3643", gas, core.erc3643.transferExisting, ...TARGETS.transferOverErc3643),
];
type CoreKey = Exclude<keyof CoreGas, "transferExistingHash">;
/** An operation of the regulated core, in all three columns. */
const coreRow = (key: CoreKey, operation: string, targets: Target[] = []): Row => ({
  key,
  operation,
  toolkit: core.toolkit[key],
  erc3643: core.erc3643[key],
  plain: core.plain[key],
  targets,
});
/** An instrument's operation, beside the same core operation of ERC-3643 and the plain ERC-20. */
const besideCore = (key: string, operation: string, gas: bigint, reference: CoreKey, targets: Target[] = []): Row => ({
  key,
  operation,
  toolkit: gas,
  erc3643: core.erc3643[reference],
  plain: core.plain[reference],
  targets,
});
/** An operation that neither ERC-3643 nor a plain ERC-20 has. */
const toolkitOnly = (key: string, operation: string, gas: bigint, targets: Target[] = []): Row => ({
  key,
  operation,
  toolkit: gas,
  erc3643: null,
  plain: null,
  targets,
});

const rows: Row[] = [
  {
    key: "onboardingOne",
    operation: "investor onboarding, one investor",
    toolkit: toolkitOne,
    erc3643: trexOne,
    plain: null,
    targets: [],
  },
  {
    key: "onboardingBatch",
    operation: `investor onboarding, per investor in a batch of ${BATCH} (everything included)`,
    toolkit: toolkitPerInvestor,
    erc3643: trexPerInvestor,
    plain: null,
    targets: [atMost("≤ 50,000", toolkitPerInvestor, TARGETS.onboardingPerInvestor)],
  },
  coreRow("mintNew", "mint to a new holder"),
  coreRow("mintExisting", "mint to an existing holder"),
  coreRow("transferNew", "compliant transfer to a new holder"),
  coreRow(
    "transferExisting",
    "compliant transfer between existing holders",
    transferTargets(core.toolkit.transferExisting),
  ),
  besideCore(
    "bondTransferExisting",
    "bond: compliant transfer between existing holders",
    bond.transferExisting,
    "transferExisting",
    transferTargets(bond.transferExisting),
  ),
  besideCore(
    "bondTransferFirstAfterRecordDate",
    "bond: the same, first transfer of both holders after a record date",
    bond.transferFirstAfterRecordDate,
    "transferExisting",
  ),
  besideCore(
    "tbillTransferExisting",
    "T-bill: compliant transfer between existing holders",
    tbill.transferExisting,
    "transferExisting",
    transferTargets(tbill.transferExisting),
  ),
  besideCore(
    "commodityTransferExisting",
    "commodity: compliant transfer between existing holders",
    commodity.transferExisting,
    "transferExisting",
    transferTargets(commodity.transferExisting),
  ),
  coreRow("freeze", "freeze a wallet"),
  coreRow("forcedTransfer", "forced transfer"),
  coreRow("pause", "pause"),
  toolkitOnly("couponFundingSmall", `bond: coupon funding, ${SMALL} holders`, bond.fundCouponSmall),
  toolkitOnly(
    "couponFundingLarge",
    `bond: coupon funding, ${LARGE.toLocaleString("en-US")} holders`,
    bond.fundCouponLarge,
    [
      atMostFraction(
        `≤ ${SMALL} holders + 5%`,
        bond.fundCouponLarge,
        bond.fundCouponSmall,
        ...TARGETS.couponFundingSpread,
      ),
    ],
  ),
  toolkitOnly("couponClaim", "bond: coupon claim by a holder", bond.claim),
  toolkitOnly("couponPush", `bond: coupon paid by the treasury, per holder (page of ${PAGE})`, bond.payPerHolder),
  toolkitOnly(
    "tbillSettlement",
    `T-bill: DvP settlement per allotment (batch of ${ALLOTMENTS} new holders)`,
    tbill.settlePerAllotment,
  ),
  toolkitOnly(
    "tbillRecording",
    `T-bill: auction allotment recorded, per allotment (batch of ${ALLOTMENTS})`,
    tbill.recordPerAllotment,
  ),
  toolkitOnly("bondRedemption", "bond: redemption at maturity (whole balance, with the final coupon)", bond.redeem),
  toolkitOnly("tbillRedemption", "T-bill: redemption at maturity (whole balance)", tbill.redeem),
  toolkitOnly(
    "reserveAttestation",
    "commodity: reserve attestation (auditor, report hash and URI)",
    commodity.attestation,
  ),
  besideCore(
    "gatedMint",
    "commodity: mint gated by attested reserves, to an existing holder",
    commodity.gatedMint,
    "mintExisting",
  ),
  besideCore(
    "feedGatedMint",
    "commodity: mint gated by a proof-of-reserve feed, to an existing holder",
    commodity.feedGatedMint,
    "mintExisting",
  ),
];

const details = {
  transferBetweenExistingHolders: anatomy,
  erc3643Onboarding: {
    createIdentityViaIdFactory: Number(trexSolo.createIdentity),
    addKycClaim: Number(trexSolo.addClaim),
    registerIdentityOne: Number(trexSoloRegistration),
    identityAndClaimPerInvestorInBatch: Number(trexIdentityAndClaim),
    batchRegisterIdentityPerInvestor: Number(trexRegistrationPerInvestor),
    directIdentityProxyDeployment: Number(trexDirect.createIdentity),
    directIdentityAndClaim: Number(trexDirect.createIdentity + trexDirect.addClaim),
  },
  codeSizes,
};

// ---------------------------------------------------------------------------------------------
// Outputs.
const fmt = (n: number) => n.toLocaleString("en-US");
console.log(`\n${renderText(rows)}\n`);
console.log("Compliant transfer between existing holders, from the EVM trace:");
const heads = ["gas", "cold reads", "warm reads", "writes", "storage gas", "calls"];
console.log(`  ${"".padEnd(14)}${heads.map((h) => h.padStart(12)).join("")}`);
for (const [column, a] of Object.entries(anatomy)) {
  const figures = [a.gas, a.coldStorageReads, a.warmStorageReads, a.storageWrites, a.storageGas, a.externalCalls];
  console.log(`  ${column.padEnd(14)}${figures.map((f) => fmt(f).padStart(12)).join("")}`);
}
console.log("\nERC-3643 onboarding, in detail (gas):");
for (const [name, gas] of Object.entries(details.erc3643Onboarding)) {
  console.log(`  ${name.padEnd(38)}${fmt(gas).padStart(10)}`);
}
console.log(`\nRuntime code size (EIP-170 limit: ${fmt(EIP170_LIMIT)} bytes):`);
for (const [name, size] of Object.entries(codeSizes)) {
  console.log(`  ${name.padEnd(38)}${fmt(size).padStart(10)}`);
}

const results = {
  generatedBy: "npm run bench (scripts/bench/compare.ts)",
  chain: {
    network: "in-process EDR",
    hardfork: hardforkOf(connection.networkConfig),
    initialDate: START,
    allowUnlimitedContractSize: false,
  },
  compiler: compilerOf(),
  versions: {
    hardhat: versionOf("hardhat"),
    "@openzeppelin/contracts": versionOf("@openzeppelin/contracts"),
    "@tokenysolutions/t-rex": versionOf("@tokenysolutions/t-rex"),
    "@onchain-id/solidity": versionOf("@onchain-id/solidity"),
  },
  rows: rows.map(toJson),
  details,
};
await mkdir("bench", { recursive: true });
await writeFile("bench/results.json", JSON.stringify(results, null, 2) + "\n");
if (await refreshSection("BENCHMARKS.md", "bench:gas", renderMarkdown(rows))) {
  console.log("\nwrote bench/results.json and the table of BENCHMARKS.md");
} else {
  console.warn("\nwrote bench/results.json; BENCHMARKS.md or its bench:gas markers are missing");
}
