// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CouponSchedule} from "../instruments/bond/CouponSchedule.sol";
import {DayCount} from "../utils/DayCount.sol";

/// @dev Exposes {CouponSchedule} to tests: a whole schedule, or many record-date counts, per call.
contract BondScheduleMock {
    /// @dev A schedule's columns: every coupon's date, accrual period and fraction.
    struct Columns {
        uint256[] dates;
        uint256[] startDays;
        uint256[] refStartDays;
        uint256[] numerators;
        uint256[] denominators;
    }

    /// @dev The schedule of a bond with these terms: every coupon's date, accrual period and fraction.
    function schedule(
        uint256 issueDate,
        uint256 maturityDate,
        uint256 frequency,
        DayCount.Convention convention
    )
        external
        pure
        returns (
            uint256[] memory dates,
            uint256[] memory startDays,
            uint256[] memory refStartDays,
            uint256[] memory numerators,
            uint256[] memory denominators
        )
    {
        Columns memory c = scheduleWithRule(issueDate, maturityDate, frequency, convention, true);
        return (c.dates, c.startDays, c.refStartDays, c.numerators, c.denominators);
    }

    /// @dev {schedule}, with the end-of-month rule on or off ({CouponSchedule-create}).
    function scheduleWithRule(
        uint256 issueDate,
        uint256 maturityDate,
        uint256 frequency,
        DayCount.Convention convention,
        bool endOfMonthRule
    ) public pure returns (Columns memory c) {
        CouponSchedule.Schedule memory s = CouponSchedule.create(issueDate, maturityDate, frequency, endOfMonthRule);
        c.dates = new uint256[](s.count);
        c.startDays = new uint256[](s.count);
        c.refStartDays = new uint256[](s.count);
        c.numerators = new uint256[](s.count);
        c.denominators = new uint256[](s.count);
        for (uint256 i = 0; i < s.count; ++i) {
            c.dates[i] = CouponSchedule.couponDate(s, i);
            (c.startDays[i], , c.refStartDays[i]) = CouponSchedule.accrualPeriod(s, i);
            (c.numerators[i], c.denominators[i]) = CouponSchedule.accrualFraction(s, i, convention);
        }
    }

    function couponCount(uint256 issueDate, uint256 maturityDate, uint256 frequency) external pure returns (uint256) {
        return CouponSchedule.create(issueDate, maturityDate, frequency).count;
    }

    function couponDate(
        uint256 issueDate,
        uint256 maturityDate,
        uint256 frequency,
        uint256 index
    ) external pure returns (uint256) {
        return CouponSchedule.couponDate(CouponSchedule.create(issueDate, maturityDate, frequency), index);
    }

    /// @dev {CouponSchedule-countBefore} at each of `times`.
    function countBeforeBatch(
        uint256 issueDate,
        uint256 maturityDate,
        uint256 frequency,
        uint256[] calldata times
    ) external pure returns (uint256[] memory counts) {
        CouponSchedule.Schedule memory s = CouponSchedule.create(issueDate, maturityDate, frequency);
        counts = new uint256[](times.length);
        for (uint256 i = 0; i < times.length; ++i) {
            counts[i] = CouponSchedule.countBefore(s, times[i]);
        }
    }
}
