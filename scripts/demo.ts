/**
 * The main job, on the embedded chain with no set-up (`npm run demo`): deploys the shared investor
 * registry and a sample regulated token, onboards investors with salted KYC hashes, issues tokens,
 * and shows a permitted transfer and refused ones with their reasons, asked before sending
 * (ERC-1404 / ERC-7943) and confirmed by the chain.
 */
import { network } from "hardhat";
import { formatUnits, parseUnits } from "ethers";
import { describeRevert } from "./lib/errors.js";
import { Country, InvestorCategory, investorIdOf, toBatch, type InvestorRecord } from "./lib/investors.js";

const DECIMALS = 6;
const ONE_YEAR = 365n * 24n * 60n * 60n;
const KYC_SALT = "demo-kyc-provider-salt";

const { ethers } = await network.create();
const [ministry, kycAgent, treasury, bank, fund, exchange, retailSaver, stranger] = await ethers.getSigners();
const amount = (value: string) => parseUnits(value, DECIMALS);
const show = (value: bigint) => formatUnits(value, DECIMALS);

console.log("== 1. Deploy the shared investor registry and a sample regulated token");
const registry = await ethers.deployContract("InvestorRegistry", [ministry.address, 2 * 24 * 60 * 60]);
await (await registry.grantRole(await registry.KYC_AGENT_ROLE(), kycAgent.address)).wait();
const token = await ethers.deployContract("RegulatedTokenMock", [
  "Sample Sovereign Note",
  "SSN",
  DECIMALS,
  await registry.getAddress(),
  ministry.address,
  2 * 24 * 60 * 60,
]);
for (const role of [await token.ISSUER_ROLE(), await token.COMPLIANCE_ROLE(), await token.ENFORCEMENT_ROLE()]) {
  await (await token.grantRole(role, treasury.address)).wait();
}
console.log(`registry ${await registry.getAddress()}`);
console.log(`token    ${await token.getAddress()} (${await token.symbol()}, ${DECIMALS} decimals)`);

console.log("\n== 2. Policy: Pakistani and Emirati investors; institutions, dealers, accredited and exchanges");
const categories = [
  InvestorCategory.ACCREDITED,
  InvestorCategory.INSTITUTIONAL,
  InvestorCategory.PRIMARY_DEALER,
  InvestorCategory.EXCHANGE_OMNIBUS,
];
await (await token.connect(treasury).setCountryRestriction(true)).wait();
await (
  await token.connect(treasury).setCountriesAllowed([Country.PAKISTAN, Country.UNITED_ARAB_EMIRATES], true)
).wait();
await (await token.connect(treasury).setAllowedCategories(categories.reduce((mask, c) => mask | (1 << c), 0))).wait();

console.log("\n== 3. Onboard investors in one batch (only salted hashes of the KYC records go on chain)");
const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
const investors: (InvestorRecord & { name: string })[] = [
  {
    name: "National Bank (primary dealer)",
    wallet: bank.address,
    kyc: "KYC-0001",
    country: Country.PAKISTAN,
    category: InvestorCategory.PRIMARY_DEALER,
  },
  {
    name: "Pension Fund (institutional)",
    wallet: fund.address,
    kyc: "KYC-0002",
    country: Country.PAKISTAN,
    category: InvestorCategory.INSTITUTIONAL,
  },
  {
    name: "Licensed exchange omnibus",
    wallet: exchange.address,
    kyc: "KYC-0003",
    country: Country.UNITED_ARAB_EMIRATES,
    category: InvestorCategory.EXCHANGE_OMNIBUS,
  },
  {
    name: "Retail saver",
    wallet: retailSaver.address,
    kyc: "KYC-0004",
    country: Country.PAKISTAN,
    category: InvestorCategory.RETAIL,
  },
].map(({ kyc, ...rest }) => ({ ...rest, investorId: investorIdOf(KYC_SALT, kyc), expiresAt: now + ONE_YEAR }));
const onboarding = await (await registry.connect(kycAgent).registerInvestors(...toBatch(investors))).wait();
console.table(
  investors.map((i) => ({
    investor: i.name,
    wallet: i.wallet,
    country: i.country,
    category: i.category,
    investorId: `${i.investorId.slice(0, 18)}…`,
  })),
);
console.log(`gas for ${investors.length} investors: ${onboarding!.gasUsed}`);

console.log("\n== 4. Issue to the primary dealer");
await (await token.connect(treasury).mint(bank.address, amount("1000000"))).wait();
console.log(`bank holds ${show(await token.balanceOf(bank.address))} SSN`);

async function tryTransfer(label: string, to: string, value: bigint) {
  const code = await token.detectTransferRestriction(bank.address, to, value);
  const message = await token.messageForTransferRestriction(code);
  console.log(`\n-- ${label}: ${show(value)} SSN`);
  console.log(`   asked first: code ${code}, "${message}"`);
  try {
    const receipt = await (await token.connect(bank).transfer(to, value)).wait();
    console.log(`   sent: block ${receipt!.blockNumber}, gas ${receipt!.gasUsed}`);
  } catch (error) {
    console.log(`   refused by the chain: ${describeRevert(error, token.interface)}`);
  }
}

console.log("\n== 5. Secondary trades");
await tryTransfer("bank -> pension fund (permitted)", fund.address, amount("250000"));
await tryTransfer("bank -> exchange omnibus in the UAE (permitted)", exchange.address, amount("100000"));
await tryTransfer("bank -> retail saver (category not allowed)", retailSaver.address, amount("1000"));
await tryTransfer("bank -> unregistered wallet (no KYC)", stranger.address, amount("1000"));
await (await token.connect(treasury).setFrozenTokens(bank.address, amount("600000"))).wait();
await tryTransfer("bank -> pension fund with 600,000 frozen by court order", fund.address, amount("100000"));

console.log("\n== 6. Final balances");
const rows = [];
for (const investor of investors) {
  const [balance, frozen] = [await token.balanceOf(investor.wallet), await token.getFrozenTokens(investor.wallet)];
  rows.push({ investor: investor.name, balance: show(balance), frozen: show(frozen) });
}
console.table(rows);
console.log(`holders: ${await token.holderCount()}, total supply: ${show(await token.totalSupply())} SSN`);
