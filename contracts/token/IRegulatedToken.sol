// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IInvestorRegistry} from "../registry/IInvestorRegistry.sol";
import {IComplianceModule} from "./IComplianceModule.sol";

/**
 * @dev The regulated ERC-20 core shared by every instrument: pause, wallet and partial freezes,
 * agent powers (mint, burn, forced transfer, wallet recovery) and the token's eligibility policy.
 * The ERC-7943 and ERC-1404 parts are in {IERC7943Fungible} and {IERC1404}.
 */
interface IRegulatedToken {
    /// @dev Emitted when the token is paused by `account`.
    event Paused(address account);
    /// @dev Emitted when the token is unpaused by `account`.
    event Unpaused(address account);
    /// @dev Emitted when `wallet` is frozen (`frozen` true) or unfrozen.
    event AddressFrozen(address indexed wallet, bool frozen);
    /// @dev Emitted when the balance of `lost` (`amount`) and its `frozenAmount` move to `replacement`.
    event WalletRecovered(address indexed lost, address indexed replacement, uint256 amount, uint256 frozenAmount);
    /// @dev Emitted when the token starts reading investors from `current` instead of `previous`.
    event RegistryChanged(address indexed previous, address indexed current);
    /// @dev Emitted when the country allowlist is switched on (`restricted` true) or off.
    event CountryRestrictionSet(bool restricted);
    /// @dev Emitted when `country` is added to (`allowed` true) or removed from the allowlist.
    event CountryAllowedSet(uint16 indexed country, bool allowed);
    /// @dev Emitted when the mask of allowed investor categories changes (bit `c` is category `c`).
    event AllowedCategoriesSet(uint16 mask);
    /// @dev Emitted when the maximum balance per wallet changes (0: no maximum).
    event MaxBalanceSet(uint256 maxBalance);
    /// @dev Emitted when the maximum number of holders changes (0: no maximum).
    event MaxHoldersSet(uint32 maxHolders);
    /// @dev Emitted when the end of the lock-up changes (0: no lock-up).
    event LockUpEndSet(uint64 lockUpEndsAt);
    /// @dev Emitted when the external compliance module changes (zero: none).
    event ComplianceModuleSet(address indexed module);

    /// @dev The operation needs the token not to be paused.
    error EnforcedPause();
    /// @dev The operation needs the token to be paused.
    error ExpectedPause();
    /// @dev `from` may not make secondary transfers before `lockUpEndsAt`.
    error RegulatedTokenLockedUp(address from, uint256 lockUpEndsAt);
    /// @dev The balance of `to` would become `balanceAfter`, above `maxBalance`.
    error RegulatedTokenMaxBalanceExceeded(address to, uint256 balanceAfter, uint256 maxBalance);
    /// @dev `to` would be a new holder but the token already has `maxHolders` holders.
    error RegulatedTokenMaxHoldersReached(address to, uint256 maxHolders);
    /// @dev `registry` is not a contract that answers {IInvestorRegistry-eligibilityOfPair}.
    error RegulatedTokenInvalidRegistry(address registry);
    /// @dev `module` is neither the zero address nor a contract.
    error RegulatedTokenInvalidComplianceModule(address module);
    /// @dev `country` is not an ISO 3166-1 numeric code (1 to 999).
    error RegulatedTokenInvalidCountry(uint16 country);
    /// @dev `replacement` is not another wallet of the investor who owns `lost`.
    error RegulatedTokenInvalidRecovery(address lost, address replacement);

    /**
     * @dev Creates `amount` tokens for `to`.
     *
     * Requirements: caller has `ISSUER_ROLE`; not paused; `to` may receive under the policy
     * (verified, not frozen, country and category allowed, maximum balance and holders).
     */
    function mint(address to, uint256 amount) external;

    /// @dev Batch form of {mint}; arrays of one length, else {BatchLengthMismatch}.
    function batchMint(address[] calldata tos, uint256[] calldata amounts) external;

    /**
     * @dev Destroys `amount` tokens of `from`, frozen tokens included (the frozen amount is first
     * lowered by the frozen tokens taken, with a {Frozen} event).
     *
     * Requirements: caller has `ISSUER_ROLE`. Works while paused and for frozen or unverified wallets.
     */
    function burn(address from, uint256 amount) external;

