// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TransferRestriction} from "../../token/TransferRestriction.sol";

/**
 * @dev ERC-1404 restriction codes of {CommodityReserveToken}, after the core's
 * {TransferRestriction} codes (1 to 31). They refuse mints only: the reserves must be usable (codes
 * 32 to 35 and 38), the token collateralised, and the mint within the capacity of the reserves.
 */
library CommodityRestriction {
    /// @dev No attestation, or the latest one refers to a time older than the maximum age.
    uint8 internal constant ATTESTATION_STALE = 32;
    /// @dev The reserve feed reverted when read, ran out of the gas it is given, or answered malformed data.
    uint8 internal constant FEED_UNAVAILABLE = 33;
    /// @dev The reserve feed's latest answer is zero or negative.
    uint8 internal constant FEED_ANSWER_NOT_POSITIVE = 34;
    /// @dev The reserve feed's latest answer is older than the maximum age, or dated after the block.
    uint8 internal constant FEED_STALE = 35;
    /// @dev The token is under-collateralised: the supply exceeds the reserves, or the flag is still set.
    uint8 internal constant UNDER_COLLATERALISED = 36;
    /// @dev The mint would take the supply above the capacity of the reserves.
    uint8 internal constant CAPACITY_EXCEEDED = 37;
    /// @dev The reserve feed reports other decimals than those recorded when it was set.
    uint8 internal constant FEED_DECIMALS_CHANGED = 38;

    /// @dev The ERC-1404 message of `code`: the commodity codes here, the core's through {TransferRestriction-message}.
    function message(uint8 code) internal pure returns (string memory) {
        if (code == ATTESTATION_STALE) {
            return "No reserve attestation, or the latest is older than the maximum age";
        }
        if (code == FEED_UNAVAILABLE) return "Reserve feed cannot be read";
        if (code == FEED_ANSWER_NOT_POSITIVE) {
            return "Reserve feed answer is zero or negative";
        }
        if (code == FEED_STALE) {
            return "Reserve feed answer is older than the maximum age, or dated in the future";
        }
        if (code == UNDER_COLLATERALISED) {
            return "Token is under-collateralised: reserves do not cover the supply";
        }
        if (code == CAPACITY_EXCEEDED) {
            return "Mint would take the supply above the reserves";
        }
        if (code == FEED_DECIMALS_CHANGED) return "Reserve feed decimals changed since it was set";
        return TransferRestriction.message(code);
    }
}
