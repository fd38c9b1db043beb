// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IInvestorRegistry} from "../registry/IInvestorRegistry.sol";
import {DebtSecurity} from "../instruments/debt/DebtSecurity.sol";

/**
 * @dev The smallest concrete {DebtSecurity}, with a redemption that pays `extraPerToken`
 * settlement-token base units per whole token above face value (as a bond's final coupon would).
 */
contract DebtSecurityMock is DebtSecurity {
    uint256 public extraPerToken;

    constructor(
        string memory name_,
        string memory symbol_,
        uint8 decimals_,
        IInvestorRegistry registry_,
        address admin,
        uint48 adminDelay,
        DebtTerms memory terms
    ) DebtSecurity(name_, symbol_, decimals_, registry_, admin, adminDelay, terms) {}

    function setExtraPerToken(uint256 extra) external {
        extraPerToken = extra;
    }

    function _redemptionPayout(address holder, uint256 amount) internal view override returns (uint256) {
        return super._redemptionPayout(holder, amount) + (amount * extraPerToken) / 10 ** decimals();
    }

    function _redemptionLiability() internal view override returns (uint256) {
        return super._redemptionLiability() + (totalSupply() * extraPerToken) / 10 ** decimals();
    }
}
