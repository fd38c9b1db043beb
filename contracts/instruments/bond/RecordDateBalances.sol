// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {RecordSnapshots} from "./RecordSnapshots.sol";

/**
 * @dev Balances and total supply of a token at each of its record dates, kept with
 * {RecordSnapshots}. The token calls {_recordBalances} at the start of its `_update` hook (before
 * any balance changes) and tells, through {_firstRecordDate}, {_recordDateWindow}, {_liveBalanceOf}
 * and {_liveTotalSupply}, when record dates pass and what the balances are now.
 *
 * A record date is an instant: the balance at record date `k` is the balance after every transaction
 * in a block whose timestamp is at or before record date `k`. A balance change in a block with
 * timestamp equal to the record date therefore counts; one in a later block does not, however late
 * anyone claims. Record date `k` has passed once `block.timestamp > recordDate(k)`.
 *
 * The cost on a transfer: nothing up to the first record date; afterwards one storage read per side
 * (the history's head), plus, for a side whose balance changes for the first time since a record
 * date passed, the number of record dates passed (computed by the token) and one entry written.
 */
abstract contract RecordDateBalances {
    using RecordSnapshots for RecordSnapshots.History;

    mapping(address account => RecordSnapshots.History) private _accountHistories;
    RecordSnapshots.History private _totalSupplyHistory;

    /// @dev The first record date (no balance is written down up to it).
    function _firstRecordDate() internal view virtual returns (uint256);

    /**
     * @dev The number of record dates before `block.timestamp` (record dates `0` to `passed - 1` have
     * passed), and the last time at which that number still holds: the next record date, or
     * `type(uint64).max` after the last one.
     */
    function _recordDateWindow() internal view virtual returns (uint256 passed, uint256 validUntil);

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
        if (block.timestamp <= _firstRecordDate()) return;
        RecordSnapshots.History storage fromHistory = _accountHistories[from];
        RecordSnapshots.History storage toHistory = _accountHistories[to];
        bool fromStale = from != address(0) && !fromHistory.isCurrent();
        bool toStale = to != address(0) && !toHistory.isCurrent();
        bool supplyStale = (from == address(0) || to == address(0)) && !_totalSupplyHistory.isCurrent();
        if (!(fromStale || toStale || supplyStale)) return;
        (uint256 passed, uint256 validUntil) = _recordDateWindow();
        if (supplyStale) _totalSupplyHistory.update(passed, validUntil, _liveTotalSupply());
        if (fromStale) fromHistory.update(passed, validUntil, _liveBalanceOf(from));
        if (toStale) toHistory.update(passed, validUntil, _liveBalanceOf(to));
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

    /// @dev The histories of every account's balance, for {RecordSnapshots-valueAt} with {_liveBalanceOf}.
    function _balanceHistories() internal view returns (mapping(address => RecordSnapshots.History) storage) {
        return _accountHistories;
    }

    /// @dev The history of the total supply, for {RecordSnapshots-valueAt} with {_liveTotalSupply}.
    function _supplyHistory() internal view returns (RecordSnapshots.History storage) {
        return _totalSupplyHistory;
    }
}
