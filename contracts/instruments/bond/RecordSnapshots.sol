// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/**
 * @dev Balances at record dates, kept lazily in the manner of OpenZeppelin's former ERC20Snapshot:
 * record dates are numbered 0, 1, 2, ... in time order, and a value (a holder's balance, or the
 * total supply) is written down only when it is about to change after one or more record dates have
 * passed since it was last written down. Holders who do nothing cost nothing.
 *
 * The owner of a {History} calls {update} before each change of the value, unless the history is
 * {isCurrent}; the value at record date `k` is then the first entry for a record date at or after
 * `k` (the value has not changed from record date `k` until that entry was written), or the current
 * value when there is none. The search is binary: O(log n) in the number of entries.
 *
 * Storage: the head of a history is one slot, which also holds the newest entry's value when it fits
 * in 128 bits, so that a value's first entry writes that one slot; older entries (and a newest one
 * that does not fit) are archived one slot each (a 32-bit record date number, a 224-bit value). A
 * {Book} keeps the histories of every account and of the total supply, and the number of record
 * dates passed, cached until the next record date: worked out once per period, not per transfer.
 */
library RecordSnapshots {
    /// @dev {update}'s flags: which histories a balance change makes stale.
    uint256 internal constant FROM = 1;
    uint256 internal constant TO = 2;
    uint256 internal constant SUPPLY = 4;

    /// @dev The head's newest value when the newest entry is archived (its value does not fit in 128 bits).
    uint256 private constant ARCHIVED = type(uint128).max;

    /// @dev The value just before its first change after record date `index` passed.
    struct Entry {
        uint32 index;
        uint224 value;
    }

    /**
     * @dev The entries of one value, oldest first. `head` packs, from the low bits: the number of
     * archived entries (32 bits); `passed` (32 bits), one more than the newest entry's index;
     * `validUntil` (64 bits), the last unix time at which no further record date has passed (the
     * next record date), so that until then a change needs no entry; and the newest entry's value
     * (128 bits), or {ARCHIVED}. A head of zero is an empty history.
     */
    struct History {
        uint256 head;
        mapping(uint256 position => Entry) archive;
    }

    /// @dev The number of record dates passed (`passed`) and the next record date (`validUntil`), cached.
    struct Window {
        uint32 passed;
        uint64 validUntil;
    }

    /**
     * @dev A balance change from `from` to `to` (zero `from`: a mint; zero `to`: a burn), the histories it
     * makes stale ({FROM}, {TO}, {SUPPLY} flags) and their values before it (0 for a history not stale).
     */
    struct Change {
        address from;
        address to;
        uint256 stale;
        uint256 fromBalance;
        uint256 toBalance;
        uint256 supply;
    }

    /// @dev Every account's history, the total supply's, and the window they were last brought up to date in.
    struct Book {
        mapping(address account => History) accounts;
        History supply;
        Window window;
    }

    /// @dev Whether no record date has passed since `history` was last brought up to date: a change needs no entry.
    function isCurrent(History storage history) internal view returns (bool) {
        return block.timestamp <= uint64(history.head >> 64);
    }

    /// @dev Whether the window cached in `book` still holds: no record date passed since it was cached ({cacheWindow}).
    function isWindowCurrent(Book storage book) internal view returns (bool) {
        return block.timestamp <= book.window.validUntil;
    }

    /// @dev Caches `window`, the number of record dates passed until the next record date.
    function cacheWindow(Book storage book, Window memory window) internal {
        book.window = window;
    }

    /// @dev Brings the histories that `change` makes stale up to date before it ({update}), in the window cached in
    /// `book`, which must be current ({isWindowCurrent}).
    function record(Book storage book, Change memory change) internal {
        Window memory window = book.window;
        (uint256 passed, uint256 validUntil, uint256 stale) = (window.passed, window.validUntil, change.stale);
        if (stale & SUPPLY != 0) update(book.supply, passed, validUntil, change.supply);
        if (stale & FROM != 0) update(book.accounts[change.from], passed, validUntil, change.fromBalance);
        if (stale & TO != 0) update(book.accounts[change.to], passed, validUntil, change.toBalance);
    }

    /**
     * @dev Brings `history` up to date before a change of its value, `current` being the value before
     * the change, `passed` the number of record dates passed (record dates `0` to `passed - 1`) and
     * `validUntil` the next record date: writes `current` down as the value at record date
     * `passed - 1` unless already done. The head is written once; the newest entry kept in it moves
     * to the archive when a newer one takes its place.
     */
    function update(History storage history, uint256 passed, uint256 validUntil, uint256 current) internal {
        uint256 head = history.head;
        uint256 length = uint32(head);
        uint256 lastPassed = uint32(head >> 32);
        uint256 newest = head >> 128;
        if (passed > lastPassed) {
            if (lastPassed != 0 && newest != ARCHIVED) {
                history.archive[length] = Entry(uint32(lastPassed - 1), uint224(newest));
                ++length;
            }
            newest = current;
            if (current >= ARCHIVED) {
                history.archive[length] = Entry(SafeCast.toUint32(passed - 1), SafeCast.toUint224(current));
                ++length;
                newest = ARCHIVED;
            }
            lastPassed = passed;
        }
        history.head =
            uint256(SafeCast.toUint32(length)) |
            (uint256(SafeCast.toUint32(lastPassed)) << 32) |
            (uint256(SafeCast.toUint64(validUntil)) << 64) |
            (newest << 128);
    }

    /**
     * @dev The value at record date `index`, `current` being the value now. Meaningful only for a
     * record date that has passed: for a later one it is the value now.
     */
    function valueAt(History storage history, uint256 index, uint256 current) internal view returns (uint256) {
        uint256 head = history.head;
        uint256 length = uint32(head);
        uint256 low = 0;
        uint256 high = length;
        while (low < high) {
            uint256 middle = (low + high) / 2;
            if (history.archive[middle].index < index) low = middle + 1;
            else high = middle;
        }
        if (low < length) return history.archive[low].value;
        // The newest entry, for record date `passed - 1`, is in the head (when archived, the search found it).
        return index < uint32(head >> 32) ? head >> 128 : current;
    }
}
