// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @dev ISO 3166-1 numeric country codes (for example 586 for Pakistan).
library CountryCode {
    /// @dev The highest ISO 3166-1 numeric code.
    uint16 internal constant MAX = 999;

    /// @dev Whether `code` is in the ISO 3166-1 numeric range, 1 to 999.
    function isValid(uint16 code) internal pure returns (bool) {
        return code != 0 && code <= MAX;
    }
}
