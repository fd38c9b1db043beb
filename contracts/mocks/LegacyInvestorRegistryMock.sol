// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IInvestorRegistry} from "../registry/IInvestorRegistry.sol";

/**
 * @dev An investor registry as deployed before {IInvestorRegistry-eligibilityOfPair}: it answers the views tokens
 * read then ({IInvestorRegistry-isVerified}, {IInvestorRegistry-investorOf}, {IInvestorRegistry-eligibilityOf}),
 * from a current registry, but not the pair that a transfer now asks.
 */
contract LegacyInvestorRegistryMock {
    IInvestorRegistry private immutable _records;

    constructor(IInvestorRegistry records) {
        _records = records;
    }

    function isVerified(address wallet) external view returns (bool) {
        return _records.isVerified(wallet);
    }

    function investorOf(address wallet) external view returns (IInvestorRegistry.Investor memory) {
        return _records.investorOf(wallet);
    }

    function eligibilityOf(address wallet) external view returns (bool verified, uint16 country, uint8 category) {
        return _records.eligibilityOf(wallet);
    }
}
