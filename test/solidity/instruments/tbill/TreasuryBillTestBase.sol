// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {InvestorRegistry} from "../../../../contracts/registry/InvestorRegistry.sol";
import {IDebtSecurity} from "../../../../contracts/instruments/debt/IDebtSecurity.sol";
import {ITreasuryBill} from "../../../../contracts/instruments/tbill/ITreasuryBill.sol";
import {TreasuryBill} from "../../../../contracts/instruments/tbill/TreasuryBill.sol";

/// @dev A registry run by the test, and a 91-day bill of face 100 (6-decimal dollars) administered by it.
abstract contract TreasuryBillTestBase is Test {
    uint256 internal constant FACE = 100e6;

    InvestorRegistry internal registry;

    function _deployRegistry() internal {
        registry = new InvestorRegistry(address(this), 0);
        registry.grantRole(registry.KYC_AGENT_ROLE(), address(this));
    }

    /// @dev Registers `wallet` in Pakistan, in `category`, for ten years.
    function _register(address wallet, uint8 category) internal {
        registry.registerInvestor(
            wallet,
            keccak256(abi.encode(wallet)),
            586,
            category,
            uint64(block.timestamp + 3650 days)
        );
    }

    function _deployBill(IERC20 settlementToken, address treasury) internal returns (TreasuryBill) {
        IDebtSecurity.DebtTerms memory terms = IDebtSecurity.DebtTerms({
            isin: "PK0000A12348",
            settlementToken: settlementToken,
            treasury: treasury,
            faceValue: FACE,
            issueDate: uint64(block.timestamp),
            maturityDate: uint64(block.timestamp + 91 days)
        });
        return
            new TreasuryBill(
                "Bill",
                "TB",
                18,
                registry,
                address(this),
                0,
                terms,
                ITreasuryBill.DayCount.Actual365Fixed
            );
    }
}
