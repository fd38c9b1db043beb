// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SettlementTokenMock} from "./SettlementTokenMock.sol";

/// @dev The hook a {HookSettlementTokenMock} calls on a hooked account.
interface ITokenHookMock {
    function onTokenTransfer(address from, address to, uint256 value) external;
}

/**
 * @dev A settlement token that calls account code on transfers, as ERC-777 hooks do: every
 * transfer from or to the hooked account (never a mint) first calls its
 * {ITokenHookMock-onTokenTransfer} and bubbles up any revert of that call.
 */
contract HookSettlementTokenMock is SettlementTokenMock {
    address public hooked;

    function setHooked(address account) external {
        hooked = account;
    }

    function _update(address from, address to, uint256 value) internal override {
        address account = hooked;
        if (account != address(0) && from != address(0) && (from == account || to == account)) {
            ITokenHookMock(account).onTokenTransfer(from, to, value);
        }
        super._update(from, to, value);
    }
}
