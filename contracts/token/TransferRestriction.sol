// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @dev ERC-1404 restriction codes of {RegulatedToken}. 0 means the transfer would succeed; each
 * other code names the first rule that refuses it. Rules are checked in this order: the pause (1),
 * the sender's rules (2, 4, 6, 8), the receiver's rules (3, 5, 7, 9), then 10 to 15. Codes 1 to 31
 * belong to the core; instruments built on it number their own reasons from 32.
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
    /// @dev The amount exceeds the sender's balance.
    uint8 internal constant INSUFFICIENT_BALANCE = 10;
    /// @dev The amount is within the sender's balance but exceeds its unfrozen tokens.
    uint8 internal constant INSUFFICIENT_UNFROZEN_BALANCE = 11;
    /// @dev Secondary transfers are refused until the lock-up ends.
    uint8 internal constant LOCKED_UP = 12;
    /// @dev The receiver's balance would exceed the maximum balance per wallet.
    uint8 internal constant MAX_BALANCE_EXCEEDED = 13;
    /// @dev The receiver would be a new holder beyond the maximum number of holders.
    uint8 internal constant MAX_HOLDERS_REACHED = 14;
    /// @dev The external compliance module refuses the transfer.
    uint8 internal constant COMPLIANCE_MODULE_REFUSED = 15;
}
