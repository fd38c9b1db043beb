// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IComplianceModule} from "../token/IComplianceModule.sol";

/**
 * @dev A compliance module for tests: refuses transfers to blocked wallets or from blocked senders,
 * and records every notification, so a test can compare what {canTransfer} was asked with what
 * {transferred} was told.
 */
contract ComplianceModuleMock is IComplianceModule {
    /// @dev One {transferred} notification.
    struct Notification {
        address from;
        address to;
        uint256 amount;
    }

    mapping(address wallet => bool) public blocked;
    mapping(address wallet => bool) public blockedSender;
    uint256 public transferredCalls;
    Notification[] private _notifications;

    function setBlocked(address wallet, bool isBlocked) external {
        blocked[wallet] = isBlocked;
    }

    function setBlockedSender(address wallet, bool isBlocked) external {
        blockedSender[wallet] = isBlocked;
    }

    function canTransfer(address from, address to, uint256) external view returns (bool) {
        return !blocked[to] && !blockedSender[from];
    }

    function transferred(address from, address to, uint256 amount) external {
        ++transferredCalls;
        _notifications.push(Notification(from, to, amount));
    }

    /// @dev The notification number `index` (from 0, oldest first).
    function notification(uint256 index) external view returns (Notification memory) {
        return _notifications[index];
    }
}
