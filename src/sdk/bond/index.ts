export * from "./dateTime.js";
export * from "./dayCount.js";
export * from "./schedule.js";
