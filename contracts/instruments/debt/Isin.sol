// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @dev International Securities Identification Numbers (ISO 6166): two letters (the issuing
 * country), nine letters or digits, and a check digit. The check digit is the Luhn check over the
 * digits obtained by writing each letter as its number (A = 10 ... Z = 35).
 */
library Isin {
    /// @dev Whether `isin` is a well-formed ISIN with a correct check digit (upper-case letters only).
    function isValid(bytes memory isin) internal pure returns (bool) {
        if (isin.length != 12) return false;
        uint256 sum = 0;
        bool doubled = false; // Luhn: from the right, every second digit is doubled, the check digit is not
        for (uint256 i = 12; i > 0; --i) {
            uint256 value = _valueOf(uint8(isin[i - 1]));
            bool mustBeLetter = i <= 2;
            bool mustBeDigit = i == 12;
            if (value > 35 || (mustBeLetter && value < 10) || (mustBeDigit && value > 9)) return false;
            // A letter counts as two digits, the units first (from the right).
            do {
                uint256 digit = value % 10;
                if (doubled) digit = digit < 5 ? digit * 2 : digit * 2 - 9;
                sum += digit;
                doubled = !doubled;
                value /= 10;
            } while (value != 0);
        }
        return sum % 10 == 0;
    }

    /// @dev 0-9 for a digit, 10-35 for an upper-case letter, 36 for anything else.
    function _valueOf(uint8 char) private pure returns (uint256) {
        if (char >= 0x30 && char <= 0x39) return char - 0x30;
        if (char >= 0x41 && char <= 0x5a) return char - 0x41 + 10;
        return 36;
    }
}
