// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IDebtSecurity} from "./IDebtSecurity.sol";

/**
 * @dev The one rule for the steps of the debt instruments' batches ({IDebtSecurity-settleAllotments},
 * {IDebtSecurity-redeemFor}, {ISovereignBond-payCoupon}): each step is a call of the security to
 * itself that may fail on its own, reported while the others go on.
 *
 * A step moves settlement tokens, and a settlement token may call the bidder's or the holder's code
 * (hooks in the style of ERC-777). So that such code cannot take the batch down with it:
 * - a step gets a fixed amount of gas, its kind's bound below, never all that is left: a step
 *   that burns its gas fails alone, and the batch keeps the rest;
 * - at most {MAX_REASON} bytes of a failing step's revert data are copied (and reported), however
 *   much it returns.
 * And so that a caller cannot turn honest steps into reported failures by sending too little gas,
 * the batch reverts as a whole ({IDebtSecurity-DebtSecurityBatchGasShort}) unless, before each
 * step, enough gas is left to give that step its whole bound under the 63/64 rule of EIP-150.
 *
 * The bounds are four to six times the measured cost of an honest step, taken as the gas a batch
 * of one costs above an empty batch (the first step of a batch, its storage cold: the worst case),
 * with the settlement token of the tests (an OpenZeppelin ERC-20) and no compliance module. A
 * settlement token or a compliance module whose honest transfer costs more than that margin needs
 * a larger bound: change the constant here.
 */
library BatchStep {
    /**
     * @dev Gas of one allotment's settlement ({IDebtSecurity-settleAllotment}): mint under the
     * token's rules, pull the cost, check the amount received. Measured: 117,631 (a new holder).
     */
    uint256 internal constant SETTLE_GAS = 600_000;

    /**
     * @dev Gas of one holder's redemption ({IDebtSecurity-redeemBalanceOf}): burn under the
     * token's rules, pay face value (a bond: and the final coupon). Measured: 71,409.
     */
    uint256 internal constant REDEEM_GAS = 400_000;

    /**
     * @dev Gas of one holder's coupon payment ({ISovereignBond-payCouponTo}): the balance at the
     * record date, the books, the transfer. Measured: 97,187.
     */
    uint256 internal constant COUPON_GAS = 400_000;

    /**
     * @dev At most this many bytes of a failing step's revert data are reported: a selector and
     * seven 32-byte arguments, or an `Error(string)` of up to 160 characters. Longer data is cut.
     */
    uint256 internal constant MAX_REASON = 260;

    /**
     * @dev Gas spent between the check of the gas left and the call itself (the call's own cost,
     * memory), kept on top of the bound so that the step still receives its whole bound.
     */
    uint256 private constant CALL_OVERHEAD = 5_000;

    /**
     * @dev Calls this contract with `data` and at most `gasBound` gas; returns whether the call
     * succeeded and, when it failed, the first {MAX_REASON} bytes of its revert data.
     *
     * Reverts with {IDebtSecurity-DebtSecurityBatchGasShort} unless the gas left gives the call
     * its whole `gasBound` (63/64 of the gas left at the call must reach it).
     */
    function run(bytes memory data, uint256 gasBound) internal returns (bool success, bytes memory reason) {
        uint256 needed = gasBound + gasBound / 63 + CALL_OVERHEAD;
        uint256 left = gasleft();
        if (left < needed) revert IDebtSecurity.DebtSecurityBatchGasShort(needed, left);
        // Assembly: a `try` or a low-level call in Solidity copies all the returndata, whatever its size.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            success := call(gasBound, address(), 0, add(data, 0x20), mload(data), 0, 0)
            if iszero(success) {
                let size := returndatasize()
                if gt(size, MAX_REASON) {
                    size := MAX_REASON
                }
                reason := mload(0x40)
                mstore(reason, size)
                returndatacopy(add(reason, 0x20), 0, size)
                mstore(0x40, add(add(reason, 0x20), and(add(size, 31), not(31))))
            }
        }
    }
}
