// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CommodityRestriction} from "./CommodityRestriction.sol";

/**
 * @dev The ERC-1404 messages of {CommodityReserveToken} ({CommodityRestriction-message}), in a contract
 * of their own that the token creates: their strings do not fit the token's code (EIP-170).
 */
contract CommodityRestrictionMessages {
    /// @dev The message of restriction `code`.
    function message(uint8 code) external pure returns (string memory) {
        return CommodityRestriction.message(code);
    }
}
