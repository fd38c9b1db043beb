// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @dev The KYC allowlist shared by every issuance. A wallet is known by the salted hash of its
 * owner's off-chain KYC record (`investorId`): no personal data is stored on chain, and several
 * wallets of one investor share one `investorId`.
 *
 * `country` is the ISO 3166-1 numeric code (Pakistan is 586). `category` is one of
 * {InvestorCategory}.
 */
interface IInvestorRegistry {
    /// @dev What the registry holds for a wallet. `expiresAt` is a unix time in seconds.
    struct Investor {
        bytes32 investorId;
        uint16 country;
        uint8 category;
        uint64 expiresAt;
        bool revoked;
    }

    /// @dev Emitted when `wallet` is registered, or re-registered after a revocation.
    event InvestorRegistered(
        address indexed wallet,
        bytes32 indexed investorId,
        uint16 country,
        uint8 category,
        uint64 expiresAt
    );

    /// @dev Emitted when the record of a registered `wallet` changes.
    event InvestorUpdated(
        address indexed wallet,
        bytes32 indexed investorId,
        uint16 country,
        uint8 category,
        uint64 expiresAt
    );

    /// @dev Emitted when `wallet` is revoked; its record is kept for audit and wallet recovery.
    event InvestorRevoked(address indexed wallet, bytes32 indexed investorId);

    /// @dev `wallet` is the zero address.
    error InvestorRegistryInvalidWallet(address wallet);

    /// @dev `investorId` given for `wallet` is zero.
    error InvestorRegistryInvalidInvestorId(address wallet, bytes32 investorId);

    /// @dev `country` given for `wallet` is not an ISO 3166-1 numeric code (1 to 999).
    error InvestorRegistryInvalidCountry(address wallet, uint16 country);

    /// @dev `category` given for `wallet` is outside 1 to {InvestorCategory-MAX}.
    error InvestorRegistryInvalidCategory(address wallet, uint8 category);

    /// @dev `expiresAt` given for `wallet` is not after the current block time `currentTime`.
    error InvestorRegistryExpiryNotInFuture(address wallet, uint64 expiresAt, uint256 currentTime);

    /// @dev `wallet` already holds a record that is not revoked: use `updateInvestor`.
    error InvestorRegistryAlreadyRegistered(address wallet);

    /// @dev `wallet` holds no record, or its record is revoked.
    error InvestorRegistryNotRegistered(address wallet);

    /**
     * @dev Registers `wallet` (also a wallet whose record was revoked).
     *
     * Requirements: caller has `KYC_AGENT_ROLE`; `wallet` is not zero and not registered;
     * `investorId` is not zero; `country` is 1 to 999; `category` is valid; `expiresAt` is in the future.
     *
     * Emits an {InvestorRegistered} event.
     */
    function registerInvestor(
        address wallet,
        bytes32 investorId,
        uint16 country,
        uint8 category,
        uint64 expiresAt
    ) external;

    /**
     * @dev Batch form of {registerInvestor}: item `i` of every array describes one wallet.
     *
     * Requirements: as {registerInvestor} for every item; arrays of one length, else
     * {BatchLengthMismatch}. The whole batch reverts if one item is refused.
     */
    function registerInvestors(
        address[] calldata wallets,
        bytes32[] calldata investorIds,
        uint16[] calldata countries,
        uint8[] calldata categories,
        uint64[] calldata expiresAts
    ) external;

    /**
     * @dev Replaces the record of a registered `wallet` (for example a renewed KYC with a new expiry).
     *
     * Requirements: caller has `KYC_AGENT_ROLE`; `wallet` is registered and not revoked; the
     * values pass the checks of {registerInvestor}.
     *
     * Emits an {InvestorUpdated} event.
     */
    function updateInvestor(
        address wallet,
        bytes32 investorId,
        uint16 country,
        uint8 category,
        uint64 expiresAt
    ) external;

    /**
     * @dev Revokes `wallet`: it stops being verified at once in every token using this registry.
     *
     * Requirements: caller has `KYC_AGENT_ROLE`; `wallet` is registered and not revoked.
     *
     * Emits an {InvestorRevoked} event.
     */
    function revokeInvestor(address wallet) external;

    /// @dev Batch form of {revokeInvestor}; reverts as a whole if one wallet is refused.
    function revokeInvestors(address[] calldata wallets) external;

    /// @dev True when `wallet` is registered, not revoked, and `block.timestamp < expiresAt`.
    function isVerified(address wallet) external view returns (bool);

    /// @dev The record of `wallet`, revoked or not; all fields are zero for an unknown wallet.
    function investorOf(address wallet) external view returns (Investor memory);

    /**
     * @dev What a token needs to decide on a transfer, in one storage read: whether `wallet` is
     * verified (as {isVerified}), and its country and category.
     */
    function eligibilityOf(address wallet) external view returns (bool verified, uint16 country, uint8 category);

    /**
     * @dev {eligibilityOf} of two wallets in one call, `first`'s answer then `second`'s: what a
     * token reads for the sender and the receiver of a transfer. An unknown wallet, the zero
     * address included, is not verified and has country and category zero.
     */
    function eligibilityOfPair(
        address first,
        address second
    )
        external
        view
        returns (
            bool firstVerified,
            uint16 firstCountry,
            uint8 firstCategory,
            bool secondVerified,
            uint16 secondCountry,
            uint8 secondCategory
        );
}
