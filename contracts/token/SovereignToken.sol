// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IInvestorRegistry} from "../registry/IInvestorRegistry.sol";
import {RegulatedToken} from "./RegulatedToken.sol";

/**
 * @dev The regulated core alone, deployable: a sovereign note or unit whose terms live off chain
 * and which needs no instrument logic on chain (no auction, coupon, redemption or reserve). It is
 * what a manifest's `regulatedToken` instrument deploys. Every rule and role is {RegulatedToken}'s;
 * it adds no function, and in particular no escrow entry point: only an instrument's own audited
 * logic may move tokens into or out of escrow.
 */
contract SovereignToken is RegulatedToken {
    /// @dev See {RegulatedToken-constructor}.
    constructor(
        string memory name_,
        string memory symbol_,
        uint8 decimals_,
        IInvestorRegistry registry_,
        address admin,
        uint48 adminDelay
    ) RegulatedToken(name_, symbol_, decimals_, registry_, admin, adminDelay) {}
}
