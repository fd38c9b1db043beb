// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TransferRestriction} from "../../token/TransferRestriction.sol";
import {IDebtSecurity} from "./IDebtSecurity.sol";

/**
 * @dev ERC-1404 restriction codes of debt instruments, after the core's ({TransferRestriction},
 * 1 to 31). Codes 32 to 63 belong to {DebtSecurity}; an instrument built on it numbers its own from 64.
 */
library DebtRestriction {
    /// @dev The maturity date has passed: transfers and mints are closed, only redemption remains.
    uint8 internal constant MATURED = 32;

    /// @dev The ERC-1404 message of `code`: the debt codes here, the core's through {TransferRestriction-message}.
    function message(uint8 code) internal pure returns (string memory) {
        if (code == MATURED) return "Matured: transfers and issuance are closed, only redemption remains";
        return TransferRestriction.message(code);
    }

    /// @dev Reverts with {IDebtSecurity-DebtSecurityMatured} (the maturity being `maturityDate`) if `code` is {MATURED}.
    function revertIfMatured(uint8 code, uint64 maturityDate) internal pure {
        if (code == MATURED) revert IDebtSecurity.DebtSecurityMatured(maturityDate);
    }
}
