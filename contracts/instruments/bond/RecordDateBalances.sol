// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {RecordSnapshots} from "./RecordSnapshots.sol";

/**
 * @dev Balances and total supply at each record date of an ERC-20, kept by its `_update` hook with
 * {RecordSnapshots}.
 *
 * A record date is an instant: the balance at record date `k` is the balance after every transaction
 * in a block whose timestamp is at or before record date `k`. A balance change in a block with
 * timestamp equal to the record date therefore counts; one in a later block does not, however late
 * anyone claims. Record date `k` has passed once `block.timestamp > recordDate(k)`.
 *
 * The cost on a transfer: nothing before the first record date; afterwards one storage read per side,
 * plus one entry written for each side whose balance changes for the first time since the last record
 * date passed.
 */
abstract contract RecordDateBalances is ERC20 {
    using RecordSnapshots for RecordSnapshots.History;

    mapping(address account => RecordSnapshots.History) private _balanceHistory;
    RecordSnapshots.History private _supplyHistory;

    /// @dev The number of record dates before `block.timestamp`: record dates `0` to `n - 1` have passed.
    function _recordDatesPassed() internal view virtual returns (uint256);

    /// @dev The balance of `account` at record date `index` (its balance now if the date has not passed).
    function _balanceAtRecord(address account, uint256 index) internal view returns (uint256) {
        return _balanceHistory[account].valueAt(index, balanceOf(account));
    }

    /// @dev The total supply at record date `index` (the total supply now if the date has not passed).
    function _supplyAtRecord(uint256 index) internal view returns (uint256) {
        return _supplyHistory.valueAt(index, totalSupply());
    }

    /// @dev Writes down the balances (and, for a mint or a burn, the supply) before they change.
    function _update(address from, address to, uint256 value) internal virtual override {
        uint256 passed = _recordDatesPassed();
        if (passed != 0) {
            if (from == address(0) || to == address(0)) _supplyHistory.update(passed, totalSupply());
            if (from != address(0)) _balanceHistory[from].update(passed, balanceOf(from));
            if (to != address(0)) _balanceHistory[to].update(passed, balanceOf(to));
        }
        super._update(from, to, value);
    }
}
