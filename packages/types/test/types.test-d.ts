import { describe, expectTypeOf, it } from "vitest";
import type {
  Card,
  CardStatus,
  components,
  ErrorResponse,
  IssueCardsRequest,
  IssueCardsResponse,
  KnownCardStatus,
  operations,
  paths,
} from "../src/index.js";

describe("the generated types", () => {
  it("names every schema and keeps the generated roots", () => {
    expectTypeOf<Card>().toEqualTypeOf<components["schemas"]["Card"]>();
    expectTypeOf<IssueCardsResponse["result"]>().toEqualTypeOf<Card[]>();
    expectTypeOf<paths["/accounts/{account_id}/cards/issuing"]["post"]>().toEqualTypeOf<operations["issueCards"]>();
  });

  it("types card['3ds'] as a boolean and money as numbers", () => {
    expectTypeOf<Card["3ds"]>().toEqualTypeOf<boolean>();
    expectTypeOf<Card["balance"]>().toEqualTypeOf<number>();
    expectTypeOf<Card["EXP"]>().toEqualTypeOf<string>();
    expectTypeOf<Card["masked_PAN"]>().toEqualTypeOf<string>();
  });

  it("lets notes and address be absent or null, nothing else", () => {
    expectTypeOf<Card["notes"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Card["address"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<Card["id"]>().toEqualTypeOf<string>();
  });

  it("accepts an unknown status where a status is read, and keeps the known ones visible", () => {
    expectTypeOf<"Something new">().toExtend<Card["status"]>();
    expectTypeOf<"Processing">().toExtend<KnownCardStatus>();
    expectTypeOf<"Something new">().not.toExtend<KnownCardStatus>();
    expectTypeOf<KnownCardStatus>().toExtend<CardStatus>();
    expectTypeOf<Card["status"]>().toEqualTypeOf<CardStatus>();
  });

  it("requires bin_id, name and amount in a request, and amount is a number", () => {
    expectTypeOf<{ bin_id: string; name: string; amount: number }>().toExtend<IssueCardsRequest>();
    expectTypeOf<{ bin_id: string; name: string }>().not.toExtend<IssueCardsRequest>();
    expectTypeOf<IssueCardsRequest["amount"]>().toEqualTypeOf<number>();
    expectTypeOf<IssueCardsRequest["notes"]>().toEqualTypeOf<string | undefined>();
  });

  it("makes nothing required in ErrorResponse", () => {
    expectTypeOf<Record<never, never>>().toExtend<ErrorResponse>();
  });
});
