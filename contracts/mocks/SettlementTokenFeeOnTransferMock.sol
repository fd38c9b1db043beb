// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SettlementTokenMock} from "./SettlementTokenMock.sol";

/// @dev A hostile settlement token: every transfer burns a fee of `feePercent` % (1 at first, rounded down) of the amount.
contract SettlementTokenFeeOnTransferMock is SettlementTokenMock {
    uint256 public feePercent = 1;

    function setFeePercent(uint256 percent) external {
        feePercent = percent;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) return super._update(from, to, value);
        uint256 fee = (value * feePercent) / 100;
        super._update(from, to, value - fee);
        super._update(from, address(0), fee);
    }
}
