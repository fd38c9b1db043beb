// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/**
 * @dev The record-date histories as the bond kept them before the head slot held the newest entry: one
 * head slot (length, record dates passed, valid until) and one slot per entry. Kept unchanged as the
 * reference that the differential test (test/solidity/instruments/bond/RecordSnapshotsDifferential.t.sol)
 * runs {RecordSnapshots} against.
 */
library LegacyRecordSnapshots {
    /// @dev The value just before its first change after record date `index` passed.
    struct Entry {
        uint32 index;
        uint224 value;
    }

    /**
     * @dev The entries of one value, oldest first. `passed` is one more than the last entry's
     * `index`; `validUntil` is the last unix time at which no further record date has passed (the
     * next record date), so that until then a change needs no entry.
     */
    struct History {
        uint32 length;
        uint32 passed;
        uint64 validUntil;
        mapping(uint256 position => Entry) entries;
    }

    /// @dev Whether no record date has passed since `history` was last brought up to date: a change needs no entry.
    function isCurrent(History storage history) internal view returns (bool) {
        return block.timestamp <= history.validUntil;
    }

    /**
     * @dev Brings `history` up to date before a change of its value, `current` being the value before
     * the change, `passed` the number of record dates passed (record dates `0` to `passed - 1`) and
     * `validUntil` the next record date: writes `current` down as the value at record date
     * `passed - 1` unless already done.
     */
    function update(History storage history, uint256 passed, uint256 validUntil, uint256 current) internal {
        uint256 length = history.length;
        if (passed > history.passed) {
            history.entries[length] = Entry(SafeCast.toUint32(passed - 1), SafeCast.toUint224(current));
            history.length = SafeCast.toUint32(length + 1);
            history.passed = uint32(passed);
        }
        history.validUntil = SafeCast.toUint64(validUntil);
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
