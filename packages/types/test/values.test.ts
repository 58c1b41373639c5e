import { createSpecValidator } from "@finup/spec/validator";
import { describe, expect, it } from "vitest";
import { knownCardStatusValues } from "../src/index.js";

describe("knownCardStatusValues", () => {
  it("holds exactly the KnownCardStatus enum of the spec, in order", () => {
    const { spec } = createSpecValidator();
    const known = spec.components.schemas?.KnownCardStatus as { enum: string[] };
    expect(knownCardStatusValues).toEqual(known.enum);
  });
});
