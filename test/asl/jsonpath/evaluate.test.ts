import { describe, expect, it } from "vitest";
import { StatesError } from "../../../src/asl/errors.js";
import { evaluatePath, isReferencePath, queryPath } from "../../../src/asl/jsonpath/index.js";

const ctx = {
  context: { Execution: { Id: "arn:aws:states:us-east-1:123456789012:execution:m:e" } },
};

/** The Jayway JsonPath README document, the reference for the syntax AWS accepts. */
const store = {
  store: {
    book: [
      { category: "reference", author: "Nigel Rees", title: "Sayings of the Century", price: 8.95 },
      { category: "fiction", author: "Evelyn Waugh", title: "Sword of Honour", price: 12.99 },
      {
        category: "fiction",
        author: "Herman Melville",
        title: "Moby Dick",
        isbn: "0-553-21311-3",
        price: 8.99,
      },
      {
        category: "fiction",
        author: "J. R. R. Tolkien",
        title: "The Lord of the Rings",
        isbn: "0-395-19395-8",
        price: 22.99,
      },
    ],
    bicycle: { color: "red", price: 19.95 },
  },
  expensive: 10,
};
const books = store.store.book;

function failure(fn: () => unknown): StatesError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error("expected a StatesError");
}

describe("evaluatePath — reference paths (AWS Developer Guide, Paths)", () => {
  const input = { foo: 123, bar: ["a", "b", "c"], car: { cdr: true } };

  it("selects single nodes", () => {
    expect(evaluatePath("$.foo", input, ctx)).toBe(123);
    expect(evaluatePath("$.bar", input, ctx)).toEqual(["a", "b", "c"]);
    expect(evaluatePath("$.car.cdr", input, ctx)).toBe(true);
    expect(evaluatePath("$.bar[0]", input, ctx)).toBe("a");
    expect(evaluatePath("$.bar[-1]", input, ctx)).toBe("c");
    expect(evaluatePath("$['car']['cdr']", input, ctx)).toBe(true);
    expect(evaluatePath("$", input, ctx)).toBe(input);
  });

  it("reads names with spaces and odd characters in brackets", () => {
    expect(evaluatePath("$['a b']", { "a b": 1 }, ctx)).toBe(1);
    expect(evaluatePath('$["x.y"]', { "x.y": 2 }, ctx)).toBe(2);
    expect(evaluatePath("$['it\\'s']", { "it's": 3 }, ctx)).toBe(3);
    expect(evaluatePath("$.['a b'].c", { "a b": { c: 4 } }, ctx)).toBe(4);
  });

  it("reads the context object with $$ and variables with $name", () => {
    expect(evaluatePath("$$.Execution.Id", {}, ctx)).toBe(ctx.context.Execution.Id);
    expect(evaluatePath("$$", {}, ctx)).toBe(ctx.context);
    const vars = { context: {}, variables: { conta: { numero: "123", dv: "4" }, n: 7 } };
    expect(evaluatePath("$conta.numero", {}, vars)).toBe("123");
    expect(evaluatePath("$n", {}, vars)).toBe(7);
    expect(evaluatePath("$conta['dv']", {}, vars)).toBe("4");
  });

  it("fails with the cause AWS writes for InputPath/OutputPath", () => {
    const error = failure(() => evaluatePath("$.x", {}, ctx));
    expect(error.error).toBe("States.Runtime");
    expect(error.causeText).toBe("Invalid path '$.x' : No results for path: $['x']");
    expect(failure(() => evaluatePath("$.a.b", { a: {} }, ctx)).causeText).toBe(
      "Invalid path '$.a.b' : No results for path: $['a']['b']",
    );
    expect(failure(() => evaluatePath("$.a.b", {}, ctx)).causeText).toBe(
      "Invalid path '$.a.b' : Missing property in path $['a']",
    );
    expect(failure(() => evaluatePath("$.a[0]", { a: 1 }, ctx)).causeText).toBe(
      "Invalid path '$.a[0]' : Filter: [0] can only be applied to arrays. Current context is: 1",
    );
    expect(failure(() => evaluatePath("$nada", {}, ctx)).error).toBe("States.Runtime");
  });

  it("selects null for an index past the end (Jackson's ArrayNode.get)", () => {
    expect(evaluatePath("$.items[5]", { items: [1, 2] }, ctx)).toBeNull();
  });
});

