// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IComplianceModule} from "../token/IComplianceModule.sol";

/// @dev A compliance module for tests: refuses transfers to blocked wallets and counts notifications.
contract ComplianceModuleMock is IComplianceModule {
    mapping(address wallet => bool) public blocked;
    uint256 public transferredCalls;

    function setBlocked(address wallet, bool isBlocked) external {
        blocked[wallet] = isBlocked;
    }

    function canTransfer(address, address to, uint256) external view returns (bool) {
        return !blocked[to];
    }

    function transferred(address, address, uint256) external {
        ++transferredCalls;
    }
}
