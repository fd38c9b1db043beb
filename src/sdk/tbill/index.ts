export * from "./pricing.js";
export * from "./auction.js";