describe("evaluatePath — Jayway syntax", () => {
  it("wildcards, deep scan, unions and slices", () => {
    const authors = books.map((b) => b.author);
    expect(evaluatePath("$.store.book[*].author", store, ctx)).toEqual(authors);
    expect(evaluatePath("$..author", store, ctx)).toEqual(authors);
    expect(evaluatePath("$.store.*", store, ctx)).toEqual([books, store.store.bicycle]);
    expect(evaluatePath("$.store..price", store, ctx)).toEqual([8.95, 12.99, 8.99, 22.99, 19.95]);
    expect(evaluatePath("$..book[2]", store, ctx)).toEqual([books[2]]);
    expect(evaluatePath("$..book[-2]", store, ctx)).toEqual([books[2]]);
    expect(evaluatePath("$..book[0,1]", store, ctx)).toEqual([books[0], books[1]]);
    expect(evaluatePath("$..book[:2]", store, ctx)).toEqual([books[0], books[1]]);
    expect(evaluatePath("$..book[1:2]", store, ctx)).toEqual([books[1]]);
    expect(evaluatePath("$..book[-2:]", store, ctx)).toEqual([books[2], books[3]]);
    expect(evaluatePath("$..book[2:]", store, ctx)).toEqual([books[2], books[3]]);
    expect(evaluatePath("$.store.book[*]['author','price']", store, ctx)).toHaveLength(8);
  });

  it("filters", () => {
    expect(evaluatePath("$..book[?(@.isbn)]", store, ctx)).toEqual([books[2], books[3]]);
    expect(evaluatePath("$.store.book[?(@.price < 10)]", store, ctx)).toEqual([books[0], books[2]]);
    expect(evaluatePath("$..book[?(@.price <= $['expensive'])]", store, ctx)).toEqual([
      books[0],
      books[2],
    ]);
    expect(evaluatePath("$..book[?(@.author =~ /.*REES/i)]", store, ctx)).toEqual([books[0]]);
    expect(
      evaluatePath("$..book[?(@.category == 'fiction' && @.price > 10)].title", store, ctx),
    ).toEqual(["Sword of Honour", "The Lord of the Rings"]);
    expect(
      evaluatePath("$..book[?(@.category in ['reference'] || !(@.price < 20))].title", store, ctx),
    ).toEqual(["Sayings of the Century", "The Lord of the Rings"]);
    expect(evaluatePath("$.a[?(@.x > 1)]", { a: [{ x: 1 }, { x: 2 }, { y: 3 }] }, ctx)).toEqual([
      { x: 2 },
    ]);
  });

  it("returns an empty list when an indefinite path matches nothing", () => {
    expect(evaluatePath("$.items[*].nope", { items: [1, 2] }, ctx)).toEqual([]);
    expect(evaluatePath("$..nope", store, ctx)).toEqual([]);
  });

  it("applies length()", () => {
    expect(evaluatePath("$.store.book.length()", store, ctx)).toBe(4);
  });

  it("reports unparsable paths as misses", () => {
    expect(queryPath("$.a[", {}, ctx).found).toBe(false);
    expect(queryPath("nope", {}, ctx).found).toBe(false);
  });
});

describe("isReferencePath", () => {
  it("accepts single-node paths only", () => {
    for (const p of ["$", "$.a", "$.a.b[0]", "$['a b']", "$$.Execution.Id", "$x.y"]) {
      expect(isReferencePath(p), p).toBe(true);
    }
    for (const p of ["$.a[*]", "$..a", "$.a[?(@.x)]", "$.a[0,1]", "$.a[1:2]", "a", "$.a["]) {
      expect(isReferencePath(p), p).toBe(false);
    }
  });
});
