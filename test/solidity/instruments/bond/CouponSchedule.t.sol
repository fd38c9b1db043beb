// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {CouponSchedule} from "../../../../contracts/instruments/bond/CouponSchedule.sol";
import {DateTime} from "../../../../contracts/utils/DateTime.sol";
import {DayCount} from "../../../../contracts/utils/DayCount.sol";

/// @dev Properties of every schedule: dates in order, the last one the maturity, short first periods no longer than a period.
contract CouponScheduleTest is Test {
    uint256 private constant Y2000 = 946_684_800;
    uint256 private constant Y2100 = 4_102_444_800;

    function _terms(
        uint256 issueDate,
        uint256 tenor,
        uint256 frequencyIndex
    ) private pure returns (CouponSchedule.Schedule memory) {
        uint256[6] memory frequencies = [uint256(1), 2, 3, 4, 6, 12];
        uint256 frequency = frequencies[bound(frequencyIndex, 0, 5)];
        issueDate = bound(issueDate, Y2000, Y2100);
        // At most about 30 years and 120 coupons.
        tenor = bound(tenor, 1 days, (frequency == 12 ? 10 : 30) * 366 days);
        return CouponSchedule.create(issueDate, issueDate + tenor, frequency);
    }

    function testFuzz_datesAreOrderedAndEndAtMaturity(
        uint256 issueDate,
        uint256 tenor,
        uint256 frequencyIndex
    ) public pure {
        CouponSchedule.Schedule memory s = _terms(issueDate, tenor, frequencyIndex);
        vm.assume(s.count > 0);
        assertEq(CouponSchedule.couponDate(s, s.count - 1), s.maturityDate);
        uint256 issueDay = s.issueDate / DateTime.SECONDS_PER_DAY;
        uint256 previousDay = issueDay;
        for (uint256 i = 0; i < s.count; ++i) {
            uint256 date = CouponSchedule.couponDate(s, i);
            assertEq(date % DateTime.SECONDS_PER_DAY, s.maturityDate % DateTime.SECONDS_PER_DAY);
            (uint256 startDay, uint256 endDay, uint256 refStartDay) = CouponSchedule.accrualPeriod(s, i);
            assertEq(endDay, date / DateTime.SECONDS_PER_DAY);
            assertEq(startDay, previousDay);
            assertGt(endDay, startDay);
            // Only the first period may be irregular, and it is short: its reference period starts on or before it.
            if (i == 0) assertLe(refStartDay, startDay);
            else assertEq(refStartDay, startDay);
            // A regular period is exactly 1 / frequency under ACT/ACT ICMA.
            (uint256 numerator, uint256 denominator) = CouponSchedule.accrualFraction(
                s,
                i,
                DayCount.Convention.ACT_ACT_ICMA
            );
            if (refStartDay == startDay) assertEq(numerator * s.frequency, denominator);
            else assertLt(numerator * s.frequency, denominator);
            previousDay = endDay;
        }
    }

    function testFuzz_periodsAreWholeMonthsApart(uint256 issueDate, uint256 tenor, uint256 frequencyIndex) public pure {
        CouponSchedule.Schedule memory s = _terms(issueDate, tenor, frequencyIndex);
        uint256 monthsPerPeriod = 12 / s.frequency;
        for (uint256 i = 1; i < s.count; ++i) {
            (uint256 y0, uint256 m0, ) = DateTime.fromDays(
                CouponSchedule.couponDate(s, i - 1) / DateTime.SECONDS_PER_DAY
            );
            (uint256 y1, uint256 m1, ) = DateTime.fromDays(CouponSchedule.couponDate(s, i) / DateTime.SECONDS_PER_DAY);
            assertEq(y1 * 12 + m1 - (y0 * 12 + m0), monthsPerPeriod);
        }
        // No regular date is missing before the first coupon: one period earlier is on or before the issue day.
        if (s.count > 0) {
            (, , uint256 refStartDay) = CouponSchedule.accrualPeriod(s, 0);
            assertLe(refStartDay, s.issueDate / DateTime.SECONDS_PER_DAY);
        }
    }

    function testFuzz_countBeforeMatchesTheDates(
        uint256 issueDate,
        uint256 tenor,
        uint256 frequencyIndex,
        uint256 time
    ) public pure {
        CouponSchedule.Schedule memory s = _terms(issueDate, tenor, frequencyIndex);
        time = bound(time, s.issueDate - 400 days, s.maturityDate + 400 days);
        uint256 expected = 0;
        for (uint256 i = 0; i < s.count; ++i) {
            if (CouponSchedule.couponDate(s, i) < time) ++expected;
        }
        assertEq(CouponSchedule.countBefore(s, time), expected);
    }

    function testFuzz_countBeforeAtEachDate(uint256 issueDate, uint256 tenor, uint256 frequencyIndex) public pure {
        CouponSchedule.Schedule memory s = _terms(issueDate, tenor, frequencyIndex);
        for (uint256 i = 0; i < s.count; ++i) {
            uint256 date = CouponSchedule.couponDate(s, i);
            assertEq(CouponSchedule.countBefore(s, date), i);
            assertEq(CouponSchedule.countBefore(s, date + 1), i + 1);
        }
    }
}