    /**
     * @dev Freezes or unfreezes the whole wallet: a frozen wallet can neither send nor receive.
     *
     * Requirements: caller has `ENFORCEMENT_ROLE`.
     *
     * Emits an {AddressFrozen} event.
     */
    function setAddressFrozen(address wallet, bool frozen) external;

    /// @dev Batch form of {setAddressFrozen}.
    function batchSetAddressFrozen(address[] calldata wallets, bool[] calldata frozen) external;

    /// @dev Batch form of {IERC7943Fungible-setFrozenTokens}.
    function batchSetFrozenTokens(address[] calldata accounts, uint256[] calldata amounts) external;

    /// @dev Batch form of {IERC7943Fungible-forcedTransfer}.
    function batchForcedTransfer(address[] calldata froms, address[] calldata tos, uint256[] calldata amounts) external;

    /**
     * @dev Moves the whole balance and the frozen amount of `lost` to `replacement`, another
     * wallet of the same investor. A frozen `lost` wallet leaves `replacement` frozen. The KYC
     * agent should then revoke `lost` in the registry.
     *
     * Requirements: caller has `ENFORCEMENT_ROLE`; `replacement` differs from `lost`, is
     * registered with the same `investorId`, and may receive. Works while paused.
     *
     * Emits {Frozen}, {IERC20-Transfer}, {ForcedTransfer} and {WalletRecovered} events.
     */
    function recoverWallet(address lost, address replacement) external;

    /// @dev Stops every transfer and mint; enforcement actions and burns still work. Caller has `PAUSER_ROLE`.
    function pause() external;

    /// @dev Ends a pause. Caller has `PAUSER_ROLE`.
    function unpause() external;

    /// @dev Points the token to another investor registry. Caller has `DEFAULT_ADMIN_ROLE`.
    function setRegistry(IInvestorRegistry newRegistry) external;

    /// @dev Switches the country allowlist on or off (off: every country). Caller has `COMPLIANCE_ROLE`.
    function setCountryRestriction(bool restricted) external;

    /// @dev Adds `countries` to the allowlist, or removes them. Caller has `COMPLIANCE_ROLE`.
    function setCountriesAllowed(uint16[] calldata countries, bool allowed) external;

    /// @dev Sets the allowed investor categories, bit `c` for category `c`. Caller has `COMPLIANCE_ROLE`.
    function setAllowedCategories(uint16 mask) external;

    /// @dev Sets the maximum balance of one wallet, 0 for none. Caller has `COMPLIANCE_ROLE`.
    function setMaxBalance(uint256 maxBalance) external;

    /**
     * @dev Sets the maximum number of holding wallets, 0 for none. Lowering it below the current
     * count refuses new holders only. Caller has `COMPLIANCE_ROLE`.
     */
    function setMaxHolders(uint32 maxHolders) external;

    /// @dev Refuses holder-to-holder transfers until `lockUpEndsAt` (0: none). Caller has `COMPLIANCE_ROLE`.
    function setLockUpEnd(uint64 lockUpEndsAt) external;

    /// @dev Sets the external compliance module (zero address: none, else a contract). Caller has `COMPLIANCE_ROLE`.
    function setComplianceModule(IComplianceModule module) external;

    /// @dev The investor registry the token reads.
    function registry() external view returns (IInvestorRegistry);

    /// @dev Whether the token is paused.
    function paused() external view returns (bool);

    /// @dev Whether `wallet` is frozen as a whole.
    function isAddressFrozen(address wallet) external view returns (bool);

    /// @dev Whether the country allowlist is on.
    function countryRestricted() external view returns (bool);

    /// @dev Whether `country` is on the allowlist (only consulted when {countryRestricted}).
    function isCountryAllowed(uint16 country) external view returns (bool);

    /// @dev The mask of allowed investor categories, bit `c` for category `c`.
    function allowedCategories() external view returns (uint16);

    /// @dev The maximum balance of one wallet, 0 for none.
    function maxBalance() external view returns (uint256);

    /// @dev The maximum number of holding wallets, 0 for none.
    function maxHolders() external view returns (uint32);

    /// @dev The number of wallets with a non-zero balance.
    function holderCount() external view returns (uint32);

    /// @dev End of the lock-up on holder-to-holder transfers, 0 for none.
    function lockUpEndsAt() external view returns (uint64);

    /// @dev The external compliance module, zero for none.
    function complianceModule() external view returns (IComplianceModule);
}
