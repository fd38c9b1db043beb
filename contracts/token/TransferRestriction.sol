// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC7943Fungible} from "../interfaces/IERC7943Fungible.sol";
import {IRegulatedToken} from "./IRegulatedToken.sol";

/**
 * @dev ERC-1404 restriction codes of {RegulatedToken}. 0 means the transfer would succeed; each
 * other code names the first rule that refuses it. Rules are checked in this order: the pause (1),
 * the sender's rules (2, 4, 6, 8), the receiver's rules (3, 5, 7, 9: each the sender's code plus one,
 * which the core relies on), then 11 to 15, and last the balance (10), ERC-20's rule rather than a
 * permissioned one (ERC-7943's `canTransfer` ignores it).
 * Codes 1 to 31 belong to the core; instruments built on it number their own reasons from 32.
 *
 * Each code's ERC-1404 message ({message}) and the error a refused transfer reverts with
 * ({revertWith}) are written here, next to the code; an instrument's restriction library answers
 * its own codes and passes the others to this one.
 */
library TransferRestriction {
    uint8 internal constant SUCCESS = 0;
    /// @dev The token is paused.
    uint8 internal constant PAUSED = 1;
    /// @dev The sender is not verified in the investor registry (unknown, revoked or KYC expired).
    uint8 internal constant SENDER_NOT_VERIFIED = 2;
    /// @dev The receiver is not verified in the investor registry (unknown, revoked or KYC expired).
    uint8 internal constant RECEIVER_NOT_VERIFIED = 3;
    /// @dev The sender's wallet is frozen.
    uint8 internal constant SENDER_FROZEN = 4;
    /// @dev The receiver's wallet is frozen.
    uint8 internal constant RECEIVER_FROZEN = 5;
    /// @dev The sender's country is not allowed by the token's policy.
    uint8 internal constant SENDER_COUNTRY_NOT_ALLOWED = 6;
    /// @dev The receiver's country is not allowed by the token's policy.
    uint8 internal constant RECEIVER_COUNTRY_NOT_ALLOWED = 7;
    /// @dev The sender's investor category is not allowed by the token's policy.
    uint8 internal constant SENDER_CATEGORY_NOT_ALLOWED = 8;
    /// @dev The receiver's investor category is not allowed by the token's policy.
    uint8 internal constant RECEIVER_CATEGORY_NOT_ALLOWED = 9;
    /// @dev The amount exceeds the sender's balance; reported only when every other core rule passes.
    uint8 internal constant INSUFFICIENT_BALANCE = 10;
    /// @dev The amount is within the sender's balance but exceeds its unfrozen tokens (never above the balance).
    uint8 internal constant INSUFFICIENT_UNFROZEN_BALANCE = 11;
    /// @dev Secondary transfers are refused until the lock-up ends.
    uint8 internal constant LOCKED_UP = 12;
    /// @dev The receiver's balance would exceed the maximum balance per wallet.
    uint8 internal constant MAX_BALANCE_EXCEEDED = 13;
    /// @dev The receiver would be a new holder beyond the maximum number of holders.
    uint8 internal constant MAX_HOLDERS_REACHED = 14;
    /// @dev The external compliance module refuses the transfer.
    uint8 internal constant COMPLIANCE_MODULE_REFUSED = 15;

    /// @dev The ERC-1404 message of `code`: one sentence per core code, "Unknown restriction code" otherwise.
    function message(uint8 code) internal pure returns (string memory) {
        if (code == SUCCESS) return "No restriction";
        if (code == PAUSED) return "Token is paused";
        if (code == SENDER_NOT_VERIFIED) {
            return "Sender is not verified in the investor registry (unknown, revoked or KYC expired)";
        }
        if (code == RECEIVER_NOT_VERIFIED) {
            return "Receiver is not verified in the investor registry (unknown, revoked or KYC expired)";
        }
        if (code == SENDER_FROZEN) return "Sender wallet is frozen";
        if (code == RECEIVER_FROZEN) return "Receiver wallet is frozen";
        if (code == SENDER_COUNTRY_NOT_ALLOWED) {
            return "Sender country is not allowed for this token";
        }
        if (code == RECEIVER_COUNTRY_NOT_ALLOWED) {
            return "Receiver country is not allowed for this token";
        }
        if (code == SENDER_CATEGORY_NOT_ALLOWED) {
            return "Sender investor category is not allowed for this token";
        }
        if (code == RECEIVER_CATEGORY_NOT_ALLOWED) {
            return "Receiver investor category is not allowed for this token";
        }
        if (code == INSUFFICIENT_BALANCE) return "Amount exceeds the sender's balance";
        if (code == INSUFFICIENT_UNFROZEN_BALANCE) {
            return "Amount exceeds the sender's unfrozen balance";
        }
        if (code == LOCKED_UP) return "Transfers are locked up until the lock-up end";
        if (code == MAX_BALANCE_EXCEEDED) {
            return "Receiver balance would exceed the maximum balance per wallet";
        }
        if (code == MAX_HOLDERS_REACHED) {
            return "Token has reached its maximum number of holders";
        }
        if (code == COMPLIANCE_MODULE_REFUSED) {
            return "Refused by the token's compliance module";
        }
        return "Unknown restriction code";
    }

    /**
     * @dev Reverts with the error that explains core code `code` of a transfer of `value` from `from`
     * to `to`, reporting the figures read from the token once the transfer is refused: the balance
     * and the unfrozen tokens of `from`, the lock-up end, the balance of `to`, the maximum balance
     * and the maximum number of holders. The figures are separate arguments, not a struct: a
     * memory struct costs the instruments hundreds of bytes of code.
     */
    function revertWith(
        uint8 code,
        address from,
        address to,
        uint256 value,
        uint256 fromBalance,
        uint256 fromUnfrozen,
        uint256 lockUpEndsAt,
        uint256 toBalance,
        uint256 maxBalance,
        uint256 maxHolders
    ) internal pure {
        if (code == PAUSED) revert IRegulatedToken.EnforcedPause();
        if (code == INSUFFICIENT_BALANCE) revert IERC20Errors.ERC20InsufficientBalance(from, fromBalance, value);
        if (code == INSUFFICIENT_UNFROZEN_BALANCE) {
            revert IERC7943Fungible.ERC7943InsufficientUnfrozenBalance(from, value, fromUnfrozen);
        }
        if (code == LOCKED_UP) revert IRegulatedToken.RegulatedTokenLockedUp(from, lockUpEndsAt);
        if (code == MAX_BALANCE_EXCEEDED) {
            uint256 balanceAfter = value > type(uint256).max - toBalance ? type(uint256).max : toBalance + value;
            revert IRegulatedToken.RegulatedTokenMaxBalanceExceeded(to, balanceAfter, maxBalance);
        }
        if (code == MAX_HOLDERS_REACHED) revert IRegulatedToken.RegulatedTokenMaxHoldersReached(to, maxHolders);
        if (_isSenderRestriction(code)) revert IERC7943Fungible.ERC7943CannotSend(from);
        if (_isReceiverRestriction(code)) revert IERC7943Fungible.ERC7943CannotReceive(to);
        revert IERC7943Fungible.ERC7943CannotTransfer(from, to, value);
    }

    function _isSenderRestriction(uint8 code) private pure returns (bool) {
        return
            code == SENDER_NOT_VERIFIED ||
            code == SENDER_FROZEN ||
            code == SENDER_COUNTRY_NOT_ALLOWED ||
            code == SENDER_CATEGORY_NOT_ALLOWED;
    }

    function _isReceiverRestriction(uint8 code) private pure returns (bool) {
        return
            code == RECEIVER_NOT_VERIFIED ||
            code == RECEIVER_FROZEN ||
            code == RECEIVER_COUNTRY_NOT_ALLOWED ||
            code == RECEIVER_CATEGORY_NOT_ALLOWED;
    }
}
