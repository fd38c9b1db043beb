// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {DateTime} from "../../../../contracts/utils/DateTime.sol";
import {DayCount} from "../../../../contracts/utils/DayCount.sol";

/// @dev Properties of the calendar and of the day counts, on any day up to the year 10,000.
contract DateTimeTest is Test {
    uint256 private constant MAX_DAY = 2_932_896; // 9999-12-31

    function testFuzz_fromDaysIsTheInverseOfToDays(uint256 dayNumber) public pure {
        dayNumber = bound(dayNumber, 0, MAX_DAY);
        (uint256 year, uint256 month, uint256 day) = DateTime.fromDays(dayNumber);
        assertGe(year, 1970);
        assertTrue(month >= 1 && month <= 12);
        assertTrue(day >= 1 && day <= DateTime.daysInMonth(year, month));
        assertEq(DateTime.toDays(year, month, day), dayNumber);
    }

    function testFuzz_theNextDayIsTheNextDate(uint256 dayNumber) public pure {
        dayNumber = bound(dayNumber, 0, MAX_DAY - 1);
        (uint256 year, uint256 month, uint256 day) = DateTime.fromDays(dayNumber);
        (uint256 nextYear, uint256 nextMonth, uint256 nextDay) = DateTime.fromDays(dayNumber + 1);
        if (day < DateTime.daysInMonth(year, month)) {
            assertEq(abi.encode(nextYear, nextMonth, nextDay), abi.encode(year, month, day + 1));
        } else if (month < 12) {
            assertEq(abi.encode(nextYear, nextMonth, nextDay), abi.encode(year, month + 1, uint256(1)));
        } else {
            assertEq(abi.encode(nextYear, nextMonth, nextDay), abi.encode(year + 1, uint256(1), uint256(1)));
        }
    }

    function testFuzz_aYearHas365Or366Days(uint256 year) public pure {
        year = bound(year, 1970, 9998);
        uint256 length = DateTime.toDays(year + 1, 1, 1) - DateTime.toDays(year, 1, 1);
        assertEq(length, DateTime.isLeapYear(year) ? 366 : 365);
    }

    function testFuzz_addMonthsKeepsTheDayOrEndsTheMonth(
        uint256 dayNumber,
        int256 months,
        bool endOfMonth
    ) public pure {
        dayNumber = bound(dayNumber, 0, MAX_DAY - 400 * 366);
        months = bound(months, 0, 4_800);
        uint256 moved = DateTime.addMonths(dayNumber, months, endOfMonth);
        (uint256 year, uint256 month, uint256 day) = DateTime.fromDays(dayNumber);
        (uint256 movedYear, uint256 movedMonth, uint256 movedDay) = DateTime.fromDays(moved);
        assertEq(movedYear * 12 + movedMonth, year * 12 + month + uint256(months));
        uint256 length = DateTime.daysInMonth(movedYear, movedMonth);
        assertEq(movedDay, endOfMonth || day > length ? length : day);
        // And back: the same month as the start.
        (uint256 backYear, uint256 backMonth, ) = DateTime.fromDays(DateTime.addMonths(moved, -months, false));
        assertEq(backYear * 12 + backMonth, year * 12 + month);
    }

    function testFuzz_thirty360IsAdditiveOverWholeMonths(uint256 startDay, uint256 months) public pure {
        // From a day before the 30th, moving whole months on the same day adds exactly 30 per month.
        startDay = bound(startDay, 0, MAX_DAY - 400 * 366);
        months = bound(months, 0, 1_200);
        (, , uint256 day) = DateTime.fromDays(startDay);
        vm.assume(day <= 28);
        uint256 endDay = DateTime.addMonths(startDay, int256(months), false);
        assertEq(DayCount.thirty360Days(startDay, endDay, false), 30 * months);
        assertEq(DayCount.thirty360Days(startDay, endDay, true), 30 * months);
    }

    function testFuzz_dayCountsAreNeverNegativeNorFarFromActualDays(uint256 startDay, uint256 length) public pure {
        startDay = bound(startDay, 0, MAX_DAY - 40_000);
        length = bound(length, 0, 40_000);
        uint256 endDay = startDay + length;
        for (uint256 c = 0; c < 5; ++c) {
            if (c == uint256(DayCount.Convention.ACT_ACT_ICMA)) continue; // reads a reference period
            (uint256 numerator, uint256 denominator) = DayCount.fraction(
                DayCount.Convention(c),
                startDay,
                endDay,
                0,
                1,
                1
            );
            assertEq(denominator, c == 2 ? 365 : 360);
            // 30/360 differs from the actual days by at most 3 days per month (plus one) spanned.
            uint256 slack = 3 * (length / 28 + 1);
            assertLe(numerator, length + slack);
            assertGe(numerator + slack, length);
        }
    }
}
