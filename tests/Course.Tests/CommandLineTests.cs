using System.Text.Json;
using Course;

namespace Course.Tests;

/// <summary>The quick-answer commands: price, schedule, events, ecr digest. Run in-process through Program.Run.</summary>
public sealed class CommandLineTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.Run(args, new CommandContext(output, error, Environment.CurrentDirectory));
        return (code, output.ToString().Replace("\r\n", "\n"), error.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void Price_lambda_prints_an_itemized_bill_with_free_tier_and_total()
    {
        var (code, output, _) = Run("price", "lambda", "--memory", "512", "--requests", "3000000", "--duration-ms", "1000");
        Assert.Equal(0, code);
        Assert.Contains("Requests", output);
        Assert.Contains("Free tier: requests", output);
        Assert.Contains("Compute, x86_64, tier 1", output);
        Assert.Contains("1,500,000 GB-s", output);
        Assert.Contains("Free tier: compute, x86_64", output);
        Assert.Contains("Total: $18.73", output);
        Assert.Contains("lambda.requests = $0.0000002", output); // each price with its source
    }

    [Fact]
    public void Price_lambda_json_is_the_same_bill_as_json()
    {
        var (code, output, _) = Run("price", "lambda", "--memory", "512", "--requests", "3000000", "--duration-ms", "1000", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(18.73m, doc.RootElement.GetProperty("total").GetDecimal());
        Assert.Equal(4, doc.RootElement.GetProperty("lines").GetArrayLength());
        Assert.All(doc.RootElement.GetProperty("lines").EnumerateArray(), l => Assert.False(string.IsNullOrEmpty(l.GetProperty("source").GetString())));
    }

    [Theory]
    [InlineData(new[] { "--arch", "arm64" }, "$15.07")]
    [InlineData(new[] { "--no-free-tier" }, "$25.60")]
    [InlineData(new[] { "--ephemeral-mb", "10240", "--no-free-tier" }, "Ephemeral storage above 512 MB")]
    public void Price_lambda_options_change_the_bill(string[] extra, string expected)
    {
        var (code, output, _) = Run(["price", "lambda", "--memory", "512", "--requests", "3000000", "--duration-ms", "1000", .. extra]);
        Assert.Equal(0, code);
        Assert.Contains(expected, output);
    }

    [Theory]
    [InlineData(new[] { "--memory", "64", "--requests", "1", "--duration-ms", "1" }, "--memory = '64' is not allowed: must be an integer from 128 to 10,240")]
    [InlineData(new[] { "--memory", "512", "--requests", "-1", "--duration-ms", "1" }, "--requests = '-1' is not allowed")]
    [InlineData(new[] { "--memory", "512", "--requests", "1", "--duration-ms", "1", "--ephemeral-mb", "100" }, "--ephemeral-mb = '100' is not allowed: must be an integer from 512 to 10,240")]
    [InlineData(new[] { "--memory", "512", "--requests", "1", "--duration-ms", "1", "--arch", "sparc" }, "--arch = 'sparc' is not allowed: must be one of x86_64, arm64")]
    [InlineData(new[] { "--memory", "99999999999", "--requests", "1", "--duration-ms", "1" }, "--memory = '99999999999' is not allowed: must be an integer from 128 to 10,240")]
    [InlineData(new[] { "--memory", "lots", "--requests", "1", "--duration-ms", "1" }, "--memory = 'lots' is not allowed: must be a whole number")]
    [InlineData(new[] { "--requests", "1", "--duration-ms", "1", "--colour", "red" }, "unknown option --colour")]
    public void Bad_input_is_one_error_line_naming_field_value_and_range_with_exit_code_2(string[] options, string message)
    {
        var (code, output, err) = Run(["price", "lambda", .. options]);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", err, StringComparison.Ordinal);
        Assert.Contains(message, err.Split('\n')[0]);
    }

    [Fact]
    public void Schedule_next_prints_fire_times_one_per_line()
    {
        var (code, output, _) = Run("schedule", "next", "cron(0 9 ? * 2#1 *)", "--from", "2024-01-01T00:00:00Z", "--count", "3");
        Assert.Equal(0, code);
        Assert.Equal(["2024-01-01T09:00:00Z", "2024-02-05T09:00:00Z", "2024-03-04T09:00:00Z"], output.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Schedule_explain_without_from_starts_at_the_courses_fixed_start_and_says_so_never_the_wall_clock()
    {
        var (code, output, _) = Run("schedule", "explain", "cron(0 9 ? * 2#1 *)");
        Assert.Equal(0, code);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("next 5 after 2026-01-01T00:00:00Z (the course's fixed start; --from <instant> for another):", lines[1]);
        Assert.Equal("  2026-01-05T09:00:00Z", lines[2]);
        Assert.Equal(Run("schedule", "next", "rate(1 day)").Out, Run("schedule", "next", "rate(1 day)", "--from", "2026-01-01T00:00:00Z").Out);
    }

    [Theory]
    [InlineData("0 10 * * *")]          // five-field Unix cron
    [InlineData("cron(0 10 1 * MON *)")] // both day fields
    [InlineData("rate(1 minutes)")]     // plural for 1
    [InlineData("cron(0 9 ? * 3#1,6#3 *)")]
    public void Schedule_next_rejects_bad_expressions_with_one_error_line_and_exit_code_2(string expression)
    {
        var (code, _, err) = Run("schedule", "next", expression, "--from", "2024-01-01T00:00:00Z");
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", err, StringComparison.Ordinal);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void Events_check_recognises_a_bundled_aws_event_file_and_finds_nothing_lost()
    {
        var file = Path.Combine(Repo.Root, "samples", "events", "s3-put.aws-lambda-dotnet.s3-event.json");
        var (code, output, _) = Run("events", "check", file);
        Assert.Equal(0, code);
        Assert.Contains("s3", output);
    }

    [Fact]
    public void Events_check_takes_a_bundled_sample_by_name_instead_of_a_file()
    {
        var (code, output, err) = Run("events", "check", "http-api-v2-request");
        Assert.True(code is 0 or 1, err); // 1 only when the round trip reports a difference, never "unreadable"
        Assert.Contains("http", output);
    }

    [Fact]
    public void Events_sample_prints_the_bundled_file_byte_for_byte_less_its_byte_order_mark()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "samples", "events"), "*.json"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var (code, output, err) = Run("events", "sample", name);
            Assert.True(code == 0, err);
            Assert.Equal(File.ReadAllText(file).TrimStart('\uFEFF').TrimEnd().Replace("\r\n", "\n"), output.TrimEnd());
        }
        var (listCode, list, _) = Run("events", "sample");
        Assert.Equal(0, listCode);
        Assert.Contains("s3-put", list);
        Assert.Equal(Directory.GetFiles(Path.Combine(Repo.Root, "samples", "events"), "*.json").Length + 1, list.TrimEnd().Split('\n').Length);
    }

    [Fact]
    public void Events_sample_with_an_unknown_name_is_one_error_line_listing_the_kinds()
    {
        var (code, _, err) = Run("events", "sample", "s3-putt");
        Assert.Equal(2, code);
        Assert.StartsWith("error: no sample event 's3-putt'; the kinds are ", err, StringComparison.Ordinal);
        Assert.Contains("s3-put", err);
    }

    [Fact]
    public void Lambda_invoke_thumbnail_runs_on_the_bundled_s3_put_sample_as_the_readme_shows()
    {
        var (code, output, err) = Run("lambda", "invoke", "thumbnail", "--event", "s3-put");
        Assert.True(code == 0, err);
        Assert.Contains("REPORT RequestId:", output);
    }

    [Fact]
    public void Events_check_says_unreadable_input_with_exit_code_2()
    {
        var file = Path.Combine(Path.GetTempPath(), $"not-json-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, "{ not json");
        try
        {
            Assert.Equal(2, Run("events", "check", file).Code);
            Assert.Equal(2, Run("events", "check", file + ".missing").Code);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Ecr_digest_is_the_sha256_of_the_file_bytes()
    {
        var file = Path.Combine(Path.GetTempPath(), $"manifest-{Guid.NewGuid():N}.json");
        var bytes = "{\"schemaVersion\":2}"u8.ToArray();
        File.WriteAllBytes(file, bytes);
        try
        {
            var (code, output, _) = Run("ecr", "digest", file);
            Assert.Equal(0, code);
            Assert.Equal("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), output.Trim());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Price_fargate_rejects_an_invalid_size_listing_the_valid_memory()
    {
        var (code, _, err) = Run("price", "fargate", "--cpu", "0.25", "--memory", "4", "--hours", "1");
        Assert.Equal(2, code);
        Assert.Contains("0.5", err);
        Assert.Contains("2", err);
    }
}
