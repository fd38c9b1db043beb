// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {RecordSnapshots} from "../instruments/bond/RecordSnapshots.sol";
import {BondSnapshotMock} from "./BondSnapshotMock.sol";
import {LegacyRecordSnapshots} from "./LegacyRecordSnapshots.sol";

/**
 * @dev {BondSnapshotMock} on the same schedule, its balances at record dates kept by the former scheme
 * ({LegacyRecordSnapshots}, the window worked out on every stale transfer) instead of {RecordSnapshots}:
 * the reference of the differential test.
 */
contract LegacyBondSnapshotMock is BondSnapshotMock {
    using LegacyRecordSnapshots for LegacyRecordSnapshots.History;

    mapping(address account => LegacyRecordSnapshots.History) private _accountHistories;
    LegacyRecordSnapshots.History private _totalSupplyHistory;

    constructor(
        uint256 issueDate,
        uint256 maturityDate,
        uint256 frequency,
        uint256 recordDateOffset_
    ) BondSnapshotMock(issueDate, maturityDate, frequency, recordDateOffset_) {}

    function balanceAtRecord(address account, uint256 index) external view override returns (uint256) {
        return _accountHistories[account].valueAt(index, balanceOf(account));
    }

    function supplyAtRecord(uint256 index) external view override returns (uint256) {
        return _totalSupplyHistory.valueAt(index, totalSupply());
    }

    /// @dev The former `RecordDateBalances._recordBalances`, then the plain ERC-20 (not the new scheme).
    function _update(address from, address to, uint256 value) internal override {
        if (block.timestamp > _firstRecordDate()) {
            LegacyRecordSnapshots.History storage fromHistory = _accountHistories[from];
            LegacyRecordSnapshots.History storage toHistory = _accountHistories[to];
            bool fromStale = from != address(0) && !fromHistory.isCurrent();
            bool toStale = to != address(0) && !toHistory.isCurrent();
            bool supplyStale = (from == address(0) || to == address(0)) && !_totalSupplyHistory.isCurrent();
            if (fromStale || toStale || supplyStale) {
                RecordSnapshots.Window memory window = _recordDateWindow();
                (uint256 passed, uint256 validUntil) = (window.passed, window.validUntil);
                if (supplyStale) _totalSupplyHistory.update(passed, validUntil, totalSupply());
                if (fromStale) fromHistory.update(passed, validUntil, balanceOf(from));
                if (toStale) toHistory.update(passed, validUntil, balanceOf(to));
            }
        }
        ERC20._update(from, to, value);
    }
}
