// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {DateTime} from "../../../../contracts/utils/DateTime.sol";
import {DayCount} from "../../../../contracts/utils/DayCount.sol";

/// @dev Properties of ACT/ACT ISDA on any period up to the year 10,000.
contract ActActIsdaTest is Test {
    uint256 private constant MAX_DAY = 2_932_896; // 9999-12-31
    uint256 private constant COMMON = 365 * 366;

    /// @dev The fraction over the common denominator 365 * 366.
    function _overCommon(uint256 startDay, uint256 endDay) private pure returns (uint256) {
        (uint256 numerator, uint256 denominator) = DayCount.fraction(
            DayCount.Convention.ACT_ACT_ISDA,
            startDay,
            endDay,
            0,
            0,
            0
        );
        assertTrue(denominator == 365 || denominator == 366 || denominator == COMMON);
        return numerator * (COMMON / denominator);
    }

    function testFuzz_splitPeriodsAddUp(uint256 a, uint256 b, uint256 c) public pure {
        a = bound(a, 0, MAX_DAY);
        b = bound(b, a, MAX_DAY);
        c = bound(c, b, MAX_DAY);
        assertEq(_overCommon(a, c), _overCommon(a, b) + _overCommon(b, c));
    }

    function testFuzz_wholeYearsCountOneEach(uint256 year, uint256 years_) public pure {
        year = bound(year, 1970, 9000);
        years_ = bound(years_, 0, 900);
        uint256 start = DateTime.toDays(year, 1, 1);
        uint256 end = DateTime.toDays(year + years_, 1, 1);
        assertEq(_overCommon(start, end), years_ * COMMON);
    }

    function testFuzz_staysWithinTheFixedBases(uint256 startDay, uint256 length) public pure {
        startDay = bound(startDay, 0, MAX_DAY - 40_000);
        length = bound(length, 0, 40_000);
        // Every day counts 1/366 or 1/365 of a year.
        uint256 fraction = _overCommon(startDay, startDay + length);
        assertGe(fraction, length * 365);
        assertLe(fraction, length * 366);
    }
}
