// The one call every browser consumer makes, shared so that it weighs the same in each bundle.
export const baseUrl = "https://api.finup.io";
export const apiKey = "fk_test_bundle-size-consumer";
export const accountId = "67b300e30a4c3db1b01a3699";
export const body = { bin_id: "67ade1eef9f79c20b4e78899", name: "Marketing team", amount: 1 };
