// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/**
 * @dev Balances at record dates, kept lazily in the manner of OpenZeppelin's former ERC20Snapshot:
 * record dates are numbered 0, 1, 2, ... in time order, and a value (a holder's balance, or the
 * total supply) is written down only when it is about to change after one or more record dates have
 * passed since it was last written down. Holders who do nothing cost nothing.
 *
 * The owner of a {History} calls {update} with the value before each change and the number of
 * record dates passed; the value at record date `k` is then the first entry for a record date at or
 * after `k` (the value has not changed from record date `k` until that entry was written), or the
 * current value when there is none. The search is binary: O(log n) in the number of entries.
 *
 * Values are stored on 224 bits, record date numbers on 32 bits, both in one storage slot.
 */
library RecordSnapshots {
    /// @dev The value just before its first change after record date `index` passed.
    struct Entry {
        uint32 index;
        uint224 value;
    }

    /// @dev The entries of one value, oldest first; `passed` is one more than the last entry's `index`.
    struct History {
        uint32 length;
        uint32 passed;
        mapping(uint256 position => Entry) entries;
    }

    /**
     * @dev To be called before every change of the value, `current` being the value before the change
     * and `passed` the number of record dates passed (record dates `0` to `passed - 1`). Writes
     * `current` down as the value at record date `passed - 1` unless already done.
     */
    function update(History storage history, uint256 passed, uint256 current) internal {
        uint256 length = history.length;
        if (passed <= history.passed) return; // also when no record date has passed
        history.entries[length] = Entry(SafeCast.toUint32(passed - 1), SafeCast.toUint224(current));
        history.length = SafeCast.toUint32(length + 1);
        history.passed = uint32(passed);
    }

    /**
     * @dev The value at record date `index`, `current` being the value now. Meaningful only for a
     * record date that has passed: for a later one it is the value now.
     */
    function valueAt(History storage history, uint256 index, uint256 current) internal view returns (uint256) {
        uint256 low = 0;
        uint256 high = history.length;
        while (low < high) {
            uint256 middle = (low + high) / 2;
            if (history.entries[middle].index < index) low = middle + 1;
            else high = middle;
        }
        return low == history.length ? current : history.entries[low].value;
    }
}
