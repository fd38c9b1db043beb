// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IReferencedActions} from "../interfaces/IReferencedActions.sol";
import {checkBatchLength} from "../utils/Batch.sol";
import {ReferencedActions} from "../utils/ReferencedActions.sol";
import {CountryCode} from "./CountryCode.sol";
import {IInvestorRegistry} from "./IInvestorRegistry.sol";
import {InvestorCategory} from "./InvestorCategory.sol";

/**
 * @dev The KYC allowlist shared by every issuance; see {IInvestorRegistry}.
 *
 * A record takes two storage slots: the `investorId`, and the packed country, category, expiry
 * and revocation flag that tokens read on every transfer ({eligibilityOfPair}, {eligibilityOf}).
 *
 * Administration is {AccessControlDefaultAdminRules}: the admin is handed over in two steps with
 * a delay. `KYC_AGENT_ROLE` registers, updates and revokes wallets. Every call can carry a
 * reference to its reason ({ReferencedActions-withReference}), as a KYC revocation should.
 */
contract InvestorRegistry is IInvestorRegistry, AccessControlDefaultAdminRules, ReferencedActions {
    /// @dev Registers, updates and revokes investor wallets.
    bytes32 public constant KYC_AGENT_ROLE = keccak256("KYC_AGENT_ROLE");

    mapping(address wallet => Investor) private _investors;

    /**
     * @param admin Holder of `DEFAULT_ADMIN_ROLE`, which grants and revokes the other roles.
     * @param adminDelay Seconds a new admin must wait after being nominated before accepting.
     */
    constructor(address admin, uint48 adminDelay) AccessControlDefaultAdminRules(adminDelay, admin) {}

    /// @inheritdoc IInvestorRegistry
    function registerInvestor(
        address wallet,
        bytes32 investorId,
        uint16 country,
        uint8 category,
        uint64 expiresAt
    ) external onlyRole(KYC_AGENT_ROLE) {
        _register(wallet, investorId, country, category, expiresAt);
    }

    /// @inheritdoc IInvestorRegistry
    function registerInvestors(
        address[] calldata wallets,
        bytes32[] calldata investorIds,
        uint16[] calldata countries,
        uint8[] calldata categories,
        uint64[] calldata expiresAts
    ) external onlyRole(KYC_AGENT_ROLE) {
        uint256 count = wallets.length;
        checkBatchLength(count, investorIds.length);
        checkBatchLength(count, countries.length);
        checkBatchLength(count, categories.length);
        checkBatchLength(count, expiresAts.length);
        for (uint256 i = 0; i < count; ++i) {
            _register(wallets[i], investorIds[i], countries[i], categories[i], expiresAts[i]);
        }
    }

    /// @inheritdoc IInvestorRegistry
    function updateInvestor(
        address wallet,
        bytes32 investorId,
        uint16 country,
        uint8 category,
        uint64 expiresAt
    ) external onlyRole(KYC_AGENT_ROLE) {
        if (!_isRegistered(_investors[wallet])) revert InvestorRegistryNotRegistered(wallet);
        _write(wallet, investorId, country, category, expiresAt);
        emit InvestorUpdated(wallet, investorId, country, category, expiresAt);
    }

    /// @inheritdoc IInvestorRegistry
    function revokeInvestor(address wallet) external onlyRole(KYC_AGENT_ROLE) {
        _revoke(wallet);
    }

    /// @inheritdoc IInvestorRegistry
    function revokeInvestors(address[] calldata wallets) external onlyRole(KYC_AGENT_ROLE) {
        for (uint256 i = 0; i < wallets.length; ++i) {
            _revoke(wallets[i]);
        }
    }

    /// @dev Answers true for {IReferencedActions} and the access-control interfaces.
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IReferencedActions).interfaceId || super.supportsInterface(interfaceId);
    }

    /// @inheritdoc IInvestorRegistry
    function isVerified(address wallet) external view returns (bool) {
        return _isVerified(_investors[wallet]);
    }

    /// @inheritdoc IInvestorRegistry
    function investorOf(address wallet) external view returns (Investor memory) {
        return _investors[wallet];
    }

    /// @inheritdoc IInvestorRegistry
    function eligibilityOf(address wallet) external view returns (bool verified, uint16 country, uint8 category) {
        return _eligibility(wallet);
    }

    /// @inheritdoc IInvestorRegistry
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
        )
    {
        (firstVerified, firstCountry, firstCategory) = _eligibility(first);
        (secondVerified, secondCountry, secondCategory) = _eligibility(second);
    }

    function _register(address wallet, bytes32 investorId, uint16 country, uint8 category, uint64 expiresAt) private {
        if (_isRegistered(_investors[wallet])) revert InvestorRegistryAlreadyRegistered(wallet);
        _write(wallet, investorId, country, category, expiresAt);
        emit InvestorRegistered(wallet, investorId, country, category, expiresAt);
    }

    /// @dev The one place where a record is validated and stored.
    function _write(address wallet, bytes32 investorId, uint16 country, uint8 category, uint64 expiresAt) private {
        if (wallet == address(0)) revert InvestorRegistryInvalidWallet(wallet);
        if (investorId == bytes32(0)) revert InvestorRegistryInvalidInvestorId(wallet, investorId);
        if (!CountryCode.isValid(country)) revert InvestorRegistryInvalidCountry(wallet, country);
        if (category == 0 || category > InvestorCategory.MAX) revert InvestorRegistryInvalidCategory(wallet, category);
        if (expiresAt <= block.timestamp) {
            revert InvestorRegistryExpiryNotInFuture(wallet, expiresAt, block.timestamp);
        }
        _investors[wallet] = Investor(investorId, country, category, expiresAt, false);
    }

    function _revoke(address wallet) private {
        Investor storage investor = _investors[wallet];
        if (!_isRegistered(investor)) revert InvestorRegistryNotRegistered(wallet);
        investor.revoked = true;
        emit InvestorRevoked(wallet, investor.investorId);
    }

    /// @dev A record exists (every stored record has a non-zero expiry) and is not revoked.
    function _isRegistered(Investor storage investor) private view returns (bool) {
        return investor.expiresAt != 0 && !investor.revoked;
    }

    /// @dev {eligibilityOf}. The zero address never holds a record ({_write} refuses it): it is answered without a
    /// storage read, which a token's mint or burn asks for as the missing party of {eligibilityOfPair}.
    function _eligibility(address wallet) private view returns (bool verified, uint16 country, uint8 category) {
        if (wallet == address(0)) return (false, 0, 0);
        Investor storage investor = _investors[wallet];
        return (_isVerified(investor), investor.country, investor.category);
    }

    function _isVerified(Investor storage investor) private view returns (bool) {
        return !investor.revoked && block.timestamp < investor.expiresAt;
    }
}
