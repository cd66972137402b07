namespace TaskFunctions.Domain.Tests.Expressions;

public class StringFunctionTests
{
    [Theory]
    [InlineData("substring(\"foobar\", 3)", "\"obar\"")]
    [InlineData("substring(\"foobar\", 3, 3)", "\"oba\"")]
    [InlineData("substring(\"foobar\", -2, 1)", "\"a\"")]
    [InlineData("substring(\"foobar\", 1, 100)", "\"foobar\"")]
    [InlineData("substring(\"foobar\", 7)", "\"\"")]
    [InlineData("substring(\"foobar\", 0)", "null")]
    [InlineData("substring(\"\\U01F40Eab\", 2)", "\"ab\"")]
    [InlineData("substring(string: \"abc\", start position: 2)", "\"bc\"")]
    [InlineData("substring(start position: 2, string: \"abc\", length: 1)", "\"b\"")]
    [InlineData("substring(1, 2)", "null")]
    [InlineData("string length(\"foo\")", "3")]
    [InlineData("string length(\"\\U01F40E\")", "1")]
    [InlineData("string length(1)", "null")]
    [InlineData("upper case(\"aBc4\")", "\"ABC4\"")]
    [InlineData("lower case(\"aBc4\")", "\"abc4\"")]
    [InlineData("substring before(\"foobar\", \"bar\")", "\"foo\"")]
    [InlineData("substring before(\"foobar\", \"xyz\")", "\"\"")]
    [InlineData("substring after(\"foobar\", \"ob\")", "\"ar\"")]
    [InlineData("substring after(\"\", \"a\")", "\"\"")]
    [InlineData("contains(\"foobar\", \"of\")", "false")]
    [InlineData("contains(\"foobar\", \"ob\")", "true")]
    [InlineData("starts with(\"foobar\", \"fo\")", "true")]
    [InlineData("ends with(\"foobar\", \"r\")", "true")]
    [InlineData("matches(\"foobar\", \"^fo*b\")", "true")]
    [InlineData("matches(\"FOO\", \"foo\", \"i\")", "true")]
    [InlineData("matches(\"foo\", \"[\")", "null")]
    [InlineData("matches(\"foo\", \"(?=f)f\")", "null")]
    [InlineData("matches(\"line1\nline2\", \"^line2$\", \"m\")", "true")]
    [InlineData("matches(\"a\nb\", \"a.b\", \"s\")", "true")]
    [InlineData("replace(\"abcd\", \"(ab)|(a)\", \"[1=$1][2=$2]\")", "\"[1=ab][2=]cd\"")]
    [InlineData("replace(\"banana\", \"a\", \"o\")", "\"bonono\"")]
    [InlineData("split(\"John Doe\", \"\\\\s\")", "[\"John\",\"Doe\"]")]
    [InlineData("split(\"a;b;c;;\", \";\")", "[\"a\",\"b\",\"c\",\"\",\"\"]")]
    [InlineData("string join([\"a\", \"b\", \"c\"], \", \")", "\"a, b, c\"")]
    [InlineData("string join([\"a\", null, \"c\"])", "\"ac\"")]
    [InlineData("string join([\"a\"], \"X\", \"[\", \"]\")", "\"[a]\"")]
    [InlineData("string join([\"a\", 1])", "null")]
    [InlineData("trim(\"  a \")", "\"a\"")]
    [InlineData("extract(\"a1b22\", \"[0-9]+\")", "[\"1\",\"22\"]")]
    public void StringFunction_Called_FollowsFeel(string expression, string expectedJson)
    {
        // Act
        var actual = Feel.Json(expression);

        // Assert
        Assert.Equal(expectedJson, actual);
    }

    [Theory]
    [InlineData("string(1.10)", "1.1")]
    [InlineData("string(true)", "true")]
    [InlineData("string(\"x\")", "x")]
    [InlineData("string([1, \"a\"])", "[1, \"a\"]")]
    [InlineData("string({a: 1})", "{a: 1}")]
    [InlineData("string(date(\"2025-01-02\"))", "2025-01-02")]
    [InlineData("string(null)", "null")]
    public void String_Converts_RendersValue(string expression, string expected)
    {
        // Act
        var actual = Feel.Text(expression);

        // Assert
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData("number(\"1500.5\")", "1500.5")]
    [InlineData("number(\"1 500,5\", \" \", \",\")", "1500.5")]
    [InlineData("number(\"1,000.5\", \",\", \".\")", "1000.5")]
    [InlineData("number(\"-1e3\")", "-1000")]
    [InlineData("number(\"abc\")", "null")]
    [InlineData("number(\"1,5\", \",\", \",\")", "null")]
    public void Number_Converts_ParsesText(string expression, string expectedJson)
    {
        // Act
        var actual = Feel.Json(expression);

        // Assert
        Assert.Equal(expectedJson, actual);
    }

    // Camunda extensions that Modeler users write in mappings and conditions; they must parse at deploy time.
    [Theory]
    [InlineData("is blank(\"\")", "true")]
    [InlineData("is blank(\" \\t \")", "true")]
    [InlineData("is blank(\"hello world\")", "false")]
    [InlineData("is blank(1)", "null")]
    [InlineData("to base64(\"FEEL\")", "\"RkVFTA==\"")]
    [InlineData("from base64(\"RkVFTA==\")", "\"FEEL\"")]
    [InlineData("from base64(\"not base64!\")", "null")]
    [InlineData("string length(uuid())", "36")]
    [InlineData("matches(uuid(), \"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$\")", "true")]
    [InlineData("uuid() = uuid()", "false")]
    public void CamundaStringExtension_Called_FollowsCamunda(string expression, string expectedJson)
    {
        Assert.Equal(expectedJson, Feel.Json(expression));
    }
}
