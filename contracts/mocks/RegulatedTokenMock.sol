// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IInvestorRegistry} from "../registry/IInvestorRegistry.sol";
import {RegulatedToken} from "../token/RegulatedToken.sol";

/// @dev The smallest concrete {RegulatedToken}, for tests of the core and the foundation demo.
contract RegulatedTokenMock is RegulatedToken {
    constructor(
        string memory name_,
        string memory symbol_,
        uint8 decimals_,
        IInvestorRegistry registry_,
        address admin,
        uint48 adminDelay
    ) RegulatedToken(name_, symbol_, decimals_, registry_, admin, adminDelay) {}

    /// @dev Exposes {RegulatedToken-_escrow} to tests.
    function escrow(address holder, uint256 amount) external {
        _escrow(holder, amount);
    }

    /// @dev Exposes {RegulatedToken-_returnEscrow} to tests.
    function returnEscrow(address holder, uint256 amount) external {
        _returnEscrow(holder, amount);
    }

    /// @dev Exposes {RegulatedToken-_releaseEscrow} to tests.
    function releaseEscrow(address to, uint256 amount) external {
        _releaseEscrow(to, amount);
    }

    /// @dev The flag of the balance word of `account`: set exactly when it has a freeze ({TokenFreezes-_syncFreezeFlag}).
    function freezeFlagOf(address account) external view returns (bool flagged) {
        (, flagged) = _balanceAndFlag(account);
    }
}
