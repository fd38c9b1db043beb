// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {RecordSnapshots} from "./RecordSnapshots.sol";

/**
 * @dev Balances and total supply of a token at each of its record dates, kept with
 * {RecordSnapshots}. The token calls {_recordBalances} at the start of its `_update` hook (before
 * any balance changes) and tells, through {_firstRecordDate}, {_liveBalanceOf} and
 * {_liveTotalSupply}, when record dates start and what the balances are now; {_recordStaleBalances}
 * brings the histories up to date when a record date has passed.
 *
 * A record date is an instant: the balance at record date `k` is the balance after every transaction
 * in a block whose timestamp is at or before record date `k`. A balance change in a block with
 * timestamp equal to the record date therefore counts; one in a later block does not, however late
 * anyone claims. Record date `k` has passed once `block.timestamp > recordDate(k)`.
 *
 * The cost on a transfer: nothing up to the first record date; afterwards one storage read per side
 * (the history's head), plus, for a side whose balance changes for the first time since a record
 * date passed, one slot written (the head, with the balance at the record date in it; a side with
 * older entries also archives the previous one), the number of record dates passed being read from
 * the book's cache (worked out once per period).
 */
abstract contract RecordDateBalances {
    using RecordSnapshots for RecordSnapshots.History;

    RecordSnapshots.Book private _book;

    /// @dev The first record date (no balance is written down up to it).
    function _firstRecordDate() internal view virtual returns (uint256);

    /// @dev The balance of `account` now.
    function _liveBalanceOf(address account) internal view virtual returns (uint256);

    /// @dev The total supply now.
    function _liveTotalSupply() internal view virtual returns (uint256);

    /**
     * @dev Brings the histories that `change` makes stale up to date ({RecordSnapshots-record}) in the window
     * cached in {_recordBook}, worked out again and cached ({RecordSnapshots-cacheWindow}) once its next
     * record date has passed ({RecordSnapshots-isWindowCurrent}). The token runs it where its schedule is.
     */
    function _recordStaleBalances(RecordSnapshots.Change memory change) internal virtual;

    /**
     * @dev Writes down the balances of `from` and `to` (and, for a mint or a burn, the total supply)
     * before they change, as the token's `_update` hook is about to move tokens from `from` to `to`
     * (zero `from`: a mint; zero `to`: a burn).
     */
    function _recordBalances(address from, address to) internal {
        if (block.timestamp <= _firstRecordDate()) return;
        uint256 stale;
        if (from != address(0) && !_book.accounts[from].isCurrent()) stale = RecordSnapshots.FROM;
        if (to != address(0) && !_book.accounts[to].isCurrent()) stale |= RecordSnapshots.TO;
        if ((from == address(0) || to == address(0)) && !_book.supply.isCurrent()) stale |= RecordSnapshots.SUPPLY;
        if (stale == 0) return;
        _recordStaleBalances(
            RecordSnapshots.Change({
                from: from,
                to: to,
                stale: stale,
                fromBalance: stale & RecordSnapshots.FROM != 0 ? _liveBalanceOf(from) : 0,
                toBalance: stale & RecordSnapshots.TO != 0 ? _liveBalanceOf(to) : 0,
                supply: stale & RecordSnapshots.SUPPLY != 0 ? _liveTotalSupply() : 0
            })
        );
    }

    /// @dev The balance of `account` at record date `index` (its balance now if the date has not passed).
    function _balanceAtRecord(address account, uint256 index) internal view returns (uint256) {
        return _book.accounts[account].valueAt(index, _liveBalanceOf(account));
    }

    /// @dev The total supply at record date `index` (the total supply now if the date has not passed).
    function _supplyAtRecord(uint256 index) internal view returns (uint256) {
        return _book.supply.valueAt(index, _liveTotalSupply());
    }

    /// @dev The histories and the cached window ({RecordSnapshots-Book}), for {_recordStaleBalances}.
    function _recordBook() internal view returns (RecordSnapshots.Book storage) {
        return _book;
    }

    /// @dev The history of the balance of `account`, for {RecordSnapshots-valueAt} with {_liveBalanceOf}.
    function _balanceHistory(address account) internal view returns (RecordSnapshots.History storage) {
        return _book.accounts[account];
    }

    /// @dev The history of the total supply, for {RecordSnapshots-valueAt} with {_liveTotalSupply}.
    function _supplyHistory() internal view returns (RecordSnapshots.History storage) {
        return _book.supply;
    }
}
