namespace TaskFunctions.Domain.Tests.Expressions;

public class ListFunctionTests
{
    [Theory]
    [InlineData("list contains([1, 2, 3], 2)", "true")]
    [InlineData("list contains([1, null], null)", "true")]
    [InlineData("list contains([1, 2], 3)", "false")]
    [InlineData("count([1, 2, 3])", "3")]
    [InlineData("count([])", "0")]
    [InlineData("count(1)", "1")]
    [InlineData("count(null)", "null")]
    [InlineData("reverse(\"a\")", "[\"a\"]")]
    [InlineData("list contains(5, 5)", "true")]
    [InlineData("min([1, 2, 3])", "1")]
    [InlineData("min(1, 2, 3)", "1")]
    [InlineData("min([])", "null")]
    [InlineData("max([\"a\", \"c\", \"b\"])", "\"c\"")]
    [InlineData("max(1, \"a\")", "null")]
    [InlineData("sum([1, 2, 3])", "6")]
    [InlineData("sum(1, 2, 3)", "6")]
    [InlineData("sum([])", "null")]
    [InlineData("sum([1, \"a\"])", "null")]
    [InlineData("mean([1, 2, 3])", "2")]
    [InlineData("mean(1, 2)", "1.5")]
    [InlineData("product([2, 3, 4])", "24")]
    [InlineData("median([8, 2, 5, 3, 4])", "4")]
    [InlineData("median([6, 1, 2, 3])", "2.5")]
    [InlineData("mode([6, 3, 9, 6, 6])", "[6]")]
    [InlineData("mode([6, 1, 9, 6, 1])", "[1,6]")]
    [InlineData("all([true, false])", "false")]
    [InlineData("all([true, null])", "null")]
    [InlineData("all([])", "true")]
    [InlineData("any([false, true])", "true")]
    [InlineData("any([])", "false")]
    [InlineData("sublist([4, 5, 6], 1, 2)", "[4,5]")]
    [InlineData("sublist([4, 5, 6], -2)", "[5,6]")]
    [InlineData("append([1], 2, 3)", "[1,2,3]")]
    [InlineData("append([], null)", "[null]")]
    [InlineData("concatenate([1, 2], [3])", "[1,2,3]")]
    [InlineData("insert before([1, 3], 1, 2)", "[2,1,3]")]
    [InlineData("insert before([1, 2, 3], 4, 9)", "[1,2,3,9]")]
    [InlineData("insert before([1, 2, 3], -1, 9)", "[1,2,9,3]")]
    [InlineData("remove([1, 2, 3], 2)", "[1,3]")]
    [InlineData("remove([1, 2, 3], -1)", "[1,2]")]
    [InlineData("remove([1, 2, 3], 4)", "null")]
    [InlineData("reverse([1, 2, 3])", "[3,2,1]")]
    [InlineData("index of([1, 2, 3, 2], 2)", "[2,4]")]
    [InlineData("union([1, 2], [2, 3])", "[1,2,3]")]
    [InlineData("distinct values([1, 2, 3, 2, 1])", "[1,2,3]")]
    [InlineData("duplicate values([1, 2, 3, 2, 1])", "[1,2]")]
    [InlineData("flatten([[1, 2], [[3]], 4])", "[1,2,3,4]")]
    [InlineData("sort([3, 1, 4, 2])", "[1,2,3,4]")]
    [InlineData("sort([3, 1, 4, 2], function(x, y) x > y)", "[4,3,2,1]")]
    [InlineData("sort(list: [\"b\", \"a\"], precedes: function(x, y) x < y)", "[\"a\",\"b\"]")]
    [InlineData("sort([1, \"a\"])", "null")]
    [InlineData("is empty([])", "true")]
    [InlineData("partition([1, 2, 3], 2)", "[[1,2],[3]]")]
    public void ListFunction_Called_FollowsFeel(string expression, string expectedJson)
    {
        // Act
        var actual = Feel.Json(expression);

        // Assert
        Assert.Equal(expectedJson, actual);
    }
}
