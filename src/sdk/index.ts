/**
 * The integrator SDK of the sovereign asset tokenization toolkit: a typed client, error decoding,
 * restriction codes, and the TypeChain (ethers v6) bindings and ABIs of every production contract
 * (no test contract: src/sdk/contracts.ts).
 */
export {
  addressesFromDeploymentRecord,
  SovereignClient,
  type BondQuote,
  type DeploymentRecordLike,
  type CouponPeriod,
  type Entitlement,
  type Holding,
  type InvestorView,
  type IssuanceAddresses,
  type TransferExplanation,
} from "./client.js";
export { couponBondTerms } from "./bond-terms.js";
export {
  attestationUris,
  MAX_LOG_BLOCK_RANGE,
  reserveAttestation,
  reserveHistory,
  storedAttestation,
  type ReserveAttestation,
  type StoredAttestation,
} from "./attestations.js";
export { decodeError, registerErrorAbi, revertError, ToolkitError, type DecodedError } from "./errors.js";
export {
  argumentKind,
  formatAmount,
  formatDuration,
  formatTokens,
  groupThousands,
  isoTime,
  readableArgument,
  roleName,
  type ArgumentKind,
  type ReadableUnits,
  type Units,
} from "./readable.js";
export { divideHalfUp, formatHalfUp, formatPer100, formatPercent, formatPrice, formatWadPercent } from "./quotes.js";
/**
 * Bond calendar, day counts, coupon schedule and accrued interest (the same integer math as the
 * contracts), and price and yield by the street convention.
 */
export * as bondMath from "./bond/index.js";
/** T-bill money-market price and yield, discount rate and bond-equivalent yield, and the auction allotment helper. */
export * as tbillMath from "./tbill/index.js";
export { restrictionName, TransferRestriction, type TransferRestrictionName } from "./restrictions.js";
export {
  CommodityReserveToken__factory,
  ICommodityReserveToken__factory,
  ISovereignBond__factory,
  ITreasuryBill__factory,
  SovereignBond__factory,
  TreasuryBill__factory,
  type CommodityReserveToken,
  type ICommodityReserveToken,
  type ISovereignBond,
  type ITreasuryBill,
  type SovereignBond,
  type TreasuryBill,
  IComplianceModule__factory,
  IERC1404__factory,
  IERC7943Fungible__factory,
  IInvestorRegistry__factory,
  InvestorRegistry__factory,
  IReferencedActions__factory,
  IRegulatedToken__factory,
  RegulatedToken__factory,
  type IComplianceModule,
  type IERC1404,
  type IERC7943Fungible,
  type IInvestorRegistry,
  type InvestorRegistry,
  type IReferencedActions,
  type IRegulatedToken,
  type RegulatedToken,
  SovereignToken__factory,
  type SovereignToken,
  DocumentRegistry__factory,
  IERC1643__factory,
  type DocumentRegistry,
  type IERC1643,
} from "./contracts.js";
/** The documents of an issuance (ERC-1643) and the check of a file against its registered SHA-256. */
export {
  documentHash,
  documentKey,
  documentName,
  documentRegistryAt,
  readDocument,
  readDocuments,
  verifyDocument,
  type DocumentCheck,
  type RegisteredDocument,
} from "./documents.js";

import {
  CommodityReserveToken__factory,
  DocumentRegistry__factory,
  IERC1404__factory,
  IERC7943Fungible__factory,
  InvestorRegistry__factory,
  IReferencedActions__factory,
  RegulatedToken__factory,
  SovereignBond__factory,
  TreasuryBill__factory,
} from "./contracts.js";

/** The ABI of every contract an integrator calls. */
export const abis = {
  InvestorRegistry: InvestorRegistry__factory.abi,
  RegulatedToken: RegulatedToken__factory.abi,
  IERC7943Fungible: IERC7943Fungible__factory.abi,
  IERC1404: IERC1404__factory.abi,
  IReferencedActions: IReferencedActions__factory.abi,
  TreasuryBill: TreasuryBill__factory.abi,
  SovereignBond: SovereignBond__factory.abi,
  CommodityReserveToken: CommodityReserveToken__factory.abi,
  DocumentRegistry: DocumentRegistry__factory.abi,
} as const;
