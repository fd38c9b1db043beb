import { expect } from "chai";
import { Interface, ZeroAddress } from "ethers";
import { ICommodityReserveToken__factory } from "../../../../typechain-types/index.js";
import {
  ADMIN_DELAY,
  AUDITOR_ROLE,
  CUSTODIAN_ROLE,
  DEFAULT_ADMIN_ROLE,
  deployCommodityToken,
  ethers,
  MAX_AGE,
  MG_PER_TOKEN,
  metadataFor,
  networkHelpers,
  now,
  Restriction,
  UNIT,
} from "./fixture.js";

/** ERC-165 id of an interface: the XOR of its own function selectors. */
function interfaceIdOf(iface: Interface): string {
  let idValue = 0n;
  iface.forEachFunction((fn) => {
    idValue ^= BigInt(fn.selector);
  });
  return "0x" + idValue.toString(16).padStart(8, "0");
}

describe("CommodityReserveToken: deployment and metadata", function () {
  async function deployFresh(overrides: Parameters<typeof metadataFor>[1] = {}) {
    const f = await networkHelpers.loadFixture(deployCommodityToken);
    const token = await ethers.deployContract("CommodityReserveToken", [
      "Crude",
      "CRD",
      18,
      await f.registry.getAddress(),
      f.admin.address,
      ADMIN_DELAY,
      metadataFor(f.vault.address, overrides),
    ]);
    return { ...f, fresh: token };
  }

  it("exposes the metadata fixed at deployment", async function () {
    const { token, vault } = await networkHelpers.loadFixture(deployCommodityToken);
    const m = await token.metadata();
    expect(m.commodity).to.equal("Gold");
    expect(m.unit).to.equal("milligram");
    expect(m.description).to.equal("999.9 fine, London Good Delivery bars");
    expect(m.reserveUnitsPerToken).to.equal(MG_PER_TOKEN);
    expect(m.custodian).to.equal(vault.address);
    expect(m.maxAttestationAge).to.equal(MAX_AGE);
    expect(await token.name()).to.equal("Pakistan Gold Reserve Gram");
    expect(await token.symbol()).to.equal("PKGLD");
    expect(await token.decimals()).to.equal(18n);
  });

  it("accepts other commodities and an empty description", async function () {
    const { fresh, vault } = await deployFresh({
      commodity: "Brent crude",
      unit: "barrel",
      description: "",
      reserveUnitsPerToken: 1n,
      maxAttestationAge: 7n * 86_400n,
    });
    const m = await fresh.metadata();
    expect([m.commodity, m.unit, m.description]).to.deep.equal(["Brent crude", "barrel", ""]);
    expect(m.reserveUnitsPerToken).to.equal(1n);
    expect(m.custodian).to.equal(vault.address);
    expect(m.maxAttestationAge).to.equal(604_800n);
  });

  for (const [field, value] of [
    ["commodity", ""],
    ["unit", ""],
    ["reserveUnitsPerToken", 0n],
    ["custodian", ZeroAddress],
    ["maxAttestationAge", 0n],
  ] as const) {
    it(`refuses an empty or zero ${field}`, async function () {
      const f = await networkHelpers.loadFixture(deployCommodityToken);
      const factory = await ethers.getContractFactory("CommodityReserveToken");
      await expect(
        factory.deploy(
          "Crude",
          "CRD",
          18,
          await f.registry.getAddress(),
          f.admin.address,
          ADMIN_DELAY,
          metadataFor(f.vault.address, { [field]: value }),
        ),
      )
        .to.be.revertedWithCustomError(factory, "CommodityReserveInvalidMetadata")
        .withArgs(field);
    });
  }

  it("grants roles as the admin decides: the metadata custodian holds none", async function () {
    const { token, admin, auditor, custodian, vault } = await networkHelpers.loadFixture(deployCommodityToken);
    expect(await token.AUDITOR_ROLE()).to.equal(AUDITOR_ROLE);
    expect(await token.CUSTODIAN_ROLE()).to.equal(CUSTODIAN_ROLE);
    expect(await token.getRoleAdmin(AUDITOR_ROLE)).to.equal(DEFAULT_ADMIN_ROLE);
    expect(await token.getRoleAdmin(CUSTODIAN_ROLE)).to.equal(DEFAULT_ADMIN_ROLE);
    expect(await token.hasRole(AUDITOR_ROLE, auditor.address)).to.equal(true);
    expect(await token.hasRole(CUSTODIAN_ROLE, custodian.address)).to.equal(true);
    expect(await token.hasRole(CUSTODIAN_ROLE, vault.address)).to.equal(false);
    expect(await token.hasRole(AUDITOR_ROLE, admin.address)).to.equal(false);
    expect(await token.defaultAdmin()).to.equal(admin.address);
  });

  it("starts with no attestation, no feed and no redemption: nothing can be minted", async function () {
    const { fresh, admin, alice } = await deployFresh();
    expect(await fresh.attestationCount()).to.equal(0n);
    await expect(fresh.latestAttestation()).to.be.revertedWithCustomError(fresh, "CommodityReserveNoAttestation");
    await expect(fresh.attestation(0n))
      .to.be.revertedWithCustomError(fresh, "CommodityReserveUnknownAttestation")
      .withArgs(0n, 0n);
    expect(await fresh.reserveFeed()).to.equal(ZeroAddress);
    expect(await fresh.isUnderCollateralised()).to.equal(false);
    expect(await fresh.redemptionCount()).to.equal(0n);
    expect(await fresh.coverageRatio()).to.equal(ethers.MaxUint256);
    await expect(fresh.currentReserves())
      .to.be.revertedWithCustomError(fresh, "CommodityReserveAttestationStale")
      .withArgs(0n, MAX_AGE, await now());
    await expect(fresh.reserveCapacity())
      .to.be.revertedWithCustomError(fresh, "CommodityReserveAttestationStale")
      .withArgs(0n, MAX_AGE, await now());
    expect(await fresh.detectTransferRestriction(ZeroAddress, alice.address, 1n)).to.equal(
      Restriction.ATTESTATION_STALE,
    );

    await fresh.connect(admin).grantRole(await fresh.ISSUER_ROLE(), admin.address);
    await networkHelpers.time.setNextBlockTimestamp((await now()) + 10n);
    await expect(fresh.connect(admin).mint(alice.address, UNIT))
      .to.be.revertedWithCustomError(fresh, "CommodityReserveAttestationStale")
      .withArgs(0n, MAX_AGE, (await now()) + 10n);
  });

  it("answers supportsInterface for its own interface and the core's", async function () {
    const { token } = await networkHelpers.loadFixture(deployCommodityToken);
    const own = interfaceIdOf(ICommodityReserveToken__factory.createInterface());
    expect(await token.supportsInterface(own)).to.equal(true);
    expect(await token.supportsInterface("0x3edbb4c4")).to.equal(true); // ERC-7943 fungible
    expect(await token.supportsInterface("0x01ffc9a7")).to.equal(true); // ERC-165
    expect(await token.supportsInterface("0xffffffff")).to.equal(false);
  });
});
