/**
 * The TypeChain bindings the SDK ships: the production contracts and their interfaces only, each
 * from its own file. Never from typechain-types/index.ts, which also exports the test contracts
 * (contracts/mocks/): what the SDK imports is what `npm run sdk:pack` puts in the package.
 */
export { CommodityReserveToken__factory } from "../../typechain-types/factories/contracts/instruments/commodity/CommodityReserveToken__factory.js";
export { ICommodityReserveToken__factory } from "../../typechain-types/factories/contracts/instruments/commodity/ICommodityReserveToken__factory.js";
export { ISovereignBond__factory } from "../../typechain-types/factories/contracts/instruments/bond/ISovereignBond__factory.js";
export { SovereignBond__factory } from "../../typechain-types/factories/contracts/instruments/bond/SovereignBond__factory.js";
export { ITreasuryBill__factory } from "../../typechain-types/factories/contracts/instruments/tbill/ITreasuryBill__factory.js";
export { TreasuryBill__factory } from "../../typechain-types/factories/contracts/instruments/tbill/TreasuryBill__factory.js";
export { DocumentRegistry__factory } from "../../typechain-types/factories/contracts/documents/DocumentRegistry__factory.js";
export { IERC1643__factory } from "../../typechain-types/factories/contracts/documents/IERC1643__factory.js";
export { IERC1404__factory } from "../../typechain-types/factories/contracts/interfaces/IERC1404__factory.js";
export { IERC7943Fungible__factory } from "../../typechain-types/factories/contracts/interfaces/IERC7943Fungible__factory.js";
export { IReferencedActions__factory } from "../../typechain-types/factories/contracts/interfaces/IReferencedActions__factory.js";
export { IInvestorRegistry__factory } from "../../typechain-types/factories/contracts/registry/IInvestorRegistry__factory.js";
export { InvestorRegistry__factory } from "../../typechain-types/factories/contracts/registry/InvestorRegistry__factory.js";
export { IComplianceModule__factory } from "../../typechain-types/factories/contracts/token/IComplianceModule__factory.js";
export { IRegulatedToken__factory } from "../../typechain-types/factories/contracts/token/IRegulatedToken__factory.js";
export { RegulatedToken__factory } from "../../typechain-types/factories/contracts/token/RegulatedToken__factory.js";
export { SovereignToken__factory } from "../../typechain-types/factories/contracts/token/SovereignToken__factory.js";
export type { CommodityReserveToken } from "../../typechain-types/contracts/instruments/commodity/CommodityReserveToken.js";
export type { ICommodityReserveToken } from "../../typechain-types/contracts/instruments/commodity/ICommodityReserveToken.js";
export type { ISovereignBond } from "../../typechain-types/contracts/instruments/bond/ISovereignBond.js";
export type { SovereignBond } from "../../typechain-types/contracts/instruments/bond/SovereignBond.js";
export type { ITreasuryBill } from "../../typechain-types/contracts/instruments/tbill/ITreasuryBill.js";
export type { TreasuryBill } from "../../typechain-types/contracts/instruments/tbill/TreasuryBill.js";
export type { DocumentRegistry } from "../../typechain-types/contracts/documents/DocumentRegistry.js";
export type { IERC1643 } from "../../typechain-types/contracts/documents/IERC1643.js";
export type { IERC1404 } from "../../typechain-types/contracts/interfaces/IERC1404.js";
export type { IERC7943Fungible } from "../../typechain-types/contracts/interfaces/IERC7943Fungible.js";
export type { IReferencedActions } from "../../typechain-types/contracts/interfaces/IReferencedActions.js";
export type { IInvestorRegistry } from "../../typechain-types/contracts/registry/IInvestorRegistry.js";
export type { InvestorRegistry } from "../../typechain-types/contracts/registry/InvestorRegistry.js";
export type { IComplianceModule } from "../../typechain-types/contracts/token/IComplianceModule.js";
export type { IRegulatedToken } from "../../typechain-types/contracts/token/IRegulatedToken.js";
export type { RegulatedToken } from "../../typechain-types/contracts/token/RegulatedToken.js";
export type { SovereignToken } from "../../typechain-types/contracts/token/SovereignToken.js";
