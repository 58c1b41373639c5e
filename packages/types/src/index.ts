// The public surface of @finup/types: everything openapi-typescript generates from the spec.
export * from "./openapi.generated.js";
