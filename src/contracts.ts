/**
 * The TypeChain bindings the SDK ships: the production contracts and their interfaces only, each
 * from its own file. Never from typechain-types/index.ts, which also exports the test contracts
 * (contracts/mocks/): what the SDK imports is what `npm run sdk:pack` puts in the package.
 */
export { CommodityReserveToken__factory } from "../typechain-types/factories/instruments/commodity/CommodityReserveToken__factory.js";
export { ICommodityReserveToken__factory } from "../typechain-types/factories/instruments/commodity/ICommodityReserveToken__factory.js";
export { ISovereignBond__factory } from "../typechain-types/factories/instruments/bond/ISovereignBond__factory.js";
export { SovereignBond__factory } from "../typechain-types/factories/instruments/bond/SovereignBond__factory.js";
export { ITreasuryBill__factory } from "../typechain-types/factories/instruments/tbill/ITreasuryBill__factory.js";
export { TreasuryBill__factory } from "../typechain-types/factories/instruments/tbill/TreasuryBill__factory.js";
export { IERC1404__factory } from "../typechain-types/factories/interfaces/IERC1404__factory.js";
export { IERC7943Fungible__factory } from "../typechain-types/factories/interfaces/IERC7943Fungible__factory.js";
export { IInvestorRegistry__factory } from "../typechain-types/factories/registry/IInvestorRegistry__factory.js";
export { InvestorRegistry__factory } from "../typechain-types/factories/registry/InvestorRegistry__factory.js";
export { IComplianceModule__factory } from "../typechain-types/factories/token/IComplianceModule__factory.js";
export { IRegulatedToken__factory } from "../typechain-types/factories/token/IRegulatedToken__factory.js";
export { RegulatedToken__factory } from "../typechain-types/factories/token/RegulatedToken__factory.js";
export { SovereignToken__factory } from "../typechain-types/factories/token/SovereignToken__factory.js";
export type { CommodityReserveToken } from "../typechain-types/instruments/commodity/CommodityReserveToken.js";
export type { ICommodityReserveToken } from "../typechain-types/instruments/commodity/ICommodityReserveToken.js";
export type { ISovereignBond } from "../typechain-types/instruments/bond/ISovereignBond.js";
export type { SovereignBond } from "../typechain-types/instruments/bond/SovereignBond.js";
export type { ITreasuryBill } from "../typechain-types/instruments/tbill/ITreasuryBill.js";
export type { TreasuryBill } from "../typechain-types/instruments/tbill/TreasuryBill.js";
export type { IERC1404 } from "../typechain-types/interfaces/IERC1404.js";
export type { IERC7943Fungible } from "../typechain-types/interfaces/IERC7943Fungible.js";
export type { IInvestorRegistry } from "../typechain-types/registry/IInvestorRegistry.js";
export type { InvestorRegistry } from "../typechain-types/registry/InvestorRegistry.js";
export type { IComplianceModule } from "../typechain-types/token/IComplianceModule.js";
export type { IRegulatedToken } from "../typechain-types/token/IRegulatedToken.js";
export type { RegulatedToken } from "../typechain-types/token/RegulatedToken.js";
export type { SovereignToken } from "../typechain-types/token/SovereignToken.js";
