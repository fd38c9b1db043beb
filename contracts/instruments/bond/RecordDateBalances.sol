// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {RecordSnapshots} from "./RecordSnapshots.sol";

/**
 * @dev Balances and total supply of a token at each of its record dates, kept with
 * {RecordSnapshots}. The token calls {_recordBalances} at the start of its `_update` hook (before
 * any balance changes) and tells, through {_recordDatesPassed}, {_liveBalanceOf} and
 * {_liveTotalSupply}, how many record dates have passed and what the balances are now.
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
abstract contract RecordDateBalances {
    using RecordSnapshots for RecordSnapshots.History;

    mapping(address account => RecordSnapshots.History) private _accountHistories;
    RecordSnapshots.History private _totalSupplyHistory;

    /// @dev The number of record dates before `block.timestamp`: record dates `0` to `n - 1` have passed.
    function _recordDatesPassed() internal view virtual returns (uint256);

    /// @dev The balance of `account` now.
    function _liveBalanceOf(address account) internal view virtual returns (uint256);

    /// @dev The total supply now.
    function _liveTotalSupply() internal view virtual returns (uint256);

    /**
     * @dev Writes down the balances of `from` and `to` (and, for a mint or a burn, the total supply)
     * before they change, as the token's `_update` hook is about to move tokens from `from` to `to`
     * (zero `from`: a mint; zero `to`: a burn).
     */
    function _recordBalances(address from, address to) internal {
        uint256 passed = _recordDatesPassed();
        if (passed == 0) return;
        if (from == address(0) || to == address(0)) _totalSupplyHistory.update(passed, _liveTotalSupply());
        if (from != address(0)) _accountHistories[from].update(passed, _liveBalanceOf(from));
        if (to != address(0)) _accountHistories[to].update(passed, _liveBalanceOf(to));
    }

    /// @dev The balance of `account` at record date `index` (its balance now if the date has not passed).
    function _balanceAtRecord(address account, uint256 index) internal view returns (uint256) {
        return _accountHistories[account].valueAt(index, _liveBalanceOf(account));
    }

    /// @dev The total supply at record date `index` (the total supply now if the date has not passed).
    function _supplyAtRecord(uint256 index) internal view returns (uint256) {
        return _totalSupplyHistory.valueAt(index, _liveTotalSupply());
    }

    /// @dev The history of the balance of `account`, for {RecordSnapshots-valueAt} with {_liveBalanceOf}.
    function _balanceHistory(address account) internal view returns (RecordSnapshots.History storage) {
        return _accountHistories[account];
    }

    /// @dev The history of the total supply, for {RecordSnapshots-valueAt} with {_liveTotalSupply}.
    function _supplyHistory() internal view returns (RecordSnapshots.History storage) {
        return _totalSupplyHistory;
    }
}
