// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {CountryCode} from "../registry/CountryCode.sol";
import {IInvestorRegistry} from "../registry/IInvestorRegistry.sol";
import {IComplianceModule} from "./IComplianceModule.sol";
import {IRegulatedToken} from "./IRegulatedToken.sol";

/**
 * @dev The eligibility policy of {RegulatedToken}: the investor registry, the allowed countries and
 * categories, the maximum balance and number of holders, the lock-up and the optional compliance
 * module, set by `COMPLIANCE_ROLE` (the registry by the admin), and the pause flag that shares
 * their storage slot. The core's transfer rules read this state directly: it is `internal`, and
 * {Settings} packs what every balance change reads into one slot.
 *
 * The policy starts open: every category and country allowed, no maximum, no lock-up.
 */
abstract contract TokenPolicy is AccessControlDefaultAdminRules, IRegulatedToken {
    /// @dev Sets the eligibility policy.
    bytes32 public constant COMPLIANCE_ROLE = keccak256("COMPLIANCE_ROLE");

    /// @dev What every balance change reads, packed in one storage slot.
    struct Settings {
        IInvestorRegistry registry;
        uint40 lockUpEndsAt;
        uint16 allowedCategories;
        bool paused;
        bool countryRestricted;
        bool hasMaxBalance;
        bool hasMaxHolders;
        bool hasComplianceModule;
    }

    Settings internal _settings;

    // Where each field of {Settings} lies in its storage slot (Solidity packs a struct's fields from the lowest bit, in
    // declaration order; a bool takes a byte): the transfer path reads the slot as one word ({_settingsWord}) instead
    // of copying the struct to memory field by field.
    uint256 internal constant LOCK_UP_ENDS_AT_BIT = 160;
    uint256 internal constant ALLOWED_CATEGORIES_BIT = 200;
    uint256 internal constant PAUSED_BIT = 216;
    uint256 internal constant COUNTRY_RESTRICTED_BIT = 224;
    uint256 internal constant HAS_MAX_BALANCE_BIT = 232;
    uint256 internal constant HAS_MAX_HOLDERS_BIT = 240;
    uint256 internal constant HAS_COMPLIANCE_MODULE_BIT = 248;
    // The next three share one slot, read only when a maximum of holders or a module is set.
    IComplianceModule internal _complianceModule;
    uint32 internal _maxHolders;
    uint32 internal _holderCount;
    uint256 internal _maxBalance;
    mapping(uint256 word => uint256 bits) internal _allowedCountryBits;

    /// @param registry_ The investor registry.
    constructor(IInvestorRegistry registry_) {
        _setRegistry(registry_);
        _setAllowedCategories(type(uint16).max);
    }

    // ---------------------------------------------------------------------------------------------
    // Setters

    /// @inheritdoc IRegulatedToken
    function setRegistry(IInvestorRegistry newRegistry) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setRegistry(newRegistry);
    }

    /// @inheritdoc IRegulatedToken
    function setCountryRestriction(bool restricted) external onlyRole(COMPLIANCE_ROLE) {
        _settings.countryRestricted = restricted;
        emit CountryRestrictionSet(restricted);
    }

    /// @inheritdoc IRegulatedToken
    function setCountriesAllowed(uint16[] calldata countries, bool allowed) external onlyRole(COMPLIANCE_ROLE) {
        for (uint256 i = 0; i < countries.length; ++i) {
            uint16 country = countries[i];
            if (!CountryCode.isValid(country)) revert RegulatedTokenInvalidCountry(country);
            uint256 bit = 1 << (country & 0xff);
            if (allowed) _allowedCountryBits[country >> 8] |= bit;
            else _allowedCountryBits[country >> 8] &= ~bit;
            emit CountryAllowedSet(country, allowed);
        }
    }

    /// @inheritdoc IRegulatedToken
    function setAllowedCategories(uint16 mask) external onlyRole(COMPLIANCE_ROLE) {
        _setAllowedCategories(mask);
    }

    /// @inheritdoc IRegulatedToken
    function setMaxBalance(uint256 newMaxBalance) external onlyRole(COMPLIANCE_ROLE) {
        _maxBalance = newMaxBalance;
        _settings.hasMaxBalance = newMaxBalance != 0;
        emit MaxBalanceSet(newMaxBalance);
    }

    /// @inheritdoc IRegulatedToken
    function setMaxHolders(uint32 newMaxHolders) external onlyRole(COMPLIANCE_ROLE) {
        _maxHolders = newMaxHolders;
        _settings.hasMaxHolders = newMaxHolders != 0;
        emit MaxHoldersSet(newMaxHolders);
    }

    /// @inheritdoc IRegulatedToken
    function setLockUpEnd(uint64 newLockUpEndsAt) external onlyRole(COMPLIANCE_ROLE) {
        _settings.lockUpEndsAt = SafeCast.toUint40(newLockUpEndsAt);
        emit LockUpEndSet(newLockUpEndsAt);
    }

    /// @inheritdoc IRegulatedToken
    function setComplianceModule(IComplianceModule module) external onlyRole(COMPLIANCE_ROLE) {
        if (address(module) != address(0) && address(module).code.length == 0) {
            revert RegulatedTokenInvalidComplianceModule(address(module));
        }
        _complianceModule = module;
        _settings.hasComplianceModule = address(module) != address(0);
        emit ComplianceModuleSet(address(module));
    }

    // ---------------------------------------------------------------------------------------------
    // Views

    /// @inheritdoc IRegulatedToken
    function registry() public view returns (IInvestorRegistry) {
        return _settings.registry;
    }

    /// @inheritdoc IRegulatedToken
    function countryRestricted() external view returns (bool) {
        return _settings.countryRestricted;
    }

    /// @inheritdoc IRegulatedToken
    function isCountryAllowed(uint16 country) public view returns (bool) {
        return _allowedCountryBits[country >> 8] & (1 << (country & 0xff)) != 0;
    }

    /// @inheritdoc IRegulatedToken
    function allowedCategories() external view returns (uint16) {
        return _settings.allowedCategories;
    }

    /// @inheritdoc IRegulatedToken
    function maxBalance() external view returns (uint256) {
        return _maxBalance;
    }

    /// @inheritdoc IRegulatedToken
    function maxHolders() external view returns (uint32) {
        return _maxHolders;
    }

    /// @inheritdoc IRegulatedToken
    function holderCount() external view returns (uint32) {
        return _holderCount;
    }

    /// @inheritdoc IRegulatedToken
    function lockUpEndsAt() external view returns (uint64) {
        return _settings.lockUpEndsAt;
    }

    /// @inheritdoc IRegulatedToken
    function complianceModule() external view returns (IComplianceModule) {
        return _complianceModule;
    }

    // ---------------------------------------------------------------------------------------------
    // Internal

    /// @dev {_settings} as one word, in one storage read; its fields are read with {_registryIn}, {_isSet} and the
    /// bit positions above.
    function _settingsWord() internal view returns (uint256 word) {
        Settings storage settings = _settings;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            word := sload(settings.slot)
        }
    }

    /// @dev The registry of the settings word `settings`.
    function _registryIn(uint256 settings) internal pure returns (IInvestorRegistry) {
        return IInvestorRegistry(address(uint160(settings)));
    }

    /// @dev Whether the bool of the settings word `settings` at bit `bit` is set.
    function _isSet(uint256 settings, uint256 bit) internal pure returns (bool) {
        return (settings >> bit) & 0xff != 0;
    }

    function _setRegistry(IInvestorRegistry newRegistry) private {
        // Only a registry that answers {IInvestorRegistry-eligibilityOfPair}, which every balance change asks: an
        // account without code, or a registry deployed before that view, would make every transfer revert.
        bytes4 selector = IInvestorRegistry.eligibilityOfPair.selector;
        bool answers;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            mstore(add(ptr, 4), 0)
            mstore(add(ptr, 36), 0)
            let ok := staticcall(gas(), newRegistry, ptr, 68, 0, 0)
            answers := and(ok, iszero(lt(returndatasize(), 192))) // six words, as the transfer path reads
        }
        if (!answers) revert RegulatedTokenInvalidRegistry(address(newRegistry));
        emit RegistryChanged(address(_settings.registry), address(newRegistry));
        _settings.registry = newRegistry;
    }

    function _setAllowedCategories(uint16 mask) private {
        _settings.allowedCategories = mask;
        emit AllowedCategoriesSet(mask);
    }
}
