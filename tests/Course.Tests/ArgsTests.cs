using Course;

namespace Course.Tests;

public sealed class ArgsTests
{
    [Fact]
    public void Reads_positionals_options_flags_and_equals_form()
    {
        var args = new Args(["grade", "a", "--out", "grades", "--jobs=2", "--keep-work", "b"], "keep-work");
        Assert.Equal(["grade", "a", "b"], args.Positional);
        Assert.Equal("grades", args.Text("out"));
        Assert.Equal(2, args.Long("jobs"));
        Assert.True(args.Flag("keep-work"));
        args.RejectUnknown();
    }

    [Fact]
    public void Everything_after_double_dash_is_positional()
    {
        var args = new Args(["--", "--out", "x"]);
        Assert.Equal(["--out", "x"], args.Positional);
    }

    [Theory]
    [InlineData(new[] { "--out" }, "--out needs a value")]
    [InlineData(new[] { "--out", "a", "--out", "b" }, "--out is given twice")]
    public void Malformed_options_are_usage_errors(string[] words, string message)
        => Assert.Equal(message, Assert.Throws<UsageException>(() => new Args(words)).Message);

    [Fact]
    public void An_option_nobody_read_is_an_error_naming_it()
    {
        var args = new Args(["--out", "x", "--tmie-limit", "3"]);
        _ = args.Text("out");
        Assert.Equal("unknown option --tmie-limit", Assert.Throws<UsageException>(args.RejectUnknown).Message);
    }

    [Theory]
    [InlineData("abc", "--jobs = 'abc' is not allowed: must be a whole number")]
    [InlineData("1.5", "--jobs = '1.5' is not allowed: must be a whole number")]
    public void Numbers_are_checked(string value, string message)
        => Assert.Equal(message, Assert.Throws<UsageException>(() => new Args(["--jobs", value]).Long("jobs")).Message);
}
