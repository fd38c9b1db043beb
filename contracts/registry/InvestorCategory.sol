// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @dev Investor categories of the {InvestorRegistry}. Tokens allow or refuse categories in their
 * eligibility policy with a bit mask where bit `c` stands for category `c`.
 *
 * Categories 7 to {MAX} are left for a ministry to define; 0 is never valid, so an unset value
 * cannot pass for a category.
 */
library InvestorCategory {
    /// @dev A natural person investing their own money.
    uint8 internal constant RETAIL = 1;
    /// @dev A person or firm that meets the regulator's accredited / professional investor test.
    uint8 internal constant ACCREDITED = 2;
    /// @dev A regulated institution: fund, insurer, pension fund.
    uint8 internal constant INSTITUTIONAL = 3;
    /// @dev A bank or primary dealer admitted to government securities auctions.
    uint8 internal constant PRIMARY_DEALER = 4;
    /// @dev A government body: treasury, central bank, ministry, state-owned enterprise.
    uint8 internal constant GOVERNMENT = 5;
    /// @dev The omnibus wallet of an exchange licensed by the regulator.
    uint8 internal constant EXCHANGE_OMNIBUS = 6;
    /// @dev The highest valid category (categories fit a 16-bit mask).
    uint8 internal constant MAX = 15;
}
