// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {DayCount} from "../../utils/DayCount.sol";
import {CouponSchedule} from "./CouponSchedule.sol";
import {ISovereignBond} from "./ISovereignBond.sol";
import {RecordSnapshots} from "./RecordSnapshots.sol";

/**
 * @dev The coupon terms of a {SovereignBond} as {SovereignBondLogic} stores them, and what they
 * alone decide: the schedule, the coupon and record dates, and a coupon per whole token at a rate.
 * Internal functions, compiled into the library that uses them.
 */
library CouponTerms {
    uint256 private constant BPS = 10_000;

    /// @dev The terms, written once by the bond's constructor (three storage slots).
    struct Terms {
        uint64 issueDate;
        uint64 maturityDate;
        uint32 maturityMonth;
        uint16 couponCount;
        uint8 frequency;
        uint8 maturityDayOfMonth;
        bool endOfMonth;
        uint8 dayCount;
        bool floatingRate;
        bool isSukuk;
        uint16 fixedRateBps;
        uint32 recordDateOffset;
        uint32 claimWindow;
        uint8 decimals;
        uint256 faceValue;
    }

    /// @dev The terms as {ISovereignBond-bondTerms} answers them, with the sukuk's `assetDocumentsHash`.
    function bondTerms(
        Terms memory terms,
        bytes32 assetDocumentsHash
    ) internal pure returns (ISovereignBond.BondTerms memory) {
        return
            ISovereignBond.BondTerms({
                assetDocumentsHash: assetDocumentsHash,
                dayCount: DayCount.Convention(terms.dayCount),
                recordDateOffset: terms.recordDateOffset,
                claimWindow: terms.claimWindow,
                couponRateBps: terms.fixedRateBps,
                couponFrequency: terms.frequency,
                floatingRate: terms.floatingRate,
                isSukuk: terms.isSukuk
            });
    }

    /// @dev The coupon of one whole token for `period` at `rateBps`, rounded down.
    function perToken(Terms memory terms, uint256 period, uint256 rateBps) internal pure returns (uint256) {
        (uint256 numerator, uint256 denominator) = CouponSchedule.accrualFraction(
            schedule(terms),
            period,
            DayCount.Convention(terms.dayCount)
        );
        return Math.mulDiv(terms.faceValue, rateBps * numerator, BPS * denominator);
    }

    /// @dev The payment date of coupon `period` ({CouponSchedule-couponDate}).
    function couponDate(Terms memory terms, uint256 period) internal pure returns (uint256) {
        return CouponSchedule.couponDate(schedule(terms), period);
    }

    /// @dev The record date of coupon `period`: its payment date less the record date offset.
    function recordDate(Terms memory terms, uint256 period) internal pure returns (uint256) {
        return couponDate(terms, period) - terms.recordDateOffset;
    }

    /**
     * @dev The number of record dates that decide an entitlement (every coupon's but the final one's, which is
     * paid with the principal) passed now, and the last time at which that number holds: the next such record
     * date, or `type(uint64).max` after the last. Both fit their fields: the count is a `uint16`, and a record
     * date is before the `uint64` maturity date.
     */
    function recordDateWindow(Terms memory terms) internal view returns (RecordSnapshots.Window memory) {
        CouponSchedule.Schedule memory schedule_ = schedule(terms);
        uint256 passed = CouponSchedule.countBefore(schedule_, block.timestamp + terms.recordDateOffset);
        uint256 count = schedule_.count;
        if (passed + 1 >= count) return RecordSnapshots.Window(uint32(count == 0 ? 0 : count - 1), type(uint64).max);
        uint256 next = CouponSchedule.couponDate(schedule_, passed) - terms.recordDateOffset;
        return RecordSnapshots.Window(uint32(passed), uint64(next));
    }

    /// @dev The coupon schedule the terms describe.
    function schedule(Terms memory terms) internal pure returns (CouponSchedule.Schedule memory) {
        return
            CouponSchedule.Schedule({
                issueDate: terms.issueDate,
                maturityDate: terms.maturityDate,
                frequency: terms.frequency,
                count: terms.couponCount,
                maturityMonth: terms.maturityMonth,
                maturityDayOfMonth: terms.maturityDayOfMonth,
                endOfMonth: terms.endOfMonth
            });
    }

    /// @dev Reverts with {ISovereignBond-SovereignBondRecordDateNotPassed} unless the record date of `period` has passed.
    function checkRecordDatePassed(Terms memory terms, uint256 period) internal view {
        uint256 recordDate_ = recordDate(terms, period);
        if (block.timestamp <= recordDate_) {
            revert ISovereignBond.SovereignBondRecordDateNotPassed(period, recordDate_);
        }
    }
}
