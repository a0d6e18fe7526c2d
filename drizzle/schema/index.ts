export * from "./identity";
export * from "./hubspot";
export * from "./leads";
export * from "./sync";
export * from "./api-keys";
export * from "./workflows";
export * from "./rate-budget";
