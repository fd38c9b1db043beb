// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {CouponSchedule} from "../instruments/bond/CouponSchedule.sol";
import {RecordDateBalances} from "../instruments/bond/RecordDateBalances.sol";
import {RecordSnapshots} from "../instruments/bond/RecordSnapshots.sol";

/// @dev A plain ERC-20 with {RecordDateBalances} on a coupon schedule, for tests of record-date entitlement.
contract BondSnapshotMock is ERC20, RecordDateBalances {
    using RecordSnapshots for RecordSnapshots.Book;

    CouponSchedule.Schedule private _schedule;
    uint256 public immutable recordDateOffset;

    constructor(
        uint256 issueDate,
        uint256 maturityDate,
        uint256 frequency,
        uint256 recordDateOffset_
    ) ERC20("Bond snapshot", "BSN") {
        _schedule = CouponSchedule.create(issueDate, maturityDate, frequency);
        recordDateOffset = recordDateOffset_;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function burn(address from, uint256 amount) external {
        _burn(from, amount);
    }

    /// @dev Moves tokens without an allowance, for tests.
    function move(address from, address to, uint256 amount) external {
        _transfer(from, to, amount);
    }

    function couponCount() external view returns (uint256) {
        return _schedule.count;
    }

    function recordDate(uint256 index) public view returns (uint256) {
        return CouponSchedule.couponDate(_schedule, index) - recordDateOffset;
    }

    function recordDatesPassed() external view returns (uint256) {
        return _recordDateWindow().passed;
    }

    function balanceAtRecord(address account, uint256 index) external view virtual returns (uint256) {
        return _balanceAtRecord(account, index);
    }

    function supplyAtRecord(uint256 index) external view virtual returns (uint256) {
        return _supplyAtRecord(index);
    }

    function _update(address from, address to, uint256 value) internal virtual override {
        _recordBalances(from, to);
        super._update(from, to, value);
    }

    function _firstRecordDate() internal view override returns (uint256) {
        return _schedule.count == 0 ? type(uint256).max : recordDate(0);
    }

    /// @dev As the bond's linked library does, with this mock's schedule (every record date counts here).
    function _recordStaleBalances(RecordSnapshots.Change memory change) internal override {
        RecordSnapshots.Book storage book = _recordBook();
        if (!book.isWindowCurrent()) book.cacheWindow(_recordDateWindow());
        book.record(change);
    }

    /// @dev The number of record dates passed and the next one (`type(uint64).max` after the last).
    function _recordDateWindow() internal view returns (RecordSnapshots.Window memory) {
        uint256 passed = CouponSchedule.countBefore(_schedule, block.timestamp + recordDateOffset);
        uint256 validUntil = passed < _schedule.count ? recordDate(passed) : type(uint64).max;
        return RecordSnapshots.Window(SafeCast.toUint32(passed), SafeCast.toUint64(validUntil));
    }

    function _liveBalanceOf(address account) internal view override returns (uint256) {
        return balanceOf(account);
    }

    function _liveTotalSupply() internal view override returns (uint256) {
        return totalSupply();
    }
}
