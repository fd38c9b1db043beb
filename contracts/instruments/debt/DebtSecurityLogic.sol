// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {checkBatchLength} from "../../utils/Batch.sol";
import {HandOver} from "../../utils/HandOver.sol";
import {BatchStep} from "./BatchStep.sol";
import {IDebtSecurity} from "./IDebtSecurity.sol";

/**
 * @dev The book of auction allotments of a {DebtSecurity} (recording and cancelling rows: the rules
 * of {IDebtSecurity-recordAllotments} and {IDebtSecurity-cancelAllotment}) and its settlement loop.
 * An external library, deployed once and linked: its code runs as the security (`DELEGATECALL`: the
 * security's storage and address, its events from the security), which keeps every debt
 * instrument's own code under the contract size limit of EIP-170.
 *
 * The security checks the caller and the dates, then hands its call over unchanged ({HandOver}):
 * the external functions here have the signatures of the security's, and read the allotment book
 * and the highest price an allotment may carry from the words appended to the call ({_handedOver}).
 *
 * The security settles one row (marks it, mints and charges: {IDebtSecurity-settleAllotment}, a
 * step kept in its own code as it runs once per allotment) and redeems one holder
 * ({IDebtSecurity-redeemBalanceOf}); this library runs the settlement and redemption batches,
 * calling those steps under the rule of {BatchStep} (bounded gas and revert data) so that one
 * failing step is reported, not fatal.
 */
library DebtSecurityLogic {
    /**
     * @dev Appends one pending row per bidder (see {IDebtSecurity-recordAllotments}); a price must
     * pass {checkPrice} against the highest price handed over. Returns the id of the first row.
     */
    function recordAllotments(
        bytes32 auctionId,
        address[] calldata bidders,
        uint256[] calldata amounts,
        uint256[] calldata prices
    ) external returns (uint256) {
        (IDebtSecurity.Allotment[] storage book, uint256 maxPrice) = _handedOver();
        return _record(book, auctionId, bidders, amounts, prices, maxPrice);
    }

    /// @dev {recordAllotments} on `book`, each price at most `maxPrice`.
    function _record(
        IDebtSecurity.Allotment[] storage book,
        bytes32 auctionId,
        address[] calldata bidders,
        uint256[] calldata amounts,
        uint256[] calldata prices,
        uint256 maxPrice
    ) private returns (uint256 firstId) {
        checkBatchLength(bidders.length, amounts.length);
        checkBatchLength(bidders.length, prices.length);
        firstId = book.length;
        for (uint256 i = 0; i < bidders.length; ++i) {
            (address bidder, uint256 amount, uint256 price) = (bidders[i], amounts[i], prices[i]);
            if (bidder == address(0)) revert IDebtSecurity.DebtSecurityInvalidBidder(bidder);
            if (amount == 0) revert IDebtSecurity.DebtSecurityInvalidAmount(amount);
            checkPrice(price, maxPrice);
            book.push(
                IDebtSecurity.Allotment({
                    bidder: bidder,
                    status: IDebtSecurity.AllotmentStatus.Pending,
                    auctionId: auctionId,
                    amount: SafeCast.toUint128(amount),
                    price: SafeCast.toUint128(price)
                })
            );
            emit IDebtSecurity.AllotmentRecorded(firstId + i, auctionId, bidder, amount, price);
        }
    }

    /**
     * @dev See {IDebtSecurity-settleAllotments}: settles each of `ids` through the security's own
     * {IDebtSecurity-settleAllotment} (this code runs as the security), each step bounded to
     * {BatchStep-SETTLE_GAS}, and reports one that fails. An id that is not pending, or too little
     * gas left for the next step, reverts the whole batch.
     */
    function settleAllotments(uint256[] calldata ids) external {
        (IDebtSecurity.Allotment[] storage book, ) = _handedOver();
        for (uint256 i = 0; i < ids.length; ++i) {
            uint256 id = ids[i];
            pending(book, id);
            (bool settled, bytes memory reason) = BatchStep.run(
                abi.encodeCall(IDebtSecurity.settleAllotment, (id)),
                BatchStep.SETTLE_GAS
            );
            if (!settled) emit IDebtSecurity.AllotmentFailed(id, reason);
        }
    }

    /**
     * @dev The loop of {IDebtSecurity-redeemFor}, run once the security has checked the role and
     * the maturity: redeems each of `holders` through the security's own
     * {IDebtSecurity-redeemBalanceOf}, each step bounded to {BatchStep-REDEEM_GAS}, and reports one
     * that fails. Too little gas left for the next step reverts the whole batch.
     */
    function redeemFor(address[] calldata holders) external {
        for (uint256 i = 0; i < holders.length; ++i) {
            address holder = holders[i];
            (bool redeemed, bytes memory reason) = BatchStep.run(
                abi.encodeCall(IDebtSecurity.redeemBalanceOf, (holder)),
                BatchStep.REDEEM_GAS
            );
            if (!redeemed) emit IDebtSecurity.RedemptionSkipped(holder, reason);
        }
    }

    /// @dev Marks pending row `id` cancelled. Emits {IDebtSecurity-AllotmentCancelled}.
    function cancelAllotment(uint256 id) external {
        (IDebtSecurity.Allotment[] storage book, ) = _handedOver();
        pending(book, id).status = IDebtSecurity.AllotmentStatus.Cancelled;
        emit IDebtSecurity.AllotmentCancelled(id);
    }

    /// @dev Row `id`, which must be pending ({IDebtSecurity-DebtSecurityAllotmentNotPending} otherwise).
    function pending(
        IDebtSecurity.Allotment[] storage book,
        uint256 id
    ) private view returns (IDebtSecurity.Allotment storage row) {
        IDebtSecurity.AllotmentStatus status = id < book.length ? book[id].status : IDebtSecurity.AllotmentStatus.None;
        if (status != IDebtSecurity.AllotmentStatus.Pending) {
            revert IDebtSecurity.DebtSecurityAllotmentNotPending(id, status);
        }
        return book[id];
    }

    /// @dev Row `id`, or an empty row (status `None`) for an id never recorded: {IDebtSecurity-allotment}.
    function rowOrEmpty(
        IDebtSecurity.Allotment[] storage book,
        uint256 id
    ) internal view returns (IDebtSecurity.Allotment memory row) {
        if (id < book.length) row = book[id];
    }

    /// @dev Reverts with {IDebtSecurity-DebtSecurityInvalidPrice} unless `price` is not zero and at most `maxPrice`.
    function checkPrice(uint256 price, uint256 maxPrice) internal pure {
        if (price == 0 || price > maxPrice) revert IDebtSecurity.DebtSecurityInvalidPrice(price);
    }

    /// @dev The allotment book and the highest price an allotment may carry, handed over by the security ({HandOver-run}).
    function _handedOver() private pure returns (IDebtSecurity.Allotment[] storage book, uint256 maxPrice) {
        uint256 slot;
        (slot, maxPrice) = HandOver.appended();
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            book.slot := slot
        }
    }
}
