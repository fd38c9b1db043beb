// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @dev ERC-1404 restriction codes of debt instruments, after the core's ({TransferRestriction},
 * 1 to 31). Codes 32 to 63 belong to {DebtSecurity}; an instrument built on it numbers its own from 64.
 */
library DebtRestriction {
    /// @dev The maturity date has passed: transfers and mints are closed, only redemption remains.
    uint8 internal constant MATURED = 32;
}
